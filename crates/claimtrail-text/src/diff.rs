//! Word-level differences between two texts, for showing silent edits.

use std::time::{Duration, Instant};

use similar::{ChangeTag, TextDiff};

use crate::model::{DiffOp, DiffSegment};

/// How long a diff may search for the smallest edit before settling for a
/// coarser one: two long, very different revisions must not stall the app.
const DEADLINE: Duration = Duration::from_secs(2);

/// The changes from `old` to `new`, word by word, with neighbouring pieces
/// of the same kind merged so the reader gets phrases, not single words.
pub fn words(old: &str, new: &str) -> Vec<DiffSegment> {
    let diff = TextDiff::configure()
        .deadline(Instant::now() + DEADLINE)
        .diff_unicode_words(old, new);
    let mut segments: Vec<DiffSegment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Equal,
            ChangeTag::Insert => DiffOp::Insert,
            ChangeTag::Delete => DiffOp::Delete,
        };
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(DiffSegment {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[DiffSegment]) -> String {
        segments
            .iter()
            .map(|s| match s.op {
                DiffOp::Equal => s.text.clone(),
                DiffOp::Insert => format!("[+{}]", s.text),
                DiffOp::Delete => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_shows_as_delete_then_insert() {
        let d = words(
            "Ukraine could accept guarantees",
            "Ukraine would accept guarantees",
        );
        assert_eq!(
            render(&d),
            "Ukraine [-could][+would] accept guarantees",
            "only the changed word differs"
        );
    }

    #[test]
    fn identical_texts_are_one_equal_segment() {
        let d = words("same text here", "same text here");
        assert_eq!(d.len(), 1, "no change means nothing to highlight");
        assert_eq!(d[0].op, DiffOp::Equal);
    }

    #[test]
    fn added_sentence_is_one_insert() {
        let d = words("One. Two.", "One. New words here. Two.");
        let inserted: Vec<_> = d.iter().filter(|s| s.op == DiffOp::Insert).collect();
        assert_eq!(
            inserted.len(),
            1,
            "consecutive inserted words merge into one phrase: {d:?}"
        );
        assert!(inserted[0].text.contains("New words here"));
    }
}
