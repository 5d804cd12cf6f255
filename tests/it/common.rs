//! Shared helpers for the integration tests: a fresh workspace per test, the
//! fixtures folder, the `claimtrail` command line, and a tiny HTTP server
//! on loopback for URL imports.

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

/// Imports `bytes` as the file called `name` (its format from the
/// extension), failing the test when it is refused.
/// Dana Okafor and Ali Rahman, the two reviewers most tests need (one
/// proposes, the other approves), each as a store acting as them.
pub async fn dana_and_ali(store: &Store) -> (Store, Store) {
    let dana = claimtrail::store::users::add(store, "Dana Okafor", None, None)
        .await
        .unwrap();
    let ali = claimtrail::store::users::add(store, "Ali Rahman", None, None)
        .await
        .unwrap();
    (store.acting_as(&dana.id), store.acting_as(&ali.id))
}

pub async fn import_file(store: &Store, name: &str, bytes: &[u8]) -> claimtrail::articles::Stored {
    claimtrail::import::import_bytes(
        store,
        bytes,
        claimtrail::import::Hints {
            name: Some(name.to_owned()),
            origin: "test".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{name} imports: {e}"))
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

/// Running the `claimtrail` binary as scripts do.
pub mod cli {
    use std::path::Path;
    use std::process::{Command, Output};

    use serde_json::Value;

    pub fn command(db: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
        // Tests leave no log files behind (tests/it/logging.rs checks them).
        command
            .arg("--db")
            .arg(db)
            .args(args)
            .env("CLAIMTRAIL_LOG", "off");
        command
    }

    fn run(mut command: Command) -> Output {
        command.output().expect("the CLI runs")
    }

    /// `claimtrail --db DB ARGS...` in the test's own environment.
    pub fn claimtrail(db: &Path, args: &[&str]) -> Output {
        run(command(db, args))
    }

    /// The same, as the user Dana Okafor (`CLAIMTRAIL_USER`).
    pub fn as_dana(db: &Path, args: &[&str]) -> Output {
        let mut command = command(db, args);
        command.env("CLAIMTRAIL_USER", "Dana Okafor");
        run(command)
    }

    /// The same with no `CLAIMTRAIL_USER`, so the workspace's users and
    /// `--as` decide who acts.
    pub fn unnamed(db: &Path, args: &[&str]) -> Output {
        let mut command = command(db, args);
        command.env_remove("CLAIMTRAIL_USER");
        run(command)
    }

    /// Stdout, after checking the command succeeded.
    pub fn ok(out: &Output) -> String {
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Stdout as JSON, whatever the exit status.
    pub fn json(out: &Output) -> Value {
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// Stdout as JSON, after checking the command succeeded.
    pub fn ok_json(out: &Output) -> Value {
        ok(out);
        json(out)
    }

    /// Fails unless the command exited non-zero saying `words`.
    pub fn refused(out: &Output, words: &str) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "should be refused: {words}");
        assert!(stderr.contains(words), "“{stderr}” should say “{words}”");
    }
}
