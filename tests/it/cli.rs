//! The `claimtrail` command line as scripts use it: flags, exit codes and
//! the `--json` fields documented in the README.

use crate::common;
use crate::common::cli::{claimtrail, json, ok_json, refused};

use std::process::Command;

#[test]
fn import_json_describes_each_input_and_show_json_adds_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let fixture = common::ani_fixture();

    let out = claimtrail(
        &db,
        &[
            "import",
            fixture.to_str().unwrap(),
            empty.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "rejections are handled, so the exit status is 0"
    );
    let results = json(&out);
    let results = results.as_array().expect("an array, one object per input");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["status"], "imported");
    assert_eq!(results[0]["input"], fixture.to_str().unwrap());
    let article = &results[0]["article"];
    for field in [
        "id",
        "title",
        "outlet",
        "byline",
        "url",
        "published_at",
        "updated_at",
        "dateline",
        "word_count",
        "revision",
    ] {
        assert!(
            article.get(field).is_some(),
            "`article.{field}` is part of the documented contract"
        );
    }
    assert_eq!(article["published_at"], "2025-12-15T02:37:51+05:30");
    assert_eq!(results[1]["status"], "rejected");
    assert!(
        results[1]["reason"].as_str().unwrap().contains("empty"),
        "rejections carry a reason"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("[2/2]"),
        "progress goes to stderr"
    );

    let id = article["id"].as_str().unwrap();
    let shown = json(&claimtrail(&db, &["show", id, "--json"]));
    assert!(
        shown["body"]
            .as_str()
            .unwrap()
            .starts_with("Kyiv [Ukraine], December 15"),
        "show adds the body"
    );
    assert!(
        shown["boilerplate"].as_array().unwrap().len() >= 2,
        "and the boilerplate kept out of it"
    );
    assert_eq!(
        shown["title"], article["title"],
        "summary fields are flattened into show's object"
    );

    let listed = json(&claimtrail(&db, &["articles", "--json"]));
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "articles lists the one imported article"
    );

    let again = json(&claimtrail(
        &db,
        &["import", fixture.to_str().unwrap(), "--json"],
    ));
    assert_eq!(
        again[0]["status"], "duplicate",
        "importing the same file again is a duplicate"
    );
}

#[test]
fn usage_errors_and_unknown_articles_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    assert!(
        !claimtrail(&db, &["import"]).status.success(),
        "import needs at least one input"
    );
    assert!(
        !claimtrail(&db, &["show", "no-such-id"]).status.success(),
        "an unknown id is an error"
    );
}

#[test]
fn an_unusable_workspace_exits_non_zero_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not-a-db.db");
    std::fs::write(
        &db,
        "plain text pretending to be a workspace, long enough to have a header",
    )
    .unwrap();
    let out = claimtrail(&db, &["articles"]);
    assert!(!out.status.success(), "an unusable workspace is an error");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a Claimtrail workspace"),
        "and says why"
    );
}

#[test]
fn the_db_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .env("CLAIMTRAIL_LOG", "off")
        .env("CLAIMTRAIL_DB", &db)
        .args(["articles", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists(), "CLAIMTRAIL_DB names the workspace file");
}

#[test]
fn import_exits_non_zero_when_the_workspace_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    assert!(
        claimtrail(&db, &["articles"]).status.success(),
        "creates the workspace"
    );
    // A trigger that fails every insert stands in for a full disk or a
    // damaged file.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = claimtrail::store::Store::open(&db).await.unwrap();
        sqlx::query("CREATE TRIGGER t BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk full'); END")
            .execute(store.pool())
            .await
            .unwrap();
        store.close().await;
    });

    let fixture = common::ani_fixture();
    let out = claimtrail(&db, &["import", fixture.to_str().unwrap(), "--json"]);
    assert!(
        !out.status.success(),
        "a workspace that cannot be written is an error, not a handled rejection"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("could not be written"),
        "and says so"
    );
    assert_eq!(
        json(&out)[0]["status"],
        "rejected",
        "the JSON still describes the input it stopped at"
    );
}

