//! The trail commands of the CLI: search, links, matches ("find everywhere"),
//! timelines and storylines. Flags and `--json` fields are public contract.

use anyhow::{anyhow, Context};
use clap::{Args, Subcommand, ValueEnum};

use claimtrail::model::{
    LinkFields, LinkRelation, MatchScope, SearchQuery, SnippetPart, StorylineDetail, TimeBasis,
    TimelineQuery, TimelineScope,
};
use claimtrail::store::Store;
use claimtrail::{links, matches, saved_searches, search, storylines, timeline};

#[derive(Clone, Copy, ValueEnum)]
pub enum BasisArg {
    Stated,
    Published,
}

impl From<BasisArg> for TimeBasis {
    fn from(b: BasisArg) -> Self {
        match b {
            BasisArg::Stated => TimeBasis::Stated,
            BasisArg::Published => TimeBasis::Published,
        }
    }
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words (stemmed: "claims" finds "claimed"), "a phrase" in quotes; a
    /// last word of three letters or more also matches as a prefix.
    #[arg(required_unless_present = "saved")]
    query: Option<String>,
    /// Run the search saved under this name (or id) instead (its own
    /// filters: none may be given beside it).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["query", "claimant", "outlet", "verdict", "tag", "storyline", "from", "to"])]
    saved: Option<String>,
    /// Also keep this search under NAME (replacing a search saved so).
    #[arg(long, value_name = "NAME")]
    save: Option<String>,
    /// Only claims this person made or spoke (name, alias or id).
    #[arg(long, value_name = "NAME")]
    claimant: Option<String>,
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// The newest verdict's rating (false, mostly_true, …).
    #[arg(long, value_name = "RATING")]
    verdict: Option<String>,
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// A storyline's id or name.
    #[arg(long, value_name = "ID")]
    storyline: Option<String>,
    /// From this date or time (inclusive): 2025-12-01 or RFC 3339.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Up to this date (the whole day) or time.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Which time --from/--to bound for claims and appearances (articles
    /// always by published time).
    #[arg(long, value_enum, default_value = "stated")]
    by: BasisArg,
    /// Most hits per kind.
    #[arg(long, default_value_t = 20)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct LinkArgs {
    /// The claim the relation is said of ("A updates B": A).
    claim_a: String,
    claim_b: String,
    /// same_as, supports, contradicts, updates (or supersedes), retracts,
    /// clarifies, responds_to.
    #[arg(long, value_name = "R")]
    relation: String,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When the relation arose, e.g. the date of a retraction.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct MatchesArgs {
    claim_id: String,
    /// Look for this appearance's words only.
    #[arg(long, value_name = "ID", conflicts_with = "storyline")]
    appearance: Option<String>,
    /// Look for the words of every claim of this storyline (CLAIM_ID is then ignored).
    #[arg(long, value_name = "ID")]
    storyline: Option<String>,
    /// Add every hit as an appearance of its claim (speaker, time and chain
    /// from its own article).
    #[arg(long)]
    accept: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("scope").required(true).args(["claim", "person", "storyline"])))]
