//! `claimtrail bench hub`: many desks working against one team hub at once.
//!
//! The parent sets up the hub (it must be an empty database, given by its
//! owner's address), adds one member per desk and a seed article, then
//! starts each desk as a separate process (`bench hub-desk`). A desk joins,
//! waits for the common start, then makes its changes as fast as it can
//! (comments mostly, and marks, verdict proposals and links, each its own
//! write) while a sync loop like the app's sends and reads whenever it has
//! changes waiting or the hub's notice says a colleague sent some. Each
//! desk records when each of its events was committed and when each
//! colleague's event was merged, its CPU time and peak memory, then waits
//! until it has every desk's changes, and (the first desk only) measures
//! its CPU while idle and connected. The parent then reports events per
//! second through the hub, the propagation latency (commit on one desk to
//! merged on each other), the desks' CPU and memory, and whether every
//! desk's rows are the same.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::hub::{self, admin, sync, Role};
use crate::model::{AppearanceFields, ClaimFields, LinkFields, LinkRelation, Rating, ReviewAction};
use crate::store::{Result, Store, StoreError};

const PASSWORD: &str = "bench-desk-password";

/// What one desk measured (written as JSON by `bench hub-desk`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DeskNumbers {
    pub desk: usize,
    /// Own events: id → committed (ms since the epoch).
    pub committed: HashMap<String, i64>,
    /// Colleagues' events: id → merged here (ms since the epoch).
    pub merged: HashMap<String, i64>,
    /// CPU seconds while working and syncing, and wall seconds.
    pub cpu_seconds: f64,
    pub wall_seconds: f64,
    pub peak_rss_mb: f64,
    /// CPU share while connected and idle (the first desk only).
    pub idle_cpu_percent: Option<f64>,
    /// A digest of the desk's rows at the end.
    pub digest: String,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The fields of a process's `/proc/…/stat` after its name (field 3 of
/// the man page is the first); none when it cannot be read.
fn stat_fields(path: &str) -> Vec<String> {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    stat.rsplit_once(')').map_or(Vec::new(), |(_, rest)| {
        rest.split_whitespace().map(str::to_owned).collect()
    })
}

/// The CPU seconds of the clock-tick `fields` at `at` of a stat line
/// (utime and stime are 11 and 12, the ended children's 13 and 14).
fn cpu_seconds(fields: &[String], at: &[usize]) -> f64 {
    let ticks: f64 = at
        .iter()
        .filter_map(|i| fields.get(*i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// This process's CPU seconds (user + system) and peak memory in MB.
fn usage() -> (f64, f64) {
    let cpu = cpu_seconds(&stat_fields("/proc/self/stat"), &[11, 12]);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0);
    (cpu, peak_kb / 1024.0)
}

/// The hub's server process on this machine: the parent of the backend
/// a connection to it gets. None when the hub runs elsewhere (a process
/// id of another machine means nothing here) or cannot be reached.
async fn hub_server(admin_url: &str) -> Option<u32> {
    use sqlx::Connection;
    let url = url::Url::parse(admin_url).ok()?;
    let local = matches!(
        url.host_str(),
        Some("127.0.0.1" | "localhost" | "[::1]" | "::1")
    );
    if !local {
        return None;
    }
    let mut conn = sqlx::postgres::PgConnection::connect(admin_url)
        .await
        .ok()?;
    let backend: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut conn)
        .await
        .ok()?;
    let _ = conn.close().await;
    let (parent, _) = proc_stat(u32::try_from(backend).ok()?)?;
    Some(parent)
}

/// A process's parent and its CPU seconds (its own and its ended
/// children's), from `/proc`.
fn proc_stat(pid: u32) -> Option<(u32, f64)> {
    let fields = stat_fields(&format!("/proc/{pid}/stat"));
    // ppid is field 4 of the man page (1 here).
    let parent = fields.get(1)?.parse().ok()?;
    Some((parent, cpu_seconds(&fields, &[11, 12, 13, 14])))
}

/// CPU seconds the hub's server has used: its main process (with the
/// backends that ended, which it collects) and every process it runs
/// now. Other PostgreSQL servers on the machine are not counted.
fn server_cpu(server: u32) -> Option<f64> {
    let (_, own) = proc_stat(server)?;
    let children: f64 = std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(proc_stat)
        .filter(|(parent, _)| *parent == server)
        .map(|(_, cpu)| cpu)
        .sum();
    Some(own + children)
}

/// Every row of the work as text, table by table, rows sorted (not the
/// desk's bookkeeping or its log, which each desk chains in its own
/// order): two desks that converged print the same.
pub async fn content(store: &Store) -> Result<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE '%fts%' AND name NOT LIKE 'hub_%' AND name NOT LIKE '\\_%' ESCAPE '\\'
           AND name NOT IN ('audit_events', 'audit_claims', 'settings', 'adopted_events', 'desk_users',
                            'known_keys', 'merge_rows', 'twins')
         ORDER BY name",
    )
    .fetch_all(store.pool())
    .await?;
    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(&table)
                .fetch_all(store.pool())
                .await?;
        let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM {table}",
            crate::store::json_object_of(&columns)
        )))
        .fetch_all(store.pool())
        .await?;
        rows.sort();
        out.push_str(&format!("## {table}\n{}\n", rows.join("\n")));
    }
    Ok(out)
}

