//! Twins: the same thing made separately on two desks. Two reporters
//! import the same wire story (one canonical URL), or each types the same
//! outlet name: each desk has its own row, with its own id, and the unique
//! key lets only one of them be. A merge joins them the same way on every
//! desk, whichever order the rows arrive in:
//!
//! - **Outlets** with one name and **articles** with one canonical URL: the
//!   row with the smaller id (the one made first) is kept; everything that
//!   referred to the other (the twin) now refers to it, and the twin is
//!   deleted. The twin's own fields give way to the kept row's; the twin is
//!   kept whole in `twins`, with the write that joined it.
//! - An article's **revisions** go with it. Two desks' revisions of one
//!   article with the same title and body, byte for byte, and the same
//!   `occurrence` (how many earlier revisions of their article had that
//!   text when each was made) are one: the one with the smaller id is
//!   kept, and the claims marked in the other move onto it (their offsets
//!   hold, the text is the same). So the first X of each desk's copy is
//!   one, and the second X of a page that changed and changed back (X, Y,
//!   X) stays a version of its own; read from the rows themselves, this
//!   comes out the same whichever order they arrive in (every revision
//!   that arrives is looked for among its article's). Revisions that
//!   differ are all kept, and the article's revisions are numbered again
//!   in the order they were made (by id), so every desk numbers them
//!   alike.
//! - A row that arrives later naming a twin is read as naming the kept
//!   row; the twin itself, arriving again, is left out.
//!
//! A bundle import that joined twins cannot be undone row by row (its
//! Undo says so and points to the backup taken before it).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::columns_of;
use crate::store::{row_json, Result, Write};

/// Tables whose rows others refer to and that have a unique key besides
/// their id: the tables twins are joined in.
pub(crate) const TWINNED: [&str; 3] = ["outlets", "articles", "revisions"];

/// Every column that holds the id of a row of a twinned table: (table,
/// column, the table it refers to). The foreign keys, and an article's
/// current revision, which the schema does not declare as one (a test
/// checks this list against the schema).
pub(crate) const REFERENCES: [(&str, &str, &str); 14] = [
    ("articles", "outlet_id", "outlets"),
    ("article_corrections", "outlet_id", "outlets"),
    // Two desks' corrections of twin articles: the kept article's wins.
    ("article_corrections", "article_id", "articles"),
    ("attribution_steps", "outlet_id", "outlets"),
    ("revisions", "article_id", "articles"),
    ("evidence", "article_id", "articles"),
    ("dismissed_suggestions", "article_id", "articles"),
    ("dismissed_reappearances", "article_id", "articles"),
    ("reappearances", "article_id", "articles"),
    ("reappearances", "revision_id", "revisions"),
    ("articles", "current_revision_id", "revisions"),
    ("appearances", "revision_id", "revisions"),
    ("appearances", "candidate_revision_id", "revisions"),
    ("relay_candidates", "revision_id", "revisions"),
];

/// The twins this workspace has joined: (table, twin id) → kept id.
#[derive(Debug, Default)]
pub(crate) struct Twins {
    kept: HashMap<(String, String), String>,
    /// Articles whose revisions were joined or moved in this merge: they
    /// are numbered again at its end.
    renumber: Vec<String>,
    /// Joined in this merge, by table (for the merge's summary).
    pub(crate) joined: HashMap<String, u32>,
}

impl Twins {
    pub(crate) async fn load(w: &mut Write) -> Result<Twins> {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT table_name, twin_id, kept_id FROM twins")
                .fetch_all(w.conn())
                .await?;
        Ok(Twins {
            kept: rows
                .into_iter()
                .map(|(t, twin, kept)| ((t, twin), kept))
                .collect(),
            ..Twins::default()
        })
    }

    /// The row that stands for `id` of `table`: the kept one when `id` is
    /// a twin.
    pub(crate) fn kept<'a>(&'a self, table: &str, id: &'a str) -> &'a str {
        let mut id = id;
        // A kept row may itself have been joined to an older one later.
        // Each step goes to a smaller id, so this ends; the bound guards
        // against a damaged record.
        for _ in 0..64 {
            match self.kept.get(&(table.to_owned(), id.to_owned())) {
                Some(next) if next.as_str() < id => id = next,
                _ => break,
            }
        }
        id
    }

    /// How many twins this workspace has joined (changes when one is).
    pub(crate) fn count(&self) -> usize {
        self.kept.len()
    }

    /// Whether `id` of `table` is a twin (left out when it arrives again).
    pub(crate) fn is_twin(&self, table: &str, id: &str) -> bool {
        self.kept.contains_key(&(table.to_owned(), id.to_owned()))
    }

