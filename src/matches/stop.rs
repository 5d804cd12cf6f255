//! Which words of a quote tell it apart: not the little words of its
//! language ("auf den ersten Blick" is four words, but two of them are
//! German articles and prepositions). The little words come from NLTK's
//! lists (stopwords-iso for Ukrainian) through the `stop-words` crate,
//! folded like every word matching compares; a quote's language is the one
//! whose little words it holds most of (English on a tie), so "war" stays
//! a telling word in English though it is a little word in German.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::fold::{fold_word, Word};
use super::rare::STOPWORDS;

/// The languages whose little words are known, English first.
const LANGUAGES: [&str; 9] = ["en", "de", "fr", "es", "it", "nl", "pt", "ru", "uk"];

/// Each language's little words, folded; English with matching's own list.
static LITTLE: LazyLock<Vec<HashSet<String>>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|code| {
            let mut set: HashSet<String> = stop_words::lookup(code)
                .unwrap_or_default()
                .iter()
                .map(|w| fold_word(w))
                .filter(|w| !w.is_empty())
                .collect();
            if *code == "en" {
                set.extend(STOPWORDS.iter().map(|w| (*w).to_owned()));
            }
            set
        })
        .collect()
});

/// For each word of a quote, whether it tells the quote apart: a figure
/// ("2", "two", "10,000": a claim's numbers are its point; "one" is too
/// often a pronoun), or at least three letters and not a little word of
/// the quote's language.
pub(super) fn telling(words: &[Word]) -> Vec<bool> {
    let little = &LITTLE[language_of(words)];
    words
        .iter()
        .map(|w| {
            let figure = w.key.chars().all(|c| c.is_ascii_digit()) && w.key != "1";
            figure || w.key.chars().count() >= 3 && !little.contains(&w.key)
        })
        .collect()
}

/// Whether the words hold any little word of a language known here.
pub(super) fn holds_little_words(words: &[Word]) -> bool {
    words
        .iter()
        .any(|w| LITTLE.iter().any(|little| little.contains(&w.key)))
}

/// The language (ISO 639-1) whose little words the text holds most of;
/// English on a tie.
pub(super) fn language(words: &[Word]) -> &'static str {
    LANGUAGES[language_of(words)]
}

/// The language (index into [`LANGUAGES`]) whose little words the quote
/// holds most of; English on a tie.
fn language_of(words: &[Word]) -> usize {
    let mut best = (0, 0);
    for (i, little) in LITTLE.iter().enumerate() {
        let held = words.iter().filter(|w| little.contains(&w.key)).count();
        if held > best.1 {
            best = (i, held);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matches::words;

    fn telling_words(text: &str) -> Vec<String> {
        let w = words(text);
        w.iter()
            .zip(telling(&w))
            .filter(|(_, t)| *t)
            .map(|(w, _)| w.key.clone())
            .collect()
    }

    #[test]
    fn the_little_words_of_the_quotes_language_do_not_tell() {
        assert_eq!(
            telling_words("Sie sahen das auf den ersten Blick nicht, sagte er"),
            ["sahen", "ersten", "blick", "sagte"]
        );
        assert_eq!(
            telling_words("It had a transformative effect within two days"),
            ["transformative", "effect", "within", "2", "days"],
            "a number is telling, in words or in figures"
        );
        assert_eq!(
            telling_words("The war will not end before the winter, he said"),
            ["war", "end", "winter"],
            "English, so \"war\" is a word, not the German \"was\""
        );
        assert_eq!(
            telling_words("Це вже компроміс з нашого боку"),
            ["вже", "компроміс", "нашого", "боку"],
            "\"з\" is a little word of Ukrainian"
        );
    }
}
