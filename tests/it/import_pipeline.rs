//! Import through the whole pipeline into a real workspace: identity
//! (imported / duplicate / revised), batches with bad inputs, and audit.

use crate::common;

use std::sync::atomic::AtomicBool;

use claimtrail::articles;
use claimtrail::import::{expand_inputs, import_batch, import_input, Input, BATCH_ARTICLES};
use claimtrail::model::{ArticleQuery, ImportStatus};

fn pasted(text: &str) -> Input {
    Input::Pasted(text.to_owned())
}

#[tokio::test]
async fn the_ani_fixture_imports_with_its_metadata() {
    let ws = common::workspace().await;
    let outcome = import_input(&ws.store, &Input::Path(common::ani_fixture())).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Imported,
        "{:?}",
        outcome.reason
    );
    let a = outcome.article.expect("an imported article is described");
    assert_eq!(
        a.title,
        "Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy"
    );
    assert_eq!(a.outlet.as_deref(), Some("ANI"));
    assert_eq!(
        a.published_at.as_deref(),
        Some("2025-12-15T02:37:51+05:30"),
        "the +05:30 offset is kept"
    );
    assert_eq!(a.updated_at.as_deref(), Some("2025-12-15T02:40:07+05:30"));
    assert_eq!(a.dateline.as_deref(), Some("Kyiv, Ukraine"));
    assert_eq!(a.revision, 1);

    let shown = articles::show(&ws.store, &a.id, None).await.unwrap();
    assert!(
        shown
            .body
            .starts_with("Kyiv [Ukraine], December 15 : Ukraine has signalled"),
        "the body starts at the dateline paragraph, not the teaser: {:?}",
        &shown.body[..80.min(shown.body.len())]
    );
    assert!(
        !shown.body.contains("Disclaimer:"),
        "boilerplate stays out of the body"
    );
    assert!(
        !shown.body.contains("Open in app"),
        "app prompts stay out of the body"
    );
    assert!(
        shown
            .boilerplate
            .iter()
            .any(|b| b.starts_with("Disclaimer:")),
        "but it is stored"
    );
    assert!(
        shown.boilerplate.iter().any(|b| b.ends_with("...")),
        "the truncated teaser is stored too"
    );
    assert!(
        shown.relays.iter().any(|r| r.outlet == "Al Jazeera"),
        "Al Jazeera is a relay candidate"
    );
}

#[tokio::test]
async fn the_same_text_twice_is_a_duplicate_not_a_second_article() {
    let ws = common::workspace().await;
    let text = std::fs::read_to_string(common::ani_fixture()).unwrap();
    let first = import_input(&ws.store, &pasted(&text)).await;
    // Re-pasted with different line endings and extra spaces: same text.
    let again = import_input(
        &ws.store,
        &pasted(&text.replace('\n', "\r\n").replace(". ", ".  ")),
    )
    .await;
    assert_eq!(first.status, ImportStatus::Imported);
    assert_eq!(
        again.status,
        ImportStatus::Duplicate,
        "whitespace changes do not make a new article"
    );
    assert_eq!(
        again.article.unwrap().id,
        first.article.unwrap().id,
        "the duplicate points at the original"
    );
    assert_eq!(articles::count(&ws.store).await.unwrap(), 1);
}

#[tokio::test]
async fn the_same_url_with_changed_text_becomes_a_revision_with_a_diff() {
    let ws = common::workspace().await;
    let page = |body: &str| {
        format!(
            "<!doctype html><html><head><title>Talks in Berlin</title>
             <link rel=canonical href=\"https://news.example/berlin-talks\"></head>
             <body><article><h1>Talks in Berlin</h1><p>{body}</p>
             <p>The envoys met for five hours on Sunday and agreed to continue on Monday, officials said.</p>
             <p>European partners joined the second day of the meeting, according to the German chancellery.</p>
             </article></body></html>"
        )
    };
    let base = common::serve(vec![
        ("/v1", common::Reply::ok("text/html; charset=utf-8", page("Ukraine could accept legally binding guarantees, the president said on Sunday in Berlin."))),
        ("/v2", common::Reply::ok("text/html; charset=utf-8", page("Ukraine would accept only legally binding guarantees, the president said on Sunday in Berlin."))),
    ])
    .await;
    let first = import_input(&ws.store, &Input::Url(format!("{base}/v1"))).await;
    let second = import_input(&ws.store, &Input::Url(format!("{base}/v2"))).await;
    assert_eq!(first.status, ImportStatus::Imported, "{:?}", first.reason);
    assert_eq!(
        second.status,
        ImportStatus::Revised,
        "same canonical URL, changed text: {:?}",
        second.reason
    );
    let id = second.article.as_ref().unwrap().id.clone();
    assert_eq!(
        id,
        first.article.unwrap().id,
        "a revision belongs to the same article"
    );
    assert_eq!(second.article.unwrap().revision, 2);

    let old = articles::show(&ws.store, &id, Some(1)).await.unwrap();
    assert!(old.body.contains("could accept"), "the old text is kept");
    let diff = articles::diff(&ws.store, &id, 1, 2).await.unwrap();
    let inserted: String = diff
        .segments
        .iter()
        .filter(|s| s.op == claimtrail::model::DiffOp::Insert)
        .map(|s| s.text.as_str())
        .collect();
    let deleted: String = diff
        .segments
        .iter()
        .filter(|s| s.op == claimtrail::model::DiffOp::Delete)
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        inserted.contains("would") && inserted.contains("only"),
        "the silent edit is visible: {diff:?}"
    );
    assert!(
        deleted.contains("could"),
        "what was removed is visible: {diff:?}"
    );

    let again = import_input(&ws.store, &Input::Url(format!("{base}/v2"))).await;
    assert_eq!(
        again.status,
        ImportStatus::Duplicate,
        "importing the current text again changes nothing"
    );
}