/// A digest of [`content`].
pub async fn digest(store: &Store) -> Result<String> {
    use sha2::{Digest, Sha256};
    Ok(format!(
        "{:x}",
        Sha256::digest(content(store).await?.as_bytes())
    ))
}

fn url_of(admin_url: &str, login: &str) -> Result<String> {
    let mut url = url::Url::parse(admin_url)
        .map_err(|e| StoreError::invalid(format!("the hub address: {e}")))?;
    let _ = url.set_username(login);
    let _ = url.set_password(Some(PASSWORD));
    Ok(url.to_string())
}

/// One desk (run as its own process by [`run`]).
#[allow(clippy::too_many_arguments)]
pub async fn desk(
    url: &str,
    db: &Path,
    desk: usize,
    desks: usize,
    changes: usize,
    rate: f64,
    start_at_ms: i64,
    idle: bool,
) -> Result<DeskNumbers> {
    // Desks say they are done (all their changes in the hub) with a file
    // beside their workspace; a desk stops once all are and it has read
    // the hub to its end.
    let folder = db.parent().unwrap_or(Path::new(".")).to_owned();
    let done_file = |d: usize| folder.join(format!("desk{d:02}.done"));
    let store = Store::open(db).await?;
    hub::join(&store, url).await?;
    let link = hub::link(&store).await?.expect("joined");
    let me = link.user_id.clone();
    let pool = link.connect().await?;
    let mut notices = sync::Notices::listen(&pool).await?;
    let wait = start_at_ms - now_ms();
    if wait > 0 {
        tokio::time::sleep(Duration::from_millis(wait as u64)).await;
    }
    let (cpu_before, _) = usage();
    let started = Instant::now();
    let mut numbers = DeskNumbers {
        desk,
        ..DeskNumbers::default()
    };
    let mut seen: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM audit_events")
        .fetch_one(store.pool())
        .await?;

    // The writer: changes as fast as this desk can make them.
    let writer_store = store.clone();
    let writer = tokio::spawn(async move { work(&writer_store, desk, changes, rate).await });

    // The sync loop, as the app runs it, recording what arrives.
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let report = sync::sync_with(&store, &pool).await?;
        let at = now_ms();
        let fresh: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT seq, id, actor_id FROM audit_events WHERE seq > ? AND entity <> 'settings' ORDER BY seq",
        )
        .bind(seen)
        .fetch_all(store.pool())
        .await?;
        for (seq, id, actor) in fresh {
            seen = seen.max(seq);
            if actor != me {
                numbers.merged.insert(id, at);
            }
        }
        let _ = report;
        let writing = !writer.is_finished();
        let waiting = sync::pending(&store).await?;
        if !writing && waiting == 0 {
            let _ = std::fs::write(done_file(desk), b"");
            if (0..desks).all(|d| done_file(d).exists()) {
                let hub_end: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM changes")
                    .fetch_one(&pool)
                    .await
                    .map_err(|e| StoreError::Hub(e.to_string()))?;
                let read = hub::link(&store).await?.map_or(0, |l| l.pulled_seq);
                if read >= hub_end {
                    break;
                }
                continue;
            }
        }
        if Instant::now() > deadline {
            return Err(StoreError::Hub(format!(
                "desk {desk} gave up waiting for the others after 10 minutes"
            )));
        }
        if waiting > 0 {
            // As the app does: send what waits, a moment after it was made.
            tokio::time::sleep(Duration::from_millis(50)).await;
        } else {
            tokio::select! {
                note = notices.next() => note?,
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
            }
        }
    }
    writer
        .await
        .map_err(|e| StoreError::Hub(format!("the writer failed: {e}")))??;
    let (cpu_after, peak) = usage();
    numbers.cpu_seconds = cpu_after - cpu_before;
    numbers.wall_seconds = started.elapsed().as_secs_f64();
    numbers.peak_rss_mb = peak;
    let mine: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, at FROM audit_events WHERE actor_id = ? AND entity NOT IN ('settings', 'user')",
    )
    .bind(&me)
    .fetch_all(store.pool())
    .await?;
    for (id, at) in mine {
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&at) {
            numbers.committed.insert(id, t.timestamp_millis());
        }
    }
    if idle {
        // Connected and idle for 10 s, as the app is: woken by notices only.
        let (before, _) = usage();
        let idle_started = Instant::now();
        while idle_started.elapsed() < Duration::from_secs(10) {
            tokio::select! {
                _ = notices.next() => { sync::sync_with(&store, &pool).await?; }
                _ = tokio::time::sleep(Duration::from_secs(1)) => {
                    if sync::pending(&store).await? > 0 {
                        sync::sync_with(&store, &pool).await?;
                    }
                }
            }
        }
        let (after, _) = usage();
        numbers.idle_cpu_percent =
            Some(100.0 * (after - before) / idle_started.elapsed().as_secs_f64());
    }
    numbers.digest = digest(&store).await?;
    // The listener holds one of the pool's connections: closing waits for it.
    drop(notices);
    pool.close().await;
    store.close().await;
    Ok(numbers)
}

