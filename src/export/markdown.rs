//! Markdown: a heading per claim with its verdict, then its appearances in
//! time order, each time as its source gave it. Text from articles is
//! escaped so it cannot become markup.

use super::when::{When, Zone};
use super::{ExportClaim, ExportDocument, ExportOptions};
use crate::claims::bare_quote;
use crate::store::Result;

pub fn render(document: &ExportDocument, options: &ExportOptions) -> Result<String> {
    let zone = Zone::parse(options.zone.as_deref())?;
    let mut out = format!("# {}\n\n", escape(&document.title));
    if document.claims.is_empty() {
        out.push_str("No claims.\n");
    }
    for claim in &document.claims {
        claim_section(&mut out, claim, options, &zone);
    }
    Ok(out)
}

fn claim_section(out: &mut String, claim: &ExportClaim, options: &ExportOptions, zone: &Zone) {
    let by = claim
        .claimant
        .as_deref()
        .map(|c| format!("{}: ", escape(c)))
        .unwrap_or_default();
    out.push_str(&format!("## {by}{}\n\n", escape(&claim.statement)));
    if let Some(condition) = &claim.condition {
        out.push_str(&format!("*Condition:* {}\n\n", escape(condition)));
    }
    match claim.shown_verdict(options.unapproved) {
        Some((v, approved)) => {
            let approved = match (&v.approved_by, approved) {
                (Some(by), true) => format!(", approved by {}", escape(&by.name)),
                _ => " (proposed, not approved yet)".to_owned(),
            };
            out.push_str(&format!(
                "**Verdict: {}** — proposed by {}{approved}\n\n",
                escape(&v.rating_label),
                escape(&v.proposed_by.name)
            ));
            let quoted: Vec<String> = v
                .rationale
                .split("\n\n")
                .map(|p| format!("> {}", escape(p.trim())))
                .collect();
            out.push_str(&quoted.join("\n>\n"));
            out.push_str("\n\n");
        }
        None if claim.verdict.is_some() => out.push_str("*No approved verdict yet.*\n\n"),
        None => out.push_str("*No verdict yet.*\n\n"),
    }
    for e in &claim.evidence {
        let what = e
            .url
            .as_deref()
            .or(e.path.as_deref())
            .or(e.title.as_deref())
            .or(e.note.as_deref())
            .unwrap_or("");
        out.push_str(&format!("- Evidence: {}\n", escape(what)));
    }
    if !claim.evidence.is_empty() {
        out.push('\n');
    }
    let mut appearances: Vec<_> = claim.appearances.iter().collect();
    appearances.sort_by_key(|a| a.when().map(|w| w.order(zone)).unwrap_or(i64::MAX));
    for a in appearances {
        let when = a
            .when()
            .map(When::source)
            .unwrap_or_else(|| "undated".to_owned());
        let title = match a.url.as_deref().and_then(super::web_address) {
            Some(url) => format!(
                "[{}](<{}>)",
                escape(&a.article_title),
                url.as_str().replace('>', "%3E")
            ),
            None => escape(&a.article_title),
        };
        let mut parts = vec![escape(&when)];
        parts.extend(a.source_name().map(|s| escape(&s)));
        parts.push(title);
        let chain = a.chain();
        let chain = if chain.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&chain))
        };
        out.push_str(&format!(
            "- {}: “{}”{chain}\n",
            parts.join(" — "),
            escape(bare_quote(&a.exact))
        ));
    }
    out.push('\n');
}

/// Backslash-escapes the characters Markdown would read as markup, and
/// breaks what would start an HTML tag.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}
