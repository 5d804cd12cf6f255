//! TimelineJS: its JSON (`title`, `events` with `start_date` incl. `year`,
//! `text.headline`/`text.text`, `group`, a stable `unique_id`) and the
//! column layout of its Google Sheets template. TimelineJS renders `text`
//! as HTML, so every piece of imported or typed text is escaped.
//!
//! What a reader of the published timeline must see right: events in the
//! order they happened (placed on the desk's clock, since TimelineJS has no
//! offsets, with the source's own time in the slide), a day as a day, a
//! headline that says what was claimed, each quote in one pair of quote
//! marks, and no verdict that is still only proposed unless asked for,
//! then marked.

use serde::Serialize;

use super::when::{Placed, When, Zone};
use super::{
    html_link, same_words, short, ExportAppearance, ExportClaim, ExportDocument, ExportOptions,
};
use crate::claims::bare_quote;
use crate::store::{Result, StoreError};

/// What puts events on one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Group {
    #[default]
    Claimant,
    Outlet,
    /// One row per claim (its short statement).
    Claim,
}

#[derive(Debug, Serialize)]
pub struct Timeline {
    pub title: Slide,
    pub events: Vec<Event>,
}

#[derive(Debug, Serialize)]
pub struct Slide {
    pub text: Text,
}

