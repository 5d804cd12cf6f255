//! The statements' vectors in memory, and the nearest to a query. An exact
//! search: each vector is one byte per dimension (with its own scale), so
//! 500,000 statements are 190 MB and one pass over them is a few tens of
//! milliseconds on the machine's cores (BENCHMARKS.md). The index is read
//! once per process and then only the rows added since; rows of revisions
//! no longer current are skipped when a hit is checked.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use sqlx::{Row, SqliteConnection};

use crate::store::{query_in, Result};

/// A statement near a query vector.
#[derive(Debug, Clone)]
pub struct Near {
    pub revision_id: String,
    /// Code point offsets into the revision's body.
    pub start: usize,
    pub end: usize,
    /// The cosine of the two vectors.
    pub similarity: f32,
}

#[derive(Default)]
struct Index {
    last_id: i64,
    dimensions: usize,
    ids: Vec<i64>,
    revisions: Vec<Arc<str>>,
    spans: Vec<(u32, u32)>,
    scales: Vec<f32>,
    values: Vec<i8>,
    /// The sign of each dimension, 64 to a word: the first, coarse pass.
    signs: Vec<u64>,
}

/// The indexes of the workspaces searched in this process (the app opens
/// one at a time; the tests many), by file.
/// A row found: its place in the index, id, revision and span.
type Found = (usize, i64, Arc<str>, (u32, u32));

static INDEXES: LazyLock<Mutex<HashMap<String, Index>>> = LazyLock::new(Default::default);

/// Indexes kept at most; another workspace's is dropped for a new one.
const KEPT: usize = 8;

/// A unit vector as stored: its scale (f32, little-endian), then one
/// signed byte per dimension.
pub(super) fn pack(vector: &[f32]) -> Vec<u8> {
    let largest = vector.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-9);
    let scale = largest / 127.0;
    let mut out = Vec::with_capacity(4 + vector.len());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend(
        vector
            .iter()
            .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8 as u8),
    );
    out
}

/// For each query vector, the stored statements at least `floor` near it,
/// nearest first, at most `per_query` of them, in current revisions only.
pub async fn nearest(
    conn: &mut SqliteConnection,
    queries: &[Vec<f32>],
    per_query: usize,
    floor: f32,
) -> Result<Vec<Vec<Near>>> {
    let workspace = refresh(conn).await?;
    let (found, rows) = {
        let indexes = INDEXES.lock().expect("index lock");
        let Some(index) = indexes.get(&workspace) else {
            return Ok(vec![Vec::new(); queries.len()]);
        };
        let found: Vec<Vec<(f32, usize)>> = queries
            .iter()
            .map(|q| index.search(q, per_query * 2, floor))
            .collect();
        // Which of the rows found are still in a current revision is
        // asked below.
        let rows: Vec<Found> = found
            .iter()
            .flatten()
            .map(|&(_, i)| (i, index.ids[i], index.revisions[i].clone(), index.spans[i]))
            .collect();
        (found, rows)
    };
    let ids: Vec<String> = rows.iter().map(|r| r.1.to_string()).collect();
    let live: HashSet<i64> = query_in::<(i64,)>(
        conn,
        "SELECT v.id FROM statement_vectors v
         JOIN articles a ON a.current_revision_id = v.revision_id WHERE v.id IN",
        &ids,
    )
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let place: HashMap<usize, Found> = rows.into_iter().map(|row| (row.0, row)).collect();
    Ok(found
        .into_iter()
        .map(|hits| {
            hits.into_iter()
                .filter_map(|(similarity, i)| {
                    let (_, id, revision, (start, end)) = place.get(&i)?;
                    live.contains(id).then(|| Near {
                        revision_id: revision.to_string(),
                        start: *start as usize,
                        end: *end as usize,
                        similarity,
                    })
                })
                .take(per_query)
                .collect()
        })
        .collect())
}

