//! The `claimtrail` command line as scripts use it: flags, exit codes and
//! the `--json` fields documented in the README.

mod common;

use std::process::Command;

use serde_json::Value;

fn claimtrail(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the CLI runs")
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

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
