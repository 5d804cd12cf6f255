//! Splitting an article body into sentences a journalist would mark: a
//! full stop after "U.S.", "Mr." or "Dec." does not end one, a decimal
//! point never does, and a quote that runs over several sentences stays
//! one unit, because a claim quoted in two sentences is one appearance.

use std::ops::Range;

use crate::parse::text::dateline_end;

/// One sentence, or a group of sentences held together by a quote.
/// Ranges are byte offsets into the body.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sentence {
    pub range: Range<usize>,
    /// Index of the paragraph (line) the sentence belongs to.
    pub paragraph: usize,
    /// Quoted passages inside the sentence, quote marks included. A quote
    /// still open at the end of its paragraph runs to the paragraph's end
    /// (news copy leaves a quote open when it continues below).
    pub quotes: Vec<Range<usize>>,
}

/// Words that end with a full stop without ending a sentence. Compared
/// lowercased, without the stop.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "st", "jr", "sr", "gov", "lt", "col",
    "capt", "sgt", "maj", "adm", "cmdr", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "vs", "inc", "ltd", "co", "corp", "dept", "approx", "al",
    "rev", "hon", "mt", "ave",
];

/// Abbreviations that stand before a number ("No. 10", "Fig. 3"); before
/// anything else the word ends its sentence ("He said no. Talks ended.").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "fig", "art"];

/// Words that start a new sentence after a dotted abbreviation: "talks with
/// the U.S. The president said" ends after "U.S.", "the U.S. envoy" does not.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "But", "In", "On", "This", "That", "There", "A",
];

/// The sentences of `body`, in text order. Paragraphs are separated by
/// line breaks; a sentence never crosses one.
pub(super) fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (paragraph, line) in body.split('\n').enumerate() {
        let start = if offset == 0 {
            // Only the article's first paragraph carries a dateline.
            dateline_end(line).unwrap_or(0)
        } else {
            0
        };
        split_paragraph(line, start, offset, paragraph, &mut out);
        offset += line.len() + 1;
    }
    out
}

fn split_paragraph(
    line: &str,
    from: usize,
    offset: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let quotes = quote_spans(line);
    let mut start = from;
    for end in boundaries(line, from, &quotes) {
        push_sentence(line, start..end, offset, paragraph, &quotes, out);
        start = end;
    }
    push_sentence(line, start..line.len(), offset, paragraph, &quotes, out);
}

fn push_sentence(
    line: &str,
    range: Range<usize>,
    offset: usize,
    paragraph: usize,
    quotes: &[Quote],
    out: &mut Vec<Sentence>,
) {
    let text = &line[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    let range = range.start + lead..range.end - trail;
    if range.is_empty() {
        return;
    }
    let inside = quotes
        .iter()
        .map(|q| &q.range)
        .filter(|q| q.start < range.end && range.start < q.end)
        .map(|q| q.start.max(range.start) + offset..q.end.min(range.end) + offset)
        .collect();
    out.push(Sentence {
        range: range.start + offset..range.end + offset,
        paragraph,
        quotes: inside,
    });
}

/// A quoted passage of a paragraph, quote marks included.
struct Quote {
    range: Range<usize>,
    /// False for a quote still open at the paragraph's end.
    closed: bool,
}

impl Quote {
    fn closed(range: Range<usize>) -> Quote {
        Quote {
            range,
            closed: true,
        }
    }
}

/// Quoted passages of one paragraph: curly quotes nest, straight quotes
/// alternate open and close, guillemets nest. Single quotes are left out:
/// ’ is far more often an apostrophe than a quote mark.
fn quote_spans(line: &str) -> Vec<Quote> {
    let mut spans = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    let mut previous = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Two apostrophes close a double quote in some wire copy
        // (“It was a mistake,’’ she said).
        let doubled = c == '’' && chars.peek().is_some_and(|&(_, n)| n == '’');
        match c {
            '“' | '«' | '„' => curly.push(i),
            '”' | '»' => {
                if let Some(open) = curly.pop() {
                    spans.push(Quote::closed(open..i + c.len_utf8()));
                } else if let Some(open) = straight.take() {
                    // A straight quote closed by a curly one.
                    spans.push(Quote::closed(open..i + c.len_utf8()));
                }
            }
            '’' if doubled && !curly.is_empty() => {
                chars.next();
                if let Some(open) = curly.pop() {
                    spans.push(Quote::closed(open..i + 2 * c.len_utf8()));
                }
            }
            '"' => match straight.take() {
                Some(open) => spans.push(Quote::closed(open..i + 1)),
                // A curly quote closed by a straight one: the mark
                // follows a word or punctuation, as a closing mark does.
                None if !curly.is_empty() && !previous.is_whitespace() => {
                    if let Some(open) = curly.pop() {
                        spans.push(Quote::closed(open..i + 1));
                    }
                }
                None => straight = Some(i),
            },
            _ => {}
        }
        previous = c;
    }
    // An unclosed quote runs to the end of the paragraph.
    if let Some(open) = straight.into_iter().chain(curly.first().copied()).min() {
        spans.push(Quote {
            range: open..line.len(),
            closed: false,
        });
    }
    spans.sort_by_key(|s| s.range.start);
    spans
}

