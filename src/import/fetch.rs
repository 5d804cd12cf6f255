//! Fetching a page by URL: a real HTTP client with timeouts, a size cap,
//! redirects followed and the content type checked before anything is parsed.
//!
//! A page on the internet cannot lead the fetch into the reporter's own
//! network: when the address given is a public one, a redirect to a
//! loopback, private, link-local or otherwise non-global address (by its
//! literal or by what its name resolves to, through a resolver that drops
//! such addresses) is refused, and so is a redirect from https to http. An
//! address the person typed on the local network (an intranet CMS) is
//! theirs to fetch, with its redirects.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use super::{ImportError, ParseError, Result, MAX_INPUT_BYTES};

/// A fetched response body with what the server said about it.
#[derive(Debug)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    pub bytes: Vec<u8>,
    /// The MIME type without parameters, lowercased.
    pub mime: Option<String>,
    /// The `charset` parameter of the Content-Type, if any.
    pub charset: Option<String>,
}

const ACCEPTED: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
];

/// How long and how much a fetch may take, and where it may go.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_bytes: u64,
    /// Whether redirects may lead to local (non-global) addresses: `None`
    /// decides by the address given (only when it is local itself).
    pub local_redirects: Option<bool>,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_INPUT_BYTES,
            local_redirects: None,
        }
    }
}

/// Why a fetch was stopped on its way: said to the person as it is.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// Whether an address is on the internet at large, not this computer, the
/// local network, a link-local range or a reserved one.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_global(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// Whether a redirect from `from` to `to` may be followed.
fn redirect_allowed(
    from: &reqwest::Url,
    to: &reqwest::Url,
    local: bool,
) -> std::result::Result<(), String> {
    if from.scheme() == "https" && to.scheme() == "http" {
        return Err(format!(
            "the page sent the import from a secure address to an insecure one ({to}); it was not followed"
        ));
    }
    if !matches!(to.scheme(), "http" | "https") {
        return Err(format!("the page redirected to {to}, not a web address"));
    }
    let literal = match to.host() {
        Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        _ => None,
    };
    if !local && literal.is_some_and(|ip| !is_global(ip)) {
        return Err(local_refusal(to.host_str().unwrap_or("")));
    }
    Ok(())
}

fn local_refusal(host: &str) -> String {
    format!("the page redirected to {host}, an address on this computer or its local network; a page from the internet may not lead an import there")
}

/// Resolves names as the system does, dropping local addresses unless
/// they may be reached (the name given by the person, or every name when
/// the address given was local).
struct GuardedResolver {
    origin: String,
    local: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        let open = self.local || host.eq_ignore_ascii_case(&self.origin);
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| open || is_global(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(Box::new(Refused(local_refusal(&host)))
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether the address the person gave is local: an address literal that
/// is not global, or a name all of whose addresses are not.
async fn is_local_origin(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(v4)) => !is_global(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => !is_global(IpAddr::V6(v6)),
        Some(url::Host::Domain(name)) => {
            match tokio::net::lookup_host((name, url.port_or_known_default().unwrap_or(80))).await {
                Ok(addrs) => {
                    let addrs: Vec<SocketAddr> = addrs.collect();
                    !addrs.is_empty() && addrs.iter().all(|a| !is_global(a.ip()))
                }
                Err(_) => false,
            }
        }
        None => false,
    }
}

fn client(limits: FetchLimits, origin: &reqwest::Url, local: bool) -> Result<reqwest::Client> {
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error(Refused("too many redirects".to_owned()));
        }
        let from = attempt.previous().last().cloned();
        let verdict = match &from {
            Some(from) => redirect_allowed(from, attempt.url(), local),
            None => Ok(()),
        };
        match verdict {
            Ok(()) => attempt.follow(),
            Err(why) => attempt.error(Refused(why)),
        }
    });
    reqwest::Client::builder()
        .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
        .timeout(limits.timeout)
        .redirect(policy)
        .dns_resolver(Arc::new(GuardedResolver {
            origin: origin.host_str().unwrap_or("").to_owned(),
            local,
        }))
        .user_agent(concat!(
            "Claimtrail/",
            env!("CARGO_PKG_VERSION"),
            " (article import)"
        ))
        .build()
        .map_err(|e| ImportError::Fetch(e.to_string()))
}

