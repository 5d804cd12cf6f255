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

/// The speaker of the last suggestion of `body`, with no known persons.
fn last_speaker(body: &str) -> Option<String> {
    suggest(&ctx(body), &[]).pop().and_then(|s| s.speaker)
}

#[rstest]
#[case::office(
    "The harbour will close for a week, the county prosecutor's office said.",
    "the county prosecutor's office"
)]
#[case::unnamed_source(
    "The convoy crossed the border at night, according to a local police source.",
    "a local police source"
)]
#[case::lowercase_group(
    "Forty schools shut for the day, according to teachers unions.",
    "teachers unions"
)]
#[case::briefed_people(
    "Two people briefed on the talks said the mayor wants a larger deal.",
    "Two people briefed on the talks"
)]
#[case::spokesperson_for(
    "A spokesperson for the Port Authority said the ships would wait.",
    "A spokesperson for the Port Authority"
)]
#[case::office_of_a_district(
    "The bridge was unsafe, the Attorney's Office for the Northern District said.",
    "the Attorney's Office for the Northern District"
)]
#[case::document(
    "The city paid the contractor twice, according to the council's budget website.",
    "the council's budget website"
)]
#[case::police_reported(
    "State police reported at least 500 arrests overnight.",
    "State police"
)]
#[case::witness_reporter(
    "An AFP reporter in the square reported hearing two blasts.",
    "An AFP reporter in the square"
)]
#[case::passive_agent(
    "The budget was criticised by opposition lawmakers as reckless.",
    "opposition lawmakers"
)]
#[case::possessive_role(
    "Norway's foreign minister said the talks would resume.",
    "Norway's foreign minister"
)]
#[case::described_role(
    "The chairman of the Harbour Board described the plan as a gamble.",
    "the chairman of the Harbour Board"
)]
fn groups_institutions_and_unnamed_sources_speak(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "a group, an office, a document or an unnamed source is the speaker as printed"
    );
}

#[rstest]
#[case::signalled("Anna Berg signalled on Sunday that her party could join the coalition.")]
#[case::abandoned("Anna Berg has abandoned ambitions to lead the party.")]
#[case::offered("Anna Berg offered to drop the lawsuit if the council apologised.")]
#[case::declined("Anna Berg declined to say whether the bridge would reopen.")]
#[case::ruled_out("Anna Berg ruled out a second vote on the budget.")]
#[case::claimed("Anna Berg has claimed victory in the mayoral race.")]
#[case::however("Anna Berg, however, said the deal was unfair.")]
#[case::tried_to("Anna Berg has recently tried to suggest that the audit was rushed.")]
fn lead_sentence_verbs_report_speech(#[case] body: &str) {
    assert_eq!(
        found(body, &[]),
        one(body, Paraphrase, Some("Anna Berg")),
        "a lead sentence's verb of position or refusal reports what the subject said"
    );
}

#[rstest]
#[case::country_signalled(
    "Norland has signalled that it may drop its claim to the islands, President Anna Berg said on Sunday.",
    "Anna Berg"
)]
#[case::ministry_rejected(
    "The ministry rejected the audit as rushed, Health Minister Lina Ortiz told reporters.",
    "Lina Ortiz"
)]
#[case::pronoun_keeps_the_subject(
    "Anna Berg signalled that the party could join the coalition, he said.",
    "Anna Berg"
)]
fn a_closing_attribution_names_who_said_the_sentence(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "\"X signalled that ..., Y said\": Y said it; what comes first is what was said"
    );
}

#[rstest]
#[case::apposition(
    "Mark Hale, chairman of the Joint Board, told reporters the dam was safe.",
    "Mark Hale"
)]
#[case::apposition_with_possessive(
    "Lina Ortiz, Berg's lawyer, said her client never meant harm.",
    "Lina Ortiz"
)]
#[case::apposition_closing_before_verb(
    "The firm that runs the fair, Acme Events, denies that the deal is final.",
    "Acme Events"
)]
#[case::list_is_no_apposition(
    "During the call he asked about the Green League, called the mayor a liar and said he would come, the prosecutors said.",
    "the prosecutors"
)]
#[case::who_described(
    "The panel heard a retired army officer who described the plan as reckless.",
    "a retired army officer"
)]
#[case::said_after_a_described_source(
    "\"It was a mistake,\" said another member of the panel, former minister Anna Berg.",
    "Anna Berg"
)]
#[case::long_title(
    "\"We will rebuild,\" said City Hall Deputy Press Secretary Mia Lind.",
    "Mia Lind"
)]
#[case::participle_subject(
    "Foreign Secretary Tom Hale defended the plan, saying it was lawful.",
    "Tom Hale"
)]
#[case::citing_a_reason(
    "Mayor Ada Kim cancelled the talks in May, citing Green League violence.",
    "Ada Kim"
)]
#[case::joined_verb(
    "Norland is a critic of the dam and has accused its builders of lying.",
    "Norland"
)]
#[case::group_maintains_an_office(
    "The prisoners were freed in Doha, where the group maintains an office, according to a league representative.",
    "a league representative"
)]
fn attributions_in_the_middle_and_after_clauses(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "the source is the clause's subject, not a name inside an apposition or a list"
    );
}

