//! `claimtrail export` and `claimtrail organisation` as scripts use them:
//! formats by name, `-o FILE` written whole, errors that write nothing.

use crate::common::cli::{as_dana as claimtrail, ok};

/// Imports the canonical ANI article into `db`; its id.
fn import_ani(db: &std::path::Path) -> String {
    let article = crate::common::ani_fixture();
    let imported = ok(&claimtrail(
        db,
        &["import", article.to_str().unwrap(), "--json"],
    ));
    serde_json::from_str::<serde_json::Value>(&imported).unwrap()[0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn every_format_exports_by_name_and_a_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let id = import_ani(&db);
    let claim = ok(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &id,
            "--quote",
            "legally binding",
            "--occurrence",
            "1",
            "--json",
        ],
    ));
    let claim = serde_json::from_str::<serde_json::Value>(&claim).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&claimtrail(
        &db,
        &[
            "organisation",
            "Desk Check",
            "--url",
            "https://desk.example",
        ],
    ));
    let org = ok(&claimtrail(&db, &["organisation", "--json"]));
    assert!(org.contains("\"name\": \"Desk Check\""), "{org}");
    for format in [
        "csv",
        "json",
        "md",
        "timelinejs",
        "timelinejs-csv",
        "claimreview",
        "annotations",
    ] {
        let out = ok(&claimtrail(&db, &["export", "--format", format]));
        assert!(!out.is_empty(), "{format} prints something");
    }
    // The same filters as search narrow an export.
    let found = ok(&claimtrail(
        &db,
        &["export", "--format", "csv", "--search", "legally binding"],
    ));
    assert_eq!(found.lines().count(), 2, "{found}");
    let none = ok(&claimtrail(
        &db,
        &["export", "--format", "csv", "--outlet", "Reuters"],
    ));
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
    let bad_date = claimtrail(&db, &["export", "--format", "csv", "--from", "last week"]);
    assert!(!bad_date.status.success());
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("is not a date"));
    let file = dir.path().join("claim.csv");
    ok(&claimtrail(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--claim",
            &claim,
            "--bom",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(String::from_utf8_lossy(&bytes).contains("legally binding"));
    // A failed export leaves the earlier file as it was, and says why.
    let failed = claimtrail(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--claim",
            "no-such-claim",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("claim no-such-claim"));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    let refused = claimtrail(&db, &["organisation", "Desk", "--url", "desk.example"]);
    assert!(
        !refused.status.success(),
        "a site address must be a web address"
    );
}

#[test]
fn bundle_conflicts_are_listed_and_settled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let article = crate::common::ani_fixture();
    ok(&claimtrail(&a, &["import", article.to_str().unwrap()]));
    let base = dir.path().join("base.ctbundle");
    ok(&claimtrail(
        &a,
        &["bundle", "export", base.to_str().unwrap()],
    ));
    ok(&claimtrail(
        &b,
        &["bundle", "import", base.to_str().unwrap()],
    ));
    // Both desks rate the same outlet, B a moment later.
    ok(&claimtrail(&a, &["outlet", "rate", "ANI", "credible"]));
    std::thread::sleep(std::time::Duration::from_millis(5));
    ok(&claimtrail(&b, &["outlet", "rate", "ANI", "mixed"]));
    let from_b = dir.path().join("b.ctbundle");
    ok(&claimtrail(
        &b,
        &["bundle", "export", from_b.to_str().unwrap()],
    ));
    let merged = ok(&claimtrail(
        &a,
        &["bundle", "import", from_b.to_str().unwrap()],
    ));
    assert!(merged.contains("conflict: outlets"), "{merged}");
    assert!(
        merged.contains("bundle settle"),
        "the way to settle is named: {merged}"
    );

    let listed: serde_json::Value =
        serde_json::from_str(&ok(&claimtrail(&a, &["bundle", "conflicts", "--json"]))).unwrap();
    let conflicts = listed.as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{listed}");
    let c = &conflicts[0];
    assert_eq!(c["table"], "outlets");
    assert_eq!(c["field"], "credibility");
    assert_eq!(c["kept"], "mixed");
    assert_eq!(c["other"], "credible");
    assert_eq!(c["subject"], "ANI");
    let id = c["id"].as_str().unwrap();

    let wrong = claimtrail(&a, &["bundle", "settle", id, "--use", "theirs"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("kept or other"));
    let settled: serde_json::Value = serde_json::from_str(&ok(&claimtrail(
        &a,
        &["bundle", "settle", id, "--use", "other", "--json"],
    )))
    .unwrap();
    assert_eq!(settled["settled_with"], "other");
    assert_eq!(settled["settled_by"], "Dana Okafor");
    let outlets = ok(&claimtrail(&a, &["outlets", "--json"]));
    let outlets: serde_json::Value = serde_json::from_str(&outlets).unwrap();
    let ani = outlets
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "ANI")
        .unwrap();
    assert_eq!(ani["credibility"], "credible");
    let open = ok(&claimtrail(&a, &["bundle", "conflicts"]));
    assert!(open.contains("No merge conflicts"), "{open}");
    let again = claimtrail(&a, &["bundle", "settle", id, "--use", "kept"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("settled already"));
    let all = ok(&claimtrail(&a, &["bundle", "conflicts", "--all"]));
    assert!(
        all.contains("settled with the other value by Dana Okafor"),
        "{all}"
    );
    ok(&claimtrail(&a, &["audit", "verify"]));
}

#[test]
fn import_annotations_exits_non_zero_when_the_workspace_fails_part_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let id = import_ani(&db);
    // A trigger that fails every new appearance stands in for a full disk.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = claimtrail::store::Store::open(&db).await.unwrap();
        sqlx::query("CREATE TRIGGER t BEFORE INSERT ON appearances BEGIN SELECT RAISE(ABORT, 'disk full'); END")
            .execute(store.pool())
            .await
            .unwrap();
        store.close().await;
    });
    let file = dir.path().join("notes.json");
    let source = format!("urn:uuid:{id}");
    std::fs::write(
        &file,
        serde_json::json!([
            { "uri": source, "text": "guarantees", "target": [{ "source": source,
              "selector": [{ "type": "TextQuoteSelector", "exact": "legally binding" }] }] },
            { "uri": source, "text": "other", "target": [{ "source": source,
              "selector": [{ "type": "TextQuoteSelector", "exact": "NATO" }] }] }
        ])
        .to_string(),
    )
    .unwrap();
    let out = claimtrail(
        &db,
        &["import-annotations", file.to_str().unwrap(), "--json"],
    );
    assert!(!out.status.success(), "a workspace failure is an error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("stopped at annotation #1"));
    let outcomes: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outcomes.as_array().unwrap().len(), 1, "{outcomes}");
    assert_eq!(outcomes[0]["status"], "failed");
}