#[derive(Debug, Serialize)]
pub struct Text {
    pub headline: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Event {
    pub start_date: Date,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub unique_id: String,
    /// The article (TimelineJS ignores it; the slide links it in its text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Where TimelineJS places an event: the desk's clock, or a day alone.
#[derive(Debug, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minute: Option<u32>,
    /// The time as the source gave it: "15 Dec 2025, 02:37 (UTC+05:30)".
    pub display_date: String,
}

#[derive(Debug, Serialize)]
pub struct Source {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// Longest headline, in chars: what a marker and a slide title hold.
const HEADLINE: usize = 90;

/// One event per dated appearance, in the order they happened; undated
/// ones cannot be placed and are left out (TimelineJS needs a year; the
/// export says so).
pub fn timeline(document: &ExportDocument, options: &ExportOptions) -> Result<Timeline> {
    let zone = Zone::parse(options.zone.as_deref())?;
    let mut dated: Vec<(&ExportClaim, &ExportAppearance, When)> = document
        .claims
        .iter()
        .flat_map(|claim| claim.appearances.iter().map(move |a| (claim, a)))
        .filter_map(|(claim, a)| Some((claim, a, a.when()?)))
        .collect();
    dated.sort_by(|x, y| {
        x.2.order(&zone)
            .cmp(&y.2.order(&zone))
            .then_with(|| x.1.id.cmp(&y.1.id))
    });
    // One claim's timeline would repeat its statement on every slide: its
    // events are told apart by what each outlet quoted.
    let one_claim = dated
        .first()
        .is_some_and(|(first, ..)| dated.iter().all(|(c, ..)| c.id == first.id));
    let events = dated
        .into_iter()
        .map(|(claim, a, when)| event(claim, a, when, one_claim, &zone, options))
        .collect();
    let count = document.claims.len();
    Ok(Timeline {
        title: Slide {
            text: Text {
                headline: html(&document.title),
                text: html(&format!(
                    "{count} {}, exported from Claimtrail on {}. Times are placed in {} and shown as each source gave them.",
                    if count == 1 { "claim" } else { "claims" },
                    document.exported_at.get(..10).unwrap_or(""),
                    zone.name(),
                )),
            },
        },
        events,
    })
}

fn event(
    claim: &ExportClaim,
    a: &ExportAppearance,
    when: When,
    one_claim: bool,
    zone: &Zone,
    options: &ExportOptions,
) -> Event {
    let quote = bare_quote(&a.exact);
    let statement = short(&claim.statement, HEADLINE);
    // The headline already says the whole claim unless it was cut.
    let headline_says_it = !one_claim && statement == claim.statement;
    let headline = if one_claim {
        short(quote, HEADLINE)
    } else {
        statement
    };
    let source = a.source_name();
    let speaker = a.speaker.as_deref().or(claim.claimant.as_deref());
    let mut text = format!("<p>“{}”</p>", html(quote));
    // Who said it and who carried it: the chain when there is one.
    let chain = a.chain();
    let said = match (speaker, chain.is_empty(), &source) {
        (_, false, _) => Some(chain),
        (Some(s), true, Some(o)) => Some(format!("{s}, in {o}")),
        (Some(s), true, None) => Some(s.to_owned()),
        (None, true, Some(o)) => Some(o.clone()),
        (None, true, None) => None,
    };
    if let Some(said) = said {
        text.push_str(&format!("<p>— {}</p>", html(&said)));
    }
    // The slide's date is the source's own time; where the desk's clock
    // read otherwise (and the marker stands), it says so.
    if let Some(desk) = when.on_desk(zone) {
        text.push_str(&format!("<p>That is {}.</p>", html(&desk)));
    }
    if !same_words(&claim.statement, quote) && !headline_says_it {
        text.push_str(&format!("<p>Claim: {}</p>", html(&claim.statement)));
    }
    match claim.shown_verdict(options.unapproved) {
        Some((v, true)) => text.push_str(&format!(
            "<p>Verdict: <strong>{}</strong></p>",
            html(&v.rating_label)
        )),
        Some((v, false)) => text.push_str(&format!(
            "<p>Proposed verdict, <em>not approved yet</em>: {}</p>",
            html(&v.rating_label)
        )),
        None => {}
    }
    text.push_str(&format!(
        "<p>{}</p>",
        html_link(a.url.as_deref(), &a.article_title)
    ));
    let placed = when.placed(zone);
    let date = placed.date();
    let time = match placed {
        Placed::At(t) => Some(t.time()),
        Placed::Day(_) => None,
    };
    use chrono::{Datelike, Timelike};
    Event {
        start_date: Date {
            year: date.year(),
            month: date.month(),
            day: date.day(),
            hour: time.map(|t| t.hour()),
            minute: time.map(|t| t.minute()),
            display_date: when.source(),
        },
        text: Text {
            headline: html(&headline),
            text,
        },
        // TimelineJS reads a group as plain text (it strips markup, which
        // decodes `&lt;` back to `<`) and then inserts it as HTML: escaped
        // twice, it comes out as the text it is.
        group: match options.group {
            Group::Claimant => claim.claimant.clone(),
            Group::Outlet => source.clone(),
            Group::Claim => Some(short(&claim.statement, 60)),
        }
        .map(|g| html(&html(&g))),
        unique_id: format!("ct-{}", a.id),
        source: Some(Source {
            url: a
                .url
                .as_deref()
                .and_then(super::web_address)
                .map(String::from),
            title: a.article_title.clone(),
            outlet: source,
        }),
    }
}

/// The TimelineJS Google Sheets template's columns, a title row, then one
/// row per event.
pub const SHEET_COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

pub fn sheet(document: &ExportDocument, options: &ExportOptions) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| StoreError::invalid(format!("The CSV could not be written: {e}"));
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(SHEET_COLUMNS).map_err(fail)?;
    let t = timeline(document, options)?;
    let mut title = vec![String::new(); SHEET_COLUMNS.len()];
    title[9] = t.title.text.headline.clone();
    title[10] = t.title.text.text.clone();
    title[15] = "title".to_owned();
    writer
        .write_record(title.iter().map(|c| super::table::cell(c).into_owned()))
        .map_err(fail)?;
    for e in &t.events {
        let d = &e.start_date;
        let time = match (d.hour, d.minute) {
            (Some(h), Some(m)) => format!("{h:02}:{m:02}"),
            _ => String::new(),
        };
        let record = [
            d.year.to_string(),
            d.month.to_string(),
            d.day.to_string(),
            time,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            d.display_date.clone(),
            e.text.headline.clone(),
            e.text.text.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            e.group.clone().unwrap_or_default(),
            String::new(),
        ];
        writer
            .write_record(record.iter().map(|c| super::table::cell(c).into_owned()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| StoreError::invalid(format!("The CSV could not be written: {e}")))
}

/// Text as HTML that shows it literally.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