#[test]
fn testifying_before_a_committee_is_not_a_statement() {
    assert_eq!(
        found(
            "Later that day Mia Lind and Tom Hale testified before the budget committee.",
            &[]
        ),
        vec![],
        "'testified before' says where, not what was said"
    );
}

#[rstest]
#[case::it_after_an_institution(
    "The city council said the bridge would close.\n\nIt did not give a date and said repairs would take a year.",
    "the city council"
)]
#[case::the_statement(
    "The military said in a statement that two sailors died.\n\n\"The cause is unknown,\" the statement said.",
    "the military"
)]
#[case::they_after_a_company(
    "Acme Records have denied any wrongdoing.\n\n\"We never blocked her,\" they said in a statement.",
    "Acme Records"
)]
#[case::whole_quote_paragraph(
    "Lena Berg said the plan was late.\n\n\"We will fix it. Nobody should worry.\"",
    "Lena Berg"
)]
#[case::quote_paragraph_after_an_open_quote(
    "Mayor Lena Berg said the deal \"gives us hope for a fair settlement.\n\n\"We see this as a good sign.\"",
    "Lena Berg"
)]
#[case::age_role(
    "Tom Hale joined the club on Monday.\n\nThe 56-year-old said: \"I am excited to be here.\"",
    "Tom Hale"
)]
fn back_references_to_sources_and_quotes(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "'it', 'they', 'the statement' and a quote standing alone refer to the last source"
    );
}

#[test]
fn a_role_refers_to_the_person_named_with_it() {
    let body = "Republican Gov. Mia Torres met the teachers. Torres said pay would rise. \
                Torres promised more funds. Unlike Gov. Sam Reed of Ohio, Torres stayed calm. \
                Union leader Ola Berg said the offer was weak. The governor said she was waiting for a report.";
    assert_eq!(
        last_speaker(body).as_deref(),
        Some("Mia Torres"),
        "'the governor' is the governor the article names most, not the last speaker or the last governor named"
    );
}

#[rstest]
#[case::named_earlier_in_the_sentence(
    "Ola Berg said the talks ended. When President Ana Lopez arrived, she said the deal was fair.",
    "Ana Lopez"
)]
#[case::a_place_is_not_a_person(
    "Jon Reyes said the summer was dry. The Sierra Nevada has seen little rain, he said.",
    "Jon Reyes"
)]
fn pronouns_refer_to_a_person(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "'he' and 'she' mean a person named with a title earlier in the sentence, else the last speaker"
    );
}

#[rstest]
#[case::curly_closed_straight("“We will win,\" she said.")]
#[case::straight_closed_curly("\"We will win,” she said.")]
#[case::doubled_apostrophes("“We will win,’’ she said.")]
fn mixed_quote_marks_close_their_quote(#[case] sentence: &str) {
    let body = format!("Ana Lopez arrived first. {sentence} Nobody else came.");
    let kinds: Vec<(AppearanceKind, Option<String>)> = suggest(&ctx(&body), &[])
        .into_iter()
        .map(|s| (s.kind, s.speaker))
        .collect();
    assert_eq!(
        kinds,
        vec![(DirectQuote, Some("Ana Lopez".to_owned()))],
        "a quote opened with one kind of mark and closed with another ends where it closes"
    );
}

#[test]
fn short_attribution_after_a_question_stays_with_its_quote() {
    assert_eq!(
        found("“Will the dam hold?” Lena Berg asked.", &[]),
        one(
            "“Will the dam hold?” Lena Berg asked.",
            DirectQuote,
            Some("Lena Berg")
        ),
        "'Lena Berg asked.' after '?”' attributes the quote; it is not a sentence of its own"
    );
}

#[rstest]
#[case::embed_credit("— Anna Berg (@annaberg) March 3, 2024", false)]
#[case::link_line("Read more: city spends $449K on new ads", false)]
#[case::full_sentence("The city spent $449,000 on new ads.", true)]
fn only_sentences_are_suggested_for_their_figures(#[case] body: &str, #[case] suggested: bool) {
    assert_eq!(
        !found(body, &[]).is_empty(),
        suggested,
        "a heading, a link line or an embedded post's credit is page furniture, not a claim"
    );
}