#[tokio::test]
async fn a_batch_goes_on_past_bad_files_and_reports_each() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::ani_fixture(), dir.path().join("a-ani.txt")).unwrap();
    std::fs::write(dir.path().join("b-empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("c-image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d-reuters.txt"),
        "Ukraine rules out ceding land\nBy Jane Doe\n\nKYIV, Dec 15 (Reuters) - Ukraine will not cede territory held by its forces, President Volodymyr Zelenskiy said on Monday, as talks in Berlin went on.\n\nThe comments came after hours of talks with U.S. envoys.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "skipped").unwrap();

    let inputs = expand_inputs(&[dir.path().display().to_string()]);
    assert_eq!(inputs.len(), 4, "a folder expands to its visible files");
    let mut seen = Vec::new();
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |p| {
        seen.push((p.done, p.total))
    })
    .await;
    let statuses: Vec<_> = summary.outcomes.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        vec![
            ImportStatus::Imported,
            ImportStatus::Rejected,
            ImportStatus::Rejected,
            ImportStatus::Imported
        ],
        "bad files are rejected and the rest of the batch goes on: {:#?}",
        summary.outcomes
    );
    assert!(
        summary.outcomes[1]
            .reason
            .as_deref()
            .unwrap()
            .contains("empty"),
        "the reason names the problem"
    );
    assert!(
        summary.outcomes[2]
            .reason
            .as_deref()
            .unwrap()
            .contains("PNG"),
        "the reason names the problem"
    );
    assert_eq!(
        seen,
        vec![(1, 4), (2, 4), (3, 4), (4, 4)],
        "progress is reported after every input"
    );
    let list = articles::list(&ws.store, &ArticleQuery::default())
        .await
        .unwrap();
    assert_eq!(
        list.len(),
        2,
        "exactly the two good files are in the library"
    );
}

#[tokio::test]
async fn a_stored_batch_is_reported_without_waiting_for_the_next_one_to_be_read() {
    let ws = common::workspace().await;
    // A page that answers only once the batch before it has been reported:
    // if progress waited for the next batch's reading, it would wait for
    // this page, this page for the progress, and the fetch would time out.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/slow", listener.local_addr().unwrap());
    let reported = std::sync::Arc::new(tokio::sync::Notify::new());
    let server = {
        let reported = reported.clone();
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = vec![0u8; 8192];
            let _ = socket.read(&mut request).await.unwrap();
            reported.notified().await;
            let body = std::fs::read(common::ani_fixture()).unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            socket.write_all(head.as_bytes()).await.unwrap();
            socket.write_all(&body).await.unwrap();
            let _ = socket.shutdown().await;
        })
    };
    // A full first batch, so the page is read as the next one (64 pasted
    // stories read in a few milliseconds, far under the 250 ms that would
    // end a batch early).
    let mut inputs = stories(BATCH_ARTICLES);
    inputs.push(Input::Url(url));
    let mut done = Vec::new();
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |p| {
        done.push(p.done);
        if p.done as usize == BATCH_ARTICLES {
            reported.notify_one();
        }
    })
    .await;
    server_done(server).await;
    let page = summary.outcomes.last().unwrap();
    assert_eq!(
        page.status,
        ImportStatus::Imported,
        "the page was fetched after the first batch was reported: {:?}",
        page.reason
    );
    assert_eq!(done, (1..=inputs.len() as u32).collect::<Vec<_>>());
}

#[tokio::test]
async fn cancel_does_not_wait_for_a_page_still_being_fetched() {
    let ws = common::workspace().await;
    // A page that does not answer until the import has returned: if Cancel
    // waited for the fetch, the fetch would time out and the page would be
    // reported as failed.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/stalled", listener.local_addr().unwrap());
    let asked = std::sync::Arc::new(tokio::sync::Notify::new());
    let returned = std::sync::Arc::new(tokio::sync::Notify::new());
    let server = {
        let (asked, returned) = (asked.clone(), returned.clone());
        tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = vec![0u8; 8192];
            let _ = socket.read(&mut request).await.unwrap();
            asked.notify_one();
            returned.notified().await;
        })
    };
    let cancel = std::sync::Arc::new(AtomicBool::new(false));
    let canceller = {
        let (asked, cancel) = (asked.clone(), cancel.clone());
        tokio::spawn(async move {
            asked.notified().await;
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        })
    };
    let mut inputs = stories(2);
    inputs.insert(1, Input::Url(url));
    let summary = import_batch(&ws.store, "job", &inputs, &cancel, |_| {}).await;
    returned.notify_one();
    server_done(server).await;
    canceller.await.unwrap();
    assert!(
        summary.cancelled,
        "the summary says the import was cancelled"
    );
    assert_eq!(
        summary
            .outcomes
            .iter()
            .map(|o| (o.input.as_str(), o.status))
            .collect::<Vec<_>>(),
        vec![("pasted text", ImportStatus::Imported)],
        "the story read before the page is kept; the page being fetched is \
         dropped, not reported as failed, and the story after it is not tried"
    );
    assert_eq!(articles::count(&ws.store).await.unwrap(), 1);
}

