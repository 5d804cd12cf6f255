//! The claim and person commands of the CLI. Their flags and `--json`
//! fields are part of the public contract documented in the README.

#[cfg(feature = "bench")]
pub mod article;
pub mod backup;
pub mod bench;
pub mod export;
pub mod hub;
pub mod review;
pub mod trail;

use anyhow::{anyhow, Context};
use clap::{Subcommand, ValueEnum};

use claimtrail::claims;
use claimtrail::model::{
    AppearanceDetails, AppearanceFields, AppearanceKind, ClaimFields, ClaimInfo, ClaimQuery,
    PersonInfo, ReanchorResult,
};
use claimtrail::store::Store;
use claimtrail::{articles, persons, suggestions};

#[derive(Subcommand)]
pub enum ClaimCommand {
    /// Mark a quote of an article as a new claim.
    Add {
        /// The article the quote is in (its current revision).
        #[arg(long, value_name = "ID")]
        article: String,
        /// The words as they stand in the article; quote marks, dashes,
        /// spacing and case may differ. The first occurrence is used.
        #[arg(long, value_name = "EXACT")]
        quote: String,
        /// Which occurrence to mark when the quote appears more than once
        /// (1 is the first).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        occurrence: Option<u32>,
        /// Mark it as another appearance of this claim (where another
        /// outlet carried it) instead of making a new claim.
        #[arg(long, value_name = "CLAIM_ID", conflicts_with_all = ["claimant", "statement"])]
        to: Option<String>,
        /// Who makes the claim: a known name or alias, or a new person
        /// (default: the speaker the text names, if any).
        #[arg(long, value_name = "NAME")]
        claimant: Option<String>,
        /// The team's wording of the claim (default: the quote).
        #[arg(long, value_name = "TEXT")]
        statement: Option<String>,
        #[arg(long, value_enum, default_value = "direct_quote", value_name = "K")]
        kind: KindArg,
        /// When it was said: 2025-12-14, 2025-12-14T18:30:00 or with an
        /// offset (default: the day the text gives, else the article's
        /// published time).
        #[arg(long, value_name = "TIME")]
        stated_at: Option<String>,
        /// Where it was said (default: as the text says, e.g. "WhatsApp
        /// chat with reporters").
        #[arg(long, value_name = "TEXT")]
        venue: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one claim with its appearances.
    Show {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a claim and its appearances (recorded in the audit log).
    Delete { claim_id: String },
}

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add a person, with other names they go by.
    Add {
        name: String,
        /// Another spelling or description; repeat for more.
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add another name for a person (given by id, name or alias).
    Alias { person: String, alias: String },
    /// Merge FROM into INTO: claims and appearances follow, names become aliases.
    Merge { from: String, into: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    #[value(name = "direct_quote", alias = "direct-quote", alias = "quote")]
    DirectQuote,
    Paraphrase,
    Headline,
    Summary,
}

impl From<KindArg> for AppearanceKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::DirectQuote => AppearanceKind::DirectQuote,
            KindArg::Paraphrase => AppearanceKind::Paraphrase,
            KindArg::Headline => AppearanceKind::Headline,
            KindArg::Summary => AppearanceKind::Summary,
        }
    }
}

