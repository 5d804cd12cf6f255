//! Workspace bundles: team exchange without a server. `export` writes one
//! zip file holding a JSON Lines file per table (every row, every column)
//! and the audit log; `import` reads one into a [`Changeset`] and merges it
//! with the merge engine the team hub uses too (`merge.rs`, which holds the
//! merge rules and conflict settling). [`preview`] runs the same merge and
//! drops the write, so it shows what [`import`] would change without
//! changing anything. The whole import is one write: all or nothing, and
//! importing the same bundle twice changes nothing the second time.

use std::collections::HashMap;
use std::io::{Read, Write as _};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::change::{Entity, Verb};
use crate::merge::{columns_of, merge, tables, Changeset, Peer, CHILDREN};
pub use crate::merge::{conflicts, settle, BundleSummary, ConflictInfo, MergeConflict, Settle};
use crate::store::{new_id, Result, Store, StoreError};

const FORMAT: &str = "claimtrail-bundle";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    bundle_id: String,
    exported_at: String,
    /// Migrations the exporting workspace had, newest last.
    schema: i64,
    /// The public signing keys (hex) of the desk's users and of the
    /// colleagues it pinned, by user id (`store/signing.rs`).
    #[serde(default)]
    keys: HashMap<String, String>,
}
/// Writes every table and the audit log to a zip at `path` (beside it
/// first, then renamed over).
pub async fn export(store: &Store, path: &Path) -> Result<()> {
    let mut conn = store.pool().acquire().await?;
    let schema: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await?;
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        bundle_id: new_id(),
        exported_at: crate::store::now(),
        schema,
        keys: crate::store::signing::vouched_keys(store.path(), &mut conn).await?,
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        "manifest.json".to_owned(),
        serde_json::to_vec_pretty(&manifest)?,
    )];
    let tables: Vec<&str> = tables(Peer::Bundle)
        .into_iter()
        .map(|(t, _)| t)
        .chain(CHILDREN.iter().map(|(t, ..)| *t))
        .chain(["audit_events"])
        .collect();
    for table in tables {
        let rows = rows_of(&mut conn, table).await?;
        let mut jsonl = Vec::new();
        for row in rows {
            jsonl.extend_from_slice(row.as_bytes());
            jsonl.push(b'\n');
        }
        files.push((format!("{table}.jsonl"), jsonl));
    }
    drop(conn);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: zip::result::ZipError| {
        StoreError::invalid(format!("The bundle could not be written: {e}"))
    };
    for (name, bytes) in files {
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(&bytes)
            .map_err(|e| StoreError::invalid(format!("The bundle could not be written: {e}")))?;
    }
    let bytes = zip.finish().map_err(fail)?.into_inner();
    crate::export::write_file(path, &bytes).map_err(|e| {
        StoreError::invalid(format!(
            "The bundle could not be saved to {}: {e}",
            path.display()
        ))
    })
}
/// Every row of `table` as a JSON object (column → value), in a stable
/// order (audit events by `seq`, others by their key columns).
async fn rows_of(conn: &mut sqlx::SqliteConnection, table: &str) -> Result<Vec<String>> {
    let columns = columns_of(conn, table).await?;
    let exported: Vec<&String> = columns
        .iter()
        .filter(|c| {
            !(table == "audit_events" && matches!(c.as_str(), "seq" | "prev_hash" | "hash"))
        })
        .collect();
    let order = if table == "audit_events" {
        "seq".to_owned()
    } else {
        columns
            .iter()
            .take(2)
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sql = format!(
        "SELECT {} FROM {table} ORDER BY {order}",
        crate::store::json_object_of(&exported)
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_all(conn)
        .await?)
}
/// A bundle file read once: what is previewed is what is imported, even if
/// the file on the disk changes in between.
pub struct BundleFile {
    name: String,
    bytes: Vec<u8>,
}

impl BundleFile {
    /// Reads the bundle at `path` (at most [`limits::TOTAL_BYTES`]).
    pub fn open(path: &Path) -> Result<BundleFile> {
        let name = path.display().to_string();
        let unreadable = |e: std::io::Error| {
            StoreError::invalid(format!("{name} is not a Claimtrail bundle ({e})."))
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let mut bytes = Vec::new();
        file.take(limits::TOTAL_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > limits::TOTAL_BYTES {
            return Err(StoreError::invalid(format!(
                "{name} is larger than any bundle Claimtrail reads ({} MB).",
                limits::TOTAL_BYTES >> 20
            )));
        }
        Ok(BundleFile { name, bytes })
    }

    /// The file's name as it was chosen.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Merges the bundle at `path` into the workspace, in one write.
pub async fn import(store: &Store, path: &Path) -> Result<BundleSummary> {
    import_file(store, &BundleFile::open(path)?).await
}

/// Merges a bundle read before (and previewed), in one write, after a
/// backup of the workspace as it was.
pub async fn import_file(store: &Store, file: &BundleFile) -> Result<BundleSummary> {
    let bundle = read(file)?;
    crate::store::backup::create(store, crate::store::backup::Reason::BeforeBundle).await?;
    let mut w = store.write().await?;
    let summary = merge(&mut w, &bundle.changes, Peer::Bundle).await?;
    tracing::info!(
        bundle = %bundle.manifest.bundle_id,
        added = summary.added.values().sum::<u32>(),
        updated = summary.updated.values().sum::<u32>(),
        conflicts = summary.conflicts.len(),
        events = summary.events,
        "bundle merged"
    );
    if summary.is_empty() {
        // Nothing new: no event, nothing written.
        drop(w);
        return Ok(summary);
    }
    let mut summary = summary;
    summary.write_id = Some(w.id().to_owned());
    let after = serde_json::to_value(&summary)?;
    w.audit(
        Entity::Bundle,
        &bundle.manifest.bundle_id,
        Verb::Import,
        None,
        Some(&after),
    )
    .await?;
    w.commit().await?;
    Ok(summary)
}

/// What importing the bundle would change, without changing anything.
pub async fn preview(store: &Store, path: &Path) -> Result<BundleSummary> {
    preview_file(store, &BundleFile::open(path)?).await
}

/// What importing a bundle read before would change, changing nothing.
pub async fn preview_file(store: &Store, file: &BundleFile) -> Result<BundleSummary> {
    let bundle = read(file)?;
    let mut w = store.write().await?;
    let summary = merge(&mut w, &bundle.changes, Peer::Bundle).await?;
    // Dropping the write rolls every change back.
    drop(w);
    Ok(summary)
}

struct Bundle {
    manifest: Manifest,
    changes: Changeset,
}

/// What a bundle may hold, so that a hostile file (a zip bomb, a size it
/// lies about, millions of rows) is refused quickly and in bounded memory.
/// A newsroom's workspace of 100,000 articles is a few hundred megabytes.
pub mod limits {
    /// Largest file inside a bundle, uncompressed.
    pub const ENTRY_BYTES: u64 = 1 << 30;
    /// All files of a bundle together, uncompressed.
    pub const TOTAL_BYTES: u64 = 2 << 30;
    /// How much smaller a file may be compressed: JSON Lines of articles
    /// compress about tenfold; a zip bomb a thousandfold.
    pub const RATIO: u64 = 200;
    /// Rows (and events) in all files together.
    pub const ROWS: usize = 5_000_000;
}

fn read(file: &BundleFile) -> Result<Bundle> {
    let not_bundle = |why: String| {
        StoreError::invalid(format!("{} is not a Claimtrail bundle ({why}).", file.name))
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file.bytes.as_slice()))
        .map_err(|e| not_bundle(e.to_string()))?;
    // The sizes the bundle declares, checked before anything is inflated.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| not_bundle(e.to_string()))?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        declared = declared.saturating_add(size);
        if size > limits::ENTRY_BYTES || declared > limits::TOTAL_BYTES {
            return Err(not_bundle(format!(
                "{} would unpack to more than Claimtrail reads ({} MB in one file, {} MB in all)",
                entry.name(),
                limits::ENTRY_BYTES >> 20,
                limits::TOTAL_BYTES >> 20
            )));
        }
        if size / packed > limits::RATIO && size > 1 << 20 {
            return Err(not_bundle(format!(
                "{} unpacks {}-fold, as no real workspace does: a zip bomb",
                entry.name(),
                size / packed
            )));
        }
    }
    let mut text = |name: &str| -> Result<Option<String>> {
        match zip.by_name(name) {
            Ok(f) => {
                // Never more than it declared, whatever it holds.
                let size = f.size();
                let mut s = String::new();
                f.take(size + 1)
                    .read_to_string(&mut s)
                    .map_err(|e| not_bundle(format!("{name}: {e}")))?;
                if s.len() as u64 > size {
                    return Err(not_bundle(format!("{name} holds more than it declares")));
                }
                Ok(Some(s))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(not_bundle(e.to_string())),
        }
    };
    let manifest: Manifest = serde_json::from_str(
        &text("manifest.json")?.ok_or_else(|| not_bundle("no manifest.json".to_owned()))?,
    )
    .map_err(|e| not_bundle(format!("manifest.json: {e}")))?;
    if manifest.format != FORMAT || manifest.version > VERSION {
        return Err(not_bundle(format!(
            "format {} version {}; this Claimtrail reads {FORMAT} up to version {VERSION}",
            manifest.format, manifest.version
        )));
    }
    let names: Vec<&str> = tables(Peer::Bundle)
        .into_iter()
        .map(|(t, _)| t)
        .chain(CHILDREN.iter().map(|(t, ..)| *t))
        .chain(["audit_events"])
        .collect();
    let mut tables = HashMap::new();
    let mut count = 0usize;
    for table in names {
        let mut rows = Vec::new();
        for (n, line) in text(&format!("{table}.jsonl"))?
            .unwrap_or_default()
            .lines()
            .enumerate()
        {
            if line.trim().is_empty() {
                continue;
            }
            count += 1;
            if count > limits::ROWS {
                return Err(not_bundle(format!("more than {} rows", limits::ROWS)));
            }
            let row: Map<String, Value> = serde_json::from_str(line)
                .map_err(|e| not_bundle(format!("{table}.jsonl line {}: {e}", n + 1)))?;
            rows.push(row);
        }
        tables.insert(table.to_owned(), rows);
    }
    let events = tables.remove("audit_events").unwrap_or_default();
    // Every event says what it is; one that does not is a damaged file,
    // said as such rather than found half-way through the merge.
    for (n, event) in events.iter().enumerate() {
        let missing = ["id", "actor_id", "at", "entity", "entity_id", "action"]
            .into_iter()
            .find(|k| !event.get(*k).is_some_and(Value::is_string));
        if let Some(field) = missing {
            return Err(not_bundle(format!(
                "audit_events.jsonl line {}: an event without its “{field}”",
                n + 1
            )));
        }
    }
    let changes = Changeset {
        origin: manifest.bundle_id.clone(),
        written_at: manifest.exported_at.clone(),
        tables,
        events,
        gone: Vec::new(),
        keys: manifest.keys.clone(),
    };
    Ok(Bundle { manifest, changes })
}
/// What importing a chosen bundle would change (shown before it is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BundlePreview {
    pub file_name: String,
    pub summary: BundleSummary,
}