/// Reads the rows added since the workspace's index was last read (all
/// of them the first time, or when many were removed since); answers the
/// workspace's file.
async fn refresh(conn: &mut SqliteConnection) -> Result<String> {
    let workspace: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(&mut *conn)
            .await?;
    let (count, max_id): (i64, i64) =
        sqlx::query_as("SELECT count(*), COALESCE(max(id), 0) FROM statement_vectors")
            .fetch_one(&mut *conn)
            .await?;
    let since = {
        let mut indexes = INDEXES.lock().expect("index lock");
        let stale = indexes.get(&workspace).is_some_and(|i| {
            max_id < i.last_id
                // Many rows removed (articles embedded again): start over.
                || (i.ids.len() as i64) > count + count / 4 + 1_000
        });
        if stale {
            indexes.remove(&workspace);
        }
        indexes.get(&workspace).map_or(0, |i| i.last_id)
    };
    if since >= max_id {
        return Ok(workspace);
    }
    let rows = sqlx::query(
        "SELECT id, revision_id, start, end, vector FROM statement_vectors WHERE id > ? ORDER BY id",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    let mut indexes = INDEXES.lock().expect("index lock");
    if !indexes.contains_key(&workspace) && indexes.len() >= KEPT {
        let other = indexes.keys().next().cloned().expect("not empty");
        indexes.remove(&other);
    }
    let index = indexes.entry(workspace.clone()).or_default();
    if index.last_id != since {
        // Another search read them meanwhile.
        return Ok(workspace);
    }
    let mut revision: Arc<str> = Arc::from("");
    for row in rows {
        let bytes: Vec<u8> = row.try_get("vector")?;
        if bytes.len() < 5 {
            continue;
        }
        let dimensions = bytes.len() - 4;
        if index.dimensions == 0 {
            index.dimensions = dimensions;
        }
        if dimensions != index.dimensions {
            continue;
        }
        let id: i64 = row.try_get("id")?;
        let revision_id: String = row.try_get("revision_id")?;
        if &*revision != revision_id.as_str() {
            revision = Arc::from(revision_id);
        }
        let span = (
            row.try_get::<i64, _>("start")? as u32,
            row.try_get::<i64, _>("end")? as u32,
        );
        index.push(id, revision.clone(), span, &bytes);
        index.last_id = id;
    }
    index.last_id = index.last_id.max(max_id);
    Ok(workspace)
}

impl Index {
    /// Adds a stored row (`bytes` as [`pack`] writes them).
    fn push(&mut self, id: i64, revision: Arc<str>, span: (u32, u32), bytes: &[u8]) {
        self.ids.push(id);
        self.revisions.push(revision);
        self.spans.push(span);
        self.scales
            .push(f32::from_le_bytes(bytes[..4].try_into().expect("4 bytes")));
        self.values.extend(bytes[4..].iter().map(|&b| b as i8));
        self.signs
            .extend(signs(bytes[4..].iter().map(|&b| (b as i8) < 0)));
    }

    /// The rows at least `floor` near `query`, nearest first, at most `k`.
    fn search(&self, query: &[f32], k: usize, floor: f32) -> Vec<(f32, usize)> {
        if query.len() != self.dimensions || self.ids.is_empty() {
            return Vec::new();
        }
        let n = self.ids.len();
        // First the rows whose signs agree most with the query's (a few
        // machine words each), then the exact cosine of those only.
        let words = self.dimensions.div_ceil(64);
        let query_signs = signs(query.iter().map(|&v| v < 0.0));
        let mut rows: Vec<(u32, usize)> = (0..n)
            .map(|i| {
                let row = &self.signs[i * words..(i + 1) * words];
                let differ: u32 = row
                    .iter()
                    .zip(&query_signs)
                    .map(|(a, b)| (a ^ b).count_ones())
                    .sum();
                (differ, i)
            })
            .collect();
        if rows.len() > COARSE {
            rows.select_nth_unstable(COARSE);
            rows.truncate(COARSE);
        }
        let mut found: Vec<(f32, usize)> = rows
            .into_iter()
            .filter_map(|(_, i)| {
                let values = &self.values[i * self.dimensions..(i + 1) * self.dimensions];
                let similarity = self.scales[i] * dot(query, values);
                (similarity >= floor).then_some((similarity, i))
            })
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0));
        found.truncate(k);
        found
    }
}

