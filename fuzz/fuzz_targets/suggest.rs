//! Suggested claims and the Mark-claim hints on any article text.
#![no_main]

use claimtrail_text::suggest::{hints, suggest, ArticleContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, String, usize, usize)| {
    let (body, title, start, end) = input;
    let ctx = ArticleContext {
        body: &body,
        title: &title,
        published_at: Some("2025-12-15T02:37:51+05:30"),
        outlet: Some("ANI"),
        dateline: None,
    };
    let _ = suggest(&ctx, &[]);
    let _ = hints(&ctx, &[], start, end);
});
