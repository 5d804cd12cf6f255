//! The team hub against a real PostgreSQL server (`pg.rs`): desks are
//! separate SQLite workspaces joined to one hub under their own logins.

use std::sync::Once;

use claimtrail::hub::{self, admin, sync, Role};
use claimtrail::model::{ClaimFields, ClaimInfo, Rating, ReviewAction, ReviewState};
use claimtrail::store::{verify, Store, StoreError};
use claimtrail::{claims, review};

use crate::common;
use crate::pg::Cluster;

const QUOTE: &str = "Zelenskyy said Ukraine could accept legally binding security guarantees instead of NATO membership.";

fn secrets_in_temp() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let dir =
            std::env::temp_dir().join(format!("claimtrail-test-secrets-{}", std::process::id()));
        std::env::set_var("CLAIMTRAIL_SECRETS_DIR", dir);
        // Never the keyring of the person running the tests: the file.
        // (`the_hub_password_is_kept_in_the_os_keyring_when_one_runs`
        // starts a keyring of its own.)
        std::env::set_var("CLAIMTRAIL_KEYRING", "off");
    });
}

/// A hub with the schema and four members: two reporters, two editors.
struct Hub {
    pg: Cluster,
}

impl Hub {
    async fn new() -> Hub {
        secrets_in_temp();
        let pg = Cluster::start().await;
        admin::init(&pg.admin_url()).await.expect("hub init");
        for (name, login, role) in [
            ("Dana Okafor", "dana", Role::Reporter),
            ("Carl Berg", "carl", Role::Reporter),
            ("Erik Lund", "erik", Role::Editor),
            ("Fay Moss", "fay", Role::Editor),
        ] {
            admin::add_user(&pg.admin_url(), name, login, role, &password(login))
                .await
                .expect("a member is added");
        }
        Hub { pg }
    }

    fn url(&self, login: &str) -> String {
        self.pg.url(login, &password(login), "team")
    }

    /// A new desk joined as `login`.
    async fn desk(&self, login: &str) -> common::TempWorkspace {
        let ws = common::workspace().await;
        hub::join(&ws.store, &self.url(login)).await.expect("joins");
        ws
    }
}

fn password(login: &str) -> String {
    format!("{login}-password-1")
}

async fn mark(store: &Store) -> ClaimInfo {
    let article = common::import_file(
        store,
        "berlin.md",
        format!("---\ntitle: Envoys meet in Berlin\nurl: https://news.example/berlin\noutlet: Example Daily\ndate: 2025-12-14T18:20:00+01:00\n---\n\nUS envoys met President Volodymyr Zelenskyy in Berlin on Sunday.\n\n{QUOTE}\n").as_bytes(),
    )
    .await
    .article
    .id;
    let body = claimtrail::articles::show(store, &article, None)
        .await
        .unwrap()
        .body;
    let (start, end) = claims::find_quote_span(&body, QUOTE).unwrap();
    claims::create(
        store,
        &ClaimFields {
            statement: QUOTE.to_owned(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            ..ClaimFields::default()
        },
        Some(&claimtrail::model::AppearanceFields {
            article_id: article,
            revision: None,
            start: start as u32,
            end: end as u32,
            details: Default::default(),
        }),
    )
    .await
    .unwrap()
}

fn propose() -> ReviewAction {
    ReviewAction::Propose {
        rating: Rating::False,
        rationale: "No such offer was made.".into(),
    }
}

/// Every row of the work, as text (two desks that converged print the same).
async fn content(store: &Store) -> String {
    claimtrail::bench::hub::content(store).await.unwrap()
}

/// Syncing again changes nothing on any of `desks`.
async fn settled(desks: &[&Store]) {
    for desk in desks {
        let again = sync::sync(desk).await.unwrap();
        assert_eq!(
            (again.pushed, again.pulled, again.conflicts),
            (0, 0, 0),
            "{again:?}"
        );
    }
}

/// Desks `a` and `b` hold the same rows as each other and as `c`, which
/// joined later, and syncing again changes nothing on `a` or `b`.
async fn converged(a: &Store, b: &Store, c: &Store) {
    assert_eq!(content(a).await, content(b).await, "the desks converge");
    assert_eq!(content(a).await, content(c).await);
    settled(&[a, b]).await;
}

/// Sends `events` to the hub as `desk`, straight through the push
/// function, as a modified desk could; the hub's answer.
async fn push_straight(
    pool: &sqlx::PgPool,
    desk: &str,
    events: serde_json::Value,
) -> serde_json::Value {
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT claimtrail_push($1, 1000000, $2)")
            .bind(desk)
            .bind(sqlx::types::Json(events))
            .fetch_one(pool)
            .await
            .unwrap();
    answer.0
}

async fn assert_verified(store: &Store) {
    let check = verify(store).await.unwrap();
    assert!(check.ok, "audit verify holds: {check:?}");
}

#[tokio::test]
async fn an_editor_on_another_desk_approves_and_the_reporter_sees_it_with_the_editors_name() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    review::act(&a.store, &claim.id, &propose()).await.unwrap();
    let sent = sync::sync(&a.store).await.unwrap();
    assert!(sent.pushed > 0 && sent.refused.is_empty(), "{sent:?}");

    // Erik's first join brings the team's workspace.
    let b = hub.desk("erik").await;
    let there = review::get(&b.store, &claim.id).await.unwrap();
    assert_eq!(there.state, ReviewState::Proposed);
    review::act(
        &b.store,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let approved = sync::sync(&b.store).await.unwrap();
    assert!(approved.refused.is_empty(), "{approved:?}");

    let read = sync::sync(&a.store).await.unwrap();
    assert!(read.pulled > 0);
    let seen = review::get(&a.store, &claim.id).await.unwrap();
    assert_eq!(seen.state, ReviewState::Approved);
    let verdict = seen.verdict.expect("a verdict");
    assert_eq!(
        verdict.approved_by.map(|u| u.name).as_deref(),
        Some("Erik Lund")
    );
    assert_eq!(verdict.proposed_by.name, "Dana Okafor");
    for desk in [&a.store, &b.store] {
        assert_verified(desk).await;
    }
    assert_eq!(
        content(&a.store).await,
        content(&b.store).await,
        "the desks converge"
    );
}

#[tokio::test]
async fn a_reporters_approval_is_refused_by_the_hub_and_set_back_on_that_desk_only() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    review::act(&a.store, &claim.id, &propose()).await.unwrap();
    sync::sync(&a.store).await.unwrap();

    // Carl is a reporter: his desk says so before writing anything.
    let c = hub.desk("carl").await;
    claimtrail::comments::add(&c.store, &claim.id, None, "Checked the transcript.")
        .await
        .unwrap();
    let courtesy = review::act(
        &c.store,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(courtesy, StoreError::NotAllowed(_)),
        "{courtesy:?}"
    );
    // A modified desk that skips its own check (here: one that believes
    // Carl is an editor) gets the approval through locally; the hub does not.
    sqlx::query("UPDATE hub_link SET role = 'editor'")
        .execute(c.store.pool())
        .await
        .unwrap();
    review::act(
        &c.store,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let report = sync::sync(&c.store).await.unwrap();
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert!(
        report.refused[0]
            .reason
            .contains("Only editors and admins approve"),
        "{}",
        report.refused[0].reason
    );
    let here = review::get(&c.store, &claim.id).await.unwrap();
    assert_eq!(here.state, ReviewState::Proposed, "set back on Carl's desk");
    assert!(here.verdict.unwrap().approved_by.is_none());
    let status = hub::status(&c.store).await.unwrap().unwrap();
    assert_eq!(status.refusals.len(), 1, "the refusal is recorded");
    assert_eq!(
        status.pending_out, 0,
        "neither the approval nor its setting back is sent"
    );
    assert_verified(&c.store).await;

    // His comment, a change of its own, reached the team.
    sync::sync(&a.store).await.unwrap();
    let comments = claimtrail::comments::list(&a.store, &claim.id)
        .await
        .unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        review::get(&a.store, &claim.id).await.unwrap().state,
        ReviewState::Proposed
    );
    assert_eq!(content(&a.store).await, content(&c.store).await);
}

