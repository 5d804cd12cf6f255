//! Fetching a page by URL: a real HTTP client with timeouts, a size cap,
//! redirects followed and the content type checked before anything is parsed.

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

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_INPUT_BYTES,
        }
    }
}

fn client(limits: FetchLimits) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
        .timeout(limits.timeout)
        .redirect(reqwest::redirect::Policy::limited(10))
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
    let mut response = client(limits)?
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
