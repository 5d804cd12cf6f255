//! Signed events between desks: each profile's key is made with it and
//! kept beside the workspace, never in it or in a bundle; a colleague's key
//! is pinned from their first bundle (whose events show as unverified),
//! later events in their name must carry a signature by it, so altered,
//! unsigned or differently signed events are refused, with the way out
//! (`user forget-key`) when the colleague set Claimtrail up again.

use crate::bundle::{desk, file, forged, seeded, set_statement};
use crate::common;

use std::path::Path;

use claimtrail::bundle;
use claimtrail::store::{signing, users, verify, Store};

/// The seed of `user`'s private key on the desk of `workspace` (ring's
/// PKCS#8 document holds it after a 16-byte header).
fn seed(workspace: &Path, user: &str) -> Vec<u8> {
    let doc = std::fs::read(signing::folder(workspace).join(format!("{user}.ed25519"))).unwrap();
    doc[16..48].to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file inside a bundle, unpacked, one after another.
fn unpacked(path: &Path) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = Vec::new();
    for i in 0..zip.len() {
        std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut all).unwrap();
    }
    all
}

async fn user_id(store: &Store, name: &str) -> String {
    users::list(store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name == name)
        .unwrap()
        .id
}

/// Dana's seeded desk, and Ali's desk after importing her first bundle:
/// (Dana's, Ali's, her two claims).
async fn ali_has_danas_first_bundle(
) -> (common::TempWorkspace, common::TempWorkspace, String, String) {
    let (a, first, second) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    (a, b, first, second)
}

/// How many of the adopted events of `user` were found `trust`.
async fn adopted(store: &Store, user: &str, trust: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM adopted_events a JOIN audit_events e ON e.id = a.event_id
         WHERE e.actor_id = ? AND a.signature = ?",
    )
    .bind(user)
    .bind(trust)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_profiles_key_is_made_with_it_and_kept_beside_the_workspace_never_in_it() {
    let (a, ..) = seeded().await;
    let dana = user_id(&a.store, "Dana Okafor").await;
    let path = a.store.path().to_path_buf();
    let key_file = signing::folder(&path).join(format!("{dana}.ed25519"));
    assert!(key_file.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let unsigned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE actor_id = ? AND signature IS NULL",
    )
    .bind(&dana)
    .fetch_one(a.store.pool())
    .await
    .unwrap();
    assert_eq!(unsigned, 0, "every event of Dana's is signed");
    let listed = users::list_with_keys(&a.store).await.unwrap();
    let fingerprint = listed.iter().find(|u| u.id == dana).unwrap().key.clone();
    assert!(
        fingerprint.as_deref().is_some_and(|f| f.len() == 19),
        "{fingerprint:?}"
    );

    let secret = seed(&path, &dana);
    let bundle_path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &bundle_path).await.unwrap();
    let backup =
        claimtrail::store::backup::create(&a.store, claimtrail::store::backup::Reason::Manual)
            .await
            .unwrap();
    a.store.pool().close().await;
    for (what, bytes) in [
        ("the workspace", std::fs::read(&path).unwrap()),
        ("its backup", std::fs::read(&backup.path).unwrap()),
        ("a bundle", unpacked(&bundle_path)),
    ] {
        assert!(!contains(&bytes, &secret), "{what} holds the private key");
    }
}

