//! Whole-module tests of `suggest` and `hints`: quotes, reported speech,
//! back-references, relays, and offsets that always slice to `exact`.

use proptest::prelude::*;
use rstest::rstest;

use super::*;
use crate::parse::test_support::text_from_pieces;

const PUBLISHED: &str = "2025-12-15T02:37:51+05:30";

fn ctx(body: &str) -> ArticleContext<'_> {
    ArticleContext {
        body,
        title: "",
        published_at: Some(PUBLISHED),
        outlet: Some("ANI"),
        dateline: Some("Kyiv, Ukraine"),
    }
}

fn zelenskyy() -> Vec<KnownPerson> {
    vec![KnownPerson {
        id: "p-zel".into(),
        name: "Volodymyr Zelenskyy".into(),
        aliases: vec![
            "Zelensky".into(),
            "Zelenskiy".into(),
            "the Ukrainian president".into(),
        ],
    }]
}

/// Suggestions as (exact, kind, speaker) for compact assertions.
fn found(body: &str, persons: &[KnownPerson]) -> Vec<(String, AppearanceKind, Option<String>)> {
    suggest(&ctx(body), persons)
        .into_iter()
        .map(|s| (s.exact, s.kind, s.speaker))
        .collect()
}

fn one(
    exact: &str,
    kind: AppearanceKind,
    speaker: Option<&str>,
) -> Vec<(String, AppearanceKind, Option<String>)> {
    vec![(exact.to_owned(), kind, speaker.map(str::to_owned))]
}

use AppearanceKind::{DirectQuote, Paraphrase, Summary};

#[rstest]
#[case::straight(
    "\"We will never give up our land,\" Zelenskyy said.",
    "\"We will never give up our land,\" Zelenskyy said."
)]
#[case::curly(
    "“We will never give up our land,” Zelenskyy said.",
    "“We will never give up our land,” Zelenskyy said."
)]
#[case::nested(
    "“They called it ‘a fair deal’ but it is not,” Zelenskyy said.",
    "“They called it ‘a fair deal’ but it is not,” Zelenskyy said."
)]
#[case::spanning_sentences(
    "\"We want peace. We do not want surrender,\" Zelenskyy said.",
    "\"We want peace. We do not want surrender,\" Zelenskyy said."
)]
#[case::said_after_quote(
    "\"We will never give up our land,\" said Zelenskyy.",
    "\"We will never give up our land,\" said Zelenskyy."
)]
#[case::quote_at_the_end(
    "Zelenskyy stressed that they must bind, adding, \"And it is already a compromise.\"",
    "Zelenskyy stressed that they must bind, adding, \"And it is already a compromise.\""
)]
fn direct_quotes_are_whole_sentences(#[case] body: &str, #[case] exact: &str) {
    assert_eq!(
        found(body, &[]),
        one(exact, DirectQuote, Some("Zelenskyy")),
        "a quote of three words or more makes its whole sentence group a direct quote"
    );
}

#[test]
fn scare_quotes_are_not_direct_quotes() {
    assert_eq!(
        found("Zelenskyy said he was seeking a \"dignified\" peace.", &[]),
        one(
            "Zelenskyy said he was seeking a \"dignified\" peace.",
            Paraphrase,
            Some("Zelenskyy")
        ),
        "one quoted word is the reporter's paraphrase, not a quote"
    );
}

#[rstest]
#[case::x_said("Zelenskyy said the guarantees must bind.", "Zelenskyy")]
#[case::said_x("The guarantees must bind, said Zelenskyy.", "Zelenskyy")]
#[case::according_to("The guarantees must bind, according to Zelenskyy.", "Zelenskyy")]
#[case::as_per(
    "The guarantees must bind, as per Ukrainian officials.",
    "Ukrainian officials"
)]
#[case::told("Zelenskyy told lawmakers the guarantees must bind.", "Zelenskyy")]
#[case::noted("Zelenskyy noted that the guarantees must bind.", "Zelenskyy")]
#[case::stressed("Zelenskyy stressed that the guarantees must bind.", "Zelenskyy")]
#[case::added("Zelenskyy added that the guarantees must bind.", "Zelenskyy")]
#[case::accused("Zelenskyy accused Moscow of stalling the talks.", "Zelenskyy")]
#[case::described("Zelenskyy described the offer as a concession.", "Zelenskyy")]
#[case::warned("Zelenskyy warned that strikes would continue.", "Zelenskyy")]
#[case::with_title(
    "The guarantees must bind, President Volodymyr Zelenskyy said.",
    "Volodymyr Zelenskyy"
)]
#[case::group_say("Ukrainian officials say the grid is a target.", "Ukrainian officials")]
fn reported_speech_names_its_speaker(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        found(body, &[]),
        one(body, Paraphrase, Some(speaker)),
        "each reported-speech pattern yields a paraphrase with the speaker as printed"
    );
}

#[test]
fn reported_outlet_is_a_relay_not_a_speaker() {
    let s = &suggest(
        &ctx("Talks will resume on Monday, Al Jazeera reported."),
        &[],
    )[0];
    assert_eq!(
        (s.kind, s.speaker.as_deref(), s.relay.as_deref()),
        (Paraphrase, None, Some("Al Jazeera")),
        "an outlet that reports relays the claim; it is not the speaker"
    );
}

