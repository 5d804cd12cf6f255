//! Bringing articles in: from bytes (a file, a URL's body, pasted text) to a
//! stored article or revision, one transaction per input.
//!
//! The stages are separate so each can be tested alone: the text crate's
//! `parse` (bytes → a [`ParsedArticle`], or a refusal), then
//! `crate::articles::store_parsed` deciding imported / duplicate / revised.

pub use claimtrail_text::parse::{
    decode, html, markdown, relays, text, ParseError, ParsedArticle, MAX_INPUT_BYTES,
};

/// Why one input was not imported. Messages are shown to journalists as they
/// are: they say what happened and that nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not an article (binary, empty, too large, no text).
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("Could not read {path}: {source}. Nothing was imported.")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("Could not fetch the page: {0}. Nothing was imported.")]
    Fetch(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Stored with others in one transaction whose commit failed (the
    /// message is the workspace's error).
    #[error("{0} Nothing from this part of the batch was saved.")]
    NotSaved(String),
}

pub type Result<T> = std::result::Result<T, ImportError>;

mod fetch;
mod pipeline;

pub use fetch::{fetch, fetch_with, FetchLimits, Fetched};
pub use pipeline::{
    expand_inputs, expand_paths, find_tracked_claims, import_batch, import_bytes, import_input,
    parse_bytes, Hints, Input, BATCH_ARTICLES,
};