#[test]
fn another_outlets_quote_joins_a_claim_and_the_timeline_takes_a_zone_and_shows_proposals_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let mut ids = Vec::new();
    for (name, outlet, date) in [
        ("kyiv", "Kyiv Wire", "2025-12-14T18:00:00+02:00"),
        ("delhi", "Delhi Desk", "2025-12-15T02:37:51+05:30"),
    ] {
        let file = dir.path().join(format!("{name}.md"));
        std::fs::write(
            &file,
            format!("---\ntitle: {outlet} on the plan\noutlet: {outlet}\ndate: {date}\n---\n\nIn {name}, Zelenskyy said: \"It is already a compromise.\"\n"),
        )
        .unwrap();
        let out = ok(&claimtrail(
            &db,
            &["import", file.to_str().unwrap(), "--json"],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        ids.push(v[0]["article"]["id"].as_str().unwrap().to_owned());
    }
    let add = |article: &str, more: &[&str]| {
        let mut args = vec![
            "claim",
            "add",
            "--article",
            article,
            "--quote",
            "It is already a compromise",
            "--json",
        ];
        args.extend_from_slice(more);
        claimtrail(&db, &args)
    };
    let first: serde_json::Value = serde_json::from_str(&ok(&add(&ids[0], &[]))).unwrap();
    let claim = first["id"].as_str().unwrap();
    let joined: serde_json::Value =
        serde_json::from_str(&ok(&add(&ids[1], &["--to", claim]))).unwrap();
    assert_eq!(joined["id"], claim, "the same claim");
    assert_eq!(
        joined["appearances"].as_array().unwrap().len(),
        2,
        "with a second appearance"
    );
    let both = add(&ids[1], &["--to", claim, "--statement", "Another"]);
    assert!(
        !both.status.success(),
        "--to keeps the claim's own statement"
    );

    ok(&claimtrail(
        &db,
        &[
            "verdict",
            claim,
            "--rating",
            "mixed",
            "--rationale",
            "Checking.",
        ],
    ));
    let kolkata = ok(&claimtrail(
        &db,
        &["export", "--format", "timelinejs", "--zone", "Asia/Kolkata"],
    ));
    let t: serde_json::Value = serde_json::from_str(&kolkata).unwrap();
    let first_event = &t["events"][0]["start_date"];
    assert_eq!(
        (first_event["day"].as_u64(), first_event["hour"].as_u64()),
        (Some(14), Some(21)),
        "Kyiv's 18:00 on Delhi's clock"
    );
    assert!(
        !kolkata.contains("Mixed"),
        "the proposed verdict is left out"
    );
    let marked = ok(&claimtrail(
        &db,
        &[
            "export",
            "--format",
            "timelinejs",
            "--unapproved",
            "mark",
            "--group",
            "claim",
        ],
    ));
    let marked: serde_json::Value = serde_json::from_str(&marked).unwrap();
    assert!(
        marked["events"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("not approved yet</em>: Mixed"),
        "{marked}"
    );
    let bad = claimtrail(
        &db,
        &["export", "--format", "timelinejs", "--zone", "Nowhere/Land"],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a time zone"));
}

/// A page that gives only a date is stored, shown and exported as that
/// date: no midnight appears anywhere, and TimelineJS gets a day without
/// an hour.
#[test]
fn a_date_without_a_time_stays_a_date_through_import_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Grain corridor reopens","datePublished":"2025-12-16","author":{"@type":"Person","name":"Marta Kowalska"}}</script></head>
        <body><article><p>The Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said on its website.</p>
        <p>"Nothing is holding the ships any more," the authority's director told reporters at the terminal.</p></article></body></html>"#,
    )
    .unwrap();
    let imported = ok(&claimtrail(
        &db,
        &["import", page.to_str().unwrap(), "--json"],
    ));
    let imported: serde_json::Value = serde_json::from_str(&imported).unwrap();
    let id = imported[0]["article"]["id"].as_str().unwrap().to_owned();
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&claimtrail(&db, &["show", &id, "--json"]))).unwrap();
    assert_eq!(shown["published_at"], "2025-12-16", "{shown}");
    assert_eq!(shown["byline"], "Marta Kowalska", "{shown}");
    ok(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &id,
            "--quote",
            "Nothing is holding the ships any more",
        ],
    ));
    let timeline: serde_json::Value = serde_json::from_str(&ok(&claimtrail(
        &db,
        &["export", "--format", "timelinejs", "--unapproved", "mark"],
    )))
    .unwrap();
    let start = &timeline["events"][0]["start_date"];
    assert_eq!(
        (
            start["year"].as_u64(),
            start["month"].as_u64(),
            start["day"].as_u64()
        ),
        (Some(2025), Some(12), Some(16)),
        "{timeline}"
    );
    assert!(start.get("hour").is_none(), "no hour was given: {start}");
}

