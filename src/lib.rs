//! Claimtrail's core: the workspace, article import, and the data model the
//! CLI and the desktop app share. Nothing here knows about Tauri.

pub mod annotation_import;
pub mod articles;
#[cfg(feature = "bench")]
pub mod bench;
pub mod bundle;
pub mod change;
pub mod claims;
pub mod comments;
pub mod corrections;
pub mod example;
pub mod export;
pub mod history;
pub mod hub;
pub mod import;
pub mod links;
pub mod logging;
pub mod matches;
pub mod meaning;
pub mod merge;
pub mod model;
pub mod outlets;
pub mod persons;
pub mod reappearances;
pub mod review;
pub mod saved_searches;
pub mod search;
pub mod semantic;
pub mod store;
pub mod storylines;
pub mod suggestions;
pub mod timeline;
pub mod undo;
pub mod unmerge;
pub mod workspace;

// The pure text code lives in its own crate (no storage in its tree); its
// modules keep their paths here.
pub use claimtrail_text::{anchor, diff, suggest, timestamp};