#[tokio::test]
async fn a_login_cannot_write_the_hubs_tables_and_cannot_sign_as_someone_else() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    review::act(&a.store, &claim.id, &propose()).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    let carl = sqlx::PgPool::connect(&hub.url("carl")).await.unwrap();
    for statement in [
        "UPDATE changes SET actor_id = 'x'",
        "DELETE FROM changes",
        "TRUNCATE changes",
        "INSERT INTO changes (event_id, desk, login, actor_id, received_at, at, entity, entity_id, action) VALUES ('e', 'd', 'carl', 'x', now(), 'now', 'claim', 'c', 'create')",
        "UPDATE members SET role = 'editor' WHERE login = 'carl'",
        "DELETE FROM members",
        "INSERT INTO members (login, user_id, name, initials, color, role) VALUES ('zed', 'z', 'Zed', 'Z', '#000000', 'admin')",
        "ALTER TABLE changes DISABLE TRIGGER changes_append_only",
    ] {
        let refused = sqlx::query(statement).execute(&carl).await;
        let code = refused
            .as_ref()
            .err()
            .and_then(|e| e.as_database_error())
            .and_then(|d| d.code())
            .map(|c| c.into_owned());
        assert_eq!(code.as_deref(), Some("42501"), "{statement}: {refused:?}");
    }
    // Even the owner cannot change the log.
    let owner = sqlx::PgPool::connect(&hub.pg.admin_url()).await.unwrap();
    assert!(sqlx::query("DELETE FROM changes")
        .execute(&owner)
        .await
        .is_err());

    // An event sent straight to the hub naming Erik as its author is
    // stamped with Carl's id; an approval sent straight is refused.
    let ids: Vec<(String, String)> = sqlx::query_as("SELECT login::text, user_id FROM members")
        .fetch_all(&carl)
        .await
        .unwrap();
    let id_of = |login: &str| ids.iter().find(|(l, _)| l == login).unwrap().1.clone();
    let verdict: String = sqlx::query_scalar(
        "SELECT entity_id FROM changes WHERE entity = 'verdict' AND action = 'create'",
    )
    .fetch_one(&carl)
    .await
    .unwrap();
    let events = serde_json::json!([
        {"id": "forged-1", "actor_id": id_of("erik"), "at": "2026-12-05T10:00:00+00:00",
         "entity": "comment", "entity_id": "c-1", "action": "create", "write_id": "w-1",
         "before": null, "after": {"body": "Signed by Erik?"}},
        {"id": "forged-2", "actor_id": id_of("erik"), "at": "2026-12-05T10:00:00+00:00",
         "entity": "verdict", "entity_id": verdict, "action": "approve", "write_id": "w-2",
         "before": null, "after": {"approved_by": id_of("erik")},
         "rows": {"verdicts": [{"id": verdict, "proposed_by": id_of("dana"), "approved_by": id_of("erik")}]}},
        {"id": "forged-3", "at": "2026-12-05T10:00:01+00:00", "entity": "verdict",
         "entity_id": verdict, "action": "update", "write_id": "w-5", "after": {"rationale": "Edited after."}}
    ]);
    let answer = push_straight(&carl, "a-desk", events).await;
    assert_eq!(answer["accepted"], 1, "{answer:?}");
    assert_eq!(answer["refused"][0]["write"], "w-2");
    // A later write on what the refused one changed builds on it: refused too.
    assert_eq!(answer["refused"][1]["write"], "w-5");
    assert!(answer["refused"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("refused change"));
    let stamped: String =
        sqlx::query_scalar("SELECT actor_id FROM changes WHERE event_id = 'forged-1'")
            .fetch_one(&carl)
            .await
            .unwrap();
    assert_eq!(stamped, id_of("carl"));
    let login: String =
        sqlx::query_scalar("SELECT login::text FROM changes WHERE event_id = 'forged-1'")
            .fetch_one(&carl)
            .await
            .unwrap();
    assert_eq!(login, "carl");

    // Erik may approve, but not a verdict he proposed himself.
    let erik = sqlx::PgPool::connect(&hub.url("erik")).await.unwrap();
    let own = serde_json::json!([
        {"id": "own-1", "at": "2026-12-05T10:00:00+00:00", "entity": "verdict",
         "entity_id": "v-erik", "action": "create", "write_id": "w-3", "after": {}},
        {"id": "own-2", "at": "2026-12-05T10:00:00+00:00", "entity": "verdict",
         "entity_id": "v-erik", "action": "approve", "write_id": "w-4", "after": {}}
    ]);
    let answer = push_straight(&erik, "e-desk", own).await;
    assert_eq!(answer["accepted"], 1, "{answer:?}");
    assert!(answer["refused"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("someone other than the person who proposed it"));
}

/// Dana's copy of the page changes and changes back (X, Y, X); Carl
/// imported X and then a Z of his own on his desk in between. Through the hub, as through
/// bundles, Carl's X and Dana's first X are one, and Dana's second X stays
/// a version of its own on every desk.
#[tokio::test]
async fn a_page_that_changed_back_keeps_its_versions_on_every_desk() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let b = hub.desk("carl").await;
    let page = |extra: &str| {
        format!("---\ntitle: Envoys meet in Berlin\nurl: https://news.example/berlin\noutlet: Example Daily\ndate: 2025-12-14T18:20:00+01:00\n---\n\nUS envoys met President Volodymyr Zelenskyy in Berlin on Sunday.\n\n{QUOTE}{extra}\n")
    };
    common::import_file(&a.store, "berlin.md", page("").as_bytes()).await;
    common::import_file(&b.store, "berlin.md", page("").as_bytes()).await;
    common::import_file(&a.store, "berlin.md", page(" Talks go on.").as_bytes()).await;
    common::import_file(&b.store, "berlin.md", page(" Kyiv welcomed it.").as_bytes()).await;
    common::import_file(&a.store, "berlin.md", page("").as_bytes()).await;
    sync::sync(&b.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    sync::sync(&b.store).await.unwrap();
    let c = hub.desk("erik").await;
    for desk in [&a.store, &b.store, &c.store] {
        assert_verified(desk).await;
        let revisions: i64 = sqlx::query_scalar("SELECT count(*) FROM revisions")
            .fetch_one(desk.pool())
            .await
            .unwrap();
        assert_eq!(revisions, 4, "X, Y, X again and Carl's Z");
    }
    converged(&a.store, &b.store, &c.store).await;
}

#[tokio::test]
async fn two_desks_that_imported_the_same_article_offline_end_with_one_article_and_both_claims() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let b = hub.desk("carl").await;
    // Carl imports first but syncs last: his copy is the one kept, and
    // Dana's desk, which sent its copy first, joins its own into his.
    let carls = mark(&b.store).await;
    let danas = mark(&a.store).await;
    sync::sync(&a.store).await.unwrap();
    sync::sync(&b.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    // A third desk joining later reads it all from the hub.
    let c = hub.desk("erik").await;
    let count = |store: &Store, sql: &'static str| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(store.pool())
                .await
                .unwrap()
        }
    };
    for desk in [&a.store, &b.store, &c.store] {
        assert_verified(desk).await;
        assert_eq!(count(desk, "SELECT count(*) FROM articles").await, 1);
        assert_eq!(count(desk, "SELECT count(*) FROM outlets").await, 1);
        assert_eq!(count(desk, "SELECT count(*) FROM revisions").await, 1);
        assert_eq!(count(desk, "SELECT count(*) FROM claims").await, 2);
        assert_eq!(
            count(desk, "SELECT count(DISTINCT revision_id) FROM appearances").await,
            1,
            "both claims are marked on the one article"
        );
        assert_eq!(
            count(desk, "SELECT count(*) FROM pragma_foreign_key_check").await,
            0
        );
        for claim in [&carls.id, &danas.id] {
            assert!(claims::get(desk, claim).await.is_ok());
        }
    }
    converged(&a.store, &b.store, &c.store).await;

    // Both link the two claims the same way while apart: one link stays,
    // the same on every desk (it arrives among other new rows of its
    // table, which go in together).
    let link = claimtrail::model::LinkFields {
        from_claim_id: carls.id.clone(),
        to_claim_id: danas.id.clone(),
        relation: claimtrail::model::LinkRelation::Supports,
        note: None,
        related_at: None,
    };
    claimtrail::links::create(&a.store, &link).await.unwrap();
    claimtrail::links::create(&b.store, &link).await.unwrap();
    claimtrail::links::create(
        &b.store,
        &claimtrail::model::LinkFields {
            relation: claimtrail::model::LinkRelation::Contradicts,
            ..link.clone()
        },
    )
    .await
    .unwrap();
    sync::sync(&a.store).await.unwrap();
    sync::sync(&b.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    sync::sync(&c.store).await.unwrap();
    for desk in [&a.store, &b.store, &c.store] {
        assert_eq!(count(desk, "SELECT count(*) FROM claim_links").await, 2);
        assert_verified(desk).await;
    }
    assert_eq!(content(&a.store).await, content(&b.store).await);
    assert_eq!(content(&a.store).await, content(&c.store).await);
}