/// A desk's changes: comments on the team's claims mostly, and marks,
/// verdict proposals and links, each its own write.
async fn work(store: &Store, desk: usize, changes: usize, rate: f64) -> Result<()> {
    let article: String = sqlx::query_scalar("SELECT id FROM articles ORDER BY id LIMIT 1")
        .fetch_one(store.pool())
        .await?;
    let body = crate::articles::show(store, &article, None).await?.body;
    let words: Vec<(usize, usize)> = {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in body.chars().enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        spans
    };
    let mut mine: Vec<String> = Vec::new();
    let started = tokio::time::Instant::now();
    for n in 0..changes {
        if rate > 0.0 {
            tokio::time::sleep_until(started + Duration::from_secs_f64(n as f64 / rate)).await;
        }
        let pick = (n * 7 + desk * 13) % 100;
        // The team's claims by their place in id order, read one at a time:
        // reading them all for each change cost a desk more than the
        // change itself once there were hundreds.
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM claims")
            .fetch_one(store.pool())
            .await?;
        let claim_at = |i: usize| {
            sqlx::query_scalar::<_, String>("SELECT id FROM claims ORDER BY id LIMIT 1 OFFSET ?")
                .bind(i as i64 % count.max(1))
                .fetch_one(store.pool())
        };
        if count == 0 || pick < 10 {
            let (start, _) = words[(n * 31 + desk * 17) % (words.len() - 6)];
            let end = words[((n * 31 + desk * 17) % (words.len() - 6)) + 5].1;
            let statement: String = body.chars().skip(start).take(end - start).collect();
            let claim = crate::claims::create(
                store,
                &ClaimFields {
                    statement: format!("Desk {desk} says: {statement}"),
                    ..ClaimFields::default()
                },
                Some(&AppearanceFields {
                    article_id: article.clone(),
                    revision: None,
                    start: start as u32,
                    end: end as u32,
                    details: Default::default(),
                }),
            )
            .await?;
            mine.push(claim.id);
        } else if pick < 15 && !mine.is_empty() {
            let claim = &mine[n % mine.len()];
            let _ = crate::review::act(
                store,
                claim,
                &ReviewAction::Propose {
                    rating: Rating::Mixed,
                    rationale: format!("Desk {desk}, change {n}."),
                },
            )
            .await;
        } else if pick < 20 && count >= 2 {
            let from = claim_at(n).await?;
            let to = claim_at(n / 2 + 1).await?;
            if from != to {
                let _ = crate::links::create(
                    store,
                    &LinkFields {
                        from_claim_id: from,
                        to_claim_id: to,
                        relation: LinkRelation::Supports,
                        note: None,
                        related_at: None,
                    },
                )
                .await;
            }
        } else {
            let claim = claim_at(n * 11 + desk).await?;
            crate::comments::add(store, &claim, None, &format!("Desk {desk}, note {n}.")).await?;
        }
    }
    Ok(())
}

