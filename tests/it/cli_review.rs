//! The review commands as scripts use them: `user`, `--as`, `assign`,
//! `verdict`, `approve`, `reopen`, `review`, `comment`, `history`,
//! `activity`, `queue`, `undo`, `redo`, `outlet rate`, `audit verify`, with
//! their `--json` fields and exit codes (each refused move non-zero, with
//! its reason).

use crate::common::cli::{ok_json, refused, unnamed as claimtrail};

use serde_json::Value;

#[test]
fn a_verdict_is_proposed_approved_by_another_user_and_reopened_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let dana = ok_json(&claimtrail(&db, &["user", "add", "Dana Okafor", "--json"]));
    assert_eq!(dana["initials"], "DO");
    assert_eq!(dana["active"], true, "the first user is the active one");
    ok_json(&claimtrail(
        &db,
        &[
            "user",
            "add",
            "Ali Rahman",
            "--initials",
            "ar",
            "--color",
            "#112233",
            "--json",
        ],
    ));
    let users = ok_json(&claimtrail(&db, &["user", "list", "--json"]));
    assert_eq!(users.as_array().unwrap().len(), 2);
    let article = crate::common::ani_fixture();
    let imported = ok_json(&claimtrail(
        &db,
        &["import", article.to_str().unwrap(), "--json"],
    ));
    let article_id = imported[0]["article"]["id"].as_str().unwrap().to_owned();
    let claim = ok_json(&claimtrail(
        &db,
        &[
            "claim",
            "add",
            "--article",
            &article_id,
            "--quote",
            "legally binding",
            "--occurrence",
            "1",
            "--json",
        ],
    ));
    let claim_id = claim["id"].as_str().unwrap().to_owned();
    let c = claim_id.as_str();

    refused(
        &claimtrail(&db, &["approve", c]),
        "There is no proposed verdict to approve",
    );
    refused(
        &claimtrail(
            &db,
            &["verdict", c, "--rating", "false", "--rationale", " "],
        ),
        "needs a rationale",
    );
    refused(
        &claimtrail(
            &db,
            &[
                "verdict",
                c,
                "--rating",
                "false",
                "--rationale",
                "x",
                "--evidence",
                "not-an-id",
            ],
        ),
        "neither an http(s) URL",
    );

    let assigned = ok_json(&claimtrail(&db, &["assign", c, "Dana", "--json"]));
    assert_eq!(assigned["state"], "in_review");
    assert_eq!(assigned["assignee"]["name"], "Dana Okafor");
    refused(
        &claimtrail(
            &db,
            &[
                "--as",
                "AR",
                "verdict",
                c,
                "--rating",
                "false",
                "--rationale",
                "No.",
            ],
        ),
        "assigned to Dana Okafor",
    );
    let proposed = ok_json(&claimtrail(
        &db,
        &[
            "verdict",
            c,
            "--rating",
            "mostly-false",
            "--rationale",
            "The guarantees were never offered.",
            "--evidence",
            "https://mfa.example/statement",
            "--evidence",
            &article_id,
            "--json",
        ],
    ));
    assert_eq!(proposed["state"], "proposed");
    assert_eq!(proposed["verdict"]["rating"], "mostly_false");
    assert_eq!(proposed["verdict"]["rating_label"], "Mostly false");
    assert_eq!(proposed["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(proposed["evidence"][1]["kind"], "article");

    refused(
        &claimtrail(&db, &["approve", c]),
        "a different person must approve it",
    );
    let approved = ok_json(&claimtrail(
        &db,
        &["--as", "Ali Rahman", "approve", c, "--json"],
    ));
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["verdict"]["approved_by"]["name"], "Ali Rahman");
    refused(
        &claimtrail(&db, &["--as", "Ali Rahman", "approve", c]),
        "already approved",
    );
    refused(&claimtrail(&db, &["reopen", c, "--reason", ""]), "Say why");
    refused(
        &claimtrail(&db, &["--as", "Nobody", "approve", c]),
        "The users are: Ali Rahman, Dana Okafor",
    );

    let comment = ok_json(&claimtrail(
        &db,
        &[
            "--as",
            "ar",
            "comment",
            c,
            "@Dana Okafor see the ministry's reply",
            "--json",
        ],
    ));
    assert_eq!(comment["mentions"][0]["name"], "Dana Okafor");
    let reopened = ok_json(&claimtrail(
        &db,
        &["reopen", c, "--reason", "The ministry replied.", "--json"],
    ));
    assert_eq!(reopened["state"], "reopened");
    assert_eq!(reopened["reopen_reason"], "The ministry replied.");

    let history = ok_json(&claimtrail(&db, &["history", c, "--json"]));
    let story: Vec<(String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor"]["name"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let actions: Vec<&str> = story.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create", "create", "assign", "create", "propose", "create", "create", "approve",
            "approve", "create", "reopen"
        ]
    );
    assert_eq!(story[8], ("Ali Rahman".to_owned(), "approve".to_owned()));
    for field in [
        "seq",
        "id",
        "write_id",
        "actor",
        "at",
        "entity",
        "entity_id",
        "action",
        "summary",
        "before",
        "after",
        "undoes",
    ] {
        assert!(
            history[0].get(field).is_some(),
            "history entries have `{field}`"
        );
    }
    let text = String::from_utf8(claimtrail(&db, &["history", c]).stdout).unwrap();
    assert!(
        text.contains("Ali Rahman") && text.contains("approved the verdict"),
        "{text}"
    );

    let counts = ok_json(&claimtrail(&db, &["queue", "--json"]));
    assert_eq!(counts["assigned_to_me"], 1, "reopened, still Dana's");
    let by_ali = ok_json(&claimtrail(&db, &["activity", "--user", "Ali", "--json"]));
    assert!(by_ali
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"]["name"] == "Ali Rahman"));

    let undone = ok_json(&claimtrail(&db, &["undo", "--json"]));
    assert_eq!(
        undone["summary"],
        "Reopened the claim: The ministry replied."
    );
    assert_eq!(
        ok_json(&claimtrail(&db, &["review", c, "--json"]))["state"],
        "approved"
    );
    ok_json(&claimtrail(&db, &["redo", "--json"]));
    assert_eq!(
        ok_json(&claimtrail(&db, &["review", c, "--json"]))["state"],
        "reopened"
    );

    let outlet = ok_json(&claimtrail(
        &db,
        &[
            "outlet",
            "rate",
            "ANI",
            "credible",
            "--note",
            "Wire agency.",
            "--json",
        ],
    ));
    assert_eq!(outlet["credibility"], "credible");
    refused(
        &claimtrail(&db, &["outlet", "rate", "Nowhere Daily", "mixed"]),
        "outlet “Nowhere Daily”",
    );

    let check = ok_json(&claimtrail(&db, &["audit", "verify", "--json"]));
    assert_eq!(check["ok"], true);
    assert!(check["events"].as_u64().unwrap() > 10);
}