/// Byte offsets (in `line`) where a sentence ends and the next begins.
fn boundaries(line: &str, from: usize, quotes: &[Quote]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line[from..]
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Closing marks after the stop belong to the sentence it ends.
        let mut j = i + 1;
        while j < chars.len() && is_closer(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(line.len(), |&(b, _)| b);
        let next_word = next_word(&chars, j);
        let ends = j < chars.len()
            && chars[j].1.is_whitespace()
            && next_word.is_some_and(|(_, first)| starts_sentence(first))
            && !(c == '.' && is_abbreviation(line, at, next_word.map(|(w, _)| w)))
            && !inside_closed_quote(end, quotes)
            && !(quoted_end(&chars[i..j]) && attribution_follows(&line[end..]));
        if ends {
            found.push(end);
        }
        i = j.max(i + 1);
    }
    found
}

/// The word after the whitespace at `j`, and its first character.
fn next_word(chars: &[(usize, char)], j: usize) -> Option<(&[(usize, char)], char)> {
    let start = (j..chars.len()).find(|&k| !chars[k].1.is_whitespace())?;
    let end = (start..chars.len())
        .find(|&k| chars[k].1.is_whitespace())
        .unwrap_or(chars.len());
    Some((&chars[start..end], chars[start].1))
}

/// Whether the stop and closing marks end a quote (`?”`, `."`).
fn quoted_end(marks: &[(usize, char)]) -> bool {
    marks
        .iter()
        .any(|&(_, c)| matches!(c, '"' | '”' | '’' | '»' | '\''))
}

/// Verbs of a short attribution that follows its quote.
const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "testified",
    "told",
    "added",
    "wrote",
    "asked",
    "tweeted",
    "recalled",
    "explained",
    "replied",
    "continued",
    "insisted",
    "warned",
    "stressed",
    "noted",
];