#[tokio::test]
async fn the_same_field_changed_on_two_offline_desks_is_one_conflict_the_same_on_both() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    sync::sync(&a.store).await.unwrap();
    let b = hub.desk("erik").await;

    // Both edit the statement without syncing.
    let edit = |statement: &str| ClaimFields {
        statement: statement.to_owned(),
        claimant: Some("Volodymyr Zelenskyy".into()),
        ..ClaimFields::default()
    };
    claims::update(
        &a.store,
        &claim.id,
        &edit("Ukraine could accept guarantees instead of NATO membership."),
    )
    .await
    .unwrap();
    claims::update(
        &b.store,
        &claim.id,
        &edit("Zelenskyy offered to drop the NATO bid for guarantees."),
    )
    .await
    .unwrap();
    // Dana's desk also adds a comment nobody else touches.
    claimtrail::comments::add(&a.store, &claim.id, None, "Wording from the ANI copy.")
        .await
        .unwrap();

    let first = sync::sync(&a.store).await.unwrap();
    assert_eq!(first.conflicts, 0);
    let second = sync::sync(&b.store).await.unwrap();
    assert_eq!(second.conflicts, 1, "{second:?}");
    sync::sync(&a.store).await.unwrap();

    let on_a = claimtrail::bundle::conflicts(&a.store, false)
        .await
        .unwrap();
    let on_b = claimtrail::bundle::conflicts(&b.store, false)
        .await
        .unwrap();
    assert_eq!(on_a.len(), 1);
    assert_eq!(on_a, on_b, "one conflict, the same on both desks");
    assert_eq!(on_a[0].conflict.field, "statement");
    // Erik's edit was made later: it is kept, Dana's is set aside.
    assert_eq!(
        on_a[0].conflict.kept,
        "Zelenskyy offered to drop the NATO bid for guarantees."
    );
    assert_eq!(
        on_a[0].conflict.other,
        "Ukraine could accept guarantees instead of NATO membership."
    );
    for desk in [&a.store, &b.store] {
        assert_verified(desk).await;
        assert_eq!(
            claimtrail::comments::list(desk, &claim.id)
                .await
                .unwrap()
                .len(),
            1
        );
    }
    assert_eq!(
        content(&a.store).await,
        content(&b.store).await,
        "the desks converge"
    );
    settled(&[&a.store, &b.store]).await;
}

