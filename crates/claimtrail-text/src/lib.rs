//! Claimtrail's pure text code: reading articles out of text, HTML and
//! Markdown (`parse`), anchoring spans with W3C selectors and re-anchoring
//! them in a new revision (`anchor`), suggesting the claims a text makes
//! (`suggest`), word diffs and times as sources give them. Nothing here
//! stores anything: the crate does not depend on sqlx, so the compiler
//! keeps it pure, and its functions are tested on text alone.

pub mod anchor;
pub mod diff;
pub mod model;
pub mod parse;
pub mod suggest;
pub mod timestamp;
