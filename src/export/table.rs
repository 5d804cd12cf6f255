//! CSV (RFC 4180, UTF-8): one row per appearance, through the csv crate.

use super::when::Zone;
use super::{ExportDocument, ExportOptions};
use crate::store::{Result, StoreError};

/// The columns, in order; a public contract like the JSON fields.
pub const COLUMNS: [&str; 16] = [
    "claim_id",
    "claim",
    "claimant",
    "condition",
    "stated_at",
    "published_at",
    "outlet",
    "attribution",
    "kind",
    "quote",
    "verdict",
    "review_state",
    "url",
    "article_title",
    "article_id",
    "appearance_id",
];

/// A cell as a spreadsheet should show it: text that Excel, LibreOffice or
/// Google Sheets would run as a formula (starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading apostrophe, which they hide.
pub(crate) fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The rows in the order the appearances happened; `verdict` holds a verdict
/// not approved yet only when the options mark them (`review_state` says
/// which it is either way); times and quotes are as stored, for scripts.
pub fn appearances_csv(document: &ExportDocument, options: &ExportOptions) -> Result<Vec<u8>> {
    let zone = Zone::parse(options.zone.as_deref())?;
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| StoreError::invalid(format!("The CSV could not be written: {e}"));
    writer.write_record(COLUMNS).map_err(fail)?;
    // One timeline: every appearance by its time, across claims.
    let mut rows: Vec<(&super::ExportClaim, &super::ExportAppearance)> = document
        .claims
        .iter()
        .flat_map(|c| c.appearances.iter().map(move |a| (c, a)))
        .collect();
    rows.sort_by_key(|(_, a)| a.when().map(|w| w.order(&zone)).unwrap_or(i64::MAX));
    for (claim, a) in rows {
        let kind = serde_json::to_value(a.kind)?;
        let state = serde_json::to_value(claim.review_state)?;
        let chain = a.chain();
        let verdict = claim
            .shown_verdict(options.unapproved)
            .map(|(v, _)| v.rating_label.as_str())
            .unwrap_or("");
        let record = [
            claim.id.as_str(),
            claim.statement.as_str(),
            claim.claimant.as_deref().unwrap_or(""),
            claim.condition.as_deref().unwrap_or(""),
            a.stated_at.as_deref().unwrap_or(""),
            a.published_at.as_deref().unwrap_or(""),
            a.outlet.as_deref().unwrap_or(""),
            chain.as_str(),
            kind.as_str().unwrap_or(""),
            a.exact.as_str(),
            verdict,
            state.as_str().unwrap_or(""),
            a.url.as_deref().unwrap_or(""),
            a.article_title.as_str(),
            a.article_id.as_str(),
            a.id.as_str(),
        ];
        writer
            .write_record(record.iter().map(|c| cell(c).into_owned()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| StoreError::invalid(format!("The CSV could not be written: {e}")))
}