#[tokio::test]
async fn the_command_line_sets_up_a_hub_joins_syncs_and_reports_as_documented() {
    secrets_in_temp();
    use crate::common::cli::{claimtrail, ok, ok_json, refused};
    let pg = Cluster::start().await;
    let admin_url = pg.admin_url();
    let scratch = tempfile::tempdir().unwrap();
    let nowhere = scratch.path().join("unused.db");
    let init = ok_json(&claimtrail(
        &nowhere,
        &["hub", "init", &admin_url, "--json"],
    ));
    assert!(init["applied"].as_u64().unwrap() >= 1);
    let again = ok_json(&claimtrail(
        &nowhere,
        &["hub", "init", &admin_url, "--json"],
    ));
    assert_eq!(again["applied"], 0, "init is idempotent");
    assert!(!nowhere.exists(), "admin commands open no workspace");
    let added = ok_json(&claimtrail(
        &nowhere,
        &[
            "hub",
            "user",
            "add",
            "Erik Lund",
            "--login",
            "erik",
            "--role",
            "editor",
            "--password",
            "erik-password-1",
            "--hub",
            &admin_url,
            "--json",
        ],
    ));
    assert_eq!(added["login"], "erik");
    assert_eq!(added["role"], "editor");
    ok(&claimtrail(
        &nowhere,
        &[
            "hub",
            "user",
            "add",
            "Dana Okafor",
            "--login",
            "dana",
            "--role",
            "reporter",
            "--password",
            "dana-password-1",
            "--hub",
            &admin_url,
        ],
    ));
    let role = ok_json(&claimtrail(
        &nowhere,
        &[
            "hub", "user", "role", "dana", "admin", "--hub", &admin_url, "--json",
        ],
    ));
    assert_eq!(role["role"], "admin");
    let list = ok_json(&claimtrail(
        &nowhere,
        &["hub", "user", "list", "--hub", &admin_url, "--json"],
    ));
    assert_eq!(list.as_array().unwrap().len(), 2);
    refused(
        &claimtrail(
            &nowhere,
            &[
                "hub",
                "user",
                "add",
                "X",
                "--login",
                "Bad Name",
                "--role",
                "editor",
                "--password",
                "long-enough",
                "--hub",
                &admin_url,
            ],
        ),
        "cannot be a login",
    );

    let desk = scratch.path().join("desk.db");
    let url = pg.url("erik", "erik-password-1", "team");
    let joined = ok_json(&claimtrail(&desk, &["hub", "join", &url, "--json"]));
    assert_eq!(joined["name"], "Erik Lund");
    assert!(joined["sync"]["refused"].as_array().unwrap().is_empty());
    // A command that writes sends its change by itself.
    ok(&claimtrail(
        &desk,
        &["import", crate::common::ani_fixture().to_str().unwrap()],
    ));
    let status = ok_json(&claimtrail(&desk, &["hub", "status", "--json"]));
    for field in [
        "url",
        "login",
        "role",
        "online",
        "last_push",
        "last_pull",
        "pending_out",
        "pending_in",
    ] {
        assert!(status.get(field).is_some(), "status has {field}: {status}");
    }
    assert_eq!(status["online"], true);
    assert_eq!(status["pending_out"], 0, "the import was sent: {status}");
    assert_eq!(status["login"], "erik");
    assert!(
        !status["url"].as_str().unwrap().contains("password"),
        "no password in {status}"
    );
    let report = ok_json(&claimtrail(&desk, &["hub", "sync", "--json"]));
    for field in ["pushed", "pulled", "conflicts", "refused"] {
        assert!(
            report.get(field).is_some(),
            "sync reports {field}: {report}"
        );
    }
    let file = std::fs::read(&desk).unwrap();
    assert!(
        !file
            .windows(b"erik-password-1".len())
            .any(|w| w == b"erik-password-1"),
        "the password is not in the workspace"
    );

    // A wrong password and an unreachable hub say what to do.
    let other = scratch.path().join("other.db");
    refused(
        &claimtrail(
            &other,
            &["hub", "join", &pg.url("erik", "wrong-password", "team")],
        ),
        "refused the password for erik",
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    refused(
        &claimtrail(
            &other,
            &[
                "hub",
                "join",
                &format!("postgres://erik:x@127.0.0.1:{closed}/team"),
            ],
        ),
        "cannot be reached",
    );
    ok(&claimtrail(&desk, &["hub", "leave"]));
    let gone = ok_json(&claimtrail(&desk, &["hub", "status", "--json"]));
    assert!(gone.is_null());
}

/// A desk with a running keyring (GNOME Keyring's Secret Service, started
/// in a D-Bus session of its own) keeps the hub password there, not in a
/// file; syncing reads it back; leaving takes it out.
#[tokio::test]
async fn the_hub_password_is_kept_in_the_os_keyring_when_one_runs() {
    let hub = Hub::new().await;
    let home = tempfile::tempdir().unwrap();
    let secrets = home.path().join("secrets");
    let script = r#"
        set -e
        printf %s keyring-unlock | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
        "$CLI" --db "$HOME/desk.db" hub join "$URL" --json > "$HOME/join.json"
        secret-tool search --all service "Claimtrail team hub" > "$HOME/kept.txt" 2>&1
        "$CLI" --db "$HOME/desk.db" hub sync --json > "$HOME/sync.json"
        "$CLI" --db "$HOME/desk.db" hub leave
        secret-tool search --all service "Claimtrail team hub" > "$HOME/left.txt" 2>&1 || true
    "#;
    let run = std::process::Command::new("dbus-run-session")
        .args(["--", "sh", "-c", script])
        .env("CLI", env!("CARGO_BIN_EXE_claimtrail"))
        .env("URL", hub.url("dana"))
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .env("CLAIMTRAIL_SECRETS_DIR", &secrets)
        .env("CLAIMTRAIL_KEYRING", "on")
        .env("CLAIMTRAIL_LOG_DIR", home.path().join("logs"))
        .output()
        .expect(
            "dbus-run-session runs (scripts/setup.sh installs dbus, gnome-keyring, secret-tool)",
        );
    let read = |name: &str| std::fs::read_to_string(home.path().join(name)).unwrap_or_default();
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stderr),
        read("kept.txt")
    );
    let kept = read("kept.txt");
    assert!(kept.contains(&password("dana")), "in the keyring: {kept}");
    assert!(
        !secrets.exists() || std::fs::read_dir(&secrets).unwrap().next().is_none(),
        "no password file beside it"
    );
    let synced: serde_json::Value = serde_json::from_str(&read("sync.json")).unwrap();
    assert!(synced["refused"].as_array().unwrap().is_empty(), "{synced}");
    assert!(
        !read("left.txt").contains(&password("dana")),
        "leaving forgets it: {}",
        read("left.txt")
    );
}

