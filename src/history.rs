//! Reading the audit log: a claim's History (every event about it, its
//! appearances, verdicts, evidence, comments, links and storyline places)
//! and the workspace-wide activity feed, each event with a one-line summary.

use serde_json::Value;
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::Row;

use crate::change::{Action, Entity, Mode, Verb};
use crate::model::{ActivityQuery, HistoryEntry, Rating, UserInfo};
use crate::store::users::user_info;
use crate::store::{users, Result, Store, StoreError};

const COLUMNS: &str =
    "e.seq, e.id, e.write_id, e.actor_id, e.at, e.entity, e.entity_id, e.action, e.before,
     e.after, e.undoes,
     (SELECT a.signature FROM adopted_events a WHERE a.event_id = e.id) AS trust";

/// Every event about a claim, oldest first.
pub async fn claim(store: &Store, claim_id: &str) -> Result<Vec<HistoryEntry>> {
    let users = users::list(store).await?;
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_claims ac JOIN audit_events e ON e.seq = ac.seq
         WHERE ac.claim_id = ? ORDER BY e.seq"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(claim_id)
        .fetch_all(store.pool())
        .await?;
    if rows.is_empty() {
        let exists: Option<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id = ?")
            .bind(claim_id)
            .fetch_optional(store.pool())
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("claim {claim_id}")));
        }
    }
    rows.iter().map(|r| entry(r, &users)).collect()
}

/// The workspace's events, newest first, filtered by user, entity and day.
pub async fn activity(store: &Store, query: &ActivityQuery) -> Result<Vec<HistoryEntry>> {
    let users = users::list(store).await?;
    let mut conditions: Vec<&str> = Vec::new();
    let mut binds: Vec<String> = Vec::new();
    if let Some(user) = query.user.as_deref().filter(|u| !u.trim().is_empty()) {
        conditions.push("e.actor_id = ?");
        binds.push(users::resolve(store, user).await?);
    }
    if let Some(entity) = query.entity.as_deref().filter(|e| !e.trim().is_empty()) {
        let (kind, id) = entity.trim().split_once(':').unwrap_or((entity.trim(), ""));
        conditions.push("e.entity = ?");
        binds.push(kind.to_owned());
        if !id.is_empty() {
            conditions.push("e.entity_id = ?");
            binds.push(id.to_owned());
        }
    }
    if let Some(day) = query.day.as_deref().filter(|d| !d.trim().is_empty()) {
        let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
            StoreError::invalid_field(
                "day",
                format!("“{day}” is not a day; give it as YYYY-MM-DD."),
            )
        })?;
        let next = date.succ_opt().unwrap_or(date);
        // Times keep the offset they were written with: the day is the
        // writer's own day, which is what a person remembers.
        conditions.push("e.at >= ? AND e.at < ?");
        binds.push(date.format("%Y-%m-%d").to_string());
        binds.push(next.format("%Y-%m-%d").to_string());
    }
    if let Some(before) = query.before_seq {
        conditions.push("e.seq < ?");
        binds.push(before.to_string());
    }
    let condition = if conditions.is_empty() {
        "1".to_owned()
    } else {
        conditions.join(" AND ")
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 1000);
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_events e WHERE {condition} ORDER BY e.seq DESC LIMIT {limit}"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (i, bind) in binds.iter().enumerate() {
        // `seq` compares as a number.
        q = if query.before_seq.is_some() && i == binds.len() - 1 {
            q.bind(bind.parse::<i64>().unwrap_or(i64::MAX))
        } else {
            q.bind(bind)
        };
    }
    let rows = q.fetch_all(store.pool()).await?;
    rows.iter().map(|r| entry(r, &users)).collect()
}

pub(crate) fn entry(row: &SqliteRow, users: &[UserInfo]) -> Result<HistoryEntry> {
    let json = |col: &str| crate::store::json_column(row, col);
    let entity: String = row.try_get("entity")?;
    let action: String = row.try_get("action")?;
    let before = json("before")?;
    let after = json("after")?;
    let summary = summary(&entity, &action, before.as_ref(), after.as_ref(), users);
    Ok(HistoryEntry {
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        write_id: row.try_get("write_id")?,
        actor: user_info(users, &row.try_get::<String, _>("actor_id")?),
        at: row.try_get("at")?,
        entity,
        entity_id: row.try_get("entity_id")?,
        action,
        summary,
        before,
        after,
        undoes: row.try_get("undoes")?,
        unverified: crate::store::signing::trust::unverified(
            row.try_get::<Option<String>, _>("trust")?.as_deref(),
        ),
    })
}

/// One line saying what an event did, in words a journalist reads: "proposed
/// Mostly false", "edited the statement and condition".
/// An article correction's fields, with what a person calls them.
const CORRECTED: [(&str, &str); 5] = [
    ("title", "title"),
    ("byline", "byline"),
    ("published_at", "published time"),
    ("dateline", "dateline"),
    ("outlet_id", "outlet"),
];

