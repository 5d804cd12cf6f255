//! Exports of claim timelines from a real workspace: what each format must
//! hold (CSV that round-trips through the csv crate, TimelineJS events with
//! a year and a unique id, ClaimReview with its required properties, Web
//! Annotations whose selectors point at the quoted text), escaping of
//! imported text, and the scopes.

use crate::common;

use claimtrail::export::{
    self, gather, render, ExportDocument, ExportFormat, ExportOptions, ExportScope, Group,
    Unapproved,
};
use claimtrail::model::{
    AppearanceDetails, AppearanceFields, AppearanceKind, AttributionStep, ClaimFields, ClaimInfo,
    Rating, ReviewAction, SearchQuery, StepKind,
};
use claimtrail::store::{users, Store};
use claimtrail::{articles, claims, review, storylines};
use serde_json::Value;

/// A quote with the characters CSV, HTML and Markdown treat specially.
const QUOTE: &str =
    "We will never accept a deal, \"any deal\", that rewards the aggressor & its friends";

struct Desk {
    _ws: common::TempWorkspace,
    dana: Store,
    ali: Store,
    claim: ClaimInfo,
    other: ClaimInfo,
}

async fn import(store: &Store, slug: &str, outlet: &str, date: &str, text: &str) -> String {
    let bytes = format!(
        "---\ntitle: {outlet} on the plan\nurl: https://{slug}.example/plan\noutlet: {outlet}\ndate: {date}\n---\n\n{text}\n"
    );
    common::import_file(store, &format!("{slug}.md"), bytes.as_bytes())
        .await
        .article
        .id
}

async fn span(store: &Store, article: &str, quote: &str) -> AppearanceFields {
    let body = articles::show(store, article, None).await.unwrap().body;
    let (start, end) = claims::find_quote_span(&body, quote)
        .unwrap_or_else(|| panic!("“{quote}” is not in: {body}"));
    AppearanceFields {
        article_id: article.to_owned(),
        revision: None,
        start: start as u32,
        end: end as u32,
        details: Default::default(),
    }
}

