//! The review commands of the CLI: users, the review of a claim (assign,
//! verdict, approve, reopen, evidence), comments, queues, history, the
//! activity feed, undo, `audit verify` and outlets' credibility. Flags and
//! `--json` fields are public contract. A refused move exits non-zero with
//! its reason.

use anyhow::{anyhow, Context};
use clap::{Args, Subcommand, ValueEnum};

use claimtrail::model::{
    ActivityQuery, ClaimQuery, CommentInfo, Credibility, EvidenceFields, EvidenceKind,
    HistoryEntry, Queue, Rating, ReviewAction, ReviewInfo,
};
use claimtrail::store::{users, Store};
use claimtrail::{claims, comments, history, outlets, review, undo};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user profile (the first one becomes the active user).
    Add {
        name: String,
        /// One to three letters for the avatar (default: from the name).
        #[arg(long)]
        initials: Option<String>,
        /// #rrggbb (default: the next of the app's colours).
        #[arg(long)]
        color: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the user profiles; * marks the active one.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make another user the active one (the app's and the CLI's default).
    Use { user: String },
    /// Forget the signing key this desk pinned for a colleague, so their
    /// next bundle pins the one it brings (check it with them first).
    ForgetKey { user: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RatingArg {
    True,
    #[value(name = "mostly_true", alias = "mostly-true")]
    MostlyTrue,
    Mixed,
    Misleading,
    #[value(name = "mostly_false", alias = "mostly-false")]
    MostlyFalse,
    False,
    Unsubstantiated,
    #[value(name = "not_checkable", alias = "not-checkable")]
    NotCheckable,
}

impl From<RatingArg> for Rating {
    fn from(r: RatingArg) -> Self {
        match r {
            RatingArg::True => Rating::True,
            RatingArg::MostlyTrue => Rating::MostlyTrue,
            RatingArg::Mixed => Rating::Mixed,
            RatingArg::Misleading => Rating::Misleading,
            RatingArg::MostlyFalse => Rating::MostlyFalse,
            RatingArg::False => Rating::False,
            RatingArg::Unsubstantiated => Rating::Unsubstantiated,
            RatingArg::NotCheckable => Rating::NotCheckable,
        }
    }
}

#[derive(Args)]
pub struct VerdictArgs {
    claim_id: String,
    #[arg(long, value_enum, value_name = "R")]
    rating: RatingArg,
    /// Why the claim is rated so (a paragraph is fine).
    #[arg(long, value_name = "TEXT")]
    rationale: String,
    /// An http(s) URL, or the id of an article or appearance in the
    /// workspace; repeat for more.
    #[arg(long = "evidence", value_name = "URL|ARTICLE_ID")]
    evidence: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Add one evidence item to a claim.
    Add {
        claim_id: String,
        #[arg(long, group = "item", value_name = "URL")]
        url: Option<String>,
        #[arg(long, group = "item", value_name = "ID")]
        article: Option<String>,
        #[arg(long, group = "item", value_name = "ID")]
        appearance: Option<String>,
        #[arg(long, group = "item", value_name = "PATH")]
        file: Option<String>,
        /// What the item shows; alone, the item is this note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove an evidence item (undo brings it back).
    Remove { evidence_id: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum QueueArg {
    #[value(name = "assigned-to-me", alias = "assigned_to_me", alias = "mine")]
    AssignedToMe,
    #[value(name = "needs-approval", alias = "needs_approval")]
    NeedsApproval,
    #[value(
        name = "needs-reanchoring",
        alias = "needs_reanchoring",
        alias = "orphaned"
    )]
    NeedsReanchoring,
    Unreviewed,
}

impl From<QueueArg> for Queue {
    fn from(q: QueueArg) -> Self {
        match q {
            QueueArg::AssignedToMe => Queue::AssignedToMe,
            QueueArg::NeedsApproval => Queue::NeedsApproval,
            QueueArg::NeedsReanchoring => Queue::NeedsReanchoring,
            QueueArg::Unreviewed => Queue::Unreviewed,
        }
    }
}

#[derive(Args)]
pub struct ActivityArgs {
    /// Only this user's changes (name, initials or id).
    #[arg(long)]
    user: Option<String>,
    /// Only this kind of entity (claim, appearance, verdict, evidence,
    /// comment, claim_link, storyline, outlet, user), or one as KIND:ID.
    #[arg(long)]
    entity: Option<String>,
    /// Only this day, YYYY-MM-DD.
    #[arg(long)]
    day: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain; exits non-zero at the first broken link.
    Verify {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum OutletCommand {
    /// Rate an outlet's credibility.
    Rate {
        /// The outlet's name or id.
        outlet: String,
        #[arg(value_enum)]
        credibility: CredibilityArg,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CredibilityArg {
    Credible,
    Mixed,
    #[value(name = "not_credible", alias = "not-credible")]
    NotCredible,
    Unknown,
}

impl From<CredibilityArg> for Credibility {
    fn from(c: CredibilityArg) -> Self {
        match c {
            CredibilityArg::Credible => Credibility::Credible,
            CredibilityArg::Mixed => Credibility::Mixed,
            CredibilityArg::NotCredible => Credibility::NotCredible,
            CredibilityArg::Unknown => Credibility::Unknown,
        }
    }
}

pub async fn user(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            initials,
            color,
            json,
        } => {
            let user = users::add(store, &name, initials.as_deref(), color.as_deref()).await?;
            if json {
                return crate::print_json(&user);
            }
            println!("{}  {} ({})", user.id, user.name, user.initials);
            Ok(())
        }
        UserCommand::List { json } => {
            let list = users::list_with_keys(store).await?;
            if json {
                return crate::print_json(&list);
            }
            if list.is_empty() {
                println!("No users yet. Add one with `claimtrail user add NAME`.");
            }
            for u in &list {
                let mark = if u.active { "*" } else { " " };
                let key = u.key.as_deref().unwrap_or("no key");
                println!(
                    "{mark} {}  {:<3}  {:<19}  {}",
                    u.id, u.initials, key, u.name
                );
            }
            Ok(())
        }
        UserCommand::Use { user } => {
            let user = users::set_active(store, &user).await?;
            println!("Now working as {}.", user.name);
            Ok(())
        }
        UserCommand::ForgetKey { user } => {
            let key = users::forget_key(store, &user).await?;
            println!("Forgot the key {key}; the next bundle from them pins the key it brings.");
            Ok(())
        }
    }
}

async fn print_review(review: &ReviewInfo, json: bool) -> anyhow::Result<()> {
    if json {
        return crate::print_json(review);
    }
    let assignee = review
        .assignee
        .as_ref()
        .map(|u| format!(" · assigned to {}", u.name))
        .unwrap_or_default();
    println!("{}{assignee}", review.state_label);
    if let Some(reason) = &review.reopen_reason {
        println!("reopened: {reason}");
    }
    if let Some(v) = &review.verdict {
        let approved = match (&v.approved_by, &v.approved_at) {
            (Some(by), Some(at)) => format!(", approved by {} {at}", by.name),
            _ => String::new(),
        };
        println!(
            "verdict: {} (proposed by {} {}{approved})",
            v.rating_label, v.proposed_by.name, v.proposed_at
        );
        println!("{}", v.rationale);
    }
    for e in &review.evidence {
        let what = e
            .url
            .as_deref()
            .or(e.path.as_deref())
            .or(e.title.as_deref())
            .or(e.note.as_deref())
            .unwrap_or("-");
        println!("evidence {}  {}  {what}", e.id, e.kind.as_str());
    }
    Ok(())
}

pub async fn assign(store: &Store, claim: &str, user: &str, json: bool) -> anyhow::Result<()> {
    let action = ReviewAction::Assign {
        user: user.to_owned(),
    };
    let review = review::act(store, claim, &action).await?;
    print_review(&review, json).await
}

pub async fn unassign(store: &Store, claim: &str, json: bool) -> anyhow::Result<()> {
    let review = review::act(store, claim, &ReviewAction::Unassign).await?;
    print_review(&review, json).await
}

pub async fn verdict(store: &Store, args: VerdictArgs) -> anyhow::Result<()> {
    let mut evidence = Vec::with_capacity(args.evidence.len());
    for item in &args.evidence {
        evidence.push(review::evidence_from_arg(store, item).await?);
    }
    let action = ReviewAction::Propose {
        rating: args.rating.into(),
        rationale: args.rationale,
    };
    let review = review::act_with_evidence(store, &args.claim_id, &action, &evidence).await?;
    print_review(&review, args.json).await
}

pub async fn approve(store: &Store, claim: &str, json: bool) -> anyhow::Result<()> {
    let review = review::act(store, claim, &ReviewAction::Approve { verdict_id: None }).await?;
    print_review(&review, json).await
}

pub async fn reopen(store: &Store, claim: &str, reason: String, json: bool) -> anyhow::Result<()> {
    let review = review::act(store, claim, &ReviewAction::Reopen { reason }).await?;
    print_review(&review, json).await
}

pub async fn show_review(store: &Store, claim: &str, json: bool) -> anyhow::Result<()> {
    let review = review::get(store, claim).await?;
    print_review(&review, json).await
}

pub async fn evidence(store: &Store, command: EvidenceCommand) -> anyhow::Result<()> {
    match command {
        EvidenceCommand::Add {
            claim_id,
            url,
            article,
            appearance,
            file,
            note,
            json,
        } => {
            let (kind, target) = match (url, article, appearance, file) {
                (Some(u), ..) => (EvidenceKind::Url, u),
                (_, Some(a), ..) => (EvidenceKind::Article, a),
                (_, _, Some(a), _) => (EvidenceKind::Appearance, a),
                (_, _, _, Some(f)) => (EvidenceKind::File, f),
                _ if note.is_some() => (EvidenceKind::Note, String::new()),
                _ => {
                    return Err(anyhow!(
                        "say what the evidence is: --url, --article, --appearance, --file or --note"
                    ))
                }
            };
            let item =
                review::add_evidence(store, &claim_id, &EvidenceFields { kind, target, note })
                    .await?;
            if json {
                return crate::print_json(&item);
            }
            println!("{}", item.id);
            Ok(())
        }
        EvidenceCommand::Remove { evidence_id } => {
            review::remove_evidence(store, &evidence_id).await?;
            Ok(())
        }
    }
}

pub async fn comment(
    store: &Store,
    claim: &str,
    text: &str,
    reply_to: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let comment = comments::add(store, claim, reply_to, text).await?;
    if json {
        return crate::print_json(&comment);
    }
    println!("{}", comment.id);
    Ok(())
}

pub async fn list_comments(store: &Store, claim: &str, json: bool) -> anyhow::Result<()> {
    let threads = comments::list(store, claim).await?;
    if json {
        return crate::print_json(&threads);
    }
    if threads.is_empty() {
        println!("No comments.");
    }
    fn line(c: &CommentInfo, indent: &str) {
        let edited = if c.edited_at.is_some() {
            " (edited)"
        } else {
            ""
        };
        println!(
            "{indent}{} · {}{edited}  [{}]",
            c.author.name, c.created_at, c.id
        );
        for text_line in c.body.lines() {
            println!("{indent}  {text_line}");
        }
    }
    for thread in &threads {
        line(thread, "");
        for reply in &thread.replies {
            line(reply, "    ");
        }
    }
    Ok(())
}

fn print_entries(entries: &[HistoryEntry], json: bool) -> anyhow::Result<()> {
    if json {
        return crate::print_json(&entries);
    }
    if entries.is_empty() {
        println!("No events.");
    }
    for e in entries {
        let unverified = if e.unverified.is_some() {
            "  (unverified)"
        } else {
            ""
        };
        println!("{}  {:<20}  {}{unverified}", e.at, e.actor.name, e.summary);
    }
    Ok(())
}

pub async fn show_history(store: &Store, claim: &str, json: bool) -> anyhow::Result<()> {
    let entries = history::claim(store, claim)
        .await
        .with_context(|| format!("reading the history of claim {claim}"))?;
    print_entries(&entries, json)
}

pub async fn activity(store: &Store, args: ActivityArgs) -> anyhow::Result<()> {
    let query = ActivityQuery {
        user: args.user,
        entity: args.entity,
        day: args.day,
        before_seq: None,
        limit: Some(args.limit),
    };
    let entries = history::activity(store, &query).await?;
    print_entries(&entries, args.json)
}

pub async fn audit(store: &Store, command: AuditCommand) -> anyhow::Result<()> {
    let AuditCommand::Verify { json } = command;
    let check = claimtrail::store::verify(store).await?;
    if json {
        crate::print_json(&check)?;
    } else if check.ok {
        println!(
            "The audit log is intact: {} events, head {}.",
            check.events, check.head
        );
    }
    match &check.broken {
        None => Ok(()),
        Some(b) if b.event_id.is_empty() => Err(anyhow!(
            "the audit log is broken after event {}: {}",
            b.seq - 1,
            b.problem
        )),
        Some(b) => Err(anyhow!(
            "the audit log is broken at event {} ({} {} {} at {}, id {}): {}",
            b.seq,
            b.action,
            b.entity,
            b.entity_id,
            b.at,
            b.event_id,
            b.problem
        )),
    }
}

pub async fn queue(store: &Store, which: Option<QueueArg>, json: bool) -> anyhow::Result<()> {
    match which {
        None => {
            let counts = review::queue_counts(store).await?;
            if json {
                return crate::print_json(&counts);
            }
            println!("assigned to me      {}", counts.assigned_to_me);
            println!("needs approval      {}", counts.needs_approval);
            println!("needs re-anchoring  {}", counts.needs_reanchoring);
            println!("unreviewed          {}", counts.unreviewed);
            Ok(())
        }
        Some(queue) => {
            let list = claims::list(
                store,
                &ClaimQuery {
                    queue: Some(queue.into()),
                    ..ClaimQuery::default()
                },
            )
            .await?;
            if json {
                return crate::print_json(&list);
            }
            if list.is_empty() {
                println!("No claims in this queue.");
            }
            for c in &list {
                println!(
                    "{}  {:<11}  {:<14}  {}",
                    c.id,
                    c.review_state,
                    c.assignee.as_deref().unwrap_or("-"),
                    c.statement
                );
            }
            Ok(())
        }
    }
}

pub async fn undo_last(
    store: &Store,
    change: Option<&str>,
    list: bool,
    json: bool,
) -> anyhow::Result<()> {
    if list {
        let entries = undo::recent(store).await?;
        if json {
            return crate::print_json(&entries);
        }
        if entries.is_empty() {
            println!("Nothing of yours to undo.");
        }
        for e in &entries {
            let blocked = e
                .blocked
                .as_deref()
                .map(|b| format!("  (cannot undo: {b})"))
                .unwrap_or_default();
            println!("{}  {}  {}{blocked}", e.write_id, e.at, e.summary);
        }
        return Ok(());
    }
    let undone = undo::undo(store, change).await?;
    if json {
        return crate::print_json(&undone);
    }
    println!("Undid: {}", undone.summary);
    Ok(())
}

pub async fn redo(store: &Store, json: bool) -> anyhow::Result<()> {
    let redone = undo::redo(store).await?;
    if json {
        return crate::print_json(&redone);
    }
    println!("Redid: {}", redone.summary.trim_start_matches("Undid: "));
    Ok(())
}

pub async fn list_outlets(store: &Store, json: bool) -> anyhow::Result<()> {
    let list = outlets::list(store).await?;
    if json {
        return crate::print_json(&list);
    }
    for o in &list {
        println!(
            "{}  {:<13}  {:>5}  {}{}",
            o.id,
            o.credibility.as_str(),
            o.articles,
            o.name,
            o.credibility_note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

pub async fn outlet(store: &Store, command: OutletCommand) -> anyhow::Result<()> {
    let OutletCommand::Rate {
        outlet,
        credibility,
        note,
        json,
    } = command;
    let info =
        outlets::set_credibility(store, &outlet, credibility.into(), note.as_deref()).await?;
    if json {
        return crate::print_json(&info);
    }
    println!("{}: {}", info.name, info.credibility.as_str());
    Ok(())
}