pub fn summary(
    entity: &str,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
    users: &[UserInfo],
) -> String {
    let (Ok(entity), Ok(action)) = (entity.parse::<Entity>(), action.parse::<Action>()) else {
        // A newer desk's event: its words as they are.
        return format!("{} {}", action.replace('_', " "), entity.replace('_', " "));
    };
    match action.mode {
        Mode::Do => describe(entity, action.verb, before, after, users),
        Mode::Undo => format!(
            "undid: {}",
            describe(entity, action.verb, after, before, users)
        ),
        Mode::Redo => format!(
            "redid: {}",
            describe(entity, action.verb, before, after, users)
        ),
    }
}

fn describe(
    entity: Entity,
    verb: Verb,
    before: Option<&Value>,
    after: Option<&Value>,
    users: &[UserInfo],
) -> String {
    let field = |v: Option<&Value>, name: &str| -> String {
        v.and_then(|v| v[name].as_str()).unwrap_or("").to_owned()
    };
    let now = |name: &str| field(after.or(before), name);
    let quoted = |text: String| format!("“{}”", shorten(&text, 80));
    let rating = |v: Option<&Value>| {
        Rating::parse(&field(v, "rating"))
            .map(|r| r.label().to_owned())
            .unwrap_or_default()
    };
    let name_of = |id: String| user_info(users, &id).name;
    match (entity, verb) {
        (entity, Verb::Import) if entity != Entity::Bundle => {
            format!("took the {} in from a bundle", entity.declaration().noun)
        }
        (Entity::Claim, Verb::Create) => format!("marked the claim {}", quoted(now("statement"))),
        (Entity::Claim, Verb::Update) => format!("edited the {}", changed_fields(before, after)),
        (Entity::Claim, Verb::Delete) => format!("deleted the claim {}", quoted(now("statement"))),
        (Entity::Claim, Verb::Assign) => format!(
            "assigned the claim to {}",
            name_of(field(after, "assignee_id"))
        ),
        (Entity::Claim, Verb::Unassign) => "took the claim out of review".to_owned(),
        (Entity::Claim, Verb::Propose) => format!("proposed the verdict {}", rating(after)),
        (Entity::Claim, Verb::Approve) => "approved the verdict".to_owned(),
        (Entity::Claim, Verb::Reopen) => {
            let how = if after.is_some_and(|a| a["automatic"] == Value::Bool(true)) {
                "reopened the claim by editing it"
            } else {
                "reopened the claim"
            };
            format!("{how}: {}", field(after, "reason"))
        }
        (Entity::Verdict, Verb::Create) => format!(
            "wrote the rationale for {}: {}",
            rating(after),
            quoted(field(after, "rationale"))
        ),
        (Entity::Verdict, Verb::Approve) => format!("approved {}", rating(after)),
        (Entity::Verdict, Verb::Delete) => format!("removed the verdict {}", rating(before)),
        (Entity::Evidence, Verb::Create) | (Entity::Evidence, Verb::Delete) => {
            let v = if verb == Verb::Create { after } else { before };
            let what = match field(v, "kind").as_str() {
                "url" => field(v, "url"),
                "file" => field(v, "path"),
                "article" => "an article".to_owned(),
                "appearance" => "an appearance".to_owned(),
                _ => quoted(field(v, "note")),
            };
            let verb = if verb == Verb::Create {
                "added evidence"
            } else {
                "removed evidence"
            };
            format!("{verb}: {what}")
        }
        (Entity::Comment, Verb::Create) => format!("commented {}", quoted(now("body"))),
        (Entity::Comment, Verb::Update) => format!("edited a comment: {}", quoted(now("body"))),
        (Entity::Comment, Verb::Delete) => format!("deleted a comment {}", quoted(now("body"))),
        (Entity::Appearance, Verb::Create) => {
            format!("added an appearance {}", quoted(now("exact")))
        }
        (Entity::Appearance, Verb::Update) => {
            format!("edited the appearance {}", quoted(now("exact")))
        }
        (Entity::Appearance, Verb::Delete) => {
            format!("removed the appearance {}", quoted(now("exact")))
        }
        (Entity::Appearance, Verb::Place) => {
            format!("placed the appearance {}", quoted(now("exact")))
        }
        (Entity::Appearance, _) => format!(
            "{} the appearance {}",
            verb.as_str().replace('_', " "),
            quoted(now("exact"))
        ),
        (Entity::ClaimLink, Verb::Create) => {
            format!("linked claims: {}", now("relation").replace('_', " "))
        }
        (Entity::ClaimLink, Verb::Delete) => {
            format!("removed a link ({})", now("relation").replace('_', " "))
        }
        (Entity::Storyline, Verb::Create) => {
            format!("created the storyline {}", quoted(now("name")))
        }
        (Entity::Storyline, Verb::Delete) => {
            format!("deleted the storyline {}", quoted(now("name")))
        }
        (Entity::Storyline, Verb::AddClaim) => {
            format!("added the claim to the storyline {}", quoted(now("name")))
        }
        (Entity::Storyline, Verb::RemoveClaim) => {
            format!(
                "removed the claim from the storyline {}",
                quoted(now("name"))
            )
        }
        (Entity::Storyline, Verb::Reorder) => {
            format!("reordered the storyline {}", quoted(now("name")))
        }
        (Entity::Storyline, Verb::Update) => {
            format!("renamed the storyline {}", quoted(now("name")))
        }
        (Entity::Outlet, Verb::Credibility) => format!(
            "rated {} {}",
            now("name"),
            field(after, "credibility").replace('_', " ")
        ),
        (Entity::User, Verb::Create) => format!("added the user {}", now("name")),
        (Entity::Outlet, Verb::Create) => format!("added the outlet {}", now("name")),
        (Entity::Person, Verb::Create) => format!("added the person {}", now("name")),
        (Entity::Person, Verb::AddAlias) => {
            format!("added the name {} to a person", quoted(now("alias")))
        }
        (Entity::Person, Verb::RemoveAlias) => {
            format!("removed the name {} from a person", quoted(now("alias")))
        }
        (Entity::Person, Verb::Merge) => "merged two persons".to_owned(),
        // Since the first revision is recorded in its article's creation.
        (Entity::Article, Verb::Create) if !now("title").is_empty() => {
            format!("imported {}", quoted(now("title")))
        }
        (Entity::Article, Verb::Create) => "added an article".to_owned(),
        (Entity::Article, Verb::AdoptUrl) => format!(
            "gave an article its address {}",
            field(after, "canonical_url")
        ),
        (Entity::Revision, Verb::Create) => format!("imported {}", quoted(now("title"))),
        (Entity::Article, Verb::Revise) => "imported a new revision".to_owned(),
        (_, Verb::SettleConflict) => {
            let field = after
                .and_then(Value::as_object)
                .and_then(|a| a.keys().next())
                .map(|k| k.replace('_', " "))
                .unwrap_or_default();
            format!(
                "settled a merge conflict: took the other {field} of the {}",
                entity.as_str().replace('_', " ")
            )
        }
        (Entity::MergeConflict, Verb::Settle) => {
            if field(after, "settled_with") == "other" {
                "settled a merge conflict with the value set aside".to_owned()
            } else {
                "settled a merge conflict by keeping the merged value".to_owned()
            }
        }
        (Entity::SavedSearch, Verb::Create) => format!("saved the search {}", quoted(now("name"))),
        (Entity::SavedSearch, Verb::Update) => {
            format!("changed the saved search {}", quoted(now("name")))
        }
        (Entity::SavedSearch, Verb::Delete) => {
            format!("deleted the saved search {}", quoted(now("name")))
        }
        (Entity::ArticleCorrection, Verb::Delete) => {
            "removed the corrections of an article".to_owned()
        }
        (Entity::ArticleCorrection, _) => {
            let changed: Vec<&str> = CORRECTED
                .iter()
                .filter(|(column, _)| field(before, column) != field(after, column))
                .map(|(_, name)| *name)
                .collect();
            format!("corrected an article's {}", changed.join(", "))
        }
        (Entity::Bundle, Verb::Import) => "imported a bundle".to_owned(),
        (Entity::Settings, Verb::Join) => {
            format!("joined the team hub as {}", quoted(now("login")))
        }
        (Entity::Settings, Verb::Leave) => "left the team hub".to_owned(),
        (Entity::MergeConflict, Verb::Create) => {
            format!("found a conflict in {}", now("field").replace('_', " "))
        }
        (Entity::User, Verb::ForgetKey) => {
            format!(
                "forgot the signing key {} pinned for a colleague",
                quoted(now("key"))
            )
        }
        (Entity::Settings, Verb::SwitchUser) => {
            format!("switched to {}", name_of(field(after, "user_id")))
        }
        (entity, verb) => format!(
            "{} {}",
            verb.as_str().replace('_', " "),
            entity.as_str().replace('_', " ")
        ),
    }
}