/// Where no keyring runs, the password goes to a file only its owner can
/// read, and leaving removes it.
#[tokio::test]
async fn without_a_keyring_the_hub_password_is_kept_in_a_file_only_its_owner_reads() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let desk = hub::link(&a.store).await.unwrap().unwrap().desk_id;
    let dir = std::path::PathBuf::from(std::env::var_os("CLAIMTRAIL_SECRETS_DIR").unwrap());
    let file = dir.join(format!("{desk}.secret"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), password("dana"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    hub::leave(&a.store).await.unwrap();
    assert!(!file.exists(), "leaving removes it");
}

#[tokio::test]
async fn init_refuses_a_database_that_holds_other_tables() {
    secrets_in_temp();
    let pg = Cluster::start().await;
    let owner = sqlx::PgPool::connect(&pg.admin_url()).await.unwrap();
    sqlx::query("CREATE TABLE invoices (id int)")
        .execute(&owner)
        .await
        .unwrap();
    let refused = admin::init(&pg.admin_url()).await.unwrap_err();
    assert!(matches!(refused, StoreError::Conflict(_)), "{refused:?}");
    assert!(refused.to_string().contains("invoices"), "{refused}");
}

#[tokio::test]
async fn a_desk_keeps_working_while_the_hub_is_down_and_catches_up_with_nothing_lost_or_doubled() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    sync::sync(&a.store).await.unwrap();
    let b = hub.desk("erik").await;

    hub.pg.stop();
    // Both desks work on; syncing says the hub is away and loses nothing.
    review::act(&a.store, &claim.id, &propose()).await.unwrap();
    claimtrail::comments::add(&b.store, &claim.id, None, "Call the embassy.")
        .await
        .unwrap();
    let offline = sync::sync(&a.store).await.unwrap_err();
    assert!(matches!(offline, StoreError::Hub(_)), "{offline:?}");
    assert!(
        offline.to_string().contains("cannot be reached"),
        "{offline}"
    );
    let waiting = hub::status(&a.store).await.unwrap().unwrap();
    assert!(!waiting.online);
    assert!(waiting.pending_out > 0);

    hub.pg.restart();
    for _ in 0..2 {
        sync::sync(&a.store).await.unwrap();
        sync::sync(&b.store).await.unwrap();
    }
    for desk in [&a.store, &b.store] {
        assert_eq!(
            review::get(desk, &claim.id).await.unwrap().state,
            ReviewState::Proposed
        );
        assert_eq!(
            claimtrail::comments::list(desk, &claim.id)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_verified(desk).await;
        assert_eq!(hub::status(desk).await.unwrap().unwrap().pending_out, 0);
    }
    assert_eq!(content(&a.store).await, content(&b.store).await);
    let hub_events: i64 = {
        let owner = sqlx::PgPool::connect(&hub.pg.admin_url()).await.unwrap();
        sqlx::query_scalar("SELECT count(*) - count(DISTINCT event_id) FROM changes")
            .fetch_one(&owner)
            .await
            .unwrap()
    };
    assert_eq!(hub_events, 0, "no change twice in the hub");
}

#[tokio::test]
async fn a_desk_killed_mid_sync_resumes_with_nothing_lost_or_doubled() {
    use std::process::{Command, Stdio};
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    // Enough work that a sync takes a while.
    let mut claims = Vec::new();
    for _ in 0..3 {
        claims.push(mark(&a.store).await.id);
    }
    for id in &claims {
        for n in 0..40 {
            claimtrail::comments::add(&a.store, id, None, &format!("Note {n}"))
                .await
                .unwrap();
        }
    }
    sync::sync(&a.store).await.unwrap();
    let b = hub.desk("erik").await;
    for id in &claims {
        for n in 0..40 {
            claimtrail::comments::add(&b.store, id, None, &format!("Reply {n}"))
                .await
                .unwrap();
        }
    }
    let db = b.dir.path().join("workspace.db");
    for delay in [5, 40, 120] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&db)
            .args(["hub", "sync"])
            .env("CLAIMTRAIL_LOG", "off")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    sync::sync(&b.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    for desk in [&a.store, &b.store] {
        for id in &claims {
            assert_eq!(
                claimtrail::comments::list(desk, id).await.unwrap().len(),
                80
            );
        }
        assert_verified(desk).await;
    }
    assert_eq!(content(&a.store).await, content(&b.store).await);
    let owner = sqlx::PgPool::connect(&hub.pg.admin_url()).await.unwrap();
    let doubled: i64 =
        sqlx::query_scalar("SELECT count(*) - count(DISTINCT event_id) FROM changes")
            .fetch_one(&owner)
            .await
            .unwrap();
    assert_eq!(doubled, 0);
}

#[tokio::test]
async fn a_hub_with_its_own_certificate_authority_is_reached_over_verified_tls() {
    secrets_in_temp();
    let pg = Cluster::start_tls().await;
    let ca = pg.folder().join("ca.pem");
    let tls = |mode: &str| {
        format!(
            "{}?sslmode={mode}&sslrootcert={}",
            pg.admin_url(),
            ca.display()
        )
    };
    admin::init(&tls("verify-full"))
        .await
        .expect("init over verified TLS");
    admin::add_user(
        &tls("verify-full"),
        "Erik Lund",
        "erik",
        Role::Editor,
        "erik-password-1",
    )
    .await
    .unwrap();
    let ws = common::workspace().await;
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        pg.url("erik", "erik-password-1", "team"),
        ca.display()
    );
    hub::join(&ws.store, &url).await.expect("joins over TLS");
    let status = hub::status(&ws.store).await.unwrap().unwrap();
    assert!(status.online, "{status:?}");
    assert!(
        status.url.contains("sslmode=verify-full"),
        "the TLS settings are kept: {}",
        status.url
    );
    let on_server: bool = {
        let pool = sqlx::PgPool::connect(&tls("verify-full")).await.unwrap();
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    assert!(on_server, "the session is encrypted");

    // Without the CA, verification fails with a message that says where to look.
    let unverified = format!(
        "{}?sslmode=verify-full",
        pg.url("erik", "erik-password-1", "team")
    );
    let other = common::workspace().await;
    let refused = hub::join(&other.store, &unverified).await.unwrap_err();
    assert!(matches!(refused, StoreError::Hub(_)), "{refused:?}");
    assert!(refused.to_string().contains("sslrootcert"), "{refused}");
}

#[tokio::test]
async fn the_hub_benchmark_runs_desks_as_processes_and_they_converge() {
    secrets_in_temp();
    let pg = Cluster::start().await;
    let dir = tempfile::tempdir().unwrap();
    let numbers = claimtrail::bench::hub::run(
        &pg.admin_url(),
        3,
        8,
        // A steady 20 changes a second each (0 would be as fast as each can).
        20.0,
        dir.path(),
        std::path::Path::new(env!("CARGO_BIN_EXE_claimtrail")),
        |_| {},
    )
    .await
    .expect("the benchmark runs");
    assert!(numbers.converged, "{numbers:?}");
    assert!(
        numbers.events >= 24,
        "every change is an event at least: {numbers:?}"
    );
    assert!(numbers.idle_cpu_percent.is_some());
    // The hub runs on this machine: its server's CPU is read, and the
    // desks' own is summed.
    assert!(numbers.hub_cpu_seconds.is_some(), "{numbers:?}");
    assert!(numbers.desks_cpu_seconds > 0.0, "{numbers:?}");
    let table = claimtrail::bench::hub::markdown(&numbers);
    assert!(table.contains("the hub's server"), "{table}");
    assert!(
        table.contains("events/s") && table.contains("p95"),
        "{table}"
    );
    assert!(table.contains("3 × 8, 20 a second each"), "{table}");
    // 8 changes at 20 a second take at least the 7 intervals between them.
    assert!(numbers.seconds >= 0.35, "{numbers:?}");
}

#[tokio::test]
async fn a_journalist_can_sign_in_with_a_client_certificate_instead_of_a_password() {
    secrets_in_temp();
    let pg = Cluster::start_tls_with_client("erik").await;
    let dir = pg.folder();
    let tls = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        pg.admin_url(),
        dir.join("ca.pem").display()
    );
    admin::init(&tls).await.unwrap();
    admin::add_user(&tls, "Erik Lund", "erik", Role::Editor, "unused-password-1")
        .await
        .unwrap();
    let ws = common::workspace().await;
    let url = format!(
        "postgres://erik@127.0.0.1:{}/team?sslmode=verify-full&sslrootcert={}&sslcert={}&sslkey={}",
        pg.port,
        dir.join("ca.pem").display(),
        dir.join("client.pem").display(),
        dir.join("client.key").display()
    );
    let joined = hub::join(&ws.store, &url)
        .await
        .expect("joins with a certificate");
    assert_eq!(joined.name, "Erik Lund");
    mark(&ws.store).await;
    let report = sync::sync(&ws.store)
        .await
        .expect("syncs with the certificate");
    assert!(report.pushed > 0);
    // Without the certificate, the server refuses (no password to fall back on).
    let bare = format!(
        "postgres://erik:guess@127.0.0.1:{}/team?sslmode=verify-full&sslrootcert={}",
        pg.port,
        dir.join("ca.pem").display()
    );
    let other = common::workspace().await;
    let refused = hub::join(&other.store, &bare).await.unwrap_err();
    assert!(matches!(refused, StoreError::Hub(_)), "{refused:?}");
}

