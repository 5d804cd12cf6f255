//! Reading an article out of bytes: `decode` (bytes → text, or a
//! refusal), then a parser chosen by format (`text`, `html`, `markdown`)
//! producing a [`ParsedArticle`]; `relays` finds the outlets a text relays
//! from. Storing what was parsed is the core's `import` module.

pub mod decode;
pub mod html;
pub mod markdown;
pub mod relays;
pub mod text;
mod zones;

#[cfg(test)]
pub(crate) mod test_support;

use crate::model::RelayCandidate;
use crate::timestamp::Timestamp;

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;

/// What a parser found in one input. Everything is optional except the body:
/// sources omit metadata all the time, and a missing field must not be faked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedArticle {
    pub title: Option<String>,
    /// Author line as printed ("Jane Doe", "ANI").
    pub byline: Option<String>,
    /// Who published it (site name, agency for agency copy).
    pub outlet: Option<String>,
    /// Agency credited in the text itself ("(Reuters)" in the dateline),
    /// whether or not it is also the outlet.
    pub wire_credit: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    /// An address the source gave for itself that is not a web address (a
    /// `javascript:` link, markup in `og:url`): kept aside as it was, never
    /// stored as the article's address or linked (see
    /// [`ParsedArticle::keep_only_web_addresses`]).
    pub declared_url: Option<String>,
    pub published_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    /// Place of the dateline, normalised to "City, Country" when the
    /// country is given ("Kyiv [Ukraine]" → "Kyiv, Ukraine").
    pub dateline: Option<String>,
    /// BCP 47 tag when the source declares one.
    pub language: Option<String>,
    /// Body paragraphs, trimmed, in order, none empty.
    pub paragraphs: Vec<String>,
    /// Text kept out of the body but worth keeping (teasers, disclaimers).
    pub boilerplate: Vec<String>,
    pub relays: Vec<RelayCandidate>,
}

impl ParsedArticle {
    /// Keeps `url` and `canonical_url` only when they are web addresses
    /// (in their parsed form, without credentials); a declared address
    /// that is not one moves to `declared_url`.
    pub fn keep_only_web_addresses(&mut self) {
        for slot in [&mut self.url, &mut self.canonical_url] {
            if let Some(raw) = slot.take() {
                match web_address(&raw) {
                    Some(url) => *slot = Some(url.to_string()),
                    None => {
                        if self.declared_url.is_none() {
                            self.declared_url = Some(raw);
                        }
                    }
                }
            }
        }
    }
}

/// An address as Claimtrail stores and publishes one: only an absolute
/// http(s) URL with a host, in its parsed form, without a user name or
/// password. Anything else (`javascript:`, markup that came in as a page's
/// `og:url`) is None.
pub fn web_address(raw: &str) -> Option<url::Url> {
    let mut url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Some(url)
}

/// Why an input is not an article. Messages are shown to journalists as
/// they are: they say what happened and that nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("This file is not text or HTML (it looks like {0}). Nothing was imported.")]
    Binary(&'static str),
    #[error("This is a .{0} file ({1}), not an article. Nothing was imported.")]
    NotAnArticle(String, &'static str),
    #[error("This file is empty. Nothing was imported.")]
    Empty,
    #[error("This file is {} MB, over the {} MB limit for one article. Nothing was imported.", mb(*.size), mb(*.limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("This file is not valid UTF-8: the byte at offset {offset} breaks it (the text may have been damaged). Save it again as UTF-8. Nothing was imported.")]
    InvalidUtf8 { offset: usize },
    #[error("This file is not valid UTF-8 and its character encoding could not be recognised. Save it as UTF-8 and import it again. Nothing was imported.")]
    UnknownEncoding,
    #[error("No article text was found ({0}). Nothing was imported.")]
    NoArticle(String),
}

pub type Result<T> = std::result::Result<T, ParseError>;

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}