/// Waits for a test's page server, failing (not hanging) when the page
/// was never asked for, such as behind a proxy.
async fn server_done(server: tokio::task::JoinHandle<()>) {
    tokio::time::timeout(std::time::Duration::from_secs(60), server)
        .await
        .expect("the import asked the test's server for the page")
        .unwrap();
}

/// `n` distinct short stories, pasted.
fn stories(n: usize) -> Vec<Input> {
    (0..n)
        .map(|i| {
            pasted(&format!(
                "Story {i}\n\nSome body text for story number {i}, long enough to count as an article body."
            ))
        })
        .collect()
}

#[tokio::test]
async fn a_cancelled_batch_stops_at_the_next_batch_and_keeps_what_it_reported() {
    let ws = common::workspace().await;
    let inputs = stories(3 * BATCH_ARTICLES);
    let cancel = AtomicBool::new(false);
    let summary = import_batch(&ws.store, "job", &inputs, &cancel, |_| {
        cancel.store(true, std::sync::atomic::Ordering::Relaxed)
    })
    .await;
    assert!(
        summary.cancelled,
        "the summary says the batch was cancelled"
    );
    assert!(
        !summary.outcomes.is_empty() && summary.outcomes.len() <= BATCH_ARTICLES,
        "nothing after the batch in hand was imported: {} outcomes",
        summary.outcomes.len()
    );
    let stored = articles::count(&ws.store).await.unwrap() as usize;
    assert_eq!(
        stored,
        summary.outcomes.len(),
        "every reported article is in the library, and only those"
    );
}