#[test]
fn a_page_of_the_log_never_ends_inside_a_push() {
    // Pages of two changes cut Dana's one push (claim, appearance,
    // verdict…) in pieces; a row must never arrive before the row it
    // refers to. Run in a child process so the small pages stay its own.
    use std::process::Command;
    if std::env::var_os("CLAIMTRAIL_HUB_PAGE").is_some() {
        return;
    }
    secrets_in_temp();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let hub = rt.block_on(Hub::new());
    let scratch = tempfile::tempdir().unwrap();
    let a = scratch.path().join("a.db");
    let b = scratch.path().join("b.db");
    let cli = |db: &std::path::Path, args: &[&str], page: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
        c.arg("--db")
            .arg(db)
            .args(args)
            .env("CLAIMTRAIL_LOG", "off");
        if let Some(p) = page {
            c.env("CLAIMTRAIL_HUB_PAGE", p);
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&a, &["hub", "join", &hub.url("dana")], None);
    cli(
        &a,
        &["import", crate::common::ani_fixture().to_str().unwrap()],
        None,
    );
    let articles: serde_json::Value =
        serde_json::from_str(&cli(&a, &["articles", "--json"], None)).unwrap();
    let article = articles[0]["id"].as_str().unwrap().to_owned();
    for quote in [
        "legally binding security guarantees",
        "Kyiv is not holding direct talks with Russia",
    ] {
        let claim: serde_json::Value = serde_json::from_str(&cli(
            &a,
            &[
                "claim",
                "add",
                "--article",
                &article,
                "--quote",
                quote,
                "--statement",
                quote,
                "--claimant",
                "Zelenskyy",
                "--json",
            ],
            None,
        ))
        .unwrap();
        cli(
            &a,
            &[
                "verdict",
                claim["id"].as_str().unwrap(),
                "--rating",
                "mixed",
                "--rationale",
                "Partly.",
            ],
            None,
        );
    }
    let joined: serde_json::Value = serde_json::from_str(&cli(
        &b,
        &["hub", "join", &hub.url("erik"), "--json"],
        Some("2"),
    ))
    .unwrap();
    assert!(joined["sync"]["pulled"].as_u64().unwrap() > 4, "{joined}");
    let on_b: serde_json::Value =
        serde_json::from_str(&cli(&b, &["claims", "--json"], None)).unwrap();
    assert_eq!(on_b.as_array().unwrap().len(), 2);
    let on_a: serde_json::Value =
        serde_json::from_str(&cli(&a, &["claims", "--json"], None)).unwrap();
    assert_eq!(on_a, on_b);
}

