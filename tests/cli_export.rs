//! `claimtrail export` and `claimtrail organisation` as scripts use them:
//! formats by name, `-o FILE` written whole, errors that write nothing.

use std::path::Path;
use std::process::{Command, Output};

fn claimtrail(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("CLAIMTRAIL_USER", "Dana Okafor")
        .output()
        .expect("the CLI runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn every_format_exports_by_name_and_a_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let article = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ani-2025-12-15-nato-guarantees.txt");
    let imported = ok(&claimtrail(
        &db,
        &["import", article.to_str().unwrap(), "--json"],
    ));
    let id = serde_json::from_str::<serde_json::Value>(&imported).unwrap()[0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
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
