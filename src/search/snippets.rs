//! Snippets: FTS5's `snippet()` with the hits marked by noncharacters, and
//! the marked text split into plain and hit parts.

use crate::model::SnippetPart;

/// Noncharacters around the hits in FTS5 snippets, split out again before
/// anything leaves the core: imported text never carries markup. Unicode
/// reserves them for a program's internal use and import removes them
/// from texts, so they cannot stand in an article.
const HIT_START: char = '\u{FDD0}';
const HIT_END: char = '\u{FDD1}';

/// Splits an FTS5 snippet made with [`HIT_START`]/[`HIT_END`] into parts.
pub fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    let mut flush = |text: &mut String, hit: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.clone(),
                hit,
            }),
        }
        text.clear();
    };
    for c in snippet.chars() {
        match c {
            HIT_START => {
                flush(&mut text, hit);
                hit = true;
            }
            HIT_END => {
                flush(&mut text, hit);
                hit = false;
            }
            // Whitespace runs (paragraph breaks) read as one space in a snippet.
            c if c.is_whitespace() => {
                if !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            c => text.push(c),
        }
    }
    flush(&mut text, hit);
    parts
}

/// Ranked queries order by the FTS5 `rank` column (with `rank MATCH` for
/// column weights): FTS5 then hands rows over best first, so the joins,
/// filters and snippets run for the rows shown, not for every match of a
/// common word (`ORDER BY bm25(...)` sorted all of them first).
pub(super) fn snippet_sql(table: &str, column: i32, tokens: u32) -> String {
    format!(
        "snippet({table}, {column}, char({}), char({}), '…', {tokens})",
        HIT_START as u32, HIT_END as u32
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_at_the_hit_markers_and_fold_whitespace() {
        let parts = snippet_parts("…the \u{FDD0}grain\u{FDD1} deal\n\nwas \u{FDD0}off\u{FDD1}");
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "…the ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "grain".into(),
                    hit: true
                },
                SnippetPart {
                    text: " deal was ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "off".into(),
                    hit: true
                },
            ]
        );
    }
}