/// The whole benchmark's result.
#[derive(Debug, Clone, Serialize)]
pub struct HubNumbers {
    pub desks: usize,
    pub changes_per_desk: usize,
    /// Changes per second each desk made (None: as fast as it could).
    pub rate_per_desk: Option<f64>,
    pub events: usize,
    pub seconds: f64,
    pub events_per_second: f64,
    pub latency_p50_ms: f64,
    pub latency_p95_ms: f64,
    pub latency_max_ms: f64,
    pub desk_cpu_percent_mean: f64,
    pub desk_peak_rss_mb_max: f64,
    pub idle_cpu_percent: Option<f64>,
    /// CPU seconds all desks used while working and syncing.
    pub desks_cpu_seconds: f64,
    /// CPU seconds the hub's server used while the desks worked (when it
    /// runs on this machine).
    pub hub_cpu_seconds: Option<f64>,
    pub converged: bool,
}

/// Runs the benchmark against the empty database at `admin_url`.
pub async fn run(
    admin_url: &str,
    desks: usize,
    changes: usize,
    rate: f64,
    dir: &Path,
    exe: &Path,
    mut log: impl FnMut(&str),
) -> Result<HubNumbers> {
    admin::init(admin_url).await?;
    for d in 0..desks {
        admin::add_user(
            admin_url,
            &format!("Desk {d:02}"),
            &format!("desk{d:02}"),
            Role::Editor,
            PASSWORD,
        )
        .await?;
    }
    admin::add_user(admin_url, "Seed Desk", "seed", Role::Editor, PASSWORD).await?;
    std::fs::create_dir_all(dir).map_err(|e| StoreError::invalid(e.to_string()))?;
    // The seed: one article every desk marks in.
    let seed = Store::open(&dir.join("seed.db")).await?;
    hub::join(&seed, &url_of(admin_url, "seed")?).await?;
    crate::import::import_bytes(
        &seed,
        super::generated_article(0).as_bytes(),
        crate::import::Hints {
            name: Some("seed.txt".into()),
            origin: "bench".into(),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| StoreError::invalid(e.to_string()))?;
    sync::sync(&seed).await?;
    seed.close().await;
    log(&format!("hub ready: {desks} desks, {changes} changes each"));
    let start_at = now_ms() + 3000 + 300 * desks as i64;
    let mut children = Vec::new();
    for d in 0..desks {
        let out = dir.join(format!("desk{d:02}.json"));
        let child = std::process::Command::new(exe)
            .args(["bench", "hub-desk"])
            .arg("--url")
            .arg(url_of(admin_url, &format!("desk{d:02}"))?)
            .arg("--db")
            .arg(dir.join(format!("desk{d:02}.db")))
            .args(["--desk", &d.to_string(), "--changes", &changes.to_string()])
            .args(["--rate", &rate.to_string()])
            .args(["--start-at", &start_at.to_string()])
            .args(["--desks", &desks.to_string()])
            .arg("--out")
            .arg(&out)
            .args(if d == 0 { &["--idle"][..] } else { &[][..] })
            .env("CLAIMTRAIL_LOG", "off")
            .spawn()
            .map_err(|e| StoreError::invalid(format!("a desk could not start: {e}")))?;
        children.push((Some(child), out));
    }
    // Waits for every desk; one failing stops the others (they would wait
    // for it to the end of their patience).
    let mut running: Vec<Option<std::process::Child>> =
        children.iter_mut().map(|(c, _)| c.take()).collect();
    // The hub's CPU from the common start to the end: the desks joined
    // before it, and their idle end costs the hub next to nothing.
    let wait = start_at - now_ms();
    if wait > 0 {
        tokio::time::sleep(Duration::from_millis(wait as u64)).await;
    }
    let server = hub_server(admin_url).await;
    let hub_cpu_before = server.and_then(server_cpu);
    loop {
        let mut all_done = true;
        for slot in running.iter_mut() {
            let Some(child) = slot else { continue };
            match child
                .try_wait()
                .map_err(|e| StoreError::invalid(e.to_string()))?
            {
                Some(status) if status.success() => *slot = None,
                Some(status) => {
                    for other in running.iter_mut().flatten() {
                        let _ = other.kill();
                        let _ = other.wait();
                    }
                    return Err(StoreError::invalid(format!(
                        "a desk failed ({status}); the others were stopped"
                    )));
                }
                None => all_done = false,
            }
        }
        if all_done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let hub_cpu_seconds = match (hub_cpu_before, server.and_then(server_cpu)) {
        // A server that stopped meanwhile took its count with it.
        (Some(before), Some(after)) if after >= before => Some(after - before),
        _ => None,
    };
    let mut results = Vec::new();
    for (_, out) in &children {
        let text = std::fs::read_to_string(out).map_err(|e| StoreError::invalid(e.to_string()))?;
        results.push(serde_json::from_str::<DeskNumbers>(&text)?);
    }
    let events: usize = results.iter().map(|r| r.committed.len()).sum();
    let first = results
        .iter()
        .flat_map(|r| r.committed.values())
        .min()
        .copied()
        .unwrap_or(start_at);
    let last = results
        .iter()
        .flat_map(|r| r.merged.values().chain(r.committed.values()))
        .max()
        .copied()
        .unwrap_or(first);
    let seconds = (last - first) as f64 / 1000.0;
    let mut latencies: Vec<i64> = Vec::new();
    for origin in &results {
        for (id, committed) in &origin.committed {
            for other in results.iter().filter(|r| r.desk != origin.desk) {
                if let Some(merged) = other.merged.get(id) {
                    latencies.push((merged - committed).max(0));
                }
            }
        }
    }
    latencies.sort_unstable();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        latencies[((latencies.len() as f64 - 1.0) * p).round() as usize] as f64
    };
    let converged = results.windows(2).all(|w| w[0].digest == w[1].digest);
    Ok(HubNumbers {
        desks,
        changes_per_desk: changes,
        rate_per_desk: (rate > 0.0).then_some(rate),
        events,
        seconds,
        events_per_second: if seconds > 0.0 {
            events as f64 / seconds
        } else {
            0.0
        },
        latency_p50_ms: pct(0.5),
        latency_p95_ms: pct(0.95),
        latency_max_ms: latencies.last().copied().unwrap_or(0) as f64,
        desk_cpu_percent_mean: results
            .iter()
            .map(|r| 100.0 * r.cpu_seconds / r.wall_seconds.max(0.001))
            .sum::<f64>()
            / results.len().max(1) as f64,
        desk_peak_rss_mb_max: results.iter().map(|r| r.peak_rss_mb).fold(0.0, f64::max),
        idle_cpu_percent: results.iter().find_map(|r| r.idle_cpu_percent),
        desks_cpu_seconds: results.iter().map(|r| r.cpu_seconds).sum(),
        hub_cpu_seconds,
        converged,
    })
}

/// The numbers as BENCHMARKS.md shows them.
pub fn markdown(n: &HubNumbers) -> String {
    format!(
        "| desks × changes | {} × {}{} |\n| events through the hub | {} in {:.1} s: **{:.0} events/s** |\n| propagation (commit → merged on each other desk) | p50 {:.0} ms, **p95 {:.0} ms**, max {:.0} ms |\n| a desk while working and syncing | {:.0}% of a core on average, peak {:.0} MB resident |\n| an idle connected desk | {} |\n| CPU used while the desks worked | desks {:.1} s in all; the hub's server {} |\n| every desk's rows the same at the end | {} |\n",
        n.desks,
        n.changes_per_desk,
        n.rate_per_desk
            .map_or(", as fast as each can".to_owned(), |r| format!(", {r} a second each")),
        n.events,
        n.seconds,
        n.events_per_second,
        n.latency_p50_ms,
        n.latency_p95_ms,
        n.latency_max_ms,
        n.desk_cpu_percent_mean,
        n.desk_peak_rss_mb_max,
        n.idle_cpu_percent
            .map_or("not measured".to_owned(), |p| format!("{p:.2}% of a core")),
        n.desks_cpu_seconds,
        n.hub_cpu_seconds.map_or(
            "not measured (it runs on another machine)".to_owned(),
            |s| if s < 0.01 {
                "under 0.01 s".to_owned()
            } else {
                format!(
                    "{s:.1} s: {:.2} ms per event, **{:.0} events/s per core of the hub**",
                    1000.0 * s / n.events.max(1) as f64,
                    n.events as f64 / s
                )
            }
        ),
        if n.converged { "yes" } else { "**no**" },
    )
}

/// Where a desk writes its numbers.
pub fn write_numbers(path: &PathBuf, numbers: &DeskNumbers) -> Result<()> {
    std::fs::write(path, serde_json::to_vec(numbers)?)
        .map_err(|e| StoreError::invalid(format!("{}: {e}", path.display())))
}

/// What joining a large team workspace took (`bench hub-join`).
#[derive(Debug, Clone, Serialize)]
pub struct JoinNumbers {
    pub articles: usize,
    /// Importing them on the first desk (the bulk import).
    pub import_seconds: f64,
    /// Sending them to the hub (the first desk's sync).
    pub send_seconds: f64,
    /// A new desk joining: reading the whole team workspace.
    pub join_seconds: f64,
    pub events: i64,
    /// The new desk has every row the first has.
    pub converged: bool,
    /// The new desk's search finds an article by its words.
    pub searchable: bool,
}

/// Times a new desk joining a team workspace of `articles` articles: a
/// first desk imports them (generated agency copy, as `bench import`) and
/// sends them to the hub, then a second desk joins.
pub async fn join_time(
    admin_url: &str,
    articles: usize,
    dir: &Path,
    mut log: impl FnMut(&str),
) -> Result<JoinNumbers> {
    admin::init(admin_url).await?;
    admin::add_user(admin_url, "First Desk", "first", Role::Editor, PASSWORD).await?;
    admin::add_user(admin_url, "New Desk", "joiner", Role::Reporter, PASSWORD).await?;
    std::fs::create_dir_all(dir).map_err(|e| StoreError::invalid(e.to_string()))?;
    let first = Store::open(&dir.join("first.db")).await?;
    hub::join(&first, &url_of(admin_url, "first")?).await?;
    log(&format!("writing {articles} articles"));
    let inputs = super::write_inputs(&dir.join("inputs"), super::Kind::Plain, 0..articles)
        .map_err(|e| StoreError::invalid(e.to_string()))?;
    log("importing them on the first desk");
    let started = Instant::now();
    super::import_all(&first, &inputs).await;
    let import_seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(dir.join("inputs"));
    log("sending them to the hub");
    let started = Instant::now();
    sync::sync(&first).await?;
    let send_seconds = started.elapsed().as_secs_f64();
    log("a new desk joins");
    let joiner = Store::open(&dir.join("joiner.db")).await?;
    let started = Instant::now();
    hub::join(&joiner, &url_of(admin_url, "joiner")?).await?;
    let join_seconds = started.elapsed().as_secs_f64();
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_events")
        .fetch_one(joiner.pool())
        .await?;
    let converged = content(&first).await? == content(&joiner).await?;
    let probe = crate::search::search(
        &joiner,
        &crate::model::SearchQuery {
            text: "Story".to_owned(),
            ..Default::default()
        },
    )
    .await?;
    let searchable = !probe.articles.is_empty();
    first.close().await;
    joiner.close().await;
    Ok(JoinNumbers {
        articles,
        import_seconds,
        send_seconds,
        join_seconds,
        events,
        converged,
        searchable,
    })
}

/// [`JoinNumbers`] as a Markdown table.
pub fn join_markdown(n: &JoinNumbers) -> String {
    format!(
        "| articles in the team workspace | {} ({} events) |\n| importing them on the first desk | {:.1} s |\n| sending them to the hub | {:.1} s |\n| **a new desk joining (reading it all)** | **{:.1} s** ({:.0} articles/s) |\n| the new desk has every row | {} |\n| the new desk finds an article by its words | {} |\n",
        n.articles,
        n.events,
        n.import_seconds,
        n.send_seconds,
        n.join_seconds,
        n.articles as f64 / n.join_seconds.max(0.001),
        if n.converged { "yes" } else { "**no**" },
        if n.searchable { "yes" } else { "**no**" },
    )
}
