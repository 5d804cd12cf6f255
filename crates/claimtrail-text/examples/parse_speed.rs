//! How fast real saved pages parse: every `.html` file of a folder (the
//! accuracy sets of `bench/accuracy/`), decoded once, then parsed
//! `--rounds` times. Prints pages per second; see BENCHMARKS.md.
//!
//!     cargo run --release -p claimtrail-text --example parse_speed -- ~/.cache/claimtrail-accuracy/trafilatura/tests/eval

use std::time::Instant;

use claimtrail_text::parse::decode::decode;
use claimtrail_text::parse::html::parse_html;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().expect("usage: parse_speed FOLDER [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "html" || e == "htm") {
            let bytes = std::fs::read(&path).expect("a readable page");
            if let Ok(decoded) = decode(&bytes, None, true) {
                pages.push(decoded.text);
            }
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    for round in 1..=rounds {
        let started = Instant::now();
        let parsed = pages.iter().filter(|p| parse_html(p, None).is_ok()).count();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "round {round}: {} pages ({:.1} MB), {parsed} with an article, {:.2} s: {:.0} pages/s",
            pages.len(),
            bytes as f64 / 1e6,
            secs,
            pages.len() as f64 / secs
        );
    }
}