#[tokio::test]
async fn an_article_the_workspace_refuses_mid_batch_leaves_the_earlier_ones_and_none_of_its_rows() {
    let ws = common::workspace().await;
    // The revision insert fails after its article row was written, so
    // only the article's savepoint can take that row back.
    sqlx::query(
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON revisions WHEN new.title = 'Poison'
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .execute(ws.store.pool())
    .await
    .unwrap();
    let mut inputs = stories(3);
    inputs.insert(
        2,
        pasted("Poison\n\nThis story is refused by the workspace when it is stored."),
    );
    // An input that cannot be read keeps its place among the stored ones.
    inputs.insert(2, pasted("   "));
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |_| {}).await;
    let statuses: Vec<_> = summary.outcomes.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        vec![
            ImportStatus::Imported,
            ImportStatus::Imported,
            ImportStatus::Rejected,
            ImportStatus::Rejected
        ],
        "the two before it are kept, it is rejected, the one after is not tried"
    );
    assert!(summary.outcomes[2]
        .reason
        .as_deref()
        .unwrap()
        .contains("empty"));
    assert!(summary.outcomes[3]
        .reason
        .as_deref()
        .unwrap()
        .contains("disk full"));
    assert!(summary.error.as_deref().unwrap().contains("disk full"));
    let rows: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM audit_events WHERE entity = 'article')",
    )
    .fetch_one(ws.store.pool())
    .await
    .unwrap();
    assert_eq!(
        rows,
        (2, 2),
        "no article row or event of the refused story is left"
    );
    assert!(claimtrail::store::verify(&ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_batch_is_stored_together_yet_each_article_is_its_own_write() {
    let ws = common::workspace().await;
    let summary = import_batch(
        &ws.store,
        "job",
        &stories(5),
        &AtomicBool::new(false),
        |_| {},
    )
    .await;
    assert!(summary
        .outcomes
        .iter()
        .all(|o| o.status == ImportStatus::Imported));
    let writes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT write_id, count(DISTINCT entity_id) FROM audit_events
         WHERE entity = 'article' GROUP BY write_id",
    )
    .fetch_all(ws.store.pool())
    .await
    .unwrap();
    assert_eq!(writes.len(), 5, "one write per article: {writes:?}");
    assert!(writes.iter().all(|(_, articles)| *articles == 1));
    assert!(claimtrail::store::verify(&ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_batch_whose_commit_fails_reports_every_article_of_it_unsaved() {
    let ws = common::workspace().await;
    // A deferred foreign key is checked at COMMIT: the last story makes
    // the whole transaction fail there, after every article was stored.
    for sql in [
        "CREATE TABLE trap_parent (id TEXT PRIMARY KEY)",
        "CREATE TABLE trap (parent TEXT REFERENCES trap_parent (id) DEFERRABLE INITIALLY DEFERRED)",
        "CREATE TRIGGER spring_trap AFTER INSERT ON revisions WHEN new.title = 'Story 2'
         BEGIN INSERT INTO trap VALUES ('missing'); END",
    ] {
        sqlx::query(sql).execute(ws.store.pool()).await.unwrap();
    }
    let summary = import_batch(
        &ws.store,
        "job",
        &stories(3),
        &AtomicBool::new(false),
        |_| {},
    )
    .await;
    assert_eq!(summary.outcomes.len(), 3);
    for o in &summary.outcomes {
        assert_eq!(o.status, ImportStatus::Rejected, "{o:?}");
        assert!(
            o.reason.as_deref().unwrap().contains("was saved"),
            "the reason says it was not saved: {:?}",
            o.reason
        );
    }
    assert!(summary.error.is_some(), "the batch stopped with the error");
    assert_eq!(
        articles::count(&ws.store).await.unwrap(),
        0,
        "nothing of the failed transaction stayed"
    );
    assert!(claimtrail::store::verify(&ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_rejected_file_leaves_no_rows_behind() {
    let ws = common::workspace().await;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM revisions")
        .fetch_one(ws.store.pool())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing.html");
    std::fs::write(
        &path,
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .unwrap();
    let outcome = import_input(&ws.store, &Input::Path(path)).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Rejected,
        "a page with no article is refused"
    );
    let tables = ["articles", "revisions", "outlets", "relay_candidates"];
    for table in tables {
        let sql = format!("SELECT count(*) FROM {table}");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(ws.store.pool())
            .await
            .unwrap();
        assert_eq!(
            n,
            if table == "revisions" { before } else { 0 },
            "{table} has no half-written rows"
        );
    }
}

#[tokio::test]
async fn every_import_writes_audit_events_in_its_transaction() {
    let ws = common::workspace().await;
    let outcome = import_input(&ws.store, &Input::Path(common::ani_fixture())).await;
    let id = outcome.article.unwrap().id;
    let events = claimtrail::store::events_for(&ws.store, "article", &id)
        .await
        .unwrap();
    assert_eq!(events.len(), 1, "the article's creation is recorded");
    assert_eq!(events[0].action, "create");
    // Its first revision is recorded in that same event, identified exactly
    // (the immutable row's id and its text's hash), not in one of its own.
    let after = events[0].after.as_ref().expect("a creation has an after");
    let (revision_id, text_hash, title): (String, String, String) = sqlx::query_as(
        "SELECT r.id, r.text_hash, r.title FROM revisions r JOIN articles a
         ON a.current_revision_id = r.id WHERE a.id = ?",
    )
    .bind(&id)
    .fetch_one(ws.store.pool())
    .await
    .unwrap();
    assert_eq!(after["revision_id"], revision_id.as_str());
    assert_eq!(after["text_hash"], text_hash.as_str());
    assert_eq!(after["title"], title.as_str());
    assert_eq!(after["number"], 1);
    let revisions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_events WHERE entity = 'revision'")
            .fetch_one(ws.store.pool())
            .await
            .unwrap();
    assert_eq!(revisions, 0, "one event per imported article");
    let outlets: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_events WHERE entity = 'outlet'")
            .fetch_one(ws.store.pool())
            .await
            .unwrap();
    assert_eq!(outlets, 1, "and the outlet it created");
}

#[tokio::test]
async fn the_library_filters_by_outlet_and_text_and_sorts_by_published_instant() {
    let ws = common::workspace().await;
    import_input(&ws.store, &Input::Path(common::ani_fixture())).await;
    let reuters = "Ukraine rules out ceding land\nBy Jane Doe\n\nKYIV, Dec 14 (Reuters) - Ukraine will not cede territory held by its forces, President Volodymyr Zelenskiy said, as talks in Berlin went on.\n";
    let r = import_input(&ws.store, &pasted(reuters)).await;
    assert_eq!(r.status, ImportStatus::Imported, "{:?}", r.reason);

    let ani_only = ArticleQuery {
        outlet: Some("ANI".into()),
        ..ArticleQuery::default()
    };
    let list = articles::list(&ws.store, &ani_only).await.unwrap();
    assert_eq!(
        list.len(),
        1,
        "the outlet filter keeps one outlet's articles"
    );
    assert_eq!(list[0].outlet.as_deref(), Some("ANI"));

    let text = ArticleQuery {
        text: Some("CEDING".into()),
        ..ArticleQuery::default()
    };
    let list = articles::list(&ws.store, &text).await.unwrap();
    assert_eq!(
        list.len(),
        1,
        "the quick filter is case-insensitive over titles"
    );

    let outlets = articles::outlets(&ws.store).await.unwrap();
    assert!(
        outlets.iter().any(|o| o.name == "ANI" && o.articles == 1),
        "outlets come with counts: {outlets:?}"
    );
}

#[tokio::test]
async fn files_over_50_mb_are_refused_without_being_read() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // A sparse file: 51 MB long without writing 51 MB.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    let outcome = import_input(&ws.store, &Input::Path(path)).await;
    assert_eq!(outcome.status, ImportStatus::Rejected);
    assert!(
        outcome.reason.unwrap().contains("over the 50.0 MB limit"),
        "the limit is named"
    );
}

#[tokio::test]
async fn legacy_encodings_declared_in_html_or_detected_in_text_import_correctly() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    let ukrainian = "Президент України заявив, що Київ може відмовитися від прагнення вступити до НАТО, якщо отримає юридично обов'язкові гарантії безпеки від Сполучених Штатів та європейських партнерів.";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(ukrainian);
    let mut html = b"<html><head><meta charset=\"windows-1251\"><title>Zelenskyy</title></head><body><article><p>".to_vec();
    html.extend_from_slice(&cp1251);
    html.extend_from_slice(b"</p></article></body></html>");
    std::fs::write(dir.path().join("declared.html"), &html).unwrap();
    let text = format!("Заголовок статті про переговори\n\n{ukrainian} {ukrainian}\n");
    let (koi8, _, _) = encoding_rs::KOI8_U.encode(&text);
    std::fs::write(dir.path().join("detected.txt"), &*koi8).unwrap();

    for name in ["declared.html", "detected.txt"] {
        let outcome = import_input(&ws.store, &Input::Path(dir.path().join(name))).await;
        assert_eq!(
            outcome.status,
            ImportStatus::Imported,
            "{name}: {:?}",
            outcome.reason
        );
        let shown = articles::show(&ws.store, &outcome.article.unwrap().id, None)
            .await
            .unwrap();
        assert!(
            shown.body.contains("юридично обов'язкові гарантії"),
            "{name} decodes to the right letters: {}",
            shown.body
        );
        assert_ne!(
            shown.encoding, "UTF-8",
            "{name}: the legacy charset is recorded"
        );
    }
}

#[tokio::test]
async fn text_declared_utf8_with_bad_bytes_is_refused() {
    let ws = common::workspace().await;
    let mut bytes = b"\xEF\xBB\xBFHeadline\n\nA body paragraph with a broken byte here: ".to_vec();
    bytes.extend_from_slice(b"\xC3\x28 and more text after it.");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, &bytes).unwrap();
    let outcome = import_input(&ws.store, &Input::Path(path)).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Rejected,
        "a UTF-8 BOM with invalid UTF-8 after it is refused"
    );
    assert!(outcome.reason.unwrap().contains("not valid UTF-8"));
}

#[tokio::test]
async fn a_saved_page_folder_imports_the_page_and_refuses_its_scripts_and_styles() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::fixture("hostile-page.html"),
        dir.path().join("story.html"),
    )
    .unwrap();
    let assets = dir.path().join("story_files");
    std::fs::create_dir(&assets).unwrap();
    std::fs::write(
        assets.join("app.js"),
        "window.track = function () { return 'a long enough script body to parse'; };",
    )
    .unwrap();
    std::fs::write(
        assets.join("site.css"),
        "body { font-family: serif; margin: 0 auto; max-width: 40em; }",
    )
    .unwrap();

    let inputs = expand_inputs(&[dir.path().display().to_string()]);
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |_| {}).await;
    let by_name = |name: &str| {
        summary
            .outcomes
            .iter()
            .find(|o| o.input.ends_with(name))
            .unwrap()
    };
    assert_eq!(by_name("story.html").status, ImportStatus::Imported);
    for asset in ["app.js", "site.css"] {
        let o = by_name(asset);
        assert_eq!(
            o.status,
            ImportStatus::Rejected,
            "{asset} is not an article"
        );
        assert!(
            o.reason.as_deref().unwrap().contains("not an article"),
            "{:?}",
            o.reason
        );
    }
    assert_eq!(
        articles::count(&ws.store).await.unwrap(),
        1,
        "only the page became an article"
    );
}