/// Downloads `url`, refusing non-text content and bodies over 50 MB.
pub async fn fetch(url: &str) -> Result<Fetched> {
    fetch_with(url, FetchLimits::default()).await
}

/// [`fetch`] with explicit limits.
pub async fn fetch_with(url: &str, limits: FetchLimits) -> Result<Fetched> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| ImportError::Fetch(format!("{url} is not a valid URL ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ImportError::Fetch(format!(
            "only http and https addresses can be imported, not {}",
            parsed.scheme()
        )));
    }
    let local = match limits.local_redirects {
        Some(allowed) => allowed,
        None => is_local_origin(&parsed).await,
    };
    let mut response = client(limits, &parsed, local)?
        .get(parsed)
        .send()
        .await
        .map_err(|e| ImportError::Fetch(describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(ImportError::Fetch(format!("the server answered {status}")));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (mime, charset) = split_content_type(content_type.as_deref());
    if let Some(m) = &mime {
        if !ACCEPTED.contains(&m.as_str()) {
            return Err(ImportError::Fetch(format!(
                "the page is {m}, not text or HTML"
            )));
        }
    }
    if let Some(n) = response.content_length().filter(|&n| n > limits.max_bytes) {
        return Err(ParseError::TooLarge {
            size: n,
            limit: limits.max_bytes,
        }
        .into());
    }
    let final_url = response.url().to_string();
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| ImportError::Fetch(describe(&e)))?
    {
        if bytes.len() as u64 + chunk.len() as u64 > limits.max_bytes {
            return Err(ParseError::TooLarge {
                size: bytes.len() as u64 + chunk.len() as u64,
                limit: limits.max_bytes,
            }
            .into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched {
        final_url,
        bytes,
        mime,
        charset,
    })
}

fn describe(e: &reqwest::Error) -> String {
    // A refusal of ours, wherever in the chain reqwest put it.
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(refused) = inner.downcast_ref::<Refused>() {
            return refused.0.clone();
        }
        source = inner.source();
    }
    if e.is_timeout() {
        "the server did not answer in time".to_owned()
    } else if e.is_redirect() {
        "too many redirects".to_owned()
    } else if e.is_connect() {
        "could not connect to the server".to_owned()
    } else {
        e.to_string()
    }
}

fn split_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned());
    (mime, charset)
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_and_reserved_addresses_are_not_global() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_global(local.parse().unwrap()), "{local}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_global(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn a_redirect_may_not_drop_to_http_or_into_the_local_network_from_the_internet() {
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        let https = url("https://news.example/a");
        assert!(redirect_allowed(&https, &url("https://news.example/b"), false).is_ok());
        let down = redirect_allowed(&https, &url("http://news.example/b"), false).unwrap_err();
        assert!(down.contains("insecure"), "{down}");
        let inside = redirect_allowed(&https, &url("http://169.254.169.254/latest"), false);
        assert!(inside.is_err(), "from https, and into link-local");
        let lan = redirect_allowed(
            &url("http://news.example/a"),
            &url("http://192.168.0.1/admin"),
            false,
        );
        assert!(lan.unwrap_err().contains("local network"));
        let intranet = redirect_allowed(
            &url("http://10.0.0.5/cms"),
            &url("http://10.0.0.6/story"),
            true,
        );
        assert!(
            intranet.is_ok(),
            "an intranet page the person chose may redirect within it"
        );
        assert!(redirect_allowed(&https, &url("ftp://files.example/x"), false).is_err());
    }

    use super::*;

    #[test]
    fn content_type_splits_into_mime_and_charset() {
        assert_eq!(
            split_content_type(Some("text/html; charset=\"windows-1251\"")),
            (
                Some("text/html".to_owned()),
                Some("windows-1251".to_owned())
            ),
            "the charset parameter decides decoding before any sniffing"
        );
        assert_eq!(
            split_content_type(Some("Text/Plain")),
            (Some("text/plain".to_owned()), None)
        );
    }
}