    /// `row` of `table` with every reference to a twin pointed at the row
    /// kept in its place.
    pub(crate) fn translate(&self, table: &str, row: &Map<String, Value>) -> Map<String, Value> {
        let mut row = row.clone();
        if self.kept.is_empty() {
            return row;
        }
        for (t, column, target) in REFERENCES {
            if t != table {
                continue;
            }
            if let Some(Value::String(id)) = row.get(column) {
                let kept = self.kept(target, id);
                if kept != id {
                    let kept = kept.to_owned();
                    row.insert(column.to_owned(), Value::String(kept));
                }
            }
        }
        row
    }

    /// Joins the twin `twin` of `table` to `kept` (the smaller id): points
    /// every reference at `kept` and deletes the twin, keeping it in
    /// `twins`. `kept` may not be in the workspace yet (its row is about to
    /// be inserted): foreign keys are checked at the commit.
    pub(crate) async fn join(
        &mut self,
        w: &mut Write,
        table: &str,
        twin: &str,
        kept: &str,
        twin_row: Option<&Map<String, Value>>,
    ) -> Result<()> {
        let columns = columns_of(w.conn(), table).await?;
        let local = row_json(w.conn(), table, &columns, twin).await?;
        let record = local.as_ref().or(twin_row).cloned().map(Value::Object);
        if table == "articles" {
            // Its search entry goes while its current revision still
            // exists (the trigger reads the text it indexed).
            sqlx::query("UPDATE articles SET current_revision_id = NULL WHERE id = ?")
                .bind(twin)
                .execute(w.conn())
                .await?;
            let revisions: Vec<String> =
                sqlx::query_scalar("SELECT id FROM revisions WHERE article_id = ? ORDER BY id")
                    .bind(twin)
                    .fetch_all(w.conn())
                    .await?;
            for revision in revisions {
                self.move_revision(w, &revision, kept).await?;
            }
        }
        if table == "revisions" {
            // The twin's derived relay candidates: the kept revision has
            // the same text, and its own.
            sqlx::query("DELETE FROM relay_candidates WHERE revision_id = ?")
                .bind(twin)
                .execute(w.conn())
                .await?;
        }
        for (t, column, target) in REFERENCES {
            if target != table || (t == "revisions" && table == "articles") {
                continue;
            }
            // A row that would then say the same as one the kept row has
            // (a suggestion dismissed on both desks) is one too many.
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE OR IGNORE {t} SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"
            )))
            .bind(kept)
            .bind(twin)
            .execute(w.conn())
            .await?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {t} WHERE \"{column}\" = ?"
            )))
            .bind(twin)
            .execute(w.conn())
            .await?;
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE id = ?"
        )))
        .bind(twin)
        .execute(w.conn())
        .await?;
        let write_id = w.id().to_owned();
        sqlx::query(
            "INSERT OR IGNORE INTO twins (table_name, twin_id, kept_id, twin, write_id)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(table)
        .bind(twin)
        .bind(kept)
        .bind(record.map(|r| r.to_string()))
        .bind(write_id)
        .execute(w.conn())
        .await?;
        self.kept
            .insert((table.to_owned(), twin.to_owned()), kept.to_owned());
        *self.joined.entry(table.to_owned()).or_default() += 1;
        Ok(())
    }

    /// Moves revision `id` to `article`: joined to a revision of it with
    /// the same body, or added to its revisions (numbered at the end).
    async fn move_revision(&mut self, w: &mut Write, id: &str, article: &str) -> Result<()> {
        let same: Option<String> = sqlx::query_scalar(
            "SELECT k.id FROM revisions k, revisions r
             WHERE r.id = ?1 AND k.article_id = ?2 AND k.id <> r.id
               AND k.text_hash = r.text_hash AND k.title = r.title
               AND k.occurrence = r.occurrence AND k.body = r.body
             ORDER BY k.id LIMIT 1",
        )
        .bind(id)
        .bind(article)
        .fetch_optional(w.conn())
        .await?;
        match same {
            Some(other) if other.as_str() < id => {
                Box::pin(self.join(w, "revisions", id, &other, None)).await?;
            }
            Some(other) => {
                // The other out of the way first: the same version once.
                Box::pin(self.join(w, "revisions", &other, id, None)).await?;
                self.place(w, id, article).await?;
            }
            None => self.place(w, id, article).await?,
        }
        Ok(())
    }

    /// Puts revision `id` under `article` with a number after its others.
    async fn place(&mut self, w: &mut Write, id: &str, article: &str) -> Result<()> {
        sqlx::query(
            "UPDATE revisions SET article_id = ?1,
                    number = (SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE article_id = ?1)
             WHERE id = ?2",
        )
        .bind(article)
        .bind(id)
        .execute(w.conn())
        .await?;
        self.renumber_later(article);
        Ok(())
    }

    /// A revision `row` of another desk's that this desk does not have
    /// (its article already translated; `from_twin` when that article was
    /// a twin): joined to the revision of the article with the same title,
    /// body and occurrence when there is one, else added, with its own
    /// number when that is free and after the article's others when not
    /// (numbered again at the merge's end). Returns whether the row was
    /// inserted.
    pub(crate) async fn arriving_revision(
        &mut self,
        w: &mut Write,
        row: &Map<String, Value>,
        from_twin: bool,
        log: &mut super::RowLog,
    ) -> Result<bool> {
        let text = |k: &str| row.get(k).and_then(Value::as_str).unwrap_or("");
        let (id, article) = (text("id"), text("article_id"));
        // Rows of a desk from before `occurrence` have none: the first.
        let occurrence = row.get("occurrence").and_then(Value::as_i64).unwrap_or(0);
        // The article's revisions (its own index) with the same title and
        // body, byte for byte: the sent `text_hash` is not trusted.
        // And whether its number is taken, in the same statement: the join
        // of a team workspace reads every revision through here.
        let number = row.get("number").and_then(Value::as_i64);
        let (same, taken): (Option<String>, bool) = sqlx::query_as(
            "SELECT (SELECT id FROM revisions
                      WHERE article_id = ?1 AND title = ?2 AND occurrence = ?3 AND body = ?4
                        AND id <> ?5
                      ORDER BY id LIMIT 1),
                    EXISTS (SELECT 1 FROM revisions WHERE article_id = ?1 AND number = ?6)",
        )
        .bind(article)
        .bind(text("title"))
        .bind(occurrence)
        .bind(text("body"))
        .bind(id)
        .bind(number)
        .fetch_one(w.conn())
        .await?;
        match &same {
            Some(ours) if ours.as_str() < id => {
                self.join(w, "revisions", id, ours, Some(row)).await?;
                return Ok(false);
            }
            // Ours out of the way first: the same version once.
            Some(ours) => self.join(w, "revisions", ours, id, None).await?,
            None => {}
        }
        if !from_twin && same.is_none() && !taken {
            super::insert_row(w, "revisions", row).await?;
            log.added(w, "revisions", id).await?;
            return Ok(true);
        }
        let mut placed = row.clone();
        let next: i64 = sqlx::query_scalar(
            "SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE article_id = ?",
        )
        .bind(article)
        .fetch_one(w.conn())
        .await?;
        placed.insert("number".to_owned(), next.into());
        super::insert_row(w, "revisions", &placed).await?;
        log.added(w, "revisions", id).await?;
        self.renumber_later(article);
        Ok(true)
    }

    /// Marks `article`'s revisions to be numbered again at the merge's end.
    fn renumber_later(&mut self, article: &str) {
        if !self.renumber.iter().any(|a| a == article) {
            self.renumber.push(article.to_owned());
        }
    }

    /// Numbers the revisions of every article whose revisions moved in this
    /// merge in the order they were made (by id), on every desk alike.
    pub(crate) async fn finish(&mut self, w: &mut Write) -> Result<()> {
        for article in std::mem::take(&mut self.renumber) {
            let ids: Vec<String> =
                sqlx::query_scalar("SELECT id FROM revisions WHERE article_id = ? ORDER BY id")
                    .bind(&article)
                    .fetch_all(w.conn())
                    .await?;
            // Out of the way first: (article, number) is unique.
            sqlx::query("UPDATE revisions SET number = -number WHERE article_id = ?")
                .bind(&article)
                .execute(w.conn())
                .await?;
            for (n, id) in ids.iter().enumerate() {
                sqlx::query("UPDATE revisions SET number = ? WHERE id = ?")
                    .bind(n as i64 + 1)
                    .bind(id)
                    .execute(w.conn())
                    .await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Every foreign key to a twinned table is in [`REFERENCES`] (a new
    /// one left out would keep pointing at a deleted twin), and every
    /// twinned table has a unique key besides its id.
    #[tokio::test]
    async fn every_reference_to_a_twinned_table_is_listed() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::open(&dir.path().join("w.db")).await.expect("opens");
        let keys: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table'",
        )
        .fetch_all(store.pool())
        .await
        .expect("the schema reads");
        for (table, column, target) in keys {
            if TWINNED.contains(&target.as_str()) {
                assert!(
                    REFERENCES.contains(&(table.as_str(), column.as_str(), target.as_str())),
                    "{table}.{column} refers to {target}: list it in REFERENCES"
                );
            }
        }
        for table in TWINNED {
            let unique: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'",
            )
            .bind(table)
            .fetch_one(store.pool())
            .await
            .expect("the schema reads");
            assert!(unique > 0, "{table} has a unique key twins can meet on");
        }
    }
}