async fn desk() -> Desk {
    let ws = common::workspace().await;
    let (dana, ali) = common::dana_and_ali(&ws.store).await;
    let kyiv = import(
        &dana,
        "kyiv",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &format!("Zelenskyy said: “{QUOTE}.”"),
    )
    .await;
    let planet = import(
        &dana,
        "planet",
        "Daily Planet",
        "2025-12-15T09:00:00-05:00",
        &format!("Zelensky told reporters: \"{QUOTE}.\" Talks go on."),
    )
    .await;
    let claim = claims::create(
        &dana,
        &ClaimFields {
            statement: "Ukraine will never accept a deal that rewards the aggressor, whatever the guarantees on offer <script> *now*".into(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            condition: Some("if the deal rewards Russia".into()),
            tags: vec!["nato".into()],
            ..ClaimFields::default()
        },
        Some(&span(&dana, &kyiv, QUOTE).await),
    )
    .await
    .unwrap();
    let claim = claims::add_appearance(&dana, &claim.id, &span(&dana, &planet, QUOTE).await)
        .await
        .unwrap();
    review::act(
        &dana,
        &claim.id,
        &ReviewAction::Propose {
            rating: Rating::MostlyFalse,
            rationale: "No deal was offered.\n\nThe talks continue.".into(),
        },
    )
    .await
    .unwrap();
    review::act(&ali, &claim.id, &ReviewAction::Approve { verdict_id: None })
        .await
        .unwrap();
    let other = claims::create(
        &dana,
        &ClaimFields {
            statement: "Talks go on".into(),
            claimant: Some("Daily Planet".into()),
            ..ClaimFields::default()
        },
        Some(&span(&dana, &planet, "Talks go on").await),
    )
    .await
    .unwrap();
    review::act(
        &dana,
        &other.id,
        &ReviewAction::Propose {
            rating: Rating::True,
            rationale: "Confirmed.".into(),
        },
    )
    .await
    .unwrap();
    export::set_organisation(&dana, "Desk Check", Some("https://desk.example"))
        .await
        .unwrap();
    Desk {
        _ws: ws,
        dana,
        ali,
        claim,
        other,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn csv_has_one_row_per_appearance_and_round_trips_through_the_csv_crate() {
    let d = desk().await;
    let document = gather(&d.dana, &ExportScope::Workspace).await.unwrap();
    let bytes = render(&document, ExportFormat::Csv, &ExportOptions::default()).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[..4], ["claim_id", "claim", "claimant", "condition"]);
    assert!(headers.contains(&"attribution".to_owned()) && headers.contains(&"url".to_owned()));
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        3,
        "two appearances of one claim and one of the other"
    );
    let first = &rows[0];
    assert_eq!(&first[col("claim_id")], d.claim.id);
    assert_eq!(&first[col("quote")], QUOTE, "commas and quotes survive");
    assert_eq!(
        &first[col("outlet")],
        "Kyiv Wire",
        "in time order: Kyiv first"
    );
    assert_eq!(&first[col("verdict")], "Mostly false");
    assert_eq!(&first[col("url")], "https://kyiv.example/plan");
    assert_eq!(
        &first[col("stated_at")],
        "2025-12-14T18:00:00+02:00",
        "the source's offset is kept"
    );
    assert!(first[col("attribution")].starts_with("Volodymyr Zelenskyy → "));
    let bom = render(
        &document,
        ExportFormat::Csv,
        &ExportOptions {
            bom: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        bom.starts_with(&[0xEF, 0xBB, 0xBF]),
        "an optional BOM for Excel"
    );
    assert!(text(&bytes).contains("\r\n"), "RFC 4180 line ends");
}

#[tokio::test]
async fn the_json_export_is_the_document_and_reads_back_the_same() {
    let d = desk().await;
    let bytes = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::Json,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let back: ExportDocument = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back.schema_version, 1);
    assert_eq!(back.claims.len(), 2);
    let claim = back.claims.iter().find(|c| c.id == d.claim.id).unwrap();
    assert_eq!(claim.appearances.len(), 2);
    assert_eq!(
        claim
            .verdict
            .as_ref()
            .unwrap()
            .approved_by
            .as_ref()
            .unwrap()
            .name,
        "Ali Rahman"
    );
    assert_eq!(back.organisation.name.as_deref(), Some("Desk Check"));
    let again = render(&back, ExportFormat::Json, &ExportOptions::default()).unwrap();
    assert_eq!(again, bytes, "rendering what was read gives the same bytes");
}

#[tokio::test]
async fn every_timelinejs_event_has_a_year_a_unique_id_and_escaped_text() {
    let d = desk().await;
    for group in [Group::Claimant, Group::Outlet, Group::Claim] {
        let bytes = export::export(
            &d.dana,
            &ExportScope::Workspace,
            ExportFormat::TimelineJs,
            &ExportOptions {
                group,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let timeline: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(timeline["title"]["text"]["headline"].is_string());
        let events = timeline["events"].as_array().unwrap();
        assert_eq!(events.len(), 3);
        let mut ids: Vec<&str> = events
            .iter()
            .map(|e| e["unique_id"].as_str().unwrap())
            .collect();
        for e in events {
            assert!(e["start_date"]["year"].is_i64(), "year in every date: {e}");
            assert!(e["text"]["headline"].is_string() && e["text"]["text"].is_string());
            let body = e["text"]["text"].as_str().unwrap();
            assert!(
                !body.contains(" & ") && !body.contains("<script>"),
                "imported text is escaped: {body}"
            );
        }
        assert!(events.iter().any(|e| e["text"]["text"]
            .as_str()
            .unwrap()
            .contains("aggressor &amp; its friends")));
        let groups: Vec<&str> = events.iter().filter_map(|e| e["group"].as_str()).collect();
        match group {
            Group::Claimant => assert!(groups.contains(&"Volodymyr Zelenskyy")),
            Group::Outlet => {
                assert!(groups.contains(&"Kyiv Wire") && groups.contains(&"Daily Planet"))
            }
            Group::Claim => assert!(groups.contains(&"Talks go on"), "{groups:?}"),
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3, "unique ids");
    }
    // The same ids come out every time: an updated export replaces events.
    let once = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::TimelineJs,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let twice = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::TimelineJs,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let ids = |b: &[u8]| -> Vec<String> {
        let v: Value = serde_json::from_slice(b).unwrap();
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["unique_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&once), ids(&twice));
    let sheet = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::TimelineJsCsv,
        &ExportOptions {
            zone: Some("UTC".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut reader = csv::Reader::from_reader(sheet.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[..4], ["Year", "Month", "Day", "Time"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][15], "title");
    assert_eq!(rows.len(), 4, "a title row and three events");
    assert_eq!(&rows[1][0], "2025");
    assert_eq!(
        &rows[1][3], "16:00",
        "placed on the desk's clock (UTC here)"
    );
    assert_eq!(
        &rows[1][8], "14 Dec 2025, 18:00 (UTC+02:00)",
        "shown as the source gave it"
    );
}

#[tokio::test]
async fn claimreview_carries_the_required_properties_for_approved_verdicts_only() {
    let d = desk().await;
    let bytes = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::ClaimReview,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let reviews: Value = serde_json::from_slice(&bytes).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(
        reviews.len(),
        1,
        "the proposed-only verdict is not published"
    );
    let r = &reviews[0];
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    let reviewed = r["claimReviewed"].as_str().unwrap();
    assert!(reviewed.chars().count() <= 75, "short: {reviewed}");
    assert!(!reviewed.to_lowercase().contains("false"), "verdict-free");
    assert_eq!(r["reviewRating"]["alternateName"], "Mostly false");
    assert_eq!(r["reviewRating"]["ratingValue"], 2);
    assert_eq!(r["reviewRating"]["bestRating"], 5);
    assert_eq!(r["reviewRating"]["worstRating"], 1);
    assert_eq!(
        r["url"].as_str().unwrap(),
        format!("https://desk.example/#claim-{}", d.claim.id)
    );
    assert_eq!(r["author"]["@type"], "Organization");
    assert_eq!(r["author"]["name"], "Desk Check");
    assert!(r["datePublished"].is_string());
    let item = &r["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    assert_eq!(item["author"]["name"], "Volodymyr Zelenskyy");
    assert_eq!(
        item["datePublished"], "2025-12-14T18:00:00+02:00",
        "first stated"
    );
    assert_eq!(item["appearance"].as_array().unwrap().len(), 2);
    assert_eq!(item["firstAppearance"]["url"], "https://kyiv.example/plan");
    // Off the ordered scale there is no number.
    review::act(
        &d.dana,
        &d.other.id,
        &ReviewAction::Reopen {
            reason: "Rate it differently.".into(),
        },
    )
    .await
    .unwrap();
    review::act(
        &d.dana,
        &d.other.id,
        &ReviewAction::Propose {
            rating: Rating::Misleading,
            rationale: "Out of context.".into(),
        },
    )
    .await
    .unwrap();
    review::act(
        &d.ali,
        &d.other.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let bytes = export::export(
        &d.dana,
        &ExportScope::Claim(d.other.id.clone()),
        ExportFormat::ClaimReview,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let reviews: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Misleading");
    assert!(reviews[0]["reviewRating"].get("ratingValue").is_none());
}

#[tokio::test]
async fn web_annotations_target_the_article_with_selectors_of_the_quoted_text() {
    let d = desk().await;
    let bytes = export::export(
        &d.dana,
        &ExportScope::Claim(d.claim.id.clone()),
        ExportFormat::Annotations,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let page: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for (item, appearance) in items.iter().zip(&d.claim.appearances) {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["body"][0]["value"], d.claim.statement);
        let selectors = item["target"]["selector"].as_array().unwrap();
        assert_eq!(selectors[0]["type"], "TextQuoteSelector");
        assert_eq!(selectors[0]["exact"], QUOTE);
        assert_eq!(selectors[1]["type"], "TextPositionSelector");
        let body = articles::show(&d.dana, &appearance.article_id, None)
            .await
            .unwrap()
            .body;
        let (start, end) = (
            selectors[1]["start"].as_u64().unwrap() as usize,
            selectors[1]["end"].as_u64().unwrap() as usize,
        );
        let quoted: String = body.chars().skip(start).take(end - start).collect();
        assert_eq!(quoted, QUOTE, "the position selector points at the quote");
        assert!(item["target"]["source"]
            .as_str()
            .unwrap()
            .starts_with("https://"));
    }
}

#[tokio::test]
async fn markdown_escapes_markup_and_scopes_choose_the_claims() {
    let d = desk().await;
    let md = text(
        &export::export(
            &d.dana,
            &ExportScope::Workspace,
            ExportFormat::Markdown,
            &ExportOptions::default(),
        )
        .await
        .unwrap(),
    );
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("\\*now\\*"));
    assert!(md.contains("**Verdict: Mostly false**"));
    assert!(md.contains("> No deal was offered.\n>\n> The talks continue."));
    let person = gather(&d.dana, &ExportScope::Person("Zelensky".into()))
        .await
        .unwrap();
    assert_eq!(
        person
            .claims
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [d.claim.id.as_str()]
    );
    let line = storylines::create(&d.dana, "Talks", None).await.unwrap();
    storylines::add_claim(&d.dana, &line.id, &d.other.id)
        .await
        .unwrap();
    storylines::add_claim(&d.dana, &line.id, &d.claim.id)
        .await
        .unwrap();
    let story = gather(&d.dana, &ExportScope::Storyline("Talks".into()))
        .await
        .unwrap();
    assert_eq!(story.title, "Talks");
    assert_eq!(
        story
            .claims
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [d.other.id.as_str(), d.claim.id.as_str()],
        "the storyline's order"
    );
    assert!(gather(&d.dana, &ExportScope::Claim("no-such-claim".into()))
        .await
        .is_err());
}

#[tokio::test]
async fn the_html_report_is_self_contained_and_holds_verdicts_chains_and_a_timeline() {
    let d = desk().await;
    let report = text(
        &export::export(
            &d.dana,
            &ExportScope::Workspace,
            ExportFormat::Html,
            &ExportOptions::default(),
        )
        .await
        .unwrap(),
    );
    assert!(report.starts_with("<!doctype html>"));
    let lower = report.to_lowercase();
    for external in [
        "<link", "<script", "<img", "<iframe", "<object", "@import", "url(", " src=",
    ] {
        assert!(
            !lower.contains(external),
            "no external reference or script: {external}"
        );
    }
    assert!(report.contains("<style>"), "inline CSS");
    assert!(report.contains("@media print"), "prints cleanly");
    let points = report
        .split("<span class=\"dot")
        .skip(1)
        .filter(|rest| rest.split('>').next().unwrap_or("").contains("style="))
        .count();
    assert_eq!(points, 3, "the chart has a point per dated appearance");
    assert!(
        report.contains("Mostly false") && report.contains("No deal was offered."),
        "verdict and rationale"
    );
    assert!(report.contains("approved by Ali Rahman"));
    assert!(
        report.contains("Volodymyr Zelenskyy → "),
        "attribution chains"
    );
    assert!(report.contains("&lt;script&gt;"), "typed text is escaped");
    assert!(report.contains("aggressor &amp; its friends"));
    assert!(
        report.contains("<a href=\"https://kyiv.example/plan\""),
        "sources stay links"
    );
}

#[tokio::test]
async fn web_annotations_round_trip_into_another_workspace_and_a_second_import_changes_nothing() {
    let d = desk().await;
    // One appearance with every detail different from what the text
    // suggests: a paraphrase, said by another person, at another time and
    // place, relayed through a chain.
    let planet = d.claim.appearances[1].id.clone();
    claims::update_appearance(
        &d.dana,
        &planet,
        &AppearanceDetails {
            kind: AppearanceKind::Paraphrase,
            speaker: Some("Andriy Yermak".into()),
            stated_at: Some("2025-12-14T21:30:00+02:00".into()),
            venue: Some("a briefing in Kyiv".into()),
            attribution: vec![
                AttributionStep {
                    name: "Andriy Yermak".into(),
                    kind: StepKind::Person,
                    cue: Some("told".into()),
                },
                AttributionStep {
                    name: "Kyiv Wire".into(),
                    kind: StepKind::Outlet,
                    cue: None,
                },
                AttributionStep {
                    name: "Daily Planet".into(),
                    kind: StepKind::Outlet,
                    cue: Some("reported".into()),
                },
            ],
        },
    )
    .await
    .unwrap();
    let exported = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::Annotations,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    // Another desk has the same articles, and none of the claims.
    let other = common::workspace().await;
    users::add(&other.store, "Sam Lee", None, None)
        .await
        .unwrap();
    import(
        &other.store,
        "kyiv",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &format!("Zelenskyy said: “{QUOTE}.”"),
    )
    .await;
    import(
        &other.store,
        "planet",
        "Daily Planet",
        "2025-12-15T09:00:00-05:00",
        &format!("Zelensky told reporters: \"{QUOTE}.\" Talks go on."),
    )
    .await;
    let outcomes = claimtrail::annotation_import::import(&other.store, &exported)
        .await
        .unwrap();
    assert_eq!(
        outcomes
            .iter()
            .map(|o| o.status.as_str())
            .collect::<Vec<_>>(),
        ["imported"; 3],
        "{outcomes:?}"
    );
    let mine = gather(&d.dana, &ExportScope::Workspace).await.unwrap();
    let theirs = gather(&other.store, &ExportScope::Workspace).await.unwrap();
    type Shape = (
        (String, Option<String>, Option<String>),
        Vec<String>,
        Vec<(String, String, u32, u32, String)>,
    );
    let shape = |doc: &ExportDocument| -> Vec<Shape> {
        let mut claims: Vec<_> = doc
            .claims
            .iter()
            .map(|c| {
                let spans = c
                    .appearances
                    .iter()
                    .map(|a| {
                        let details = format!(
                            "{:?} {:?} {:?} {:?} {:?}",
                            a.kind, a.speaker, a.stated_at, a.venue, a.attribution
                        );
                        (
                            a.url.clone().unwrap_or_default(),
                            a.exact.clone(),
                            a.start,
                            a.end,
                            details,
                        )
                    })
                    .collect();
                (
                    (c.statement.clone(), c.claimant.clone(), c.condition.clone()),
                    c.tags.clone(),
                    spans,
                )
            })
            .collect();
        claims.sort();
        claims
    };
    assert_eq!(
        shape(&theirs),
        shape(&mine),
        "statements, claimants, conditions, tags, every appearance's place, kind, speaker, stated time, venue and chain survive"
    );
    let again = claimtrail::annotation_import::import(&other.store, &exported)
        .await
        .unwrap();
    assert!(again.iter().all(|o| o.status == "duplicate"), "{again:?}");
    assert_eq!(
        gather(&other.store, &ExportScope::Workspace)
            .await
            .unwrap()
            .claims
            .len(),
        2
    );
}

#[tokio::test]
async fn a_hypothesis_export_becomes_appearances_and_what_cannot_be_placed_is_reported() {
    let d = desk().await;
    let hypothesis = serde_json::json!([
        {
            "id": "hyp-1",
            "uri": "https://kyiv.example/plan?utm_source=newsletter",
            "text": "Zelenskyy rules out any deal",
            "tags": ["ukraine", "peace-talks"],
            "target": [{
                "source": "https://kyiv.example/plan?utm_source=newsletter",
                "selector": [
                    { "type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0, "endContainer": "/p[1]", "endOffset": 10 },
                    { "type": "TextPositionSelector", "start": 9999, "end": 10030 },
                    { "type": "TextQuoteSelector", "exact": "never accept a deal", "prefix": "We will ", "suffix": ", \"any deal\"" }
                ]
            }]
        },
        {
            "id": "hyp-2",
            "uri": "https://elsewhere.example/story",
            "text": "not here",
            "target": [{ "source": "https://elsewhere.example/story", "selector": [{ "type": "TextQuoteSelector", "exact": "something", "prefix": "", "suffix": "" }] }]
        },
        {
            "id": "hyp-3",
            "uri": "https://kyiv.example/plan",
            "text": "gone",
            "target": [{ "source": "https://kyiv.example/plan", "selector": [{ "type": "TextQuoteSelector", "exact": "a sentence that was never in the article at all", "prefix": "", "suffix": "" }] }]
        },
        { "id": "hyp-4", "uri": "https://kyiv.example/plan", "text": "a page note", "target": [{ "source": "https://kyiv.example/plan" }] }
    ]);
    let outcomes =
        claimtrail::annotation_import::import(&d.dana, hypothesis.to_string().as_bytes())
            .await
            .unwrap();
    let statuses: Vec<&str> = outcomes.iter().map(|o| o.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["imported", "skipped", "skipped", "skipped"],
        "{outcomes:?}"
    );
    assert!(outcomes[1]
        .reason
        .as_deref()
        .unwrap()
        .contains("import it first"));
    assert!(outcomes[2]
        .reason
        .as_deref()
        .unwrap()
        .contains("not in the article"));
    let claim = claims::get(&d.dana, outcomes[0].claim_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(claim.statement, "Zelenskyy rules out any deal");
    assert_eq!(claim.tags, ["peace-talks", "ukraine"]);
    assert_eq!(
        claim.appearances[0].exact, "never accept a deal",
        "placed by its quote, not the stale position"
    );
    let refused = claimtrail::annotation_import::import(&d.dana, b"<html>not json</html>").await;
    assert!(
        refused.is_err(),
        "a file that is not annotations is refused"
    );
}

#[test]
fn spreadsheet_cells_that_would_run_as_formulas_are_neutralised() {
    use claimtrail::model::{AppearanceKind, ReviewState};
    let document = ExportDocument {
        schema_version: 1,
        title: "t".into(),
        exported_at: "2025-12-15T10:00:00+01:00".into(),
        organisation: Default::default(),
        claims: vec![claimtrail::export::ExportClaim {
            id: "c1".into(),
            statement: "=HYPERLINK(\"https://evil.example\",\"click\")".into(),
            claimant: Some("@someone".into()),
            condition: None,
            tags: vec![],
            review_state: ReviewState::Unreviewed,
            verdict: None,
            evidence: vec![],
            appearances: vec![claimtrail::export::ExportAppearance {
                id: "a1".into(),
                article_id: "x".into(),
                article_title: "+1 on the day".into(),
                outlet: None,
                url: None,
                published_at: None,
                stated_at: Some("2025-12-15T02:37:51+05:30".into()),
                kind: AppearanceKind::DirectQuote,
                speaker: None,
                venue: None,
                attribution: vec![],
                exact: "-3% growth".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 10,
                revision: 1,
            }],
        }],
    };
    for format in [ExportFormat::Csv, ExportFormat::TimelineJsCsv] {
        let bytes = render(&document, format, &ExportOptions::default()).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        for record in reader.records() {
            for field in record.unwrap().iter() {
                assert!(
                    !field.starts_with(['=', '+', '-', '@']),
                    "{format:?}: {field}"
                );
            }
        }
    }
    let csv = text(&render(&document, ExportFormat::Csv, &ExportOptions::default()).unwrap());
    assert!(
        csv.contains("'=HYPERLINK") && csv.contains("'-3% growth"),
        "kept, behind an apostrophe"
    );
    // The sheet's title row is a cell like any other.
    let mut titled = document.clone();
    titled.title = "=IMPORTXML(\"https://evil.example\")".into();
    let sheet = text(
        &render(
            &titled,
            ExportFormat::TimelineJsCsv,
            &ExportOptions::default(),
        )
        .unwrap(),
    );
    assert!(sheet.contains("'=IMPORTXML"), "{sheet}");
    // 02:37 at +05:30 is still the 14th in UTC: the list shows the source's
    // time, the chart places it on the desk's clock.
    let report = text(
        &render(
            &document,
            ExportFormat::Html,
            &ExportOptions {
                zone: Some("UTC".into()),
                ..Default::default()
            },
        )
        .unwrap(),
    );
    assert!(
        report.contains(">15 Dec 2025, 02:37 (UTC+05:30)</time>"),
        "the time as the source gave it"
    );
    assert!(
        report.contains(">14 Dec</span>") && !report.contains(">15 Dec</span>"),
        "the chart's day on the desk's clock"
    );
}

#[tokio::test]
async fn a_reopened_verdict_is_not_published_and_claimreview_needs_the_organisation() {
    let d = desk().await;
    review::act(
        &d.ali,
        &d.claim.id,
        &ReviewAction::Reopen {
            reason: "New facts.".into(),
        },
    )
    .await
    .unwrap();
    let bytes = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::ClaimReview,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let reviews: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(
        reviews.as_array().unwrap().is_empty(),
        "the approval was withdrawn: {reviews}"
    );
    // Renaming keeps the site; without one, ClaimReview says what to set.
    let org = export::set_organisation(&d.dana, "Desk Check Weekly", None)
        .await
        .unwrap();
    assert_eq!(org.url.as_deref(), Some("https://desk.example/"));
    export::set_organisation(&d.dana, "Desk Check", Some(""))
        .await
        .unwrap();
    let refused = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::ClaimReview,
        &ExportOptions::default(),
    )
    .await;
    assert!(
        matches!(&refused, Err(e @ claimtrail::store::StoreError::Invalid { .. }) if e.to_string().contains("organisation")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn the_hypothesis_clients_export_file_imports_and_an_edited_claim_is_not_duplicated() {
    let d = desk().await;
    let file = serde_json::json!({
        "export_date": "2025-12-16T10:00:00.000Z",
        "export_userid": "acct:reporter@hypothes.is",
        "client_version": "1.1500.0",
        "annotations": [{
            "id": "hyp-9",
            "uri": "https://planet.example/plan",
            "text": "Talks go on",
            "tags": [],
            "target": [{ "source": "https://planet.example/plan", "selector": [
                { "type": "TextQuoteSelector", "exact": "Talks go on", "prefix": "", "suffix": "" }
            ] }]
        }]
    });
    // The span is already the other claim's appearance: a duplicate, whatever its statement now says.
    let outcomes = claimtrail::annotation_import::import(&d.dana, file.to_string().as_bytes())
        .await
        .unwrap();
    assert_eq!(outcomes[0].status, "duplicate", "{outcomes:?}");
    assert_eq!(outcomes[0].claim_id.as_deref(), Some(d.other.id.as_str()));
}

/// The document expanded by jsonld.js in safe mode (tests/jsonld/check.mjs:
/// any term no context defines fails), with the vendored contexts.
fn expand_jsonld(bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.jsonld");
    std::fs::write(&file, bytes).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("node")
        .arg(root.join("tests/jsonld/check.mjs"))
        .arg(&file)
        .output()
        .expect("node runs (scripts/setup.sh installs it and ui/node_modules)");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(bytes)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The values of `property` (an expanded IRI) of a node.
fn values<'a>(node: &'a Value, property: &str) -> &'a [Value] {
    node[property].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn types(node: &Value) -> Vec<&str> {
    values(node, "@type")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

#[tokio::test]
async fn claimreview_and_web_annotations_expand_as_json_ld_with_every_required_property() {
    let d = desk().await;
    let s = "http://schema.org/";
    let reviews = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::ClaimReview,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let expanded = expand_jsonld(&reviews);
    let nodes = expanded.as_array().unwrap();
    assert_eq!(nodes.len(), 1, "one approved claim: {expanded}");
    let review = &nodes[0];
    assert_eq!(types(review), [format!("{s}ClaimReview")]);
    for property in [
        "claimReviewed",
        "reviewRating",
        "itemReviewed",
        "author",
        "url",
        "datePublished",
    ] {
        assert!(
            !values(review, &format!("{s}{property}")).is_empty(),
            "ClaimReview has {property}: {review}"
        );
    }
    assert!(
        values(review, &format!("{s}url"))[0]["@id"].is_string(),
        "url is an IRI"
    );
    let rating = &values(review, &format!("{s}reviewRating"))[0];
    assert_eq!(types(rating), [format!("{s}Rating")]);
    for property in ["alternateName", "ratingValue", "bestRating", "worstRating"] {
        assert!(
            !values(rating, &format!("{s}{property}")).is_empty(),
            "{property}: {rating}"
        );
    }
    let item = &values(review, &format!("{s}itemReviewed"))[0];
    assert_eq!(types(item), [format!("{s}Claim")]);
    for property in ["author", "datePublished", "appearance", "firstAppearance"] {
        assert!(
            !values(item, &format!("{s}{property}")).is_empty(),
            "{property}: {item}"
        );
    }
    let author = &values(review, &format!("{s}author"))[0];
    assert_eq!(types(author), [format!("{s}Organization")]);

    let page = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::Annotations,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let expanded = expand_jsonld(&page);
    let (oa, as_) = (
        "http://www.w3.org/ns/oa#",
        "http://www.w3.org/ns/activitystreams#",
    );
    let page = &expanded[0];
    assert_eq!(types(page), [format!("{as_}OrderedCollectionPage")]);
    let items = values(&values(page, &format!("{as_}items"))[0], "@list");
    assert_eq!(items.len(), 3, "an annotation per appearance");
    for annotation in items {
        assert_eq!(types(annotation), [format!("{oa}Annotation")]);
        assert!(annotation["@id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert_eq!(
            values(annotation, &format!("{oa}motivatedBy"))[0]["@id"],
            format!("{oa}describing")
        );
        let target = &values(annotation, &format!("{oa}hasTarget"))[0];
        let source = values(target, &format!("{oa}hasSource"))[0]["@id"]
            .as_str()
            .unwrap();
        assert!(source.starts_with("https://"), "{source}");
        let selectors = values(target, &format!("{oa}hasSelector"));
        let kinds: Vec<Vec<&str>> = selectors.iter().map(types).collect();
        assert_eq!(
            kinds,
            [
                vec![format!("{oa}TextQuoteSelector").as_str()],
                vec![format!("{oa}TextPositionSelector").as_str()]
            ]
        );
        assert!(!values(&selectors[0], &format!("{oa}exact")).is_empty());
        assert!(!values(&selectors[1], &format!("{oa}start")).is_empty());
        let body = values(annotation, &format!("{oa}hasBody"));
        assert!(body.iter().any(|b| types(b) == [format!("{oa}TextualBody")]
            && values(b, "http://www.w3.org/1999/02/22-rdf-syntax-ns#value").len() == 1));
        assert!(!values(annotation, "urn:claimtrail:claim").is_empty());
        assert!(!values(annotation, "urn:claimtrail:kind").is_empty());
        let chain = values(annotation, "urn:claimtrail:attribution");
        assert!(
            !values(&chain[0], "@list").is_empty(),
            "the chain is an ordered list"
        );
    }
}

#[tokio::test]
async fn exports_take_the_same_filters_as_search() {
    let d = desk().await;
    let filtered = |filter: SearchQuery| {
        let store = d.dana.clone();
        async move {
            export::gather_filtered(&store, &ExportScope::Workspace, Some(&filter))
                .await
                .unwrap()
        }
    };
    let shape = |doc: &ExportDocument| -> Vec<(String, Vec<String>)> {
        doc.claims
            .iter()
            .map(|c| {
                (
                    c.statement.chars().take(11).collect(),
                    c.appearances
                        .iter()
                        .filter_map(|a| a.outlet.clone())
                        .collect(),
                )
            })
            .collect()
    };
    // An outlet keeps its appearances, and the claims that have one there.
    let doc = filtered(SearchQuery {
        outlet: Some("kyiv wire".into()),
        ..SearchQuery::default()
    })
    .await;
    assert_eq!(
        shape(&doc),
        [("Ukraine wil".to_owned(), vec!["Kyiv Wire".to_owned()])]
    );
    assert!(
        doc.title.contains("filtered (in kyiv wire)"),
        "{}",
        doc.title
    );
    // Words, as search finds them.
    let doc = filtered(SearchQuery {
        text: "talks".into(),
        ..SearchQuery::default()
    })
    .await;
    assert_eq!(
        shape(&doc),
        [("Talks go on".to_owned(), vec!["Daily Planet".to_owned()])]
    );
    // A time window on when it was said: the 15th's appearances drop out,
    // and a claim with none left is not exported.
    let doc = filtered(SearchQuery {
        to: Some("2025-12-14".into()),
        ..SearchQuery::default()
    })
    .await;
    assert_eq!(
        shape(&doc),
        [("Ukraine wil".to_owned(), vec!["Kyiv Wire".to_owned()])]
    );
    // The verdict and tag of the claim.
    let doc = filtered(SearchQuery {
        verdict: Some("true".into()),
        ..SearchQuery::default()
    })
    .await;
    assert_eq!(
        shape(&doc),
        [("Talks go on".to_owned(), vec!["Daily Planet".to_owned()])]
    );
    let doc = filtered(SearchQuery {
        tag: Some("NATO".into()),
        ..SearchQuery::default()
    })
    .await;
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(doc.claims[0].appearances.len(), 2);
    // Within a scope: a person's claims, filtered.
    let doc = export::gather_filtered(
        &d.dana,
        &ExportScope::Person("Zelenskyy".into()),
        Some(&SearchQuery {
            outlet: Some("Daily Planet".into()),
            ..SearchQuery::default()
        }),
    )
    .await
    .unwrap();
    assert_eq!(
        shape(&doc),
        [("Ukraine wil".to_owned(), vec!["Daily Planet".to_owned()])]
    );
    // The rendered export follows the filter too.
    let csv = export::export(
        &d.dana,
        &ExportScope::Workspace,
        ExportFormat::Csv,
        &ExportOptions {
            filter: Some(SearchQuery {
                outlet: Some("Kyiv Wire".into()),
                ..SearchQuery::default()
            }),
            ..ExportOptions::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        text(&csv).lines().count(),
        2,
        "a header and one row: {}",
        text(&csv)
    );
}

#[tokio::test]
async fn what_a_format_leaves_out_is_said_not_dropped_silently() {
    let d = desk().await;
    // An article without a date: its appearance has no time at all.
    let undated = common::import_file(&d.dana, "undated.md", b"---\ntitle: Undated brief\noutlet: Kyiv Wire\n---\n\nOfficials said the talks would resume soon.\n").await
    .article
    .id;
    let quote = "the talks would resume soon";
    claims::create(
        &d.dana,
        &ClaimFields {
            statement: "Talks will resume soon".into(),
            claimant: Some("Ukrainian officials".into()),
            ..ClaimFields::default()
        },
        Some(&span(&d.dana, &undated, quote).await),
    )
    .await
    .unwrap();
    let preview = |format| {
        let store = d.dana.clone();
        async move {
            export::preview(
                &store,
                &export::ExportRequest {
                    scope: ExportScope::Workspace,
                    format,
                    options: ExportOptions::default(),
                },
            )
            .await
            .unwrap()
        }
    };
    let timeline = preview(ExportFormat::TimelineJs).await;
    assert_eq!(timeline.notes.len(), 2, "{:?}", timeline.notes);
    assert_eq!(
        timeline.notes[1],
        "1 claim has a verdict not approved yet; it is left out. Show unapproved verdicts (marked as such) to include it."
    );
    assert!(
        timeline.notes[0].starts_with("1 appearance has no date")
            && timeline.notes[0].contains("and is not in the timeline")
            && timeline.notes[0].contains(quote),
        "{}",
        timeline.notes[0]
    );
    assert!(
        !timeline.content.contains(quote),
        "the undated one is not an event"
    );
    let report = preview(ExportFormat::Html).await;
    assert!(
        report.notes[0].contains("is listed under its claim"),
        "{:?}",
        report.notes
    );
    assert!(report.content.contains(quote), "the report still lists it");
    let reviews = preview(ExportFormat::ClaimReview).await;
    assert_eq!(
        reviews.notes,
        ["2 of 3 claims have no approved verdict and are not published as ClaimReview."]
    );
    assert_eq!(
        preview(ExportFormat::Csv).await.notes.len(),
        1,
        "CSV says only that the proposed verdict is left out"
    );
    assert!(preview(ExportFormat::Json).await.notes.is_empty());
}

#[tokio::test]
async fn a_workspace_failure_part_way_keeps_what_came_before_and_says_where_it_stopped() {
    let d = desk().await;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM appearances")
        .fetch_one(d.dana.pool())
        .await
        .unwrap();
    // A trigger that fails the second new appearance stands in for a full
    // disk or a workspace locked by another program.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE TRIGGER fail_second BEFORE INSERT ON appearances
         WHEN (SELECT count(*) FROM appearances) >= {} BEGIN SELECT RAISE(ABORT, 'disk full'); END",
        before + 1
    )))
    .execute(d.dana.pool())
    .await
    .unwrap();
    let annotation = |exact: &str| {
        serde_json::json!({
            "uri": "https://kyiv.example/plan",
            "text": exact,
            "target": [{ "source": "https://kyiv.example/plan",
                         "selector": [{ "type": "TextQuoteSelector", "exact": exact }] }]
        })
    };
    let file = serde_json::json!([
        annotation("never accept a deal"),
        annotation("rewards the aggressor"),
        annotation("its friends"),
    ]);
    let outcomes = claimtrail::annotation_import::import(&d.dana, file.to_string().as_bytes())
        .await
        .unwrap();
    let statuses: Vec<&str> = outcomes.iter().map(|o| o.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["imported", "failed"],
        "the third is not tried: {outcomes:?}"
    );
    assert!(outcomes[1].reason.as_deref().unwrap().contains("disk full"));
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM appearances")
        .fetch_one(d.dana.pool())
        .await
        .unwrap();
    assert_eq!(
        after,
        before + 1,
        "the first stays, nothing half-written of the second"
    );
    assert!(claimtrail::store::verify(&d.dana).await.unwrap().ok);
}

#[tokio::test]
async fn a_date_filter_is_the_sources_own_day_not_the_utc_day() {
    let d = desk().await;
    // Said at 02:37 in Delhi on the 15th: the 14th in UTC.
    let kyiv = d.claim.appearances[0].id.clone();
    claims::update_appearance(
        &d.dana,
        &kyiv,
        &AppearanceDetails {
            stated_at: Some("2025-12-15T02:37:00+05:30".into()),
            ..AppearanceDetails::default()
        },
    )
    .await
    .unwrap();
    let claim_id = d.claim.id.clone();
    let outlets = |filter: SearchQuery| {
        let store = d.dana.clone();
        let scope = ExportScope::Claim(claim_id.clone());
        async move {
            let doc = export::gather_filtered(&store, &scope, Some(&filter))
                .await
                .unwrap();
            doc.claims
                .iter()
                .flat_map(|c| c.appearances.iter().filter_map(|a| a.outlet.clone()))
                .collect::<Vec<_>>()
        }
    };
    let on_the_15th = SearchQuery {
        from: Some("2025-12-15".into()),
        to: Some("2025-12-15".into()),
        ..SearchQuery::default()
    };
    let mut kept = outlets(on_the_15th.clone()).await;
    kept.sort();
    assert_eq!(
        kept,
        ["Daily Planet", "Kyiv Wire"],
        "both were said on the 15th where they were said"
    );
    let on_the_14th = SearchQuery {
        to: Some("2025-12-14".into()),
        ..SearchQuery::default()
    };
    assert!(
        outlets(on_the_14th.clone()).await.is_empty(),
        "nothing was said on the 14th, local time"
    );
    // An instant is an instant: 02:37 in Delhi is before 22:00 UTC on the 14th.
    let before_instant = SearchQuery {
        to: Some("2025-12-14T22:00:00Z".into()),
        ..SearchQuery::default()
    };
    assert_eq!(outlets(before_instant).await, ["Kyiv Wire"]);
    // Search's filters read days the same way.
    let found = claimtrail::search::search(
        &d.dana,
        &SearchQuery {
            text: "aggressor".into(),
            ..on_the_14th
        },
    )
    .await
    .unwrap();
    assert!(found.appearances.is_empty(), "{:?}", found.appearances);
    let found = claimtrail::search::search(
        &d.dana,
        &SearchQuery {
            text: "aggressor".into(),
            ..on_the_15th
        },
    )
    .await
    .unwrap();
    assert_eq!(found.appearances.len(), 2);
}

/// One statement carried in Delhi (+05:30) and Berlin (+01:00), a Kremlin
/// statement dated by its day alone and quoted with its own quote marks,
/// one verdict approved and one only proposed.
async fn coverage() -> (common::TempWorkspace, Store, ClaimInfo, ClaimInfo) {
    let ws = common::workspace().await;
    let (dana, ali) = common::dana_and_ali(&ws.store).await;
    let quote = "And it is already a compromise from our part";
    let delhi = import(
        &dana,
        "delhi",
        "Delhi Desk",
        "2025-12-15T02:37:51+05:30",
        &format!("Zelenskyy said: \"{quote}.\""),
    )
    .await;
    let berlin = import(
        &dana,
        "berlin",
        "Berliner Tagblatt",
        "2025-12-14T22:30:00+01:00",
        &format!("In Berlin, Zelenskyy said: \"{quote}.\" The chancellor listened."),
    )
    .await;
    let moscow = import(
        &dana,
        "moscow",
        "Daily Planet",
        "2025-12-16",
        "Peskov told reporters: \"Thus, today the position remains unchanged.\" Talks go on.",
    )
    .await;
    let compromise = claim_by(
        &dana,
        "Ukraine's peace plan is already a compromise",
        "Volodymyr Zelenskyy",
        &span(&dana, &berlin, quote).await,
    )
    .await;
    let compromise =
        claims::add_appearance(&dana, &compromise.id, &span(&dana, &delhi, quote).await)
            .await
            .unwrap();
    propose(&dana, &compromise.id, Rating::Misleading).await;
    review::act(
        &ali,
        &compromise.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let marked = "\"Thus, today the position remains unchanged.\"";
    let peskov = claim_by(
        &dana,
        "Thus, today the position remains unchanged.",
        "Dmitry Peskov",
        &span(&dana, &moscow, marked).await,
    )
    .await;
    propose(&dana, &peskov.id, Rating::MostlyTrue).await;
    (ws, dana, compromise, peskov)
}

async fn claim_by(
    store: &Store,
    statement: &str,
    claimant: &str,
    at: &AppearanceFields,
) -> ClaimInfo {
    let fields = ClaimFields {
        statement: statement.into(),
        claimant: Some(claimant.into()),
        ..ClaimFields::default()
    };
    claims::create(store, &fields, Some(at)).await.unwrap()
}

async fn propose(store: &Store, claim: &str, rating: Rating) {
    let rationale = "Being checked.".into();
    review::act(store, claim, &ReviewAction::Propose { rating, rationale })
        .await
        .unwrap();
}

async fn timeline_of(store: &Store, scope: ExportScope, options: ExportOptions) -> Value {
    let bytes = export::export(store, &scope, ExportFormat::TimelineJs, &options)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Berlin's clock, with proposed verdicts shown marked.
fn marked_in_berlin() -> ExportOptions {
    ExportOptions {
        unapproved: Unapproved::Mark,
        ..berlin()
    }
}

fn berlin() -> ExportOptions {
    ExportOptions {
        zone: Some("Europe/Berlin".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_published_timeline_places_times_on_the_desks_clock_and_keeps_days_as_days() {
    let (_ws, dana, compromise, peskov) = coverage().await;
    let t = timeline_of(&dana, ExportScope::Workspace, berlin()).await;
    let events = t["events"].as_array().unwrap();
    let id_of = |claim: &ClaimInfo, outlet: &str| {
        let a = claim
            .appearances
            .iter()
            .find(|a| a.outlet.as_deref() == Some(outlet))
            .unwrap();
        format!("ct-{}", a.id)
    };
    let order: Vec<&str> = events
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            id_of(&compromise, "Delhi Desk"),
            id_of(&compromise, "Berliner Tagblatt"),
            id_of(&peskov, "Daily Planet")
        ],
        "Delhi's 02:37 (+05:30) came before Berlin's 22:30 (+01:00) the evening before"
    );
    let delhi = &events[0]["start_date"];
    assert_eq!(
        (
            delhi["day"].as_u64(),
            delhi["hour"].as_u64(),
            delhi["minute"].as_u64()
        ),
        (Some(14), Some(22), Some(7)),
        "on Berlin's clock"
    );
    assert_eq!(
        delhi["display_date"], "15 Dec 2025, 02:37 (UTC+05:30)",
        "shown as Delhi gave it"
    );
    assert!(events[0]["text"]["text"]
        .as_str()
        .unwrap()
        .contains("That is 14 Dec 2025, 22:07 in Europe/Berlin."));
    assert!(
        !events[1]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("That is"),
        "Berlin's own time needs no second reading"
    );
    let day = &events[2]["start_date"];
    assert_eq!(day["day"], 16);
    assert!(
        day.get("hour").is_none() && day.get("minute").is_none(),
        "a day has no invented midnight: {day}"
    );
    assert_eq!(day["display_date"], "16 Dec 2025");
    // Another desk's clock moves the marker, not what the source said.
    let delhi_desk = timeline_of(
        &dana,
        ExportScope::Workspace,
        ExportOptions {
            zone: Some("Asia/Kolkata".into()),
            ..Default::default()
        },
    )
    .await;
    let placed = &delhi_desk["events"][0]["start_date"];
    assert_eq!(
        (placed["day"].as_u64(), placed["hour"].as_u64()),
        (Some(15), Some(2))
    );
    assert_eq!(placed["display_date"], "15 Dec 2025, 02:37 (UTC+05:30)");
    let bad = export::export(
        &dana,
        &ExportScope::Workspace,
        ExportFormat::TimelineJs,
        &ExportOptions {
            zone: Some("Mars/Olympus".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(bad.unwrap_err().to_string().contains("not a time zone"));
}

#[tokio::test]
async fn a_published_timeline_says_what_was_claimed_quotes_once_and_keeps_proposals_out() {
    let (_ws, dana, compromise, _peskov) = coverage().await;
    let t = timeline_of(&dana, ExportScope::Workspace, berlin()).await;
    let events = t["events"].as_array().unwrap();
    let headlines: Vec<&str> = events
        .iter()
        .map(|e| e["text"]["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        headlines,
        [
            "Ukraine&#39;s peace plan is already a compromise",
            "Ukraine&#39;s peace plan is already a compromise",
            "Thus, today the position remains unchanged."
        ],
        "the claim's statement, not the speaker's name"
    );
    let kremlin = events[2]["text"]["text"].as_str().unwrap();
    assert!(
        kremlin.starts_with("<p>“Thus, today the position remains unchanged.”</p>"),
        "one pair of quote marks: {kremlin}"
    );
    assert!(
        !kremlin.contains("Claim:"),
        "no Claim line repeating the quote: {kremlin}"
    );
    assert!(
        kremlin.contains("— Dmitry Peskov → Daily Planet"),
        "speaker and outlet in the text: {kremlin}"
    );
    assert!(
        !kremlin.contains("Mostly true") && !kremlin.contains("Verdict"),
        "a proposed verdict is left out by default: {kremlin}"
    );
    assert!(events[0]["text"]["text"]
        .as_str()
        .unwrap()
        .contains("Verdict: <strong>Misleading</strong>"));
    assert!(
        events.iter().all(|e| e.get("media").is_none()),
        "an article's page is not an image to draw"
    );
    assert!(
        kremlin.contains("<a href=\"https://moscow.example/plan\""),
        "the article linked in the text"
    );
    // Marked when asked for.
    let marked = timeline_of(&dana, ExportScope::Workspace, marked_in_berlin()).await;
    let kremlin = marked["events"][2]["text"]["text"].as_str().unwrap();
    assert!(
        kremlin.contains("Proposed verdict, <em>not approved yet</em>: Mostly true"),
        "{kremlin}"
    );
    // One claim's timeline tells its events apart by what each outlet quoted.
    let one = timeline_of(&dana, ExportScope::Claim(compromise.id.clone()), berlin()).await;
    assert_eq!(
        one["title"]["text"]["headline"],
        "Ukraine&#39;s peace plan is already a compromise"
    );
    for e in one["events"].as_array().unwrap() {
        assert_eq!(
            e["text"]["headline"],
            "And it is already a compromise from our part"
        );
        assert!(
            e["text"]["text"]
                .as_str()
                .unwrap()
                .contains("<p>Claim: Ukraine&#39;s peace plan"),
            "the claim said once in the text"
        );
    }
}

#[tokio::test]
async fn markdown_csv_and_the_report_follow_the_same_date_verdict_and_quoting_rules() {
    let (_ws, dana, _compromise, _peskov) = coverage().await;
    let render_as = |format, options: ExportOptions| {
        let store = dana.clone();
        async move {
            text(
                &export::export(&store, &ExportScope::Workspace, format, &options)
                    .await
                    .unwrap(),
            )
        }
    };
    let md = render_as(ExportFormat::Markdown, berlin()).await;
    assert!(
        md.contains("- 15 Dec 2025, 02:37 (UTC+05:30) — Delhi Desk — "),
        "{md}"
    );
    assert!(
        md.contains("- 16 Dec 2025 — Daily Planet — "),
        "a day as a day: {md}"
    );
    assert!(
        md.contains(": “Thus, today the position remains unchanged.”"),
        "one pair of quote marks: {md}"
    );
    assert!(
        !md.contains("Mostly true") && md.contains("*No approved verdict yet.*"),
        "{md}"
    );
    assert!(
        md.find("Delhi Desk").unwrap() < md.find("Berliner Tagblatt").expect(&md),
        "in the order they happened"
    );
    let md = render_as(ExportFormat::Markdown, marked_in_berlin()).await;
    assert!(
        md.contains(
            "**Verdict: Mostly true** — proposed by Dana Okafor (proposed, not approved yet)"
        ),
        "{md}"
    );

    let csv = render_as(ExportFormat::Csv, berlin()).await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let outlets: Vec<&str> = rows.iter().map(|r| &r[6]).collect();
    assert_eq!(
        outlets,
        ["Delhi Desk", "Berliner Tagblatt", "Daily Planet"],
        "in the order they happened"
    );
    assert_eq!(
        (&rows[2][10], &rows[2][11]),
        ("", "proposed"),
        "the proposed verdict left out, its state said"
    );
    assert_eq!(&rows[0][10], "Misleading");
    assert_eq!(
        &rows[0][4], "2025-12-15T02:37:51+05:30",
        "times as stored, for scripts"
    );

    let report = render_as(ExportFormat::Html, berlin()).await;
    assert!(!report.contains("Mostly true") && report.contains("No approved verdict yet."));
    assert!(
        report.contains("<blockquote>“Thus, today the position remains unchanged.”</blockquote>")
    );
    assert!(report.contains(">16 Dec 2025</time>") && !report.contains("16 Dec 2025, 00:00"));
    assert!(
        !report.contains("title=\"16 Dec 2025 · \""),
        "no tooltip ends in a separator"
    );
    let marked = render_as(ExportFormat::Html, marked_in_berlin()).await;
    assert!(marked.contains("Mostly true</span> <strong>Proposed, not approved yet</strong>"));
}

#[test]
fn an_address_that_is_not_a_web_page_and_a_title_that_ends_a_script_block_reach_no_export() {
    use claimtrail::model::{AppearanceKind, ReviewState};
    let hostile_url = "<img src=x onerror=alert(1)> iframe";
    let appearance = |id: &str, url: &str| claimtrail::export::ExportAppearance {
        id: id.into(),
        article_id: format!("art-{id}"),
        article_title: "</script><script>alert(1)</script>".into(),
        outlet: None,
        url: Some(url.into()),
        published_at: None,
        stated_at: Some("2025-12-15T02:37:51+05:30".into()),
        kind: AppearanceKind::DirectQuote,
        speaker: None,
        venue: None,
        attribution: vec![],
        exact: "a\u{2028}b".into(),
        prefix: String::new(),
        suffix: String::new(),
        start: 0,
        end: 3,
        revision: 1,
    };
    let document = ExportDocument {
        schema_version: 1,
        title: "</script><script>alert(1)</script>".into(),
        exported_at: "2025-12-15T10:00:00+01:00".into(),
        organisation: claimtrail::export::Organisation {
            name: Some("Desk".into()),
            url: Some("https://desk.example".into()),
        },
        claims: vec![claimtrail::export::ExportClaim {
            id: "c1".into(),
            statement: "</script>".into(),
            claimant: None,
            condition: None,
            tags: vec![],
            review_state: ReviewState::Approved,
            verdict: Some(
                serde_json::from_value(serde_json::json!({
                    "id": "v1", "rating": "false", "rating_label": "False",
                    "rationale": "</script>",
                    "proposed_by": { "id": "u1", "name": "Dana", "initials": "DO", "color": "#336699", "active": true },
                    "proposed_at": "2025-12-15T10:00:00+01:00",
                    "approved_by": { "id": "u2", "name": "Ali", "initials": "AR", "color": "#993366", "active": false },
                    "approved_at": "2025-12-15T11:00:00+01:00",
                }))
                .unwrap(),
            ),
            evidence: vec![],
            appearances: vec![
                appearance("a1", hostile_url),
                appearance("a2", "javascript:alert(1)"),
                appearance("a3", "https://reporter:secret@news.example/story"),
            ],
        }],
    };
    for format in [
        ExportFormat::TimelineJs,
        ExportFormat::TimelineJsCsv,
        ExportFormat::Html,
        ExportFormat::Markdown,
        ExportFormat::ClaimReview,
        ExportFormat::Annotations,
    ] {
        let out = text(&render(&document, format, &ExportOptions::default()).unwrap());
        assert!(!out.contains("<img"), "{format:?}: {out}");
        assert!(!out.contains("javascript:"), "{format:?}: {out}");
        assert!(
            !out.contains("secret"),
            "{format:?} keeps no password: {out}"
        );
        if matches!(
            format,
            ExportFormat::TimelineJs | ExportFormat::ClaimReview | ExportFormat::Annotations
        ) {
            assert!(!out.contains("</script"), "{format:?}: {out}");
            assert!(!out.contains('\u{2028}'), "{format:?}");
            let back: Value = serde_json::from_str(&out).unwrap();
            assert!(
                back.to_string().contains("</script>"),
                "the same text once read"
            );
        }
    }
    let timeline: Value = serde_json::from_slice(
        &render(
            &document,
            ExportFormat::TimelineJs,
            &ExportOptions::default(),
        )
        .unwrap(),
    )
    .unwrap();
    let urls: Vec<&Value> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["source"]["url"])
        .collect();
    assert_eq!(
        urls,
        [
            &Value::Null,
            &Value::Null,
            &Value::from("https://news.example/story")
        ],
        "only a web address, in its parsed form"
    );
}

#[test]
fn an_export_file_is_replaced_whole_through_a_new_file_nobody_could_have_made_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.json");
    // What a predictable temporary name would have let another user plant.
    let planted = dir.path().join(".timeline.json.part");
    std::fs::write(&planted, b"planted").unwrap();
    export::write_file(&path, b"first").unwrap();
    export::write_file(&path, b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    assert_eq!(std::fs::read(&planted).unwrap(), b"planted", "left alone");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".timeline.json.part", "timeline.json"],
        "no temporary file left"
    );
    let refused = export::write_file(&dir.path().join("no-such-folder/x.json"), b"x");
    assert!(refused.is_err());
}

#[test]
fn an_annotation_file_over_the_article_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse file: its size is over the cap, nothing is on the disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(claimtrail::annotation_import::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = claimtrail::annotation_import::read_file(&path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("up to 50 MB"), "{err}");
    std::fs::write(&path, b"[]").unwrap();
    assert_eq!(
        claimtrail::annotation_import::read_file(&path).unwrap(),
        b"[]"
    );
}

#[tokio::test]
async fn the_workspace_itself_refuses_an_appearance_that_covers_nothing() {
    let (_ws, dana, compromise, _peskov) = coverage().await;
    let id = &compromise.appearances[0].id;
    for (start, end) in [(5, 5), (9, 3), (-1, 4)] {
        let refused = sqlx::query("UPDATE appearances SET start = ?, end = ? WHERE id = ?")
            .bind(start)
            .bind(end)
            .bind(id)
            .execute(dana.pool())
            .await
            .unwrap_err()
            .to_string();
        assert!(refused.contains("at least one character"), "{refused}");
    }
    let copy = sqlx::query(
        "INSERT INTO appearances (id, claim_id, revision_id, start, end, exact, prefix, suffix, kind, created_by, created_at)
         SELECT 'forged', claim_id, revision_id, 40, 2, exact, prefix, suffix, kind, created_by, created_at
         FROM appearances WHERE id = ?",
    )
    .bind(id)
    .execute(dana.pool())
    .await;
    assert!(copy.is_err(), "a row a bundle could carry is refused too");
}

#[tokio::test]
async fn a_timelinejs_group_label_survives_timelinejs_decoding_it_before_inserting_it() {
    let (_ws, dana, compromise, _peskov) = coverage().await;
    claims::update(
        &dana,
        &compromise.id,
        &ClaimFields {
            statement: compromise.statement.clone(),
            claimant: Some("<svg onload=alert(1)>".into()),
            ..ClaimFields::default()
        },
    )
    .await
    .unwrap();
    let t = timeline_of(&dana, ExportScope::Claim(compromise.id.clone()), berlin()).await;
    // TimelineJS strips markup from a group (decoding `&lt;` to `<`) and
    // inserts the rest as HTML: what reaches the page must still be text.
    assert_eq!(
        t["events"][0]["group"],
        "&amp;lt;svg onload=alert(1)&amp;gt;"
    );
}
