//! Word folding: the words of a text with their places, each normalised
//! for comparison (case, diacritics, punctuation, possessives,
//! transliterated endings, British spelling), so two wordings of a quote
//! compare equal where a reader would call them the same.

use crate::persons;

/// A word of a text as matching sees it: its folded form and where it is
/// (code points).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`: runs of letters and digits, keeping the dots,
/// apostrophes and commas between them ("U.S.", "don't", "10,000"), each
/// folded by [`fold_word`].
pub fn words(text: &str) -> Vec<Word> {
    word_spans(text)
        .into_iter()
        .filter_map(|(start, end, bytes)| {
            let key = fold_word(&text[bytes]);
            (!key.is_empty()).then_some(Word { key, start, end })
        })
        .collect()
}

/// Where the words of `text` are: their chars `[start, end)` and bytes.
pub(super) fn word_spans(text: &str) -> Vec<(usize, usize, std::ops::Range<usize>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i].1;
            let joins = matches!(c, '.' | '\'' | '\u{2019}' | ',')
                && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                && (c != ','
                    || (chars[i - 1].1.is_ascii_digit() && chars[i + 1].1.is_ascii_digit()));
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            i += 1;
        }
        spans.push((start, i, byte_at(start)..byte_at(i)));
    }
    spans
}

/// Folds one word: case, diacritics and punctuation ("U.S." → "us"), a
/// possessive "'s", the endings transliterations vary ("-yy", "-iy", "-ij",
/// "-ii" → "-y", as [`name_key`](crate::persons::name_key) folds names),
/// and British spellings to American.
pub fn fold_word(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    for c in word.chars().filter(|c| c.is_alphanumeric()) {
        let c = persons::fold_diacritic(c);
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    let possessive = ["'s", "'S", "\u{2019}s", "\u{2019}S"]
        .iter()
        .any(|s| word.ends_with(s));
    if possessive && key.len() > 2 {
        key.pop();
    }
    for ending in ["yy", "iy", "ij", "ii"] {
        if key.len() > 3 && key.ends_with(ending) {
            key.truncate(key.len() - ending.len());
            key.push('y');
            break;
        }
    }
    figure(american(key))
}

/// A number written as a word, as a figure: "two days" and "2 days" are
/// the same words to a reader. Zero to twenty and the tens; "one" too,
/// though it is also a pronoun (both sides fold alike, so nothing that
/// matched stops matching).
fn figure(word: String) -> String {
    const NUMBERS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 7] = [
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = NUMBERS.iter().position(|w| *w == word) {
        return n.to_string();
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return ((n + 3) * 10).to_string();
    }
    word
}

/// British spellings to American ones, by the regular endings and a few
/// words; applied to both sides, so a rule that also folds an unrelated
/// word ("promise" → "promize") changes nothing that matters.
fn american(word: String) -> String {
    const WORDS: [(&str, &str); 14] = [
        ("programme", "program"),
        ("programmes", "programs"),
        ("cheque", "check"),
        ("tyre", "tire"),
        ("aluminium", "aluminum"),
        ("grey", "gray"),
        ("plough", "plow"),
        ("sceptic", "skeptic"),
        ("sceptical", "skeptical"),
        ("manoeuvre", "maneuver"),
        ("jewellery", "jewelry"),
        ("mould", "mold"),
        ("storey", "story"),
        ("whilst", "while"),
    ];
    if let Some((_, us)) = WORDS.iter().find(|(uk, _)| *uk == word.as_str()) {
        return (*us).to_owned();
    }
    // (British ending, American ending, shortest stem before it)
    const ENDINGS: [(&str, &str, usize); 22] = [
        ("isations", "izations", 3),
        ("isation", "ization", 3),
        ("ising", "izing", 3),
        ("ised", "ized", 3),
        ("ises", "izes", 3),
        ("ise", "ize", 3),
        ("ysing", "yzing", 3),
        ("ysed", "yzed", 3),
        ("yse", "yze", 3),
        ("ourite", "orite", 2),
        ("ouring", "oring", 3),
        ("oured", "ored", 3),
        ("ours", "ors", 3),
        ("our", "or", 3),
        ("ences", "enses", 2),
        ("ence", "ense", 2),
        ("tres", "ters", 2),
        ("tre", "ter", 2),
        ("ogue", "og", 3),
        ("elling", "eling", 2),
        ("elled", "eled", 2),
        ("eller", "eler", 2),
    ];
    for (uk, us, stem) in ENDINGS {
        if let Some(base) = word.strip_suffix(uk) {
            if base.chars().count() >= stem {
                return format!("{base}{us}");
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn punctuation_case_and_spacing_are_not_words() {
        assert_eq!(
            keys("\u{201c}We will NOT  give up\u{201d} \u{2014} he said."),
            keys("\"we will not give up\" - he said")
        );
    }

    #[test]
    fn acronyms_numbers_and_possessives_keep_together() {
        assert_eq!(keys("U.S. aid"), keys("US aid"));
        assert_eq!(keys("10,000 troops"), vec!["10000", "troops"]);
        assert_eq!(keys("Zelenskyy's plan"), keys("Zelensky plan"));
        assert_eq!(keys("don't"), vec!["dont"]);
    }

    #[test]
    fn british_and_american_spellings_fold_together() {
        for (uk, us) in [
            ("defence", "defense"),
            ("organisation", "organization"),
            ("recognised", "recognized"),
            ("labour", "labor"),
            ("favourite", "favorite"),
            ("centre", "center"),
            ("analyse", "analyze"),
            ("travelled", "traveled"),
            ("programme", "program"),
            ("dialogue", "dialog"),
        ] {
            assert_eq!(fold_word(uk), fold_word(us), "{uk} / {us}");
        }
        // Short words that only look like the endings stay apart.
        assert_ne!(fold_word("four"), fold_word("for"));
        assert_ne!(fold_word("hour"), fold_word("hor"));
    }

    #[test]
    fn a_number_in_words_is_the_same_as_in_figures() {
        assert_eq!(keys("within two days"), keys("within 2 days"));
        assert_eq!(keys("Forty troops"), keys("40 troops"));
        assert_ne!(keys("two days"), keys("twenty days"));
    }

    #[test]
    fn offsets_are_code_points_into_the_text() {
        let text = "\u{201c}Peace\u{201d} — now";
        let w = words(text);
        assert_eq!(w[0].start, 1);
        assert_eq!(w[0].end, 6);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            chars[w[1].start..w[1].end].iter().collect::<String>(),
            "now"
        );
    }
}