#[tokio::test]
async fn a_colleagues_key_is_pinned_from_their_first_bundle_then_their_events_must_be_signed_with_it(
) {
    let (a, first, second) = seeded().await;
    let dana = user_id(&a.store, "Dana Okafor").await;
    // Erik, an editor at Dana's desk, has signed a comment before the
    // first bundle: his key is pinned with hers.
    let erik = users::add(&a.store, "Erik Lund", None, None).await.unwrap();
    let as_erik = a.store.acting_as(&erik.id);
    claimtrail::comments::add(&as_erik, &first, None, "Checked the date.")
        .await
        .unwrap();
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    assert!(adopted(&b.store, &dana, "first_seen").await > 0);
    assert!(adopted(&b.store, &erik.id, "first_seen").await > 0);
    let history = claimtrail::history::claim(&b.store, &first).await.unwrap();
    assert!(
        history.iter().all(|h| h.unverified.is_some()),
        "the first bundle's events are shown unverified"
    );
    let pinned = users::list_with_keys(&b.store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.id == dana)
        .unwrap()
        .key;
    let own = users::list_with_keys(&a.store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.id == dana)
        .unwrap()
        .key;
    assert_eq!(pinned, own, "Ali's desk shows the fingerprint Dana's shows");

    // Dana goes on and Erik approves her verdict; their next bundle is
    // checked against the pinned keys.
    set_statement(&a.store, &second, "Dana's second wording").await;
    claimtrail::review::act(
        &as_erik,
        &first,
        &claimtrail::model::ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let later = file(&a, "later.ctbundle");
    bundle::export(&a.store, &later).await.unwrap();
    let any = |e: &serde_json::Map<String, serde_json::Value>| {
        e["entity"] == "claim" && e["action"] == "update"
    };
    let refusal = |path: std::path::PathBuf| {
        let store = b.store.clone();
        async move { bundle::import(&store, &path).await.unwrap_err().to_string() }
    };

    let altered = file(&a, "altered.ctbundle");
    forged(&later, &altered, "audit_events", any, |e| {
        e.insert(
            "after".into(),
            serde_json::json!({ "statement": "Words Dana never wrote" }),
        );
    });
    let why = refusal(altered).await;
    assert!(why.contains("does not match its signature"), "{why}");

    // An approval without Erik's signature is refused: it is what a forger
    // wants most.
    let stripped = file(&a, "stripped.ctbundle");
    forged(
        &later,
        &stripped,
        "audit_events",
        |e| e["entity"] == "verdict" && e["action"] == "approve",
        |e| {
            e.insert("signature".into(), serde_json::Value::Null);
        },
    );
    let why = refusal(stripped).await;
    assert!(
        why.contains("is not signed, though Erik Lund has signed"),
        "{why}"
    );

    // Any other change without its signature (as one that passed through
    // the team hub) is kept, shown unverified.
    let unsigned = file(&a, "unsigned.ctbundle");
    forged(&later, &unsigned, "audit_events", any, |e| {
        e.insert("signature".into(), serde_json::Value::Null);
    });
    let c = desk("Chen Wei").await;
    bundle::import(&c.store, &base).await.unwrap();
    bundle::import(&c.store, &unsigned).await.unwrap();
    assert!(adopted(&c.store, &dana, "unsigned").await > 0);
    let history = claimtrail::history::claim(&c.store, &second).await.unwrap();
    assert!(
        history
            .last()
            .and_then(|h| h.unverified.as_deref())
            .is_some_and(|u| u.contains("not signed")),
        "{:?}",
        history.last()
    );

    let events = verify(&b.store).await.unwrap().events;
    bundle::import(&b.store, &later).await.unwrap();
    assert!(verify(&b.store).await.unwrap().events > events);
    assert!(adopted(&b.store, &dana, "verified").await > 0);
    let history = claimtrail::history::claim(&b.store, &second).await.unwrap();
    let newest = history.last().unwrap();
    assert_eq!(newest.unverified, None, "a checked event is not flagged");
}

#[tokio::test]
async fn a_new_key_is_refused_until_a_person_forgets_the_old_one() {
    let (a, b, first, _) = ali_has_danas_first_bundle().await;
    let dana = user_id(&a.store, "Dana Okafor").await;

    // Dana's key is lost (a new computer): her desk makes a new one.
    std::fs::remove_file(signing::folder(a.store.path()).join(format!("{dana}.ed25519"))).unwrap();
    set_statement(&a.store, &first, "Written with a new key").await;
    let later = file(&a, "later.ctbundle");
    bundle::export(&a.store, &later).await.unwrap();
    let why = bundle::import(&b.store, &later)
        .await
        .unwrap_err()
        .to_string();
    assert!(why.contains("signed with a new key"), "{why}");
    assert!(why.contains("claimtrail user forget-key"), "{why}");

    let forgotten = users::forget_key(&b.store, "Dana Okafor").await.unwrap();
    assert_eq!(forgotten.len(), 19);
    bundle::import(&b.store, &later).await.unwrap();
    assert_eq!(
        claimtrail::claims::get(&b.store, &first)
            .await
            .unwrap()
            .statement,
        "Written with a new key"
    );
    let history = claimtrail::history::activity(&b.store, &Default::default())
        .await
        .unwrap();
    assert!(history
        .iter()
        .any(|h| h.summary.starts_with("forgot the signing key")));
    assert!(verify(&b.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_bundle_from_before_signatures_is_taken_with_its_events_unverified() {
    let (a, first, _) = seeded().await;
    let dana = user_id(&a.store, "Dana Okafor").await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let old = file(&a, "old.ctbundle");
    crate::bundle::tampered(&base, &old, |name, text| match name {
        "audit_events.jsonl" => text
            .lines()
            .map(|l| {
                let mut e: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(l).unwrap();
                e.remove("signature");
                serde_json::to_string(&e).unwrap() + "\n"
            })
            .collect(),
        "manifest.json" => {
            let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
            m.as_object_mut().unwrap().remove("keys");
            m.to_string()
        }
        _ => text,
    });
    let b: common::TempWorkspace = desk("Ali Rahman").await;
    bundle::import(&b.store, &old).await.unwrap();
    assert!(adopted(&b.store, &dana, "unsigned").await > 0);
    let history = claimtrail::history::claim(&b.store, &first).await.unwrap();
    assert!(history.iter().all(|h| h
        .unverified
        .as_deref()
        .is_some_and(|u| u.contains("not signed"))));
}

#[tokio::test]
async fn a_desk_restored_from_a_backup_takes_its_own_later_changes_back_from_a_colleague() {
    use claimtrail::store::backup;
    let (a, b, first, _) = ali_has_danas_first_bundle().await;
    let made = backup::create(&a.store, backup::Reason::Manual)
        .await
        .unwrap();
    set_statement(&a.store, &first, "Written after the backup").await;
    let later = file(&a, "later.ctbundle");
    bundle::export(&a.store, &later).await.unwrap();
    bundle::import(&b.store, &later).await.unwrap();

    // Dana's desk goes back to the backup: her later change is gone there.
    let path = a.store.path().to_path_buf();
    a.store.pool().close().await;
    backup::restore(&path, &made.file).await.unwrap();
    let restored = Store::open(&path).await.unwrap();
    let statement = |store: Store| {
        let first = first.clone();
        async move {
            claimtrail::claims::get(&store, &first)
                .await
                .unwrap()
                .statement
        }
    };
    assert_ne!(
        statement(restored.clone()).await,
        "Written after the backup"
    );

    // Ali's bundle brings it back: it carries her desk's own signature.
    let from_b = file(&b, "from-ali.ctbundle");
    bundle::export(&b.store, &from_b).await.unwrap();
    bundle::import(&restored, &from_b).await.unwrap();
    assert_eq!(
        statement(restored.clone()).await,
        "Written after the backup"
    );
    assert!(verify(&restored).await.unwrap().ok);

    // One in her name without that signature is still refused.
    let forged_path = file(&b, "forged.ctbundle");
    set_statement(&b.store, &first, "Ali's wording").await;
    bundle::export(&b.store, &forged_path).await.unwrap();
    let dana = user_id(&restored, "Dana Okafor").await;
    let impostor = file(&b, "impostor.ctbundle");
    forged(
        &forged_path,
        &impostor,
        "audit_events",
        |e| e["entity"] == "claim" && e["after"].to_string().contains("Ali's wording"),
        move |e| {
            e.insert("actor_id".into(), dana.clone().into());
        },
    );
    let why = bundle::import(&restored, &impostor)
        .await
        .unwrap_err()
        .to_string();
    assert!(why.contains("without this desk's signature"), "{why}");
}

#[tokio::test]
async fn a_colleagues_profile_used_on_this_desk_gets_no_key_in_their_name() {
    let (a, b, _, second) = ali_has_danas_first_bundle().await;
    let dana = user_id(&a.store, "Dana Okafor").await;
    users::set_active(&b.store, "Dana Okafor").await.unwrap();
    set_statement(&b.store, &second, "Written at Ali's desk as Dana").await;
    assert!(
        !signing::folder(b.store.path())
            .join(format!("{dana}.ed25519"))
            .exists(),
        "only Dana's own desk holds a key in her name"
    );
    let unsigned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE actor_id = ? AND signature IS NULL
           AND id NOT IN (SELECT event_id FROM adopted_events)",
    )
    .bind(&dana)
    .fetch_one(b.store.pool())
    .await
    .unwrap();
    assert!(unsigned > 0, "her changes here go unsigned");
}