fn markdown_at(url: &str, title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nurl: {url}\n---\n\n{body}\n")
}

async fn import_markdown(
    ws: &common::TempWorkspace,
    name: &str,
    text: &str,
) -> claimtrail::model::ImportOutcome {
    let path = ws.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    import_input(&ws.store, &Input::Path(path)).await
}

const STORY: &str = "BERLIN, Dec 14 - Envoys met President Volodymyr Zelenskyy in Berlin on Sunday for talks on a 20-point plan, officials said.";

#[tokio::test]
async fn a_changed_headline_alone_is_a_new_revision() {
    let ws = common::workspace().await;
    let url = "https://news.example/world/berlin-talks";
    let first = import_markdown(
        &ws,
        "a.md",
        &markdown_at(url, "Envoys meet Zelenskyy", STORY),
    )
    .await;
    let second = import_markdown(
        &ws,
        "b.md",
        &markdown_at(url, "Envoys meet Zelenskyy as talks stall", STORY),
    )
    .await;
    assert_eq!(first.status, ImportStatus::Imported);
    assert_eq!(
        second.status,
        ImportStatus::Revised,
        "a silent headline edit is news, not a duplicate"
    );
    let id = second.article.unwrap().id;
    let old = articles::show(&ws.store, &id, Some(1)).await.unwrap();
    assert_eq!(
        old.summary.title, "Envoys meet Zelenskyy",
        "an older revision shows its own metadata"
    );
    assert_eq!(
        old.summary.revision, 2,
        "while `revision` still names the current one"
    );
    assert!(
        articles::diff(&ws.store, &id, 1, 2)
            .await
            .unwrap()
            .title_changed
    );
}