#[test]
fn claim_add_claims_and_reanchor_print_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let v1 = common::fixture("berlin-talks-v1.md");
    let v2 = common::fixture("berlin-talks-v2.md");
    let imported = json(&claimtrail(
        &db,
        &["import", v1.to_str().unwrap(), "--json"],
    ));
    let article = imported[0]["article"]["id"].as_str().unwrap().to_owned();

    let missing = claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            "Moscow agreed to a ceasefire",
        ],
    );
    assert!(
        !missing.status.success(),
        "a quote not in the article is an error"
    );
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(
        message.contains("is not in article"),
        "and says so: {message}"
    );

    let added = claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            "US envoys Steve Witkoff and Jared Kushner met President Volodymyr Zelenskyy",
            "--claimant",
            "Example Daily",
            "--kind",
            "summary",
            "--stated-at",
            "2025-12-14",
            "--json",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let claim = json(&added);
    assert_eq!(claim["claimant"], "Example Daily");
    assert_eq!(claim["appearances"][0]["kind"], "summary");
    assert_eq!(claim["appearances"][0]["stated_at"], "2025-12-14");

    let quote = "Ukraine could accept legally binding security guarantees";
    let added = claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            quote,
            "--claimant",
            "Zelenskyy",
            "--json",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let claim_id = json(&added)["id"].as_str().unwrap().to_owned();

    let list = json(&claimtrail(&db, &["claims", "--json"]));
    let claim = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == claim_id.as_str())
        .expect("the claim is listed");
    for field in ["id", "statement", "claimant", "appearances"] {
        assert!(claim.get(field).is_some(), "claims --json has `{field}`");
    }
    let a = &claim["appearances"][0];
    for field in [
        "id",
        "article_id",
        "revision",
        "start",
        "end",
        "exact",
        "anchor",
        "confidence",
    ] {
        assert!(a.get(field).is_some(), "each appearance has `{field}`");
    }
    assert_eq!(a["exact"], quote);
    assert_eq!(a["anchor"], "anchored");
    assert_eq!(a["revision"], 1);

    assert!(claimtrail(&db, &["import", v2.to_str().unwrap()])
        .status
        .success());
    let after_import = json(&claimtrail(&db, &["claims", "--json"]));
    let by_import = after_import
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == claim_id.as_str())
        .unwrap();
    assert_eq!(
        by_import["appearances"][0]["anchor"], "needs_review",
        "importing the revision re-anchored it by itself"
    );
    let results = json(&claimtrail(&db, &["reanchor", &article, "--json"]));
    let moved = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["claim_id"] == claim_id.as_str())
        .expect("the claim's appearance is reported");
    for field in [
        "appearance_id",
        "anchor",
        "confidence",
        "start",
        "end",
        "exact",
        "candidate",
    ] {
        assert!(moved.get(field).is_some(), "reanchor --json has `{field}`");
    }
    assert_eq!(
        moved["anchor"], "needs_review",
        "“could accept” became “would accept only”: a person decides"
    );
    assert_eq!(
        moved["revision"], 1,
        "until then it stays on the revision it was marked in"
    );
    assert_eq!(
        moved["candidate"]["revision"], 2,
        "the candidate is in the new revision"
    );
}