#[tokio::test]
async fn a_correction_of_an_articles_details_reaches_the_other_desk_and_so_does_its_undo() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    let claim = mark(&a.store).await;
    sync::sync(&a.store).await.unwrap();
    let b = hub.desk("carl").await;
    let article = claim.appearances[0].article_id.clone();
    let fix = claimtrail::model::MetadataCorrection {
        byline: Some("Anna Schmidt".into()),
        outlet: Some("Berliner Beispiel".into()),
        ..Default::default()
    };
    claimtrail::corrections::correct(&b.store, &article, &fix)
        .await
        .unwrap();
    let sent = sync::sync(&b.store).await.unwrap();
    assert!(sent.pushed > 0 && sent.refused.is_empty(), "{sent:?}");
    sync::sync(&a.store).await.unwrap();
    let seen = claimtrail::articles::show(&a.store, &article, None)
        .await
        .unwrap()
        .summary;
    assert_eq!(seen.byline.as_deref(), Some("Anna Schmidt"));
    assert_eq!(seen.outlet.as_deref(), Some("Berliner Beispiel"));
    assert_eq!(seen.corrected, ["byline", "outlet"]);

    // Undone on the desk that made it, undone everywhere.
    claimtrail::undo::undo(&b.store, None).await.unwrap();
    sync::sync(&b.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    let back = claimtrail::articles::show(&a.store, &article, None)
        .await
        .unwrap()
        .summary;
    assert_eq!(back.outlet.as_deref(), Some("Example Daily"));
    assert!(back.corrected.is_empty());
    settled(&[&a.store, &b.store]).await;
    for desk in [&a.store, &b.store] {
        assert_verified(desk).await;
    }
    assert_eq!(content(&a.store).await, content(&b.store).await);
}

/// A running app keeps the password it read. When the hub's admin resets
/// it and the journalist joins again from the command line (another
/// process, which keeps the new one), the app's next sync reads the kept
/// password again instead of failing with the old one until a restart.
#[tokio::test]
async fn a_password_replaced_by_another_process_is_read_again_when_the_hub_refuses_the_old_one() {
    let hub = Hub::new().await;
    let dana = hub.desk("dana").await;
    mark(&dana.store).await;
    sync::sync(&dana.store)
        .await
        .expect("syncs with the first password");

    // The admin resets it; the other process keeps the new one where this
    // process keeps passwords, without this process knowing.
    let new_password = "dana-password-2";
    admin::add_user(
        &hub.pg.admin_url(),
        "Dana Okafor",
        "dana",
        Role::Reporter,
        new_password,
    )
    .await
    .expect("the password is reset");
    let link = hub::link(&dana.store).await.unwrap().expect("joined");
    let dir = std::path::PathBuf::from(std::env::var_os("CLAIMTRAIL_SECRETS_DIR").unwrap());
    std::fs::write(dir.join(format!("{}.secret", link.desk_id)), new_password).unwrap();

    let synced = sync::sync(&dana.store).await;
    assert!(synced.is_ok(), "the new password is read again: {synced:?}");

    // A password nobody kept stays an error a journalist can act on.
    admin::add_user(
        &hub.pg.admin_url(),
        "Dana Okafor",
        "dana",
        Role::Reporter,
        "dana-password-3",
    )
    .await
    .unwrap();
    let refused = sync::sync(&dana.store).await.unwrap_err().to_string();
    assert!(refused.contains("refused the password"), "{refused}");
}