#[tokio::test]
async fn a_relative_or_site_root_canonical_does_not_merge_unrelated_stories() {
    let ws = common::workspace().await;
    let page = |title: &str, body: &str| {
        format!("<html><head><title>{title}</title><link rel=canonical href=\"/\"></head><body><article><h1>{title}</h1><p>{body}</p><p>{body} More reporting followed from the scene later in the day.</p></article></body></html>")
    };
    let a = import_markdown(
        &ws,
        "a.html",
        &page(
            "Grid attacks",
            "Russia targeted the power grid overnight, officials in Kyiv said on Monday.",
        ),
    )
    .await;
    let b = import_markdown(
        &ws,
        "b.html",
        &page(
            "Berlin talks",
            "Envoys met in Berlin on Sunday for talks on a 20-point plan, officials said.",
        ),
    )
    .await;
    assert_eq!(a.status, ImportStatus::Imported, "{:?}", a.reason);
    assert_eq!(
        b.status,
        ImportStatus::Imported,
        "a different story with the same `/` canonical is its own article"
    );
    assert_eq!(articles::count(&ws.store).await.unwrap(), 2);
}

#[tokio::test]
async fn tracking_parameters_do_not_make_a_new_article() {
    let ws = common::workspace().await;
    let a = import_markdown(
        &ws,
        "a.md",
        &markdown_at(
            "https://News.Example/world/story?id=7&utm_source=x",
            "Story",
            STORY,
        ),
    )
    .await;
    let b = import_markdown(
        &ws,
        "b.md",
        &markdown_at(
            "https://news.example/world/story/?fbclid=abc&id=7#top",
            "Story",
            STORY,
        ),
    )
    .await;
    assert_eq!(a.status, ImportStatus::Imported);
    assert_eq!(
        b.status,
        ImportStatus::Duplicate,
        "the same page through a tracking link is the same page"
    );
    assert_eq!(
        a.article.unwrap().canonical_url.as_deref(),
        Some("https://news.example/world/story?id=7")
    );
}

#[tokio::test]
async fn a_pasted_article_learns_its_url_so_a_later_edit_becomes_a_revision() {
    let ws = common::workspace().await;
    let url = "https://news.example/world/berlin-talks";
    let pasted = import_input(
        &ws.store,
        &pasted(&format!("Envoys meet Zelenskyy\n\n{STORY}")),
    )
    .await;
    let with_url = import_markdown(
        &ws,
        "a.md",
        &markdown_at(url, "Envoys meet Zelenskyy", STORY),
    )
    .await;
    assert_eq!(
        with_url.status,
        ImportStatus::Duplicate,
        "same text: a duplicate of the pasted copy"
    );
    let edited = import_markdown(
        &ws,
        "b.md",
        &markdown_at(
            url,
            "Envoys meet Zelenskyy",
            &STORY.replace("Sunday", "Saturday"),
        ),
    )
    .await;
    assert_eq!(
        edited.status,
        ImportStatus::Revised,
        "the URL learnt from the duplicate finds the article: {:?}",
        edited.reason
    );
    assert_eq!(edited.article.unwrap().id, pasted.article.unwrap().id);
}

#[tokio::test]
async fn the_library_sorts_by_the_published_instant_not_its_text() {
    let ws = common::workspace().await;
    // 02:37+05:30 on the 15th is 21:07Z on the 14th: earlier than 22:00Z
    // on the 14th although its text sorts later.
    let india = "India story headline\nPublished: 2025-12-15T02:37:00+05:30\n\nNEW DELHI, Dec 15 - An Indian story with enough words to be an article body.";
    let london = "London story headline\nPublished: 2025-12-14T22:00:00+00:00\n\nLONDON, Dec 14 - A British story with enough words to be an article body.";
    import_input(&ws.store, &pasted(india)).await;
    import_input(&ws.store, &pasted(london)).await;
    let list = articles::list(&ws.store, &ArticleQuery::default())
        .await
        .unwrap();
    let titles: Vec<_> = list.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["London story headline", "India story headline"],
        "newest instant first"
    );
}

#[tokio::test]
async fn a_failure_inside_the_write_leaves_no_rows_behind() {
    let ws = common::workspace().await;
    // Make the last insert of an import fail, after the article, outlet and
    // revision rows and their audit events were written in the transaction.
    sqlx::query("CREATE TRIGGER fail_relays BEFORE INSERT ON relay_candidates BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
        .execute(ws.store.pool())
        .await
        .unwrap();
    let count = |table: &'static str| {
        let pool = ws.store.pool().clone();
        async move {
            let sql = format!("SELECT count(*) FROM {table}");
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let events_before = count("audit_events").await;
    let outcome = import_input(&ws.store, &Input::Path(common::ani_fixture())).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Rejected,
        "the failed write is reported"
    );
    for table in ["articles", "revisions", "outlets"] {
        assert_eq!(
            count(table).await,
            0,
            "{table}: the transaction was rolled back whole"
        );
    }
    assert!(
        count("audit_events").await <= events_before + 2,
        "only the user's creation may have been committed before"
    );
    let import_events: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE entity IN ('article', 'revision', 'outlet')",
    )
    .fetch_one(ws.store.pool())
    .await
    .unwrap();
    assert_eq!(
        import_events, 0,
        "no audit event describes a change that did not happen"
    );
}

