//! Shared helpers for the integration tests: a fresh workspace per test, the
//! fixtures folder, and a tiny HTTP server on loopback for URL imports.

#![allow(
    dead_code,
    reason = "each test binary uses a different subset of helpers"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimtrail::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A workspace in its own temporary folder, removed when dropped.
pub struct TempWorkspace {
    pub store: Store,
    pub dir: tempfile::TempDir,
}

pub async fn workspace() -> TempWorkspace {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::open(&dir.path().join("workspace.db"))
        .await
        .expect("a fresh workspace opens");
    TempWorkspace { store, dir }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn ani_fixture() -> PathBuf {
    fixture("ani-2025-12-15-nato-guarantees.txt")
}

/// One canned HTTP response.
#[derive(Clone)]
pub struct Reply {
    pub status: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Seconds to wait before answering (for timeouts).
    pub delay_secs: u64,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: "200 OK",
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
            delay_secs: 0,
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply {
            status: "302 Found",
            headers: vec![("Location", to.to_owned())],
            body: Vec::new(),
            delay_secs: 0,
        }
    }
}

/// Serves `routes` (path → reply) on 127.0.0.1 until the test ends and
/// returns the base URL. Unknown paths get 404.
pub async fn serve(routes: Vec<(&'static str, Reply)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let routes = Arc::new(routes);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let routes = routes.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let reply = routes
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, r)| r.clone())
                    .unwrap_or(Reply {
                        status: "404 Not Found",
                        headers: vec![],
                        body: b"nope".to_vec(),
                        delay_secs: 0,
                    });
                if reply.delay_secs > 0 {
                    tokio::time::sleep(std::time::Duration::from_secs(reply.delay_secs)).await;
                }
                let mut head = format!(
                    "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reply.status,
                    reply.body.len()
                );
                for (k, v) in &reply.headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&reply.body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    base
}
