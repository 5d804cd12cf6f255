//! The trail commands as scripts use them: `search`, `link`, `links`,
//! `unlink`, `matches`, `timeline`, `storyline`, `storylines`, with their
//! documented `--json` fields and exit codes.

use crate::common::cli::{claimtrail, ok_json};
use std::path::Path;

const QUOTE: &str = "We will never accept a deal that rewards the aggressor";

/// Three outlets with one quote, differently punctuated and spelt.
fn write_articles(dir: &Path) -> Vec<String> {
    let articles = [
        ("kyiv", "Kyiv Wire", "2025-12-14T18:00:00+02:00", format!("\u{201c}{QUOTE},\u{201d} Zelenskyy said in Kyiv.")),
        ("planet", "Daily Planet", "2025-12-15T09:00:00-05:00", format!("\"{QUOTE}\" - Zelensky told reporters.")),
        ("euro", "Euro Times", "2025-12-16T08:00:00+01:00", "Zelenskiy said: \u{2018}We will never accept any deal that rewards the aggressor.\u{2019}".to_owned()),
    ];
    articles
        .iter()
        .map(|(slug, outlet, date, text)| {
            let path = dir.join(format!("{slug}.md"));
            std::fs::write(
                &path,
                format!("---\ntitle: {outlet} on the plan\nurl: https://{slug}.example/plan\noutlet: {outlet}\ndate: {date}\n---\n\n{text}\n"),
            )
            .unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn matches_link_timeline_search_and_storylines_print_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let files = write_articles(dir.path());
    let mut args = vec!["import", "--json"];
    args.extend(files.iter().map(String::as_str));
    let imported = ok_json(&claimtrail(&db, &args));
    let ids: Vec<String> = imported
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["article"]["id"].as_str().unwrap().to_owned())
        .collect();
    let claim = ok_json(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &ids[0],
            "--quote",
            QUOTE,
            "--claimant",
            "Volodymyr Zelenskyy",
            "--json",
        ],
    ));
    let claim_id = claim["id"].as_str().unwrap().to_owned();

    // matches: hits with the documented fields, best first.
    let found = ok_json(&claimtrail(&db, &["matches", &claim_id, "--json"]));
    let hits = found["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 2, "{found:#}");
    for hit in hits {
        for field in ["article_id", "start", "end", "exact", "similarity"] {
            assert!(!hit[field].is_null(), "hit.{field}");
        }
    }
    assert_eq!(hits[0]["article_id"], ids[1].as_str());
    assert_eq!(hits[0]["similarity"], 1.0);
    assert!(hits[1]["similarity"].as_f64().unwrap() < 1.0);
    assert!(found["related"].is_array());

    // --accept adds them; the timeline then shows three, in order.
    ok_json(&claimtrail(
        &db,
        &["matches", &claim_id, "--accept", "--json"],
    ));
    let after = ok_json(&claimtrail(&db, &["matches", &claim_id, "--json"]));
    assert!(after["hits"].as_array().unwrap().is_empty());
    let shown = ok_json(&claimtrail(
        &db,
        &[
            "timeline",
            "--claim",
            &claim_id,
            "--by",
            "published",
            "--json",
        ],
    ));
    let outlets: Vec<&str> = shown["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, ["Kyiv Wire", "Daily Planet", "Euro Times"]);
    assert_eq!(shown["points"][0]["first"], true);
    assert_eq!(shown["by"], "published");
    let person = ok_json(&claimtrail(
        &db,
        &["timeline", "--person", "Zelensky", "--json"],
    ));
    assert_eq!(person["points"].as_array().unwrap().len(), 3);

    // --appearance must be one of the claim's own.
    let first_appearance = claim["appearances"][0]["id"].as_str().unwrap().to_owned();
    let wrong = claimtrail(
        &db,
        &[
            "matches",
            "no-such-claim",
            "--appearance",
            &first_appearance,
        ],
    );
    assert!(!wrong.status.success());
    let right = ok_json(&claimtrail(
        &db,
        &[
            "matches",
            &claim_id,
            "--appearance",
            &first_appearance,
            "--json",
        ],
    ));
    assert!(
        right["hits"].as_array().unwrap().is_empty(),
        "all accepted already"
    );

    // link: a second claim, linked; bad relations and self-links exit non-zero.
    let other = ok_json(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &ids[2],
            "--quote",
            "Zelenskiy said",
            "--statement",
            "Zelenskiy spoke to reporters",
            "--json",
        ],
    ));
    let other_id = other["id"].as_str().unwrap();
    let link = ok_json(&claimtrail(
        &db,
        &[
            "link",
            other_id,
            &claim_id,
            "--relation",
            "supersedes",
            "--note",
            "restated",
            "--json",
        ],
    ));
    assert_eq!(link["relation"], "updates");
    assert_eq!(link["from_claim_id"], other_id);
    assert_eq!(link["to_claim_id"], claim_id.as_str());
    let bad = claimtrail(&db, &["link", other_id, &claim_id, "--relation", "agrees"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("same_as"));
    let itself = claimtrail(&db, &["link", other_id, other_id, "--relation", "same_as"]);
    assert!(!itself.status.success());
    let listed = ok_json(&claimtrail(&db, &["links", &claim_id, "--json"]));
    assert_eq!(listed[0]["outgoing"], false);

    // search: sections with snippets.
    let results = ok_json(&claimtrail(&db, &["search", "aggressor", "--json"]));
    for section in ["articles", "claims", "appearances", "persons"] {
        assert!(results[section].is_array(), "{section}");
    }
    assert_eq!(results["articles"].as_array().unwrap().len(), 3);
    assert!(results["articles"][0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["hit"] == true));
    let filtered = ok_json(&claimtrail(
        &db,
        &["search", "aggressor", "--outlet", "Euro Times", "--json"],
    ));
    assert_eq!(filtered["articles"].as_array().unwrap().len(), 1);
    let bad_date = claimtrail(&db, &["search", "aggressor", "--from", "yesterday"]);
    assert!(!bad_date.status.success());

    // storylines.
    let story = ok_json(&claimtrail(
        &db,
        &["storyline", "create", "Peace plan", "--json"],
    ));
    let story_id = story["id"].as_str().unwrap();
    assert!(claimtrail(
        &db,
        &["storyline", "add", "Peace plan", &claim_id, other_id]
    )
    .status
    .success());
    let detail = ok_json(&claimtrail(&db, &["storyline", "show", story_id, "--json"]));
    assert_eq!(detail["claim_ids"].as_array().unwrap().len(), 2);
    assert_eq!(detail["claims"][0]["id"], claim_id.as_str());
    let story_line = ok_json(&claimtrail(
        &db,
        &["timeline", "--storyline", story_id, "--json"],
    ));
    assert_eq!(story_line["links"].as_array().unwrap().len(), 1);
    let list = ok_json(&claimtrail(&db, &["storylines", "--json"]));
    assert_eq!(list[0]["name"], "Peace plan");

    // unlink.
    let link_id = link["id"].as_str().unwrap();
    assert!(claimtrail(&db, &["unlink", link_id]).status.success());
    assert!(
        !claimtrail(&db, &["unlink", link_id]).status.success(),
        "already gone"
    );
}

#[test]
fn timeline_needs_exactly_one_scope() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let none = claimtrail(&db, &["timeline"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("--claim"));
    let two = claimtrail(&db, &["timeline", "--claim", "a", "--person", "b"]);
    assert!(!two.status.success());
    assert!(
        String::from_utf8_lossy(&two.stderr).contains("cannot be used with"),
        "refused by the arguments, not by a missing claim"
    );
    let missing = claimtrail(&db, &["timeline", "--claim", "no-such-claim"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Not found"));
}

#[test]
fn an_import_names_the_tracked_claims_that_reappear_and_reappearances_lists_accepts_and_dismisses_them(
) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let files = write_articles(dir.path());
    let first = ok_json(&claimtrail(&db, &["import", "--json", &files[0]]));
    let article = first[0]["article"]["id"].as_str().unwrap().to_owned();
    let claim = ok_json(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            QUOTE,
            "--json",
        ],
    ));
    let out = crate::common::cli::ok(&claimtrail(&db, &["import", &files[1]]));
    assert!(
        out.contains("1 tracked claim reappears here"),
        "the import line says so: {out}"
    );
    let later = ok_json(&claimtrail(&db, &["import", "--json", &files[2]]));
    assert_eq!(later[0]["reappearing_claims"], 1);

    let waiting = ok_json(&claimtrail(&db, &["reappearances", "--json"]));
    let waiting = waiting.as_array().unwrap();
    assert_eq!(waiting.len(), 2, "{waiting:#?}");
    for r in waiting {
        for field in [
            "id",
            "claim",
            "found_at",
            "match",
            "similarity",
            "partial",
            "article_id",
            "start",
            "end",
            "exact",
            "hints",
        ] {
            assert!(r.get(field).is_some(), "{field} in {r}");
        }
        assert_eq!(r["claim"]["id"], claim["id"]);
    }
    let near = waiting
        .iter()
        .find(|r| r["match"] == "near")
        .expect("the changed copy is near");
    let verbatim = waiting
        .iter()
        .find(|r| r["match"] == "verbatim")
        .expect("the copy is verbatim");
    let accepted = ok_json(&claimtrail(
        &db,
        &[
            "reappearances",
            "accept",
            near["id"].as_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(accepted["appearances"].as_array().unwrap().len(), 2);
    crate::common::cli::ok(&claimtrail(
        &db,
        &["reappearances", "dismiss", verbatim["id"].as_str().unwrap()],
    ));
    let left = ok_json(&claimtrail(&db, &["reappearances", "--json"]));
    assert_eq!(left, serde_json::json!([]));
    let unknown = claimtrail(&db, &["reappearances", "accept", "no-such-id"]);
    assert!(!unknown.status.success(), "an unknown id is refused");
}