#[tokio::test]
async fn a_row_that_names_a_colleague_as_its_author_is_refused_unless_the_log_shows_them_making_it()
{
    let hub = Hub::new().await;
    // Work from before joining, by a profile of the desk's own, keeps its
    // author: that profile is no member and impersonates nobody.
    let a = common::workspace().await;
    claimtrail::store::users::add(&a.store, "Ali Rahman", None, None)
        .await
        .unwrap();
    let claim = mark(&a.store).await;
    claimtrail::comments::add(&a.store, &claim.id, None, "Wire copy says Sunday.")
        .await
        .unwrap();
    review::act(&a.store, &claim.id, &propose()).await.unwrap();
    hub::join(&a.store, &hub.url("dana")).await.unwrap();
    let report = sync::sync(&a.store).await.unwrap();
    assert!(report.refused.is_empty(), "{report:?}");
    // An editor approves the proposal Ali made before Dana's desk joined.
    let e = hub.desk("erik").await;
    let verdict = review::get(&e.store, &claim.id)
        .await
        .unwrap()
        .verdict
        .unwrap();
    assert_eq!(verdict.proposed_by.name, "Ali Rahman");
    review::act(
        &e.store,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    assert!(sync::sync(&e.store).await.unwrap().refused.is_empty());

    // Carl's desk, modified to write in Erik's name.
    let c = hub.desk("carl").await;
    let comments = claimtrail::comments::list(&c.store, &claim.id)
        .await
        .unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author.name, "Ali Rahman");
    sqlx::query(
        "UPDATE settings SET value = (SELECT id FROM users WHERE name = 'Erik Lund')
         WHERE key = 'active_user_id'",
    )
    .execute(c.store.pool())
    .await
    .unwrap();
    let forged = claimtrail::comments::add(&c.store, &claim.id, None, "Approved by me. — Erik")
        .await
        .unwrap();
    assert_eq!(
        forged.author.name, "Erik Lund",
        "the desk wrote it in Erik's name"
    );
    let report = sync::sync(&c.store).await.unwrap();
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert!(
        report.refused[0]
            .reason
            .contains("names Erik Lund as the author of a comment"),
        "{}",
        report.refused[0].reason
    );
    let here = claimtrail::comments::list(&c.store, &claim.id)
        .await
        .unwrap();
    assert_eq!(here.len(), 1, "set back on Carl's desk: {here:?}");
    assert_verified(&c.store).await;

    // Nobody else sees it; Carl's own comment goes through.
    sqlx::query(
        "UPDATE settings SET value = (SELECT user_id FROM hub_link) WHERE key = 'active_user_id'",
    )
    .execute(c.store.pool())
    .await
    .unwrap();
    claimtrail::comments::add(&c.store, &claim.id, None, "Checked the transcript.")
        .await
        .unwrap();
    assert!(sync::sync(&c.store).await.unwrap().refused.is_empty());
    sync::sync(&e.store).await.unwrap();
    let seen: Vec<(String, String)> = claimtrail::comments::list(&e.store, &claim.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.author.name, c.body))
        .collect();
    assert_eq!(
        seen,
        [
            ("Ali Rahman".to_owned(), "Wire copy says Sunday.".to_owned()),
            ("Carl Berg".to_owned(), "Checked the transcript.".to_owned()),
        ]
    );

    // Straight to the hub, bypassing any desk: a row naming Erik, new to
    // the hub, is refused; so is a comment the hub has, given to Carl.
    let carl = sqlx::PgPool::connect(&hub.url("carl")).await.unwrap();
    let erik_id: String = sqlx::query_scalar("SELECT user_id FROM members WHERE login = 'erik'")
        .fetch_one(&carl)
        .await
        .unwrap();
    let carl_id: String = sqlx::query_scalar("SELECT user_id FROM members WHERE login = 'carl'")
        .fetch_one(&carl)
        .await
        .unwrap();
    let ali_comment = &comments[0].id;
    let events = serde_json::json!([
        {"id": "raw-1", "at": "2026-12-05T10:00:00+00:00", "entity": "comment",
         "entity_id": "c-raw", "action": "create", "write_id": "w-1", "after": {},
         "rows": {"comments": [{"id": "c-raw", "claim_id": claim.id, "author_id": erik_id,
                                "body": "Signed by Erik?"}]}},
        {"id": "raw-2", "at": "2026-12-05T10:00:00+00:00", "entity": "comment",
         "entity_id": ali_comment, "action": "update", "write_id": "w-2", "after": {},
         "rows": {"comments": [{"id": ali_comment, "claim_id": claim.id, "author_id": carl_id,
                                "body": "Wire copy says Sunday."}]}},
        {"id": "raw-4", "at": "2026-12-05T10:00:00+00:00", "entity": "verdict",
         "entity_id": "v-raw", "action": "create", "write_id": "w-4", "after": {},
         "rows": {"verdicts": [{"id": "v-raw", "claim_id": claim.id, "proposed_by": erik_id,
                                "rating": "false", "rationale": "Erik's?"}]}},
        {"id": "raw-3", "at": "2026-12-05T10:00:00+00:00", "entity": "comment",
         "entity_id": "c-own", "action": "create", "write_id": "w-3", "after": {},
         "rows": {"comments": [{"id": "c-own", "claim_id": claim.id, "author_id": carl_id,
                                "body": "Mine."}]}},
        {"id": "raw-5", "at": "2026-12-05T10:00:01+00:00", "entity": "comment",
         "entity_id": "c-own", "action": "update", "write_id": "w-5", "after": {},
         "rows": {"comments": [{"id": "c-own", "claim_id": claim.id, "author_id": "a-profile",
                                "body": "Mine, now someone else's."}]}}
    ]);
    let answer = push_straight(&carl, "a-desk", events).await;
    assert_eq!(answer["accepted"], 1, "{answer:?}");
    assert_eq!(answer["refused"][0]["write"], "w-1");
    assert_eq!(answer["refused"][1]["write"], "w-2");
    assert!(answer["refused"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("names Carl Berg as the author of a comment"));
    assert_eq!(answer["refused"][2]["write"], "w-4");
    assert!(answer["refused"][2]["reason"]
        .as_str()
        .unwrap()
        .contains("author of a verdict proposal"));
    assert_eq!(answer["refused"][3]["write"], "w-5");
    assert!(answer["refused"][3]["reason"]
        .as_str()
        .unwrap()
        .contains("another author"));
    // Nor can a login read or write the record of authors.
    for statement in ["SELECT count(*) FROM authorship", "DELETE FROM authorship"] {
        let refused = sqlx::query(statement).execute(&carl).await;
        assert!(refused.is_err(), "{statement}: {refused:?}");
    }
}

#[tokio::test]
async fn a_role_the_admin_changes_and_a_new_colleague_reach_a_desk_at_its_next_read() {
    let hub = Hub::new().await;
    let a = hub.desk("dana").await;
    assert_eq!(
        hub::status(&a.store).await.unwrap().unwrap().role,
        "reporter"
    );
    admin::set_role(&hub.pg.admin_url(), "dana", Role::Editor)
        .await
        .unwrap();
    admin::add_user(
        &hub.pg.admin_url(),
        "Gus Hale",
        "gus",
        Role::Reporter,
        &password("gus"),
    )
    .await
    .unwrap();
    // A colleague's change gives Dana's desk something to read.
    let g = hub.desk("gus").await;
    mark(&g.store).await;
    sync::sync(&g.store).await.unwrap();
    sync::sync(&a.store).await.unwrap();
    assert_eq!(hub::status(&a.store).await.unwrap().unwrap().role, "editor");
    let names: Vec<String> = claimtrail::store::users::list(&a.store)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert!(names.contains(&"Gus Hale".to_owned()), "{names:?}");
    assert!(names.contains(&"Erik Lund".to_owned()), "{names:?}");
}
