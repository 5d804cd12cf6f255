//! Reliability: `claimtrail` processes killed (SIGKILL) at random moments
//! of a 1,000-file import, a bundle import and a backup, and processes
//! writing the same workspace at once. After each kill the workspace must
//! pass SQLite's `integrity_check` and the audit chain's check, keep every
//! article the killed process reported as imported, hold a bundle whole or
//! not at all, and offer only backups that verify.
//!
//! Each kind runs `CLAIMTRAIL_KILL_ROUNDS` rounds (2 in the test run; the
//! figures in BENCHMARKS.md come from 20), each killing at a moment drawn
//! from a seeded generator (`CLAIMTRAIL_KILL_SEED`) over 1.2 times what an
//! uninterrupted run takes (so some rounds finish first). Every round
//! prints one line of figures.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use claimtrail::store::{backup, Store};

use crate::common::cli;

const FILES: usize = 1000;

fn rounds() -> usize {
    std::env::var("CLAIMTRAIL_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2)
}

fn rng() -> fastrand::Rng {
    let seed = std::env::var("CLAIMTRAIL_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(23);
    fastrand::Rng::with_seed(seed)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

/// `n` articles as Markdown files in `dir`, each with a title and body of
/// its own: `NAME-0007.md` is titled "NAME article 7".
fn write_articles(dir: &Path, name: &str, n: usize) -> PathBuf {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..n {
        let text = format!(
            "# {name} article {i}\n\nBy Test Writer\n\n\
             The council said on Monday that {i} new homes would be built by {year}, \
             a figure the opposition called \"impossible to reach\" in a statement.\n\n\
             Officials added that case {i} of the {name} series was reviewed twice \
             before the vote, and that funding for item {i} was already secured.\n",
            year = 2030 + i % 20
        );
        std::fs::write(folder.join(format!("{name}-{i:04}.md")), text).unwrap();
    }
    folder
}

/// Starts the CLI with its stderr going to `log`.
fn spawn(db: &Path, args: &[&str], log: &Path) -> Child {
    cli::command(db, args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("the CLI starts")
}

/// Runs the CLI to its end: how long it took.
fn timed(db: &Path, args: &[&str], log: &Path) -> Duration {
    let started = Instant::now();
    let status = spawn(db, args, log).wait().unwrap();
    assert!(
        status.success(),
        "{args:?}: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
    started.elapsed()
}

/// Starts the CLI and kills it (SIGKILL) after `after`: whether it was
/// still running then.
fn killed_after(db: &Path, args: &[&str], log: &Path, after: Duration) -> bool {
    let mut child = spawn(db, args, log);
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

/// What a workspace looks like after a kill.
struct Found {
    integrity: bool,
    audit: bool,
    titles: Vec<String>,
}

fn inspect(db: &Path) -> Found {
    runtime().block_on(async {
        let store = Store::open(db)
            .await
            .expect("a workspace whose writer was killed opens");
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(store.pool())
            .await
            .unwrap();
        let audit = claimtrail::store::verify(&store).await.unwrap();
        let titles: Vec<String> = sqlx::query_scalar("SELECT DISTINCT title FROM revisions")
            .fetch_all(store.pool())
            .await
            .unwrap();
        store.close().await;
        Found {
            integrity: integrity == ["ok"],
            audit: audit.ok,
            titles,
        }
    })
}

/// The files a CLI import's progress lines (on stderr) call imported.
fn reported_imported(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        // Whole lines only: the kill may cut the last one short.
        .split_inclusive('\n')
        .filter_map(|l| l.strip_suffix('\n'))
        .filter_map(|l| l.split_once("] imported: ").map(|(_, input)| input))
        .map(|input| {
            let stem = Path::new(input).file_stem().unwrap().to_string_lossy();
            let (name, n) = stem.rsplit_once('-').unwrap();
            format!("{name} article {}", n.parse::<usize>().unwrap())
        })
        .collect()
}

#[test]
fn an_import_killed_at_any_moment_keeps_everything_it_reported_and_the_workspace_whole() {
    let dir = tempfile::tempdir().unwrap();
    let folder = write_articles(dir.path(), "kill", FILES);
    let folder = folder.to_str().unwrap();
    let log = dir.path().join("stderr.txt");
    let full = timed(&dir.path().join("full.db"), &["import", folder], &log);
    assert_eq!(reported_imported(&log).len(), FILES);
    let mut rng = rng();
    let (mut killed, mut reported, mut lost) = (0, 0, 0);
    for round in 0..rounds() {
        // A new workspace each round: a kill may land in its creation and
        // migrations too.
        let db = dir.path().join(format!("round-{round}.db"));
        let after = full.mul_f64(rng.f64() * 1.2);
        killed += usize::from(killed_after(&db, &["import", folder], &log, after));
        let said = reported_imported(&log);
        let found = inspect(&db);
        let missing: Vec<&String> = said.iter().filter(|t| !found.titles.contains(t)).collect();
        println!(
            "kill -9 import round {round}: at {:.2} s of {:.2} s, {} reported imported, {} in the workspace, {} missing, integrity {}, audit {}",
            after.as_secs_f64(),
            full.as_secs_f64(),
            said.len(),
            found.titles.len(),
            missing.len(),
            found.integrity,
            found.audit
        );
        assert!(found.integrity, "round {round}: integrity_check failed");
        assert!(found.audit, "round {round}: the audit chain broke");
        assert!(missing.is_empty(), "round {round}: lost {missing:?}");
        reported += said.len();
        lost += missing.len();
        // The same import again finishes the job: nothing is in twice.
        timed(&db, &["import", folder], &log);
        let again = inspect(&db);
        assert_eq!(again.titles.len(), FILES, "round {round}: resumed import");
    }
    println!(
        "kill -9 import: {} rounds, {killed} killed mid-way, {reported} reported imported, {lost} lost",
        rounds()
    );
}

/// A workspace of `FILES` articles and a bundle of it, made once.
fn bundle_of_articles(dir: &Path) -> (PathBuf, PathBuf) {
    let folder = write_articles(dir, "bundled", FILES);
    let source = dir.join("source.db");
    let log = dir.join("source.txt");
    timed(&source, &["import", folder.to_str().unwrap()], &log);
    let bundle = dir.join("desk.ctbundle");
    timed(
        &source,
        &["bundle", "export", bundle.to_str().unwrap()],
        &log,
    );
    (source, bundle)
}

/// A copy of a closed workspace file under a new name.
fn copy_workspace(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let wal = PathBuf::from(format!("{}-wal", from.display()));
    if wal.exists() {
        std::fs::copy(&wal, format!("{}-wal", to.display())).unwrap();
    }
}

/// Every backup the workspace lists passes its check again.
fn backups_verify(db: &Path) -> (usize, bool) {
    let listed = backup::list(db).unwrap();
    let all_ok = runtime().block_on(async {
        let mut ok = true;
        for b in &listed {
            ok &= backup::verify(db, &b.file).await.is_ok_and(|b| b.ok);
        }
        ok
    });
    (listed.len(), all_ok)
}

#[test]
fn a_bundle_import_killed_at_any_moment_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bundle) = bundle_of_articles(dir.path());
    let bundle = bundle.to_str().unwrap();
    let base = dir.path().join("base.db");
    let own = write_articles(dir.path(), "own", 5);
    timed(
        &base,
        &["import", own.to_str().unwrap()],
        &dir.path().join("base.txt"),
    );
    let log = dir.path().join("stderr.txt");
    let first = dir.path().join("first.db");
    copy_workspace(&base, &first);
    let full = timed(&first, &["bundle", "import", bundle], &log);
    assert_eq!(inspect(&first).titles.len(), FILES + 5);
    let mut rng = rng();
    let (mut killed, mut none, mut whole) = (0, 0, 0);
    for round in 0..rounds() {
        let db = dir.path().join(format!("round-{round}.db"));
        copy_workspace(&base, &db);
        let after = full.mul_f64(rng.f64() * 1.2);
        let was_killed = killed_after(&db, &["bundle", "import", bundle], &log, after);
        killed += usize::from(was_killed);
        let found = inspect(&db);
        let (backups, backups_ok) = backups_verify(&db);
        println!(
            "kill -9 bundle import round {round}: at {:.2} s of {:.2} s, {} articles after (5 before, {} with the bundle), integrity {}, audit {}, {backups} backups listed, all verify: {backups_ok}",
            after.as_secs_f64(),
            full.as_secs_f64(),
            found.titles.len(),
            FILES + 5,
            found.integrity,
            found.audit
        );
        assert!(found.integrity, "round {round}: integrity_check failed");
        assert!(found.audit, "round {round}: the audit chain broke");
        assert!(backups_ok, "round {round}: a listed backup does not verify");
        match found.titles.len() {
            5 => none += 1,
            n if n == FILES + 5 => whole += 1,
            n => panic!("round {round}: {n} articles: the bundle landed in part"),
        }
        if !was_killed {
            assert_eq!(found.titles.len(), FILES + 5, "a finished import is whole");
        }
    }
    println!(
        "kill -9 bundle import: {} rounds, {killed} killed mid-way, {none} left as before, {whole} whole, 0 in part",
        rounds()
    );
}

#[test]
fn a_backup_killed_at_any_moment_leaves_the_workspace_and_the_listed_backups_sound() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = bundle_of_articles(dir.path());
    let db = dir.path().join("desk.db");
    copy_workspace(&source, &db);
    let log = dir.path().join("stderr.txt");
    let full = timed(&db, &["backup", "create"], &log);
    let mut rng = rng();
    let mut killed = 0;
    for round in 0..rounds() {
        let after = full.mul_f64(rng.f64() * 1.2);
        killed += usize::from(killed_after(&db, &["backup", "create"], &log, after));
        let found = inspect(&db);
        let (backups, backups_ok) = backups_verify(&db);
        println!(
            "kill -9 backup round {round}: at {:.2} s of {:.2} s, integrity {}, audit {}, {} articles, {backups} backups listed, all verify: {backups_ok}",
            after.as_secs_f64(),
            full.as_secs_f64(),
            found.integrity,
            found.audit,
            found.titles.len()
        );
        assert!(found.integrity && found.audit, "round {round}: workspace");
        assert_eq!(found.titles.len(), FILES, "round {round}: articles");
        assert!(backups_ok, "round {round}: a listed backup does not verify");
    }
    // The next backup clears what the killed ones left half written.
    timed(&db, &["backup", "create"], &log);
    let parts: Vec<String> = std::fs::read_dir(backup::folder(&db))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(parts.is_empty(), "half-written copies left: {parts:?}");
    println!(
        "kill -9 backup: {} rounds, {killed} killed mid-way, workspace and listed backups sound in all",
        rounds()
    );
}

#[test]
fn two_imports_at_once_both_land_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    cli::ok(&cli::claimtrail(&db, &["articles"]));
    let a = write_articles(dir.path(), "left", 500);
    let b = write_articles(dir.path(), "right", 500);
    let logs = [dir.path().join("a.txt"), dir.path().join("b.txt")];
    let children = [
        spawn(&db, &["import", a.to_str().unwrap()], &logs[0]),
        spawn(&db, &["import", b.to_str().unwrap()], &logs[1]),
    ];
    for (mut child, log) in children.into_iter().zip(&logs) {
        assert!(
            child.wait().unwrap().success(),
            "{}",
            std::fs::read_to_string(log).unwrap()
        );
        assert_eq!(reported_imported(log).len(), 500);
    }
    let found = inspect(&db);
    assert!(found.integrity && found.audit);
    assert_eq!(found.titles.len(), 1000);
}

#[test]
fn a_write_that_waits_for_another_program_says_so_then_goes_in() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    cli::ok(&cli::claimtrail(&db, &["articles"]));
    let folder = write_articles(dir.path(), "waiting", 1);
    let log = dir.path().join("stderr.txt");
    let rt = runtime();
    // Another program holds the write lock for two seconds.
    let mut other = rt.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
        let mut other = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .unwrap();
        other
    });
    let mut child = spawn(&db, &["import", folder.to_str().unwrap()], &log);
    std::thread::sleep(Duration::from_secs(2));
    rt.block_on(async { sqlx::query("COMMIT").execute(&mut other).await.unwrap() });
    assert!(child.wait().unwrap().success());
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        said.contains("Waiting: another program") && said.contains("Done waiting."),
        "the waiting command says why it waits: {said}"
    );
    assert_eq!(reported_imported(&log), ["waiting article 0"]);
}
