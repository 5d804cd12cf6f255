//! TimelineJS: its JSON (`title`, `events` with `start_date` incl. `year`,
//! `text.headline`/`text.text`, `group`, a stable `unique_id`, `media`)
//! and the column layout of its Google Sheets template. TimelineJS renders
//! `text` as HTML, so every piece of imported or typed text is escaped.

use serde::Serialize;

use super::{date_parts, verdict_label, ExportAppearance, ExportClaim, ExportDocument};
use crate::store::{Result, StoreError};

/// What puts events on one row of the timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Group {
    #[default]
    Claimant,
    Outlet,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
}

#[derive(Debug, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minute: Option<u32>,
    /// The time as the source wrote it, offset included.
    pub display_date: String,
}

#[derive(Debug, Serialize)]
pub struct Media {
    pub url: String,
    pub caption: String,
    pub credit: String,
}

/// One event per dated appearance; undated ones cannot be placed and are
/// left out (TimelineJS needs a year).
pub fn timeline(document: &ExportDocument, group: Group) -> Timeline {
    let events = document
        .claims
        .iter()
        .flat_map(|claim| claim.appearances.iter().map(move |a| (claim, a)))
        .filter_map(|(claim, a)| event(claim, a, group))
        .collect();
    Timeline {
        title: Slide {
            text: Text {
                headline: html(&document.title),
                text: html(&format!(
                    "{} {}, exported from Claimtrail on {}",
                    document.claims.len(),
                    if document.claims.len() == 1 {
                        "claim"
                    } else {
                        "claims"
                    },
                    document.exported_at.get(..10).unwrap_or("")
                )),
            },
        },
        events,
    }
}

fn event(claim: &ExportClaim, a: &ExportAppearance, group: Group) -> Option<Event> {
    let when = a.time()?;
    let (year, month, day, time) = date_parts(when)?;
    let verdict = verdict_label(claim);
    let mut text = format!("<p>“{}”</p>", html(&a.exact));
    let chain = a.chain();
    if !chain.is_empty() {
        text.push_str(&format!("<p>{}</p>", html(&chain)));
    }
    text.push_str(&format!("<p>Claim: {}</p>", html(&claim.statement)));
    if !verdict.is_empty() {
        text.push_str(&format!(
            "<p>Verdict: <strong>{}</strong></p>",
            html(&verdict)
        ));
    }
    let speaker = a.speaker.as_deref().or(claim.claimant.as_deref());
    let headline = match (speaker, &a.outlet) {
        (Some(s), Some(o)) => format!("{s} in {o}"),
        (Some(s), None) => s.to_owned(),
        (None, Some(o)) => o.clone(),
        (None, None) => a.article_title.clone(),
    };
    Some(Event {
        start_date: Date {
            year,
            month,
            day,
            hour: time.map(|(h, _)| h),
            minute: time.map(|(_, m)| m),
            display_date: when.to_owned(),
        },
        text: Text {
            headline: html(&headline),
            text,
        },
        group: match group {
            Group::Claimant => claim.claimant.clone(),
            Group::Outlet => a.outlet.clone(),
        }
        .map(|g| html(&g)),
        unique_id: format!("ct-{}", a.id),
        media: a.url.as_ref().map(|url| Media {
            url: url.clone(),
            caption: html(&a.article_title),
            credit: html(a.outlet.as_deref().unwrap_or("")),
        }),
    })
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

pub fn sheet(document: &ExportDocument, group: Group, bom: bool) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| StoreError::invalid(format!("The CSV could not be written: {e}"));
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(SHEET_COLUMNS).map_err(fail)?;
    let t = timeline(document, group);
    let mut title = vec![String::new(); SHEET_COLUMNS.len()];
    title[9] = t.title.text.headline.clone();
    title[10] = t.title.text.text.clone();
    title[15] = "title".to_owned();
    writer.write_record(&title).map_err(fail)?;
    for e in &t.events {
        let d = &e.start_date;
        let time = match (d.hour, d.minute) {
            (Some(h), Some(m)) => format!("{h:02}:{m:02}"),
            _ => String::new(),
        };
        let media = e.media.as_ref();
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
            media.map(|m| m.url.clone()).unwrap_or_default(),
            media.map(|m| m.credit.clone()).unwrap_or_default(),
            media.map(|m| m.caption.clone()).unwrap_or_default(),
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