pub async fn claim(store: &Store, command: ClaimCommand) -> anyhow::Result<()> {
    match command {
        ClaimCommand::Add {
            article,
            quote,
            occurrence,
            to,
            claimant,
            statement,
            kind,
            stated_at,
            venue,
            json,
        } => {
            let detail = articles::show(store, &article, None)
                .await
                .with_context(|| format!("reading article {article}"))?;
            let spans = claims::find_quote_spans(&detail.body, &quote);
            let (start, end) = match (spans.as_slice(), occurrence) {
                ([], _) => {
                    return Err(anyhow!(
                        "the quote “{}” is not in article {article} (revision {}). Copy the words from `claimtrail show {article}`.",
                        quote.trim(),
                        detail.shown_revision
                    ))
                }
                ([one], None | Some(1)) => *one,
                (several, None) => {
                    return Err(anyhow!(
                        "the quote “{}” appears {} times in article {article}; say which with --occurrence N (1 is the first), or quote more words.",
                        quote.trim(),
                        several.len()
                    ))
                }
                (all, Some(n)) => *all.get(n as usize - 1).ok_or_else(|| {
                    anyhow!(
                        "the quote appears {} times in article {article}; --occurrence {n} is past the last.",
                        all.len()
                    )
                })?,
            };
            // What is not given comes from the text, as the app's Mark-claim
            // popover suggests it: speaker, stated time, venue, chain.
            let hints = suggestions::hints(store, &article, start as u32, end as u32).await?;
            let speaker = hints.speaker.clone();
            let appearance = AppearanceFields {
                article_id: article,
                revision: Some(detail.shown_revision),
                start: start as u32,
                end: end as u32,
                details: AppearanceDetails {
                    kind: kind.into(),
                    speaker: hints.speaker,
                    stated_at: stated_at.or(hints.stated_at),
                    venue: venue.or(hints.venue),
                    attribution: hints.attribution,
                },
            };
            let claim = match to {
                Some(claim_id) => claims::add_appearance(store, &claim_id, &appearance).await?,
                None => {
                    let statement =
                        statement.unwrap_or_else(|| claims::bare_quote(&quote).to_owned());
                    claims::create(
                        store,
                        &ClaimFields {
                            statement,
                            claimant: claimant.or(speaker),
                            ..ClaimFields::default()
                        },
                        Some(&appearance),
                    )
                    .await?
                }
            };
            if json {
                super::print_json(&claim)
            } else {
                print_claim(&claim);
                Ok(())
            }
        }
        ClaimCommand::Show { claim_id, json } => {
            let claim = claims::get(store, &claim_id).await?;
            if json {
                super::print_json(&claim)
            } else {
                print_claim(&claim);
                Ok(())
            }
        }
        ClaimCommand::Delete { claim_id } => {
            claims::delete(store, &claim_id).await?;
            println!("deleted claim {claim_id}");
            Ok(())
        }
    }
}

pub async fn list_claims(store: &Store, article: Option<String>, json: bool) -> anyhow::Result<()> {
    let list = claims::list(
        store,
        &ClaimQuery {
            article_id: article,
            ..ClaimQuery::default()
        },
    )
    .await?;
    if json {
        return super::print_json(&list);
    }
    if list.is_empty() {
        println!("No claims yet. Mark one with `claimtrail claim add --article ID --quote TEXT`.");
    }
    for claim in &list {
        print_claim(claim);
    }
    Ok(())
}

fn print_claim(claim: &ClaimInfo) {
    println!(
        "{}  {}{}",
        claim.id,
        claim
            .claimant
            .as_deref()
            .map(|c| format!("{c}: "))
            .unwrap_or_default(),
        claim.statement
    );
    for a in &claim.appearances {
        println!(
            "    {}  {} r{} [{}..{}] {}  “{}”",
            a.id,
            a.article_id,
            a.revision,
            a.start,
            a.end,
            a.anchor.as_str(),
            a.exact
        );
    }
}

pub async fn reanchor(store: &Store, article_id: &str, json: bool) -> anyhow::Result<()> {
    let results = claims::reanchor_article(store, article_id).await?;
    if json {
        return super::print_json(&results);
    }
    if results.is_empty() {
        println!("Article {article_id} has no claims marked.");
    }
    for r in &results {
        print_result(r);
    }
    Ok(())
}

fn print_result(r: &ReanchorResult) {
    let place = match &r.candidate {
        Some(c) => format!(
            "candidate r{} [{}..{}] “{}”",
            c.revision, c.start, c.end, c.exact
        ),
        None => format!("r{} [{}..{}]", r.revision, r.start, r.end),
    };
    println!(
        "{}  {:<12} {:.2}  {}",
        r.appearance_id,
        r.anchor.as_str(),
        r.confidence,
        place
    );
}

