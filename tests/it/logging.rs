//! The log a journalist attaches to a bug report: the CLI writes one in
//! the log folder, at the level asked, saying what it did and why a
//! command failed, without a word of the article or a web address's query.

use std::path::Path;
use std::process::{Command, Output};

use crate::common;

fn run(db: &Path, logs: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("CLAIMTRAIL_LOG_DIR", logs)
        .env("CLAIMTRAIL_USER", "Dana Okafor")
        .env_remove("CLAIMTRAIL_LOG")
        .output()
        .expect("the CLI runs")
}

/// Everything the CLI logged in `dir` (one file a day).
fn log_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("the log folder exists") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("cli.") && name.ends_with(".log"),
            "the CLI's files are cli.DATE.log: {name}"
        );
        text.push_str(&std::fs::read_to_string(&path).expect("the log reads"));
    }
    text
}

#[test]
fn the_cli_logs_what_it_did_and_never_the_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let (db, logs) = (dir.path().join("ws.db"), dir.path().join("logs"));
    let fixture = common::ani_fixture();
    let out = run(&db, &logs, &["import", fixture.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&run(&db, &logs, &["articles", "--json"]).stdout)
            .expect("articles --json");
    let article = listed[0]["id"].as_str().expect("an article id");
    // A quote the article does not hold: the CLI's refusal quotes it.
    let quote = "legally binding promises to Kyiv";
    let refused = run(
        &db,
        &logs,
        &["claim", "add", "--article", article, "--quote", quote],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(quote),
        "the refusal quotes it to the person"
    );

    let log = log_text(&logs);
    for said in [
        "started",
        "workspace opened",
        "import finished",
        "command refused",
    ] {
        assert!(log.contains(said), "the log says “{said}”:\n{log}");
    }
    let article = std::fs::read_to_string(&fixture).unwrap();
    let sentences: Vec<&str> = article
        .split(['.', '\n'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 6)
        .collect();
    assert!(sentences.len() > 5, "the fixture has sentences to look for");
    for sentence in sentences {
        assert!(
            !log.contains(sentence),
            "article text in the log: “{sentence}”"
        );
    }
    assert!(
        !log.contains("legally binding"),
        "a refused quote is not logged"
    );
}

#[test]
fn the_level_is_chosen_and_a_wrong_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, logs) = (dir.path().join("ws.db"), dir.path().join("logs"));
    let out = run(&db, &logs, &["--log-level", "loud", "articles"]);
    assert!(!out.status.success(), "an unknown level stops the command");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("“loud” is not a log level"),
        "and says so"
    );
    let out = run(
        &db,
        &logs,
        &["--log-level", "debug", "person", "add", "Ana Silva"],
    );
    assert!(out.status.success());
    let debug = log_text(&logs);
    assert!(
        debug.contains("DEBUG") && debug.contains("write committed"),
        "each write at debug level:\n{debug}"
    );

    let quiet_dir = dir.path().join("quiet");
    run(&db, &quiet_dir, &["--log-level", "warn", "articles"]);
    assert!(
        !log_text(&quiet_dir).contains("workspace opened"),
        "no info lines at warn level"
    );
}