#[test]
fn person_commands_add_aliases_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let out = claimtrail(
        &db,
        &[
            "person",
            "add",
            "Volodymyr Zelenskyy",
            "--alias",
            "Zelensky",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["aliases"][0], "Zelensky");
    assert!(claimtrail(&db, &["person", "add", "V. Zelenskyi"])
        .status
        .success());
    let merged = claimtrail(&db, &["person", "merge", "V. Zelenskyi", "Zelensky"]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let persons = json(&claimtrail(&db, &["persons", "--json"]));
    assert_eq!(
        persons.as_array().unwrap().len(),
        1,
        "one person after the merge"
    );
    let unknown = claimtrail(&db, &["person", "alias", "Nobody Known", "x"]);
    assert!(!unknown.status.success(), "an unknown person is an error");
}

#[test]
fn claim_add_fills_what_is_not_given_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let fixture = common::ani_fixture();
    let imported = json(&claimtrail(
        &db,
        &["import", fixture.to_str().unwrap(), "--json"],
    ));
    let article = imported[0]["article"]["id"].as_str().unwrap().to_owned();
    let out = claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            "From the very beginning, Ukraine's desire was to join NATO",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claim = json(&out);
    assert!(
        claim["claimant"]
            .as_str()
            .unwrap_or_default()
            .contains("Zelenskyy"),
        "the speaker the text names is the claimant: {claim}"
    );
    let a = &claim["appearances"][0];
    assert_eq!(a["venue"], "WhatsApp chat with reporters");
    let chain: Vec<&str> = a["attribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(chain.len(), 3, "speaker → relay → publisher: {chain:?}");
    assert_eq!(&chain[1..], ["Al Jazeera", "ANI"]);
}

#[test]
fn claim_add_asks_which_occurrence_of_a_repeated_quote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let text = dir.path().join("repeat.txt");
    std::fs::write(
        &text,
        "Kyiv talks resume\n\nThe envoy said talks would resume. Officials doubted it.\n\nLater the minister said talks would resume. Nobody confirmed it.\n",
    )
    .unwrap();
    let imported = json(&claimtrail(
        &db,
        &["import", text.to_str().unwrap(), "--json"],
    ));
    let article = imported[0]["article"]["id"].as_str().unwrap().to_owned();
    let add = |extra: &[&str]| {
        let mut args = vec![
            "claim",
            "add",
            "--article",
            &article,
            "--quote",
            "talks would resume",
            "--json",
        ];
        args.extend_from_slice(extra);
        claimtrail(&db, &args)
    };
    let ambiguous = add(&[]);
    assert!(
        !ambiguous.status.success(),
        "a repeated quote is not guessed"
    );
    let message = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(
        message.contains("appears 2 times") && message.contains("--occurrence"),
        "{message}"
    );
    let past = add(&["--occurrence", "3"]);
    assert!(!past.status.success(), "there is no third");
    let second = add(&["--occurrence", "2"]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let claim = json(&second);
    let a = &claim["appearances"][0];
    assert!(
        a["prefix"].as_str().unwrap().ends_with("minister said "),
        "the second one: {a}"
    );
}

/// `bench all` at a tiny scale: every measurement is there, with its
/// baseline, in the JSON and in the Markdown section it writes. Only that
/// the numbers exist and are sane is checked, never how fast they are.
#[test]
fn bench_all_measures_everything_beside_its_baselines() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.db");
    let json_path = dir.path().join("bench.json");
    let md = dir.path().join("BENCHMARKS.md");
    std::fs::write(&md, "# Benchmarks\n\nWritten by hand.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .env("CLAIMTRAIL_LOG", "off")
        .args([
            "bench",
            "all",
            "--scale",
            "0.002",
            "--existing",
            "20",
            "--count",
            "10",
        ])
        .arg("--corpus")
        .arg(&corpus)
        .arg("--json")
        .arg(&json_path)
        .arg("--markdown")
        .arg(&md)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    for rate in [
        "/import_plain/per_second",
        "/import_html/per_second",
        "/import_raw_per_second",
    ] {
        assert!(
            r.pointer(rate).and_then(|v| v.as_f64()).unwrap() > 0.0,
            "{rate}: {r}"
        );
    }
    let corpus_numbers = &r["corpus"];
    for count in [
        "articles",
        "claims",
        "appearances",
        "persons",
        "links",
        "verdicts",
        "audit_events",
    ] {
        assert!(
            corpus_numbers[count].as_i64().unwrap() > 0,
            "{count}: {corpus_numbers}"
        );
    }
    assert!(
        corpus_numbers["audit_events"].as_i64().unwrap()
            > corpus_numbers["appearances"].as_i64().unwrap(),
        "an audit log of the corpus's size"
    );
    assert!(corpus_numbers["file_to_text"].as_f64().unwrap() > 1.0);
    assert!(r["trail"]["queries"].as_u64().unwrap() > 100);
    for latency in [
        "/trail/search/p95",
        "/trail/raw_fts/p95",
        "/trail/matches/p95",
        "/open/median_ms",
        "/reanchor/median_ms",
    ] {
        assert!(
            r.pointer(latency).and_then(|v| v.as_f64()).unwrap() > 0.0,
            "{latency}"
        );
    }
    assert!(r["open"]["peak_rss_mb"].as_f64().unwrap() > 1.0);
    let kinds = r["trail"]["by_kind"].as_array().unwrap();
    assert_eq!(
        kinds
            .iter()
            .map(|k| k["queries"].as_u64().unwrap())
            .sum::<u64>(),
        r["trail"]["queries"].as_u64().unwrap(),
        "every search is in one kind: {kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k["kind"] == "prefix"),
        "the kinds are named: {kinds:?}"
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Benchmarks\n\nWritten by hand.\n"));
    for row in [
        "bulk import, plain text",
        "raw SQLite",
        "raw FTS5",
        "matches",
        "timeline",
        "opening the workspace",
        "workspace file against the raw text",
        "peak memory",
        "Search by kind of query",
    ] {
        assert!(text.contains(row), "the section has {row}: {text}");
    }
}

/// `import FILE --url URL`: a page saved to a file is the article at the
/// address it was saved from: the address is its own, it dates a page
/// that prints no date, and the same page saved again is the same
/// article. Misused, the option is refused and nothing is imported.
#[test]
fn import_of_a_saved_page_takes_the_address_it_was_saved_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let page = dir.path().join("saved.html");
    std::fs::write(
        &page,
        "<html><head><title>Grain corridor reopens</title></head><body><article><h1>Grain corridor reopens</h1>\
         <p>The Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said.</p>\
         <p>Ships queued at the entrance of the port of Odesa for most of the morning, officials said.</p></article></body></html>",
    )
    .unwrap();
    let url = "https://harbour.example/news/2025/12/16/grain-corridor";
    let out = ok_json(&claimtrail(
        &db,
        &["import", page.to_str().unwrap(), "--url", url, "--json"],
    ));
    assert_eq!(out[0]["status"], "imported", "{out}");
    let id = out[0]["article"]["id"].as_str().unwrap().to_owned();
    let shown = ok_json(&claimtrail(&db, &["show", &id, "--json"]));
    assert_eq!(shown["url"], url);
    assert_eq!(shown["published_at"], "2025-12-16", "the address dates it");

    let again = ok_json(&claimtrail(
        &db,
        &["import", page.to_str().unwrap(), "--url", url, "--json"],
    ));
    assert_eq!(again[0]["status"], "duplicate", "{again}");

    for (args, words) in [
        (
            vec![
                "import",
                page.to_str().unwrap(),
                page.to_str().unwrap(),
                "--url",
                url,
            ],
            "give one file",
        ),
        (
            vec![
                "import",
                page.to_str().unwrap(),
                "--url",
                "ftp://harbour.example/x",
            ],
            "is not a web address",
        ),
        (
            vec!["import", dir.path().to_str().unwrap(), "--url", url],
            "is a folder",
        ),
    ] {
        refused(&claimtrail(&db, &args), words);
    }
    let listed = ok_json(&claimtrail(&db, &["articles", "--json"]));
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "nothing more was imported"
    );
}
