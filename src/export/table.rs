//! CSV (RFC 4180, UTF-8): one row per appearance, through the csv crate.

use super::{verdict_label, ExportDocument};
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

pub fn appearances_csv(document: &ExportDocument, bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
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
    rows.sort_by_key(|(_, a)| {
        a.time()
            .and_then(|t| crate::claims::stated_sort_key(t).ok())
            .unwrap_or(i64::MAX)
    });
    for (claim, a) in rows {
        let kind = serde_json::to_value(a.kind)?;
        let state = serde_json::to_value(claim.review_state)?;
        let (chain, verdict) = (a.chain(), verdict_label(claim));
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
            verdict.as_str(),
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
