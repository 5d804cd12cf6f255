//! `claimtrail article set`: correcting what extraction got wrong in an
//! article's metadata.

use clap::Subcommand;

use claimtrail::corrections;
use claimtrail::model::MetadataCorrection;
use claimtrail::store::Store;

#[derive(Subcommand)]
pub enum ArticleCommand {
    /// Correct an article's title, byline, published time, dateline or
    /// outlet. The correction holds for every revision, also those
    /// imported later, and can be undone. An empty value ("") says the
    /// article has none (byline, dateline, published time).
    Set {
        article_id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        byline: Option<String>,
        /// A date (2025-12-16), a time with its offset
        /// (2025-12-16T09:15:00+02:00) or without one (2025-12-16T09:15:00).
        #[arg(long, value_name = "TIME")]
        published: Option<String>,
        #[arg(long)]
        dateline: Option<String>,
        #[arg(long)]
        outlet: Option<String>,
        /// Take a field back to what was extracted: title, byline,
        /// published_at, dateline or outlet (repeatable).
        #[arg(long, value_name = "FIELD")]
        reset: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(store: &Store, command: ArticleCommand) -> anyhow::Result<()> {
    let ArticleCommand::Set {
        article_id,
        title,
        byline,
        published,
        dateline,
        outlet,
        reset,
        json,
    } = command;
    let correction = MetadataCorrection {
        title,
        byline,
        published_at: published,
        dateline,
        outlet,
        reset,
    };
    if correction == MetadataCorrection::default() {
        anyhow::bail!(
            "Nothing to correct: give --title, --byline, --published, --dateline, --outlet or --reset."
        );
    }
    let article = corrections::correct(store, &article_id, &correction).await?;
    if json {
        return crate::print_json(&article);
    }
    println!("{}", article.title);
    let show = |label: &str, value: Option<&str>| {
        println!("  {label:<10} {}", value.unwrap_or("-"));
    };
    show("outlet", article.outlet.as_deref());
    show("byline", article.byline.as_deref());
    show("published", article.published_at.as_deref());
    show("dateline", article.dateline.as_deref());
    if !article.corrected.is_empty() {
        println!("  corrected: {}", article.corrected.join(", "));
    }
    Ok(())
}