#[test]
fn audit_verify_exits_non_zero_at_the_first_broken_link_of_a_tampered_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    ok_json(&claimtrail(&db, &["user", "add", "Dana Okafor", "--json"]));
    ok_json(&claimtrail(&db, &["user", "add", "Ali Rahman", "--json"]));
    let used = claimtrail(&db, &["user", "use", "Ali"]);
    assert!(used.status.success());
    assert!(String::from_utf8_lossy(&used.stdout).contains("Now working as Ali Rahman"));
    let intact = claimtrail(&db, &["audit", "verify"]);
    assert!(intact.status.success());
    assert!(String::from_utf8_lossy(&intact.stdout).contains("intact"));
    // Flip one byte of a name inside an event, in the file itself.
    let mut bytes = std::fs::read(&db).unwrap();
    let needle = b"\"name\":\"Ali Rahman\"";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the user's creation event is in the file");
    bytes[at + 9] = b'E';
    std::fs::write(&db, bytes).unwrap();
    let broken = claimtrail(&db, &["audit", "verify", "--json"]);
    assert!(!broken.status.success(), "a broken chain exits non-zero");
    let check: Value = serde_json::from_slice(&broken.stdout).unwrap();
    assert_eq!(check["ok"], false);
    assert_eq!(
        check["broken"]["seq"], 2,
        "the second event, Ali's creation"
    );
    assert!(String::from_utf8_lossy(&broken.stderr).contains("broken at event 2"));
}
