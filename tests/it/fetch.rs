//! URL import against a server on loopback: redirects, content types, size
//! caps, timeouts and server errors.

use crate::common;

use std::time::Duration;

use crate::common::Reply;
use claimtrail::import::{
    fetch, fetch_with, import_input, FetchLimits, ImportError, Input, ParseError,
};
use claimtrail::model::ImportStatus;

const ARTICLE: &str = "<!doctype html><html lang=en><head><meta property=og:site_name content=\"Example News\">
<meta property=\"article:published_time\" content=\"2025-12-15T09:10:00+01:00\"><title>Envoys arrive in Berlin</title></head>
<body><article><h1>Envoys arrive in Berlin</h1>
<p>BERLIN, Dec 14 (Reuters) - Steve Witkoff and Jared Kushner arrived in Berlin on Sunday for talks with Ukrainian and European representatives.</p>
<p>The decision to send Witkoff was seen as a sign that Washington believes progress may be possible, according to Al Jazeera.</p>
<p>Talks were expected to continue on Monday with a wider group of European leaders present.</p>
</article></body></html>";

#[tokio::test]
async fn redirects_are_followed_and_the_final_url_is_kept() {
    let base = common::serve(vec![
        ("/short", Reply::redirect("/articles/envoys")),
        ("/articles/envoys", Reply::ok("text/html", ARTICLE)),
    ])
    .await;
    let fetched = fetch(&format!("{base}/short"))
        .await
        .expect("a redirect is followed");
    assert_eq!(
        fetched.final_url,
        format!("{base}/articles/envoys"),
        "the article's URL is where it lives"
    );
    assert_eq!(fetched.mime.as_deref(), Some("text/html"));
}

#[tokio::test]
async fn a_url_import_stores_the_page_with_its_address() {
    let ws = common::workspace().await;
    let base = common::serve(vec![(
        "/envoys",
        Reply::ok("text/html; charset=utf-8", ARTICLE),
    )])
    .await;
    let outcome = import_input(&ws.store, &Input::Url(format!("{base}/envoys"))).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Imported,
        "{:?}",
        outcome.reason
    );
    let a = outcome.article.unwrap();
    assert_eq!(
        a.url.as_deref(),
        Some(format!("{base}/envoys").as_str()),
        "the fetched address is recorded"
    );
    assert_eq!(
        a.published_at.as_deref(),
        Some("2025-12-15T09:10:00+01:00"),
        "article:published_time keeps its offset"
    );
}

#[tokio::test]
async fn images_and_pdfs_are_refused_by_content_type() {
    let base = common::serve(vec![
        (
            "/photo",
            Reply::ok("image/jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0]),
        ),
        (
            "/report",
            Reply::ok("application/pdf", b"%PDF-1.7".to_vec()),
        ),
    ])
    .await;
    for path in ["/photo", "/report"] {
        let err = fetch(&format!("{base}{path}"))
            .await
            .expect_err("not text or HTML");
        assert!(
            err.to_string().contains("not text or HTML"),
            "the message says why: {err}"
        );
    }
}

#[tokio::test]
async fn bodies_over_the_size_cap_are_refused() {
    let base = common::serve(vec![("/huge", Reply::ok("text/html", vec![b'a'; 200_000]))]).await;
    let limits = FetchLimits {
        max_bytes: 100_000,
        ..FetchLimits::default()
    };
    let err = fetch_with(&format!("{base}/huge"), limits)
        .await
        .expect_err("over the cap");
    assert!(
        matches!(err, ImportError::Parse(ParseError::TooLarge { .. })),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let mut slow = Reply::ok("text/html", ARTICLE);
    slow.delay_secs = 5;
    let base = common::serve(vec![("/slow", slow)]).await;
    let limits = FetchLimits {
        timeout: Duration::from_millis(500),
        ..FetchLimits::default()
    };
    let err = fetch_with(&format!("{base}/slow"), limits)
        .await
        .expect_err("the timeout fires");
    assert!(err.to_string().contains("did not answer in time"), "{err}");
}

#[tokio::test]
async fn http_errors_and_bad_schemes_are_reported() {
    let base = common::serve(vec![]).await;
    let err = fetch(&format!("{base}/missing")).await.expect_err("404");
    assert!(
        err.to_string().contains("404"),
        "the status is named: {err}"
    );
    let err = fetch("file:///etc/passwd").await.expect_err("only http(s)");
    assert!(err.to_string().contains("only http and https"), "{err}");
}

#[tokio::test]
async fn a_page_from_the_internet_cannot_redirect_the_import_into_the_local_network() {
    let target = common::serve(vec![("/envoys", Reply::ok("text/html", ARTICLE))]).await;
    let port = target.rsplit(':').next().unwrap().to_owned();
    let routes = vec![
        (
            "/by-name",
            Reply::redirect(&format!("http://localhost:{port}/envoys")),
        ),
        (
            "/metadata",
            Reply::redirect("http://169.254.169.254/latest/meta-data/"),
        ),
    ];
    let base = common::serve(routes).await;
    // As if the page were on the internet: the loopback origin itself is
    // the one address the person gave, every other local one is refused.
    let public = FetchLimits {
        local_redirects: Some(false),
        ..FetchLimits::default()
    };
    for path in ["/by-name", "/metadata"] {
        let err = fetch_with(&format!("{base}{path}"), public)
            .await
            .expect_err("refused")
            .to_string();
        assert!(err.contains("local network"), "{path}: {err}");
    }
    // An address on the local network that the person typed is theirs.
    assert!(fetch(&format!("{base}/by-name")).await.is_ok());
}

#[tokio::test]
async fn a_user_name_and_password_in_the_address_are_not_stored() {
    let ws = common::workspace().await;
    let base = common::serve(vec![("/envoys", Reply::ok("text/html", ARTICLE))]).await;
    let with_login = base.replacen("http://", "http://reporter:secret@", 1);
    let outcome = import_input(&ws.store, &Input::Url(format!("{with_login}/envoys"))).await;
    assert_eq!(
        outcome.status,
        ImportStatus::Imported,
        "{:?}",
        outcome.reason
    );
    let a = outcome.article.unwrap();
    let stored = format!("{:?} {:?}", a.url, a.canonical_url);
    assert!(
        !stored.contains("secret") && !stored.contains("reporter"),
        "{stored}"
    );
}