/// `article set` corrects what extraction got wrong; exports and timelines
/// use the correction, `--reset` takes a field back, and a bad time exits
/// 1 with the reason and changes nothing.
#[test]
fn article_set_corrects_metadata_for_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let id = import_ani(&db);
    ok(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &id,
            "--quote",
            "legally binding",
            "--occurrence",
            "1",
        ],
    ));
    let set: serde_json::Value = serde_json::from_str(&ok(&claimtrail(
        &db,
        &[
            "article",
            "set",
            &id,
            "--outlet",
            "Asian News International",
            "--byline",
            "Jane Doe, Piotr Nowak",
            "--published",
            "2025-12-15",
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(set["outlet"], "Asian News International", "{set}");
    assert_eq!(set["byline"], "Jane Doe, Piotr Nowak");
    assert_eq!(set["published_at"], "2025-12-15");
    assert_eq!(
        set["corrected"],
        serde_json::json!(["byline", "published_at", "outlet"])
    );
    let csv = ok(&claimtrail(&db, &["export", "--format", "csv"]));
    assert!(csv.contains("Asian News International"), "{csv}");
    assert!(csv.contains("2025-12-15"), "{csv}");
    let bad = claimtrail(&db, &["article", "set", &id, "--published", "yesterday"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a time"));
    let reset: serde_json::Value = serde_json::from_str(&ok(&claimtrail(
        &db,
        &["article", "set", &id, "--reset", "outlet", "--json"],
    )))
    .unwrap();
    assert_eq!(
        reset["outlet"], "ANI",
        "back to what was extracted: {reset}"
    );
    assert_eq!(
        reset["published_at"], "2025-12-15",
        "the other corrections stay"
    );
    let nothing = claimtrail(&db, &["article", "set", &id]);
    assert!(!nothing.status.success());
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("Nothing to correct"));
}