/// Whether the text after a quote's stop is a short attribution of it
/// ("“Is it over?” Holmes testified."): up to six words to the next stop,
/// one of them a verb of saying, so it belongs to the quote's sentence.
fn attribution_follows(rest: &str) -> bool {
    let clause = rest
        .split(['.', '!', '?', '"', '“', '”'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.len() <= 6 && words.iter().any(|w| ATTRIBUTION_VERBS.contains(w))
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '.' | '!' | '?'
    )
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«' | '„')
}

/// Whether the full stop at `at` closes an abbreviation, an initial or a
/// dotted acronym rather than a sentence.
fn is_abbreviation(line: &str, at: usize, next: Option<&[(usize, char)]>) -> bool {
    let before = &line[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        // "U.S.", "a.m.": a dotted acronym ends a sentence only before a
        // word that usually starts one.
        let next: String = next.unwrap_or_default().iter().map(|(_, c)| c).collect();
        return !SENTENCE_STARTERS.contains(&next.as_str());
    }
    let mut letters = word.chars();
    let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    let lower = word.to_lowercase();
    let before_number = next
        .and_then(|w| w.first())
        .is_some_and(|(_, c)| c.is_ascii_digit());
    initial
        || ABBREVIATIONS.contains(&lower.as_str())
        || before_number && NUMBER_ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a boundary at `end` would cut a quote that closes later in the
/// paragraph. A quote left open to the paragraph's end does not hold its
/// sentences together: a stray mark must not swallow a paragraph.
fn inside_closed_quote(end: usize, quotes: &[Quote]) -> bool {
    quotes
        .iter()
        .any(|q| q.closed && q.range.start < end && end < q.range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn texts(body: &str) -> Vec<&str> {
        sentences(body)
            .into_iter()
            .map(|s| &body[s.range])
            .collect()
    }

    #[rstest]
    #[case::plain("Talks began. They ended.", &["Talks began.", "They ended."])]
    #[case::us("The U.S. envoy came. He left.", &["The U.S. envoy came.", "He left."])]
    #[case::us_at_end(
        "He met the U.S. The talks ended.",
        &["He met the U.S.", "The talks ended."]
    )]
    #[case::mr("Mr. Witkoff arrived. He spoke.", &["Mr. Witkoff arrived.", "He spoke."])]
    #[case::month("On Dec. 14 he spoke. Then he left.", &["On Dec. 14 he spoke.", "Then he left."])]
    #[case::initials(
        "Donald J. Trump said so. Nobody agreed.",
        &["Donald J. Trump said so.", "Nobody agreed."]
    )]
    #[case::decimal("Growth was 3.5 percent. It fell.", &["Growth was 3.5 percent.", "It fell."])]
    #[case::question("Is it over? No.", &["Is it over?", "No."])]
    #[case::quote_ends_sentence(
        "He said: \"It is over.\" Then he left.",
        &["He said: \"It is over.\"", "Then he left."]
    )]
    #[case::quote_spanning_sentences(
        "\"We want peace. We want it now,\" he said. Nobody answered.",
        &["\"We want peace. We want it now,\" he said.", "Nobody answered."]
    )]
    #[case::curly_spanning(
        "“We want peace. We want it now,” he said. Nobody answered.",
        &["“We want peace. We want it now,” he said.", "Nobody answered."]
    )]
    #[case::unclosed_quote_does_not_swallow(
        "\"We want peace. He left. She stayed.",
        &["\"We want peace.", "He left.", "She stayed."]
    )]
    #[case::number_abbreviation(
        "He lives at No. 10 Downing Street. He said no. Talks ended.",
        &["He lives at No. 10 Downing Street.", "He said no.", "Talks ended."]
    )]
    #[case::paragraphs("One here.\n\nTwo there.", &["One here.", "Two there."])]
    #[case::lowercase_after_stop("It rose to 5 p.m. and stayed.", &["It rose to 5 p.m. and stayed."])]
    fn splits_sentences(#[case] body: &str, #[case] expected: &[&str]) {
        assert_eq!(
            texts(body),
            expected,
            "abbreviations, decimals and quotes decide where sentences end"
        );
    }

    #[test]
    fn skips_the_dateline_of_the_first_paragraph() {
        let body = "KYIV, Dec 15 (Reuters) - Ukraine will not withdraw, Zelenskiy said.";
        assert_eq!(
            texts(body),
            vec!["Ukraine will not withdraw, Zelenskiy said."],
            "the dateline is not part of the first sentence"
        );
    }

    #[test]
    fn records_quotes_nested_and_straight() {
        let body = "“He called it ‘a trap’,” she said, adding \"no\".";
        let s = &sentences(body)[0];
        let quoted: Vec<&str> = s.quotes.iter().map(|q| &body[q.clone()]).collect();
        assert_eq!(
            quoted,
            vec!["“He called it ‘a trap’,”", "\"no\""],
            "curly and straight quotes are both found; single quotes stay inside"
        );
    }
}