/// Rows whose exact cosine is taken, after the pass over the signs. Two
/// unit vectors at a cosine of 0.86 differ in about a sixth of their signs,
/// and a random one in half: the near ones are among the first thousands
/// (`tests`: every row at 0.86 or above of 200,000 is found).
const COARSE: usize = 4_096;

/// Packs signs (true for negative), 64 to a word.
fn signs(negative: impl Iterator<Item = bool>) -> Vec<u64> {
    let mut words = Vec::new();
    for (i, is_negative) in negative.enumerate() {
        if i % 64 == 0 {
            words.push(0);
        }
        if is_negative {
            *words.last_mut().expect("pushed") |= 1 << (i % 64);
        }
    }
    words
}

/// A query vector against one stored row (eight lanes, which the compiler
/// turns into vector instructions).
fn dot(query: &[f32], values: &[i8]) -> f32 {
    let mut lanes = [0f32; 8];
    for (q, v) in query.chunks_exact(8).zip(values.chunks_exact(8)) {
        for l in 0..8 {
            lanes[l] += q[l] * f32::from(v[l]);
        }
    }
    lanes.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit vector from a seed (xorshift).
    fn vector(seed: &mut u64) -> Vec<f32> {
        let v: Vec<f32> = (0..384)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                (*seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
            })
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    #[test]
    fn the_pass_over_signs_keeps_every_near_row() {
        let mut seed = 7u64;
        let mut index = Index {
            dimensions: 384,
            ..Index::default()
        };
        let revision: Arc<str> = Arc::from("r");
        let add = |index: &mut Index, v: &[f32]| {
            index.push(index.ids.len() as i64, revision.clone(), (0, 1), &pack(v));
        };
        for _ in 0..200_000 {
            let v = vector(&mut seed);
            add(&mut index, &v);
        }
        // Rows near the query at cosines from 0.86 to 0.99.
        let query = vector(&mut seed);
        let mut near = Vec::new();
        for step in 0..14 {
            let cosine = 0.86 + step as f32 * 0.01;
            let noise = vector(&mut seed);
            let side: Vec<f32> = noise
                .iter()
                .zip(&query)
                .map(|(n, q)| n - q * crate::semantic::cosine(&noise, &query))
                .collect();
            let norm = side.iter().map(|x| x * x).sum::<f32>().sqrt();
            let sine = (1.0 - cosine * cosine).sqrt();
            let v: Vec<f32> = query
                .iter()
                .zip(&side)
                .map(|(q, s)| q * cosine + s / norm * sine)
                .collect();
            near.push(index.ids.len());
            add(&mut index, &v);
        }
        let found = index.search(&query, 100, 0.85);
        let rows: Vec<usize> = found.iter().map(|&(_, i)| i).collect();
        for row in near {
            assert!(rows.contains(&row), "row {row} missed");
        }
    }

    #[test]
    fn a_packed_vector_keeps_its_direction() {
        let vector: Vec<f32> = (0..384)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 600.0)
            .collect();
        let norm = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
        let vector: Vec<f32> = vector.iter().map(|v| v / norm).collect();
        let packed = pack(&vector);
        assert_eq!(packed.len(), 4 + 384);
        let scale = f32::from_le_bytes(packed[..4].try_into().unwrap());
        let values: Vec<i8> = packed[4..].iter().map(|&b| b as i8).collect();
        let cosine = scale * dot(&vector, &values);
        assert!((cosine - 1.0).abs() < 0.001, "{cosine}");
    }
}
