//! An arbitrary stored selector (quote, context, position, from a bundle or
//! an annotation file) placed on arbitrary text, and a quote described
//! from an arbitrary span.
#![no_main]

use claimtrail_text::anchor::{describe, reanchor, Anchor, TextPositionSelector, TextQuoteSelector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, String, String, String, usize, usize)| {
    let (text, exact, prefix, suffix, start, end) = input;
    let anchor = Anchor {
        quote: TextQuoteSelector { exact, prefix, suffix },
        position: TextPositionSelector { start, end },
    };
    let _ = reanchor(&anchor, &text);
    let _ = describe(&text, start, end);
});