/// "statement and condition": the fields of a claim an update changed.
fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> String {
    let names = [
        ("statement", "statement"),
        ("claimant_id", "claimant"),
        ("condition", "condition"),
        ("note", "note"),
        ("tags", "tags"),
    ];
    let changed: Vec<&str> = names
        .iter()
        .filter(|(key, _)| before.map(|b| &b[key]) != after.map(|a| &a[key]))
        .map(|(_, name)| *name)
        .collect();
    match changed.as_slice() {
        [] => "claim".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A change is in effect unless a change that is itself in effect undid it.
pub(crate) async fn in_effect(conn: &mut SqliteConnection, write: &str) -> Result<bool> {
    let mut chain = vec![write.to_owned()];
    // Follow undo → redo → undo ... (each step undoes the one before).
    loop {
        let last = chain.last().expect("the chain starts with the write");
        let undone_by: Option<String> = sqlx::query_scalar(
            "SELECT write_id FROM audit_events WHERE undoes = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(last)
        .fetch_optional(&mut *conn)
        .await?;
        match undone_by {
            Some(next) if !chain.contains(&next) => chain.push(next),
            _ => break,
        }
    }
    // The write, an undo of it, a redo, ...: odd lengths leave it in effect.
    Ok(chain.len() % 2 == 1)
}
