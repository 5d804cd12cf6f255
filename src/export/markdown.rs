//! Markdown: a heading per claim with its verdict, then its appearances in
//! time order. Text from articles is escaped so it cannot become markup.

use super::{ExportClaim, ExportDocument};

pub fn render(document: &ExportDocument) -> String {
    let mut out = format!("# {}\n\n", escape(&document.title));
    if document.claims.is_empty() {
        out.push_str("No claims.\n");
    }
    for claim in &document.claims {
        claim_section(&mut out, claim);
    }
    out
}

fn claim_section(out: &mut String, claim: &ExportClaim) {
    let by = claim
        .claimant
        .as_deref()
        .map(|c| format!("{}: ", escape(c)))
        .unwrap_or_default();
    out.push_str(&format!("## {by}{}\n\n", escape(&claim.statement)));
    if let Some(condition) = &claim.condition {
        out.push_str(&format!("*Condition:* {}\n\n", escape(condition)));
    }
    match &claim.verdict {
        Some(v) => {
            let approved = match &v.approved_by {
                Some(by) => format!(", approved by {}", escape(&by.name)),
                None => " (not approved yet)".to_owned(),
            };
            out.push_str(&format!(
                "**Verdict: {}** — proposed by {}{approved}\n\n",
                v.rating_label,
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
    for a in &claim.appearances {
        let when = a.time().unwrap_or("undated");
        let outlet = a.outlet.as_deref().unwrap_or("unknown outlet");
        let title = match &a.url {
            Some(url) => format!(
                "[{}](<{}>)",
                escape(&a.article_title),
                url.replace('>', "%3E")
            ),
            None => escape(&a.article_title),
        };
        out.push_str(&format!(
            "- {when} — {} — {title}: “{}” ({})\n",
            escape(outlet),
            escape(&a.exact),
            escape(&a.chain())
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
