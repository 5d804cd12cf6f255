//! Suggested claims measured on real coverage: how many of the statements a
//! fact-checker marked by hand `suggest` catches, how many of its
//! suggestions are worth marking, and how often it names the right speaker.
//!
//! The labels are in `bench/suggest/labels.json`; the article texts are
//! third-party and stay out of the repository (`bench/suggest/README.md`
//! says where to get them). Run with the texts' file in
//! `CLAIMTRAIL_SUGGEST_CORPUS`:
//!
//! ```text
//! CLAIMTRAIL_SUGGEST_CORPUS=/path/to/ground-truth.json \
//!   cargo run -p claimtrail-text --example suggest_accuracy --release [-- --misses]
//! ```
//!
//! Without the variable it says so and exits successfully. `--misses`
//! lists, for the `dev` and `heldout` splits, the labels missed, the
//! speakers got wrong and the suggestions not worth marking; `heldout2`
//! is only ever counted (it is the split no rule has been read from).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimtrail_text::model::{AppearanceKind, Suggestion};
use claimtrail_text::suggest::{suggest, ArticleContext};
use serde_json::Value;

fn main() -> ExitCode {
    let Some(corpus) = std::env::var_os("CLAIMTRAIL_SUGGEST_CORPUS") else {
        println!(
            "suggest_accuracy: skipped, CLAIMTRAIL_SUGGEST_CORPUS is not set (see bench/suggest/README.md)"
        );
        return ExitCode::SUCCESS;
    };
    let show_misses = std::env::args().any(|a| a == "--misses");
    let labels_path = std::env::var_os("CLAIMTRAIL_SUGGEST_LABELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/suggest/labels.json")
        });
    let labels: Value = match read_json(&labels_path) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("suggest_accuracy: {e}");
            return ExitCode::FAILURE;
        }
    };
    let corpus: Value = match read_json(&PathBuf::from(corpus)) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("suggest_accuracy: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut totals: HashMap<String, Tally> = HashMap::new();
    let mut problems = 0;
    for article in labels["articles"].as_array().into_iter().flatten() {
        let id = article["id"].as_str().unwrap_or_default();
        let split = article["split"].as_str().unwrap_or("dev").to_owned();
        let Some(body) = corpus[id]["articleBody"].as_str() else {
            eprintln!("suggest_accuracy: article {id} is not in the corpus");
            problems += 1;
            continue;
        };
        let body = body.replace("\r\n", "\n");
        let ctx = ArticleContext {
            body: &body,
            title: "",
            published_at: None,
            outlet: article["outlet"].as_str(),
            dateline: None,
        };
        let suggestions = suggest(&ctx, &[]);
        let mut marked: Vec<Marked> = Vec::new();
        for label in article["labels"].as_array().into_iter().flatten() {
            let snippet = label["snippet"].as_str().unwrap_or_default();
            let found: Vec<usize> = body.match_indices(snippet).map(|(i, _)| i).collect();
            if found.len() != 1 {
                eprintln!(
                    "suggest_accuracy: {id}: snippet {snippet:?} found {} times (must be once)",
                    found.len()
                );
                problems += 1;
                continue;
            }
            let start = body[..found[0]].chars().count();
            let end = start + snippet.chars().count();
            let speakers: Vec<String> = match &label["speaker"] {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect(),
                _ => vec![],
            };
            marked.push(Marked {
                snippet: snippet.to_owned(),
                start,
                end,
                speakers,
            });
        }
        let tally = score(&marked, &suggestions);
        if show_misses && split != "heldout2" {
            print_misses(id, &marked, &suggestions);
        }
        totals.entry(split).or_default().add(&tally);
        totals.entry("all".into()).or_default().add(&tally);
    }
    println!(
        "{:<8} {:>8} {:>7} {:>7} {:>11} {:>10} {:>10} {:>12}",
        "split",
        "articles",
        "labels",
        "recall",
        "suggestions",
        "precision",
        "attributed",
        "speaker"
    );
    for split in ["dev", "heldout", "heldout2", "all"] {
        if let Some(t) = totals.get(split) {
            println!(
                "{:<8} {:>8} {:>7} {:>7} {:>11} {:>10} {:>10} {:>12}",
                split,
                t.articles,
                t.labels,
                ratio(t.caught, t.labels),
                t.suggestions,
                ratio(t.worth, t.suggestions),
                ratio(t.attributed_worth, t.attributed),
                ratio(t.speaker_right, t.caught),
            );
        }
    }
    println!(
        "recall: labels a suggestion overlaps; precision: suggestions overlapping a label \
         (attributed: quotes and reported speech only); speaker: right on those caught"
    );
    if problems > 0 {
        eprintln!("suggest_accuracy: {problems} problem(s) with the labels or the corpus");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn read_json(path: &PathBuf) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// One hand-made label: where its snippet is (code points) and who may be
/// named as its speaker.
struct Marked {
    snippet: String,
    start: usize,
    end: usize,
    speakers: Vec<String>,
}

#[derive(Default)]
struct Tally {
    articles: usize,
    labels: usize,
    caught: usize,
    speaker_right: usize,
    suggestions: usize,
    worth: usize,
    attributed: usize,
    attributed_worth: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.articles += o.articles;
        self.labels += o.labels;
        self.caught += o.caught;
        self.speaker_right += o.speaker_right;
        self.suggestions += o.suggestions;
        self.worth += o.worth;
        self.attributed += o.attributed;
        self.attributed_worth += o.attributed_worth;
    }
}

fn overlap(s: &Suggestion, m: &Marked) -> usize {
    let (a, b) = (s.start as usize, s.end as usize);
    b.min(m.end).saturating_sub(a.max(m.start))
}

/// The suggestion that covers most of a label, if any covers it at all.
fn best<'s>(m: &Marked, suggestions: &'s [Suggestion]) -> Option<&'s Suggestion> {
    suggestions
        .iter()
        .map(|s| (overlap(s, m), s))
        .filter(|(o, _)| *o > 0)
        .fold(
            None,
            |acc: Option<(usize, &Suggestion)>, (o, s)| match acc {
                Some((best, _)) if best >= o => acc,
                _ => Some((o, s)),
            },
        )
        .map(|(_, s)| s)
}

