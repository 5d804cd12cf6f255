//! Any text as a stored or typed time: parsing, its ordering key, and
//! writing it back.
#![no_main]

use claimtrail_text::timestamp::{sort_key_of, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(t) = text.parse::<Timestamp>() {
        let _ = t.sort_key();
        let _ = t.to_string().parse::<Timestamp>();
    }
    let _ = sort_key_of(text);
});