#[tokio::test]
async fn a_workspace_that_fails_stops_the_batch_with_an_error() {
    let ws = common::workspace().await;
    sqlx::query("CREATE TRIGGER fail_articles BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        .execute(ws.store.pool())
        .await
        .unwrap();
    let inputs = vec![
        Input::Path(common::ani_fixture()),
        Input::Path(common::fixture("reuters-style.txt")),
    ];
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |_| {}).await;
    assert!(
        summary.error.as_deref().unwrap().contains("disk full"),
        "the summary says why: {:?}",
        summary.error
    );
    assert_eq!(
        summary.outcomes.len(),
        1,
        "no further input is tried once the workspace fails"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn folder_link_loops_and_pipes_do_not_hang_an_import() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::ani_fixture(), dir.path().join("story.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo works here");

    let inputs = expand_inputs(&[dir.path().display().to_string()]);
    assert_eq!(
        inputs.len(),
        2,
        "the link back to the folder is not followed: {inputs:?}"
    );
    let summary = import_batch(&ws.store, "job", &inputs, &AtomicBool::new(false), |_| {}).await;
    let pipe = summary
        .outcomes
        .iter()
        .find(|o| o.input.ends_with("pipe.txt"))
        .unwrap();
    assert_eq!(
        pipe.status,
        ImportStatus::Rejected,
        "a pipe is refused, not read forever"
    );
    assert!(pipe
        .reason
        .as_deref()
        .unwrap()
        .contains("not a regular file"));
}

#[tokio::test]
async fn damaged_utf8_without_a_bom_is_refused() {
    let ws = common::workspace().await;
    let path = ws.dir.path().join("damaged.txt");
    std::fs::write(&path, b"Le pr\xC3\xA9sident parle\n\nLe pr\xC3\xA9sident a parl\xE9 \xC3\xA0 la presse lundi matin.").unwrap();
    let outcome = import_input(&ws.store, &Input::Path(path)).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Rejected,
        "damaged UTF-8 is not guessed into mojibake"
    );
}

/// Story `n` as a page at its own address, published on `day`.
async fn story(store: &claimtrail::store::Store, n: u32, day: u32, news: &str) -> ImportStatus {
    let text = format!(
        "---\ntitle: Story of day {n}\nurl: https://wire.example/day-{n}\noutlet: Wire\ndate: 2025-12-{day:02}T09:00:00+02:00\n---\n\nOfficials said talks on day {n} {news}.\n"
    );
    common::import_file(store, &format!("day-{n}.md"), text.as_bytes())
        .await
        .status
}

#[tokio::test]
async fn the_library_comes_a_page_at_a_time_in_the_same_order_and_a_new_revision_moves_its_article()
{
    let ws = common::workspace().await;
    // Ten articles published a day apart, imported in a shuffled order,
    // and two without a date (listed by when they were imported).
    for day in [3, 7, 1, 9, 5, 2, 8, 4, 10, 6] {
        let status = story(&ws.store, day, day, "went on").await;
        assert_eq!(status, ImportStatus::Imported);
    }
    for n in 0..2 {
        let text =
            format!("Undated note {n}\n\nA note without a date, number {n}, about the talks.\n");
        import_input(&ws.store, &pasted(&text)).await;
    }
    let all = articles::list(&ws.store, &ArticleQuery::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 12);
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = articles::page(&ws.store, &ArticleQuery::default(), offset, Some(5))
            .await
            .unwrap();
        assert_eq!(page.total, 12);
        assert_eq!(page.offset, offset);
        if page.items.is_empty() {
            break;
        }
        offset += page.items.len() as u32;
        paged.extend(page.items);
    }
    let ids = |list: &[claimtrail::model::ArticleSummary]| -> Vec<String> {
        list.iter().map(|a| a.id.clone()).collect()
    };
    assert_eq!(
        ids(&paged),
        ids(&all),
        "pages put together are the whole list"
    );
    // The dated ones newest first by their published instant; the undated
    // ones, imported today, come before stories of 2025.
    let titles: Vec<&str> = all.iter().map(|a| a.title.as_str()).collect();
    assert!(titles[0].starts_with("Undated note") && titles[1].starts_with("Undated note"));
    assert_eq!(titles[2], "Story of day 10");
    assert_eq!(titles[11], "Story of day 1");
    // A filter's total counts what it lets through.
    let filtered = articles::page(
        &ws.store,
        &ArticleQuery {
            text: Some("story of day 1".into()),
            ..ArticleQuery::default()
        },
        0,
        Some(1),
    )
    .await
    .unwrap();
    assert_eq!(
        (filtered.total, filtered.items.len()),
        (2, 1),
        "day 1 and day 10"
    );
    // A new revision published later moves its article to the top of the
    // dated ones.
    assert_eq!(
        story(&ws.store, 1, 20, "went on, and ended").await,
        ImportStatus::Revised
    );
    let first_dated = articles::page(&ws.store, &ArticleQuery::default(), 2, Some(1))
        .await
        .unwrap();
    assert_eq!(first_dated.items[0].title, "Story of day 1");
}