#[test]
fn a_question_in_the_reporters_words_is_not_suggested() {
    assert_eq!(
        found("What did the officials say?", &[]),
        vec![],
        "a subheading that asks a question asserts nothing"
    );
}

#[rstest]
#[case::organisation_ending_in_a_title(
    "Olsen spoke at noon. The plant cost $4 million, according to the Riverside Daily Leader.",
    "Riverside Daily Leader"
)]
#[case::authority_is_no_person(
    "The spill was small, the Harbour Authority said.\n\n\"The cause is a valve,\" it added.",
    "Harbour Authority"
)]
#[case::founder_role(
    "Acme co-founder Jan Olsen left in May. Ola Berg said sales fell.\n\nThe Acme founder always argued that the plant was safe.",
    "Jan Olsen"
)]
#[case::passive_with_a_charge("Olsen was accused of fraud by a neighbour.", "a neighbour")]
#[case::ruling("A judge ruled that the dam must close.", "A judge")]
#[case::which_accuses(
    "The firm faces the city council, which accuses it of delays.",
    "the city council"
)]
#[case::lawyer_for_the_family(
    "A lawyer for the family asked for a new hearing.",
    "A lawyer for the family"
)]
#[case::evidence(
    "The fire started at noon, according to evidence presented at trial.",
    "evidence"
)]
#[case::relative_testified(
    "The victim's mother testified, describing the night as terrifying.",
    "the victim's mother"
)]
#[case::charged(
    "The Justice Department has charged Olsen with fraud.",
    "the Justice Department"
)]
#[case::party_in_parentheses(
    "The vote is on Monday. Sen. Ada Kim (D) is defending the budget.",
    "Ada Kim"
)]
#[case::quipped(
    "Ola Berg said the town was rich.\n\n\"If we were any richer, we would be a bank,\" one resident quipped.",
    "one resident"
)]
fn sources_in_other_coverage(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "rulings, charges, relatives, documents and organisations are sources as printed"
    );
}

#[rstest]
#[case::which_is_no_speaker("Which is not to say the plan failed.")]
#[case::no_comment("The firm declined to comment.")]
fn nothing_said_is_not_suggested(#[case] body: &str) {
    assert_eq!(
        found(body, &[]),
        vec![],
        "'which' names nobody, and declining to comment says nothing"
    );
}

#[rstest]
#[case::month_between("Tim Hale in October revealed plans to expand the fleet.", "Tim Hale")]
#[case::executives_of_both(
    "The deal was signed, executives of both companies announced.",
    "executives of both companies"
)]
#[case::familiar_with_the_matter(
    "Layoffs will start soon, according to people familiar with the matter.",
    "people familiar with the matter"
)]
#[case::told_by_is_not_the_source(
    "The union raised alarm and said that staff were told by the firm to sign.",
    "the union"
)]
fn the_source_of_business_and_labour_news(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "the sentence's source, not a month, a partial phrase or the agent of a passive"
    );
}

#[rstest]
#[case::companies(
    "Some said it was late, and the companies said they wanted more time.",
    "the companies"
)]
#[case::believes("The agency believes the leak is small.", "the agency")]
#[case::unnamed_chief(
    "A regional transit chief says a rider was hurt on the train.",
    "A regional transit chief"
)]
#[case::place_is_not_the_next_he(
    "Ola Berg founded the firm. The firm is based in New York City. He later said it grew too fast.",
    "Ola Berg"
)]
fn plural_and_unnamed_sources(#[case] body: &str, #[case] speaker: &str) {
    assert_eq!(
        last_speaker(body).as_deref(),
        Some(speaker),
        "companies, agencies and unnamed officials are sources; a place is not who 'he' means"
    );
}

/// Two statements by two speakers joined in one sentence are two
/// suggestions, each with its own speaker; one speaker saying two things
/// stays one.
#[test]
fn two_speakers_in_one_sentence_are_two_statements() {
    let body = "Trump has recently tried to suggest that he barely knows his ambassador, but Sondland said he has spoken several times with the president.";
    assert_eq!(
        found(body, &[]),
        vec![
            (
                "Trump has recently tried to suggest that he barely knows his ambassador,"
                    .to_owned(),
                Paraphrase,
                Some("Trump".to_owned())
            ),
            (
                "Sondland said he has spoken several times with the president.".to_owned(),
                Paraphrase,
                Some("Sondland".to_owned())
            ),
        ]
    );
    let one_speaker =
        "Zelenskyy said the talks were hard, but he said Ukraine would not give up its land.";
    assert_eq!(found(one_speaker, &zelenskyy()).len(), 1);
}