pub struct TimelineArgs {
    #[arg(long, value_name = "ID")]
    claim: Option<String>,
    /// A name, alias or id.
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// A storyline's id or name.
    #[arg(long, value_name = "ID")]
    storyline: Option<String>,
    #[arg(long, value_enum, default_value = "stated")]
    by: BasisArg,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum StorylineCommand {
    /// Start a storyline.
    Create {
        name: String,
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add claims at the end (a claim already in it stays where it is).
    Add {
        storyline: String,
        #[arg(required = true)]
        claims: Vec<String>,
    },
    /// Take a claim out (the claim itself stays).
    Remove {
        storyline: String,
        claim: String,
    },
    /// Put its claims in this order (every claim once).
    Order {
        storyline: String,
        #[arg(required = true)]
        claims: Vec<String>,
    },
    Rename {
        storyline: String,
        name: String,
    },
    /// Delete a storyline; its claims stay.
    Delete {
        storyline: String,
    },
    /// Show a storyline's claims in order with their status.
    Show {
        storyline: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn search(store: &Store, args: SearchArgs) -> anyhow::Result<()> {
    let query = match &args.saved {
        Some(name) => SearchQuery {
            limit: Some(args.limit),
            ..saved_searches::get(store, name)
                .await
                .context("reading the saved search")?
                .query
        },
        None => SearchQuery {
            text: args.query.unwrap_or_default(),
            claimant: args.claimant,
            outlet: args.outlet,
            verdict: args.verdict,
            tag: args.tag,
            storyline_id: args.storyline,
            from: args.from,
            to: args.to,
            date_by: Some(args.by.into()),
            limit: Some(args.limit),
        },
    };
    if let Some(name) = &args.save {
        let saved = saved_searches::save(store, name, &query)
            .await
            .context("saving the search")?;
        eprintln!("Saved as “{}”.", saved.name);
    }
    let found = search::search(store, &query).await.context("searching")?;
    if args.json {
        return crate::print_json(&found);
    }
    let total =
        found.articles.len() + found.claims.len() + found.appearances.len() + found.persons.len();
    if total == 0 {
        println!("No matches.");
    }
    for h in &found.claims {
        println!("claim       {}  {}", h.claim.id, snippet(&h.snippet));
    }
    for h in &found.appearances {
        println!(
            "appearance  {}  {}  ({}, {})",
            h.appearance_id,
            snippet(&h.snippet),
            h.outlet.as_deref().unwrap_or("-"),
            h.article_title
        );
    }
    for h in &found.articles {
        println!(
            "article     {}  {}  ({})\n            {}",
            h.article_id,
            h.title,
            h.outlet.as_deref().unwrap_or("-"),
            snippet(&h.snippet)
        );
    }
    for h in &found.persons {
        println!("person      {}  {}", h.person_id, h.name);
    }
    Ok(())
}

/// Lists the saved searches, or deletes the one named.
pub async fn saved(store: &Store, delete: Option<String>, json: bool) -> anyhow::Result<()> {
    if let Some(name) = delete {
        saved_searches::delete(store, &name)
            .await
            .context("deleting the saved search")?;
        eprintln!("Deleted the saved search “{name}” (claimtrail undo puts it back).");
        return Ok(());
    }
    let all = saved_searches::list(store)
        .await
        .context("listing the saved searches")?;
    if json {
        return crate::print_json(&all);
    }
    if all.is_empty() {
        println!("No saved searches. Keep one with: claimtrail search WORDS --save NAME");
    }
    for s in &all {
        println!("{}  {}  {}", s.id, s.name, serde_json::to_string(&s.query)?);
    }
    Ok(())
}

/// A snippet for a terminal: hits in [brackets].
fn snippet(parts: &[SnippetPart]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect()
}

pub async fn link(store: &Store, args: LinkArgs) -> anyhow::Result<()> {
    let relation = LinkRelation::parse(&args.relation).ok_or_else(|| {
        let names: Vec<&str> = LinkRelation::ALL.iter().map(|r| r.as_str()).collect();
        anyhow!(
            "“{}” is not a relation; use one of {} (or supersedes)",
            args.relation,
            names.join(", ")
        )
    })?;
    let link = links::create(
        store,
        &LinkFields {
            from_claim_id: args.claim_a,
            to_claim_id: args.claim_b,
            relation,
            note: args.note,
            related_at: args.at,
        },
    )
    .await
    .context("linking the claims")?;
    if args.json {
        return crate::print_json(&link);
    }
    println!(
        "{}  {} {} → {}",
        link.id,
        link.from_claim_id,
        link.relation.as_str(),
        link.to_claim_id
    );
    Ok(())
}

pub async fn unlink(store: &Store, link_id: &str) -> anyhow::Result<()> {
    links::delete(store, link_id)
        .await
        .with_context(|| format!("removing link {link_id}"))?;
    println!("Removed link {link_id}.");
    Ok(())
}

pub async fn list_links(store: &Store, claim_id: &str, json: bool) -> anyhow::Result<()> {
    let list = links::for_claim(store, claim_id)
        .await
        .with_context(|| format!("reading the links of claim {claim_id}"))?;
    if json {
        return crate::print_json(&list);
    }
    if list.is_empty() {
        println!("No links.");
    }
    for l in &list {
        let arrow = if l.outgoing { "→" } else { "←" };
        println!(
            "{}  {} {arrow} {}  {}",
            l.id,
            l.relation.as_str(),
            l.other.id,
            l.other.statement
        );
    }
    Ok(())
}

/// One hit on a line: how it matched, where, the words, the outlet; for a
/// partial quote, what the outlet left out.
pub fn print_hit(h: &claimtrail::model::MatchHit) {
    let kind = h.kind.as_str();
    println!(
        "{:>4.0}%  {kind:<8}  {}  {}–{}  {}  ({})",
        h.similarity * 100.0,
        h.article_id,
        h.start,
        h.end,
        h.exact,
        h.outlet.as_deref().unwrap_or("-"),
    );
    if let Some(p) = &h.partial {
        let left: Vec<&str> = [p.left_out_before.as_str(), p.left_out_after.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        println!("        left out: {}", left.join(" … "));
    }
}

pub async fn find_matches(store: &Store, args: MatchesArgs) -> anyhow::Result<()> {
    let scope = match (args.appearance, args.storyline) {
        (Some(appearance), _) => {
            let claim = claimtrail::claims::get(store, &args.claim_id)
                .await
                .with_context(|| format!("reading claim {}", args.claim_id))?;
            if !claim.appearances.iter().any(|a| a.id == appearance) {
                return Err(anyhow!(
                    "appearance {appearance} is not an appearance of claim {}",
                    args.claim_id
                ));
            }
            MatchScope::Appearance(appearance)
        }
        (_, Some(storyline)) => MatchScope::Storyline(storyline),
        _ => MatchScope::Claim(args.claim_id.clone()),
    };
    let found = matches::find(store, &scope)
        .await
        .with_context(|| format!("finding where claim {} appears", args.claim_id))?;
    // Each hit is its own change: one that cannot be added (an ambiguous
    // speaker, say) is reported and the others still are.
    let mut failed = Vec::new();
    if args.accept {
        // Words found again; a statement of the same meaning waits for a
        // person to read it.
        for hit in found.hits.iter().filter(|h| h.kind.is_words()) {
            if let Err(e) = matches::accept(store, hit).await {
                failed.push(format!(
                    "the hit in article {} ({}–{}) was not added: {e}",
                    hit.article_id, hit.start, hit.end
                ));
            }
        }
    }
    if args.json {
        crate::print_json(&found)?;
    } else {
        if found.hits.is_empty() {
            println!("No other place has these words.");
        }
        for h in &found.hits {
            print_hit(h);
        }
        if !found.related.is_empty() {
            println!("\nRelated claims:");
        }
        for r in &found.related {
            println!(
                "{:.2}  {}  {}  ({})",
                r.score,
                r.claim_id,
                r.claim.statement,
                r.reasons.join(", ")
            );
        }
        let meaning = &found.meaning;
        if !meaning.on {
            println!(
                "\nMatching by meaning is off: {}.",
                meaning.reason.as_deref().unwrap_or("no model")
            );
        } else if meaning.waiting > 0 {
            println!(
                "\n{} not searched by meaning yet: run `claimtrail embed`.",
                plural(meaning.waiting as usize, "article", "articles")
            );
        }
        if args.accept {
            let words = found.hits.iter().filter(|h| h.kind.is_words()).count();
            println!("\nAdded {} of {} hits.", words - failed.len(), words);
        }
    }
    for f in &failed {
        eprintln!("{f}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(anyhow!(
            "{} of {} hits could not be added",
            failed.len(),
            found.hits.len()
        ))
    }
}

pub async fn show_timeline(store: &Store, args: TimelineArgs) -> anyhow::Result<()> {
    let scope = match (args.claim, args.person, args.storyline) {
        (Some(claim), _, _) => TimelineScope::Claim(claim),
        (_, Some(person), _) => TimelineScope::Person(person),
        (_, _, Some(storyline)) => TimelineScope::Storyline(storyline),
        _ => return Err(anyhow!("give --claim, --person or --storyline")),
    };
    let shown = timeline::timeline(
        store,
        &TimelineQuery {
            scope,
            by: args.by.into(),
        },
    )
    .await
    .context("building the timeline")?;
    if args.json {
        return crate::print_json(&shown);
    }
    println!("{} ({} appearances)", shown.title, shown.points.len());
    for p in &shown.points {
        let chain: Vec<&str> = p.attribution.iter().map(|s| s.name.as_str()).collect();
        println!(
            "{:<25}{} {:<16}  {}{}",
            p.at,
            if p.at_fallback { "*" } else { " " },
            p.outlet.as_deref().unwrap_or("-"),
            p.exact,
            if p.first { "  (first)" } else { "" }
        );
        if !chain.is_empty() {
            println!("{:<43}via {}", "", chain.join(" → "));
        }
        for c in p.change.iter().flat_map(|c| &c.conditions) {
            let what = if c.added { "adds" } else { "drops" };
            println!("{:<43}{what} the condition “{}”", "", c.text);
        }
    }
    Ok(())
}

pub async fn storyline(store: &Store, command: StorylineCommand) -> anyhow::Result<()> {
    let id = |key: &str| {
        let key = key.to_owned();
        async move {
            let mut conn = store.pool().acquire().await?;
            storylines::resolve(&mut conn, &key)
                .await
                .map_err(anyhow::Error::from)
        }
    };
    match command {
        StorylineCommand::Create {
            name,
            description,
            json,
        } => {
            let created = storylines::create(store, &name, description.as_deref()).await?;
            if json {
                return crate::print_json(&created);
            }
            println!("{}  {}", created.id, created.name);
        }
        StorylineCommand::Add { storyline, claims } => {
            let sid = id(&storyline).await?;
            let mut detail = None;
            for claim in &claims {
                detail = Some(
                    storylines::add_claim(store, &sid, claim)
                        .await
                        .with_context(|| format!("adding claim {claim}"))?,
                );
            }
            if let Some(detail) = detail {
                print_storyline(&detail);
            }
        }
        StorylineCommand::Remove { storyline, claim } => {
            let sid = id(&storyline).await?;
            print_storyline(&storylines::remove_claim(store, &sid, &claim).await?);
        }
        StorylineCommand::Order { storyline, claims } => {
            let sid = id(&storyline).await?;
            print_storyline(&storylines::reorder(store, &sid, &claims).await?);
        }
        StorylineCommand::Rename { storyline, name } => {
            let sid = id(&storyline).await?;
            let current = storylines::get(store, &sid).await?;
            let renamed =
                storylines::update(store, &sid, &name, current.storyline.description.as_deref())
                    .await?;
            println!("{}  {}", renamed.id, renamed.name);
        }
        StorylineCommand::Delete { storyline } => {
            let sid = id(&storyline).await?;
            storylines::delete(store, &sid).await?;
            println!("Deleted storyline {sid}; its claims stay.");
        }
        StorylineCommand::Show { storyline, json } => {
            let sid = id(&storyline).await?;
            let detail = storylines::get(store, &sid).await?;
            if json {
                return crate::print_json(&detail);
            }
            print_storyline(&detail);
        }
    }
    Ok(())
}

pub async fn list_storylines(store: &Store, json: bool) -> anyhow::Result<()> {
    let list = storylines::list(store).await?;
    if json {
        return crate::print_json(&list);
    }
    if list.is_empty() {
        println!("No storylines yet. Start one with `claimtrail storyline create NAME`.");
    }
    for s in &list {
        println!("{}  {}  ({} claims)", s.id, s.name, s.claim_ids.len());
    }
    Ok(())
}

fn print_storyline(detail: &StorylineDetail) {
    println!("{}  {}", detail.storyline.id, detail.storyline.name);
    for (i, c) in detail.claims.iter().enumerate() {
        println!(
            "{:>3}. {}  [{}{}]  {}",
            i + 1,
            c.id,
            c.review_state,
            c.verdict
                .as_deref()
                .map(|v| format!(", {v}"))
                .unwrap_or_default(),
            c.statement
        );
    }
}

/// `claimtrail embed`: computes the vectors waiting, or says how far it got.
pub async fn embed(
    store: &Store,
    limit: Option<usize>,
    status_only: bool,
    json: bool,
) -> anyhow::Result<()> {
    if status_only {
        let status = claimtrail::meaning::status(store).await?;
        if json {
            return crate::print_json(&status);
        }
        match &status.reason {
            Some(why) => println!("Matching by meaning is off: {why}."),
            None => println!(
                "Matching by meaning is on: {} embedded ({} statements), {} waiting.",
                plural(status.embedded as usize, "article", "articles"),
                status.statements,
                status.waiting
            ),
        }
        return Ok(());
    }
    let model = claimtrail::semantic::shared()
        .map_err(|why| anyhow!("matching by meaning is off: {why}"))?;
    let show = !json && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut outcome =
        claimtrail::meaning::embed_waiting(store, model, limit, cores, |done, total| {
            if show {
                eprint!("\rEmbedding statements: {done}/{total} articles");
            }
        })
        .await?;
    if show {
        eprintln!();
    }
    claimtrail::reappearances::after_embedding(store, &mut outcome).await;
    if json {
        return crate::print_json(&outcome);
    }
    println!(
        "Embedded {} ({} statements) in {:.1} s; {} waiting.",
        plural(outcome.articles as usize, "article", "articles"),
        outcome.statements,
        outcome.seconds,
        outcome.waiting
    );
    if outcome.reappearing > 0 {
        println!(
            "Tracked claims are said again in {} (see `claimtrail reappearances`).",
            plural(outcome.reappearing as usize, "article", "articles")
        );
    }
    Ok(())
}

/// "1 article", "3 articles".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
