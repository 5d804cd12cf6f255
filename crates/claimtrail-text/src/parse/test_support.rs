//! Helpers the parsers' unit tests share: fixtures, expected times, and
//! random inputs built from the pieces a parser reacts to.

use chrono::{DateTime, NaiveDateTime};
use proptest::prelude::*;

use crate::timestamp::Timestamp;

/// The text of `tests/fixtures/import/<name>`.
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A time as written, offset included: `Timestamp`'s equality compares
/// zoned times by their instant, which a test of an offset must not.
pub fn written(t: Option<Timestamp>) -> Option<String> {
    t.map(|t| t.to_string())
}

pub fn zoned(s: &str) -> Option<Timestamp> {
    Some(Timestamp::Zoned(
        DateTime::parse_from_rfc3339(s).expect("test time"),
    ))
}

pub fn floating(s: &str) -> Option<Timestamp> {
    Some(Timestamp::Floating(
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").expect("test time"),
    ))
}

pub fn date(s: &str) -> Option<Timestamp> {
    Some(Timestamp::Date(
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"),
    ))
}

pub fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// Up to 40 of `pieces` and random printable runs, in any order: inputs
/// that reach a parser's special cases far more often than random text.
pub fn text_from_pieces(pieces: &[&str]) -> impl Strategy<Value = String> {
    text_from_pieces_and_runs(pieces, "\\PC{0,30}")
}

/// [`text_from_pieces`] with random runs matching the regex `runs`.
pub fn text_from_pieces_and_runs(
    pieces: &[&str],
    runs: &'static str,
) -> impl Strategy<Value = String> {
    let pieces: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
    let piece = prop_oneof![proptest::sample::select(pieces), runs];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}