#[rstest]
#[case::he(
    "Zelenskyy said talks began. He said the plan was fair.",
    "Volodymyr Zelenskyy"
)]
#[case::she(
    "Kaja Kallas said envoys came. She said the plan was fair.",
    "Kaja Kallas"
)]
#[case::role_alias(
    "Donald Trump said talks went well. The Ukrainian president said the plan was fair.",
    "Volodymyr Zelenskyy"
)]
#[case::role_back_reference(
    "Donald Trump said talks began. The US president said the plan was fair.",
    "Donald Trump"
)]
#[case::across_paragraphs(
    "Kaja Kallas said envoys came.\n\nShe also warned that the plan was unfair.",
    "Kaja Kallas"
)]
fn back_references_resolve(#[case] body: &str, #[case] speaker: &str) {
    let last = suggest(&ctx(body), &zelenskyy())
        .pop()
        .expect("the second sentence is suggested");
    assert_eq!(
        last.speaker.as_deref(),
        Some(speaker),
        "'he', 'she' and a role refer to a known person's alias or to the last named speaker"
    );
}

#[test]
fn pronoun_without_antecedent_has_no_speaker() {
    assert_eq!(
        found("He said the plan was fair.", &[]),
        vec![],
        "'he' with nobody named before is no source, so no paraphrase is suggested"
    );
}

#[test]
fn known_person_gives_name_and_id() {
    let s = &suggest(&ctx("Zelenskiy said the plan was fair."), &zelenskyy())[0];
    assert_eq!(
        (s.speaker.as_deref(), s.hints.speaker_id.as_deref()),
        (Some("Volodymyr Zelenskyy"), Some("p-zel")),
        "a spelling listed as an alias resolves to the person, with their id"
    );
}

#[rstest]
#[case::reported(
    "Zelenskyy said talks went well, Al Jazeera reported.",
    "Al Jazeera",
    "Al Jazeera reported"
)]
#[case::as_per(
    "Zelenskyy said talks went well, as per Al Jazeera.",
    "Al Jazeera",
    "as per Al Jazeera"
)]
#[case::according_to(
    "Zelenskyy said talks went well, according to Al Jazeera.",
    "Al Jazeera",
    "according to Al Jazeera"
)]
#[case::told_outlet("Zelenskyy told the BBC that talks went well.", "BBC", "told the BBC")]
fn relays_carry_their_cue(#[case] body: &str, #[case] outlet: &str, #[case] cue: &str) {
    let s = &suggest(&ctx(body), &[])[0];
    let relay_step = s
        .hints
        .attribution
        .iter()
        .find(|a| a.kind == StepKind::Outlet);
    assert_eq!(
        (
            s.relay.as_deref(),
            relay_step.map(|a| a.name.as_str()),
            relay_step.and_then(|a| a.cue.as_deref())
        ),
        (Some(outlet), Some(outlet), Some(cue)),
        "the relay is the chain's first outlet step, with the words that name it"
    );
}

#[test]
fn lead_relay_covers_the_article_and_later_relays_their_sentence() {
    let body = "Ukraine may drop its NATO bid, Zelenskyy said, Al Jazeera reported.\n\n\
                \"We want guarantees that bind,\" Zelenskyy said.\n\n\
                Talks may resume soon, according to Reuters.";
    let relays: Vec<Option<String>> = suggest(&ctx(body), &[])
        .into_iter()
        .map(|s| s.relay)
        .collect();
    assert_eq!(
        relays,
        vec![
            Some("Al Jazeera".to_owned()),
            Some("Al Jazeera".to_owned()),
            Some("Reuters".to_owned())
        ],
        "an outlet credited in the first paragraph relays the article; a later one only its sentence"
    );
}

#[test]
fn dateline_credit_is_not_a_relay() {
    let body = "KYIV, Dec 15 (Reuters) - Zelenskiy said the plan was fair.";
    let s = &suggest(&ctx(body), &[])[0];
    assert_eq!(
        s.relay, None,
        "the dateline credit names the source, not a relay"
    );
    assert_eq!(
        s.exact, "Zelenskiy said the plan was fair.",
        "the dateline is left out"
    );
}

#[test]
fn attribution_chain_runs_speaker_relay_outlet() {
    let body = "Ukraine may drop its NATO bid, Zelenskyy said, Al Jazeera reported.";
    let chain = suggest(&ctx(body), &zelenskyy())[0]
        .hints
        .attribution
        .clone();
    assert_eq!(
        chain,
        vec![
            AttributionStep {
                name: "Volodymyr Zelenskyy".into(),
                kind: StepKind::Person,
                cue: Some("Zelenskyy said".into()),
            },
            AttributionStep {
                name: "Al Jazeera".into(),
                kind: StepKind::Outlet,
                cue: Some("Al Jazeera reported".into()),
            },
            AttributionStep {
                name: "ANI".into(),
                kind: StepKind::Outlet,
                cue: None,
            },
        ],
        "speaker first, then the relay with its cue, then the article's own outlet"
    );
}

