//! The model's SentencePiece unigram tokenizer, read from the model file:
//! each character normalised by the file's map (SentencePiece's NFKC-like
//! table), runs of spaces made one, spaces written as "▁" with one in
//! front, then the most probable split into vocabulary pieces (Viterbi
//! over the pieces' log-probabilities; a character no piece covers is the
//! unknown piece). Checked against the Hugging Face tokenizer's ids for the
//! same model on English, Ukrainian and Russian sentences (tests/it).

use std::collections::HashMap;

use super::file::Vocabulary;

/// SentencePiece's visible space.
const META: char = '\u{2581}';

pub struct Tokenizer {
    ids: HashMap<String, u32>,
    scores: Vec<f32>,
    normalise: HashMap<char, Vec<char>>,
    longest: usize,
    unk: u32,
    unk_score: f32,
    pub bos: u32,
    pub eos: u32,
}

impl Tokenizer {
    pub fn new(vocabulary: Vocabulary) -> Self {
        let Vocabulary {
            pieces,
            scores,
            bos,
            eos,
            unk,
            normalise,
        } = vocabulary;
        let longest = pieces.iter().map(String::len).max().unwrap_or(1);
        let lowest = scores.iter().copied().fold(f32::INFINITY, f32::min);
        let ids = pieces.into_iter().zip(0u32..).collect();
        Tokenizer {
            ids,
            scores,
            normalise,
            longest,
            unk,
            unk_score: lowest - 10.0,
            bos,
            eos,
        }
    }

    /// The pieces of `text` (without the sentence marks).
    pub fn pieces(&self, text: &str) -> Vec<u32> {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            match self.normalise.get(&c) {
                Some(to) => chars.extend(to),
                None => chars.push(c),
            }
        }
        chars.dedup_by(|b, a| *a == ' ' && *b == ' ');
        if chars.first() != Some(&' ') {
            chars.insert(0, ' ');
        }
        let text: String = chars
            .iter()
            .map(|&c| if c == ' ' { META } else { c })
            .collect();
        // Byte offset of each character, and of the end.
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let n = starts.len() - 1;
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut piece = vec![self.unk; n + 1];
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for end in i + 1..=n {
                let span = &text[starts[i]..starts[end]];
                if span.len() > self.longest {
                    break;
                }
                if let Some(&id) = self.ids.get(span) {
                    let score = best[i] + self.scores[id as usize];
                    if id != self.unk && score > best[end] {
                        (best[end], piece[end], from[end]) = (score, id, i);
                    }
                }
            }
            let unknown = best[i] + self.unk_score;
            if unknown > best[i + 1] {
                (best[i + 1], piece[i + 1], from[i + 1]) = (unknown, self.unk, i);
            }
        }
        let mut ids = Vec::new();
        let mut at = n;
        while at > 0 {
            ids.push(piece[at]);
            at = from[at];
        }
        ids.reverse();
        ids
    }
}