/// Deciding one candidate of `reappearances`.
#[derive(clap::Subcommand, Debug)]
pub enum ReappearanceCommand {
    /// Make it an appearance of its claim (speaker, time and chain from its article).
    Accept {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Not the same statement: never offered again for these words of this article.
    Dismiss { id: String },
}

pub async fn reappearances(
    store: &Store,
    what: Option<ReappearanceCommand>,
    article: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    use claimtrail::reappearances;
    match what {
        Some(ReappearanceCommand::Accept { id, json }) => {
            let claim = reappearances::accept(store, &id)
                .await
                .with_context(|| format!("accepting reappearance {id}"))?;
            if json {
                return super::print_json(&claim);
            }
            println!(
                "added to claim {} ({} appearances): {}",
                claim.id,
                claim.appearances.len(),
                claim.statement
            );
            Ok(())
        }
        Some(ReappearanceCommand::Dismiss { id }) => {
            reappearances::dismiss(store, &id)
                .await
                .with_context(|| format!("dismissing reappearance {id}"))?;
            println!("dismissed {id}: it will not be offered again");
            Ok(())
        }
        None => {
            if let Some(id) = article {
                claimtrail::articles::show(store, id, None)
                    .await
                    .with_context(|| format!("reading article {id}"))?;
            }
            let list = reappearances::list(store, article).await?;
            if json {
                return super::print_json(&list);
            }
            if list.is_empty() {
                println!("No tracked claim waits to be confirmed in an imported article.");
            }
            for r in &list {
                println!("{}  claim {}: {}", r.id, r.claim.id, r.claim.statement);
                trail::print_hit(&r.hit);
            }
            Ok(())
        }
    }
}

pub async fn suggest(store: &Store, article_id: &str, json: bool) -> anyhow::Result<()> {
    let list = suggestions::for_article(store, article_id).await?;
    if json {
        return super::print_json(&list);
    }
    if list.is_empty() {
        println!("No suggested claims in article {article_id}.");
    }
    for s in &list {
        let who = [s.speaker.as_deref(), s.relay.as_deref()]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" via ");
        println!(
            "{:.2}  [{}..{}]  {}{}",
            s.score,
            s.start,
            s.end,
            if who.is_empty() {
                String::new()
            } else {
                format!("{who}: ")
            },
            s.exact
        );
    }
    Ok(())
}

pub async fn person(store: &Store, command: PersonCommand) -> anyhow::Result<()> {
    let person = match command {
        PersonCommand::Add {
            name,
            aliases,
            json,
        } => {
            let person = persons::create(store, &name, &aliases).await?;
            if json {
                return super::print_json(&person);
            }
            person
        }
        PersonCommand::Alias { person, alias } => {
            let id = person_id(store, &person).await?;
            persons::add_alias(store, &id, &alias).await?
        }
        PersonCommand::Merge { from, into } => {
            let from = person_id(store, &from).await?;
            let into = person_id(store, &into).await?;
            persons::merge(store, &from, &into).await?
        }
    };
    print_person(&person);
    Ok(())
}

/// A person given by id, name or alias.
async fn person_id(store: &Store, given: &str) -> anyhow::Result<String> {
    if let Ok(p) = persons::get(store, given).await {
        return Ok(p.id);
    }
    let mut conn = store.pool().acquire().await?;
    match persons::matches(&mut conn, given).await?.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(anyhow!(
            "no person is called “{given}”; `claimtrail persons` lists them"
        )),
        several => Err(anyhow!(
            "several persons could be “{given}” ({}); give an id from `claimtrail persons`",
            several.join(", ")
        )),
    }
}

pub async fn list_persons(store: &Store, json: bool) -> anyhow::Result<()> {
    let list = persons::list(store).await?;
    if json {
        return super::print_json(&list);
    }
    for p in &list {
        print_person(p);
    }
    Ok(())
}

fn print_person(p: &PersonInfo) {
    let aliases = if p.aliases.is_empty() {
        String::new()
    } else {
        format!("  (also: {})", p.aliases.join(", "))
    };
    let claims = match p.claims {
        1 => "1 claim".to_owned(),
        n => format!("{n} claims"),
    };
    println!("{}  {}{}  — {claims}", p.id, p.name, aliases);
}