fn speaker_of(s: &Suggestion) -> Option<&str> {
    s.speaker.as_deref().or(s.hints.speaker.as_deref())
}

fn score(marked: &[Marked], suggestions: &[Suggestion]) -> Tally {
    let mut t = Tally {
        articles: 1,
        labels: marked.len(),
        suggestions: suggestions.len(),
        ..Tally::default()
    };
    for m in marked {
        if let Some(s) = best(m, suggestions) {
            t.caught += 1;
            if speaker_of(s).is_some_and(|found| m.speakers.iter().any(|l| same_speaker(found, l)))
            {
                t.speaker_right += 1;
            }
        }
    }
    for s in suggestions {
        let worth = marked.iter().any(|m| overlap(s, m) > 0);
        let attributed = matches!(
            s.kind,
            AppearanceKind::DirectQuote | AppearanceKind::Paraphrase
        );
        t.worth += usize::from(worth);
        t.attributed += usize::from(attributed);
        t.attributed_worth += usize::from(attributed && worth);
    }
    t
}

/// Words of a speaker name, compared loosely: lowercase, apostrophes
/// unified, full stops, a leading "the", a possessive "'s" and "Jr."/"Sr."
/// dropped.
fn words(name: &str) -> Vec<String> {
    let folded: String = name
        .to_lowercase()
        .replace(['’', '‘'], "'")
        .replace('.', "");
    let mut words: Vec<String> = folded
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").to_owned())
        .collect();
    if words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
    {
        words.remove(0);
    }
    while words.last().is_some_and(|w| w == "jr" || w == "sr") {
        words.pop();
    }
    words
}

/// The same speaker: equal names, one the end of the other, the same
/// last word (a surname: "Noem" is "Kristi Noem"; "officials" is "US
/// officials"), or the label followed by a place or a description ("a
/// doctor on the scene" is "doctor").
fn same_speaker(found: &str, label: &str) -> bool {
    let (a, b) = (words(found), words(label));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let described = (0..a.len()).any(|i| {
        a[i..].starts_with(&b)
            && a.get(i + b.len()).is_some_and(|next| {
                matches!(
                    next.as_str(),
                    "on" | "in" | "at" | "for" | "of" | "from" | "with"
                )
            })
    });
    a == b || a.ends_with(&b) || b.ends_with(&a) || a.last() == b.last() || described
}

fn ratio(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.3}", n as f64 / d as f64)
    }
}

fn print_misses(id: &str, marked: &[Marked], suggestions: &[Suggestion]) {
    let short = &id[..id.len().min(8)];
    for m in marked {
        match best(m, suggestions) {
            None => println!(
                "{short} MISSED  {:?} ({})",
                m.snippet,
                m.speakers.join(" | ")
            ),
            Some(s) => {
                let found = speaker_of(s).unwrap_or("-");
                if !m.speakers.iter().any(|l| same_speaker(found, l)) {
                    println!(
                        "{short} SPEAKER {:?}: found {found:?}, labelled {}",
                        m.snippet,
                        m.speakers.join(" | ")
                    );
                }
            }
        }
    }
    for s in suggestions {
        if !marked.iter().any(|m| overlap(s, m) > 0) {
            println!(
                "{short} EXTRA   {:?} {:?} speaker {:?}",
                s.kind,
                s.exact.chars().take(140).collect::<String>(),
                speaker_of(s)
            );
        }
    }
}