#[rstest]
#[case::figure("Strikes left 20,000 homes without power.", true)]
#[case::superlative("It was the deadliest attack since 2022.", true)]
#[case::event("Envoys arrived in Berlin on Sunday.", false)]
#[case::context("Russian attacks have not stopped.", false)]
fn unattributed_sentences_need_a_figure_or_superlative(
    #[case] body: &str,
    #[case] suggested: bool,
) {
    let s = suggest(&ctx(body), &[]);
    assert_eq!(
        s.iter().map(|s| s.kind).collect::<Vec<_>>(),
        if suggested { vec![Summary] } else { vec![] },
        "an outlet's own sentence is suggested only with something to check"
    );
}

#[test]
fn score_rises_with_check_worthy_signals() {
    let plain = &suggest(&ctx("Zelenskyy said talks went on."), &[])[0];
    let rich = &suggest(
        &ctx("Zelenskyy said it was Europe's deadliest war since 1945, with 20,000 dead."),
        &[],
    )[0];
    assert!(
        rich.score > plain.score && rich.score <= 1.0 && plain.score >= 0.0,
        "figures and superlatives raise the score within 0..1: {} vs {}",
        rich.score,
        plain.score
    );
    assert_eq!(
        rich.reasons,
        vec![
            "reported speech",
            "number",
            "superlative",
            "comparison",
            "date"
        ],
        "the reasons list what was found"
    );
}

#[test]
fn hints_for_a_selection_inside_a_quote() {
    let body = "Zelenskyy spoke on Sunday.\n\n\
                \"We want guarantees that bind,\" he said on Sunday in a WhatsApp chat with reporters.";
    let start = body.chars().position(|c| c == 'W').expect("W");
    let h = hints(&ctx(body), &zelenskyy(), start, start + 20);
    assert_eq!(h.kind, DirectQuote, "the selection is quoted words");
    assert_eq!(h.speaker.as_deref(), Some("Volodymyr Zelenskyy"));
    assert_eq!(h.speaker_id.as_deref(), Some("p-zel"));
    assert_eq!(
        (h.stated_at.as_deref(), h.stated_cue.as_deref()),
        (Some("2025-12-14"), Some("on Sunday")),
        "Sunday before a Monday publication, as a date"
    );
    assert_eq!(h.venue.as_deref(), Some("WhatsApp chat with reporters"));
}

#[test]
fn hints_without_cues_default_to_publication() {
    let body = "Russian attacks have not stopped.";
    let h = hints(&ctx(body), &[], 0, 7);
    assert_eq!(
        (h.kind, h.stated_at.as_deref(), h.speaker.as_deref()),
        (Summary, Some(PUBLISHED), None),
        "no speaker, no time cue: the outlet's own words, dated at publication"
    );
    assert_eq!(
        h.attribution
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["ANI"],
        "the article's outlet still ends the chain"
    );
}

#[test]
fn hints_accept_any_offsets() {
    let body = "Zelenskyy said it. “Ünïcödé” text.";
    for (start, end) in [(0, 0), (5, 2), (0, 1000), (1000, 2000), (20, 25)] {
        let _ = hints(&ctx(body), &[], start, end);
    }
    assert_eq!(
        hints(&ctx(""), &[], 0, 3).stated_at.as_deref(),
        Some(PUBLISHED),
        "an empty body still gets the publication time"
    );
}

const PIECES: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    ". ",
    "? ",
    "\n\n",
    "\n",
    "U.S. ",
    "Mr. ",
    "3.5 ",
    "Zelenskyy said ",
    "said Zelenskyy",
    "according to ",
    "as per Al Jazeera",
    "Al Jazeera reported",
    "He ",
    "she noted ",
    "The Ukrainian president ",
    "on Sunday",
    "December 14",
    "yesterday",
    "in a WhatsApp chat",
    "told reporters",
    "KYIV, Dec 15 (Reuters) - ",
    "deadliest since ",
    "20,000 ",
    "officials say ",
    "Ünïcödé ",
    "😀",
    "’s ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn suggest_never_panics_and_offsets_slice_to_exact(body in text_from_pieces(PIECES)) {
        let chars: Vec<char> = body.chars().collect();
        let suggestions = suggest(&ctx(&body), &zelenskyy());
        let mut last_end = 0;
        for s in &suggestions {
            let (start, end) = (s.start as usize, s.end as usize);
            prop_assert!(start < end && end <= chars.len(), "offsets within the body");
            prop_assert!(start >= last_end, "suggestions in text order, not overlapping");
            let slice: String = chars[start..end].iter().collect();
            prop_assert_eq!(&slice, &s.exact, "code point offsets slice to exact");
            prop_assert!((0.0..=1.0).contains(&s.score));
            last_end = end;
        }
    }

    #[test]
    fn hints_never_panic(body in text_from_pieces(PIECES), start in 0usize..400, len in 0usize..400) {
        let _ = hints(&ctx(&body), &zelenskyy(), start, start + len);
    }
}