#[tokio::test]
async fn a_new_article_reads_back_as_its_import_outcome_said_and_lists_by_its_time() {
    let ws = common::workspace().await;
    // The ANI fixture carries outlet, byline, dateline, publication time
    // and relays: every field of the summary built without reading back.
    let ani = import_input(&ws.store, &Input::Path(common::ani_fixture())).await;
    let undated = import_input(
        &ws.store,
        &pasted("Undated note\n\nA story with no publication time at all, imported second."),
    )
    .await;
    let listed = articles::list(&ws.store, &ArticleQuery::default())
        .await
        .unwrap();
    let shown = articles::show(&ws.store, &ani.article.as_ref().unwrap().id, None)
        .await
        .unwrap();
    assert_eq!(
        Some(&shown.summary),
        ani.article.as_ref(),
        "the outcome's summary is what the library reads"
    );
    assert_eq!(
        listed.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        vec![
            undated.article.unwrap().id,
            ani.article.unwrap().id
        ],
        "newest first: the undated note by its import time (now), after the 2025 story by its publication time"
    );
    let search = claimtrail::search::search(
        &ws.store,
        &claimtrail::model::SearchQuery {
            text: "Undated".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        search.articles.len(),
        1,
        "a new article is in the search index"
    );
}

#[tokio::test]
async fn a_new_article_names_its_outlet_as_the_workspace_spells_it() {
    let ws = common::workspace().await;
    // An outlet kept in capitals: the wire credit "(Reuters)" finds it,
    // since outlet names compare without case.
    sqlx::query("INSERT INTO outlets (id, name, created_at) VALUES ('o-1', 'REUTERS', '2025-12-01T09:00:00+00:00')")
        .execute(ws.store.pool())
        .await
        .unwrap();
    let outcome = import_input(
        &ws.store,
        &Input::Path(common::fixture("reuters-style.txt")),
    )
    .await;
    let article = outcome.article.expect("imported");
    assert_eq!(article.outlet.as_deref(), Some("REUTERS"));
    let shown = articles::show(&ws.store, &article.id, None).await.unwrap();
    assert_eq!(
        shown.summary, article,
        "the outcome says what the library reads"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_import_takes_links_to_files_only_when_they_stay_inside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("id_rsa");
    std::fs::write(&secret, b"-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
    std::fs::copy(common::ani_fixture(), dir.path().join("story.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("notes.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("story.txt"), dir.path().join("again.txt")).unwrap();
    let inputs = expand_inputs(&[dir.path().display().to_string()]);
    let names: Vec<String> = inputs.iter().map(|i| i.label()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().all(|n| !n.ends_with("notes.txt")),
        "a link out of the folder is not followed: {names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("again.txt")), "{names:?}");
}

#[tokio::test]
async fn an_address_that_is_not_a_web_page_is_kept_aside_never_stored_as_the_articles() {
    let ws = common::workspace().await;
    for (name, bytes) in [
        ("note.md", "---\ntitle: Note\nurl: javascript:alert(1)\n---\n\nThe minister spoke on Sunday evening about the talks.\n".to_owned()),
        ("page.html", "<html><head><title>Page</title><meta property=\"og:url\" content=\"&lt;img src=x onerror=alert(1)&gt; iframe\"></head><body><article><p>The minister spoke on Monday morning about the grid and the repairs that crews across the region have been making since the strikes.</p><p>Crews worked through the night to restore power to hospitals, water pumping stations and schools, officials said in a statement.</p><p>More repairs are planned for the coming week, the energy ministry added.</p></article></body></html>".to_owned()),
    ] {
        let stored = common::import_file(&ws.store, name, bytes.as_bytes()).await;
        assert_eq!(stored.article.url, None, "{name}: no address");
        let declared: Option<String> =
            sqlx::query_scalar("SELECT declared_url FROM revisions WHERE article_id = ?")
                .bind(&stored.article.id)
                .fetch_one(ws.store.pool())
                .await
                .unwrap();
        assert!(declared.is_some_and(|d| d.contains("alert(1)")), "{name}: kept aside as it was");
    }
}

#[tokio::test]
async fn a_name_a_page_hyphenates_invisibly_is_found_by_a_search_for_it() {
    let ws = common::workspace().await;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("courage.html");
    std::fs::write(
        &page,
        "<html><head><title>Erfinderinnen: Ann Kiessling</title></head><body><article>\
         <p>Die For&shy;scherin Ann Kiessling hat ihr Leben der HIV-Forschung gewidmet, schreibt Mat&shy;thi&shy;as Lau&shy;erer.</p>\
         <p>Ihre Ar&#8203;beit begann in den achtziger Jahren in Boston und dauert bis heute an.</p>\
         </article></body></html>",
    )
    .unwrap();
    let outcome = import_input(&ws.store, &Input::Path(page)).await;
    let article = outcome.article.expect("imported");
    let search = |text: &'static str| {
        let store = &ws.store;
        async move {
            claimtrail::search::search(
                store,
                &claimtrail::model::SearchQuery {
                    text: text.into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
        }
    };
    for word in ["Matthias", "Forscherin", "Arbeit"] {
        let found = search(word).await;
        assert_eq!(
            found
                .articles
                .iter()
                .map(|a| &a.article_id)
                .collect::<Vec<_>>(),
            vec![&article.id],
            "{word} is found although the page hyphenates it with soft hyphens"
        );
    }
    let shown = articles::show(&ws.store, &article.id, None).await.unwrap();
    assert!(
        !shown.body.contains(['\u{ad}', '\u{200b}']),
        "{}",
        shown.body
    );
}
