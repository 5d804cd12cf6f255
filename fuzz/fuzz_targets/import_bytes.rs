//! Any bytes through an import: encoding detection (with and without a
//! declared charset), then the HTML, Markdown and plain-text parsers on what
//! it decoded. Refusals are answers; only a panic or a hang is a finding.
#![no_main]

use claimtrail_text::parse::{decode, html, markdown, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let declared = match mode % 4 {
        0 => None,
        1 => Some("windows-1251"),
        2 => Some("koi8-u"),
        _ => Some("utf-16le"),
    };
    let is_html = mode & 4 != 0;
    if let Ok(decoded) = decode::decode(bytes, declared, is_html) {
        let source = &decoded.text;
        if let Ok(mut article) = html::parse_html(source, Some("https://news.example/story")) {
            article.keep_only_web_addresses();
        }
        let _ = markdown::parse_markdown(source);
        let _ = text::parse_plain(source);
    }
});
