//! A self-contained HTML report: inline CSS, no scripts, no fonts or images
//! to fetch, so it opens offline and prints cleanly. It holds the timeline
//! as a chart (a row per claim, its label cut by the browser where it ends,
//! a point per dated appearance placed on the desk's clock, a label for
//! each day or few), each claim's verdict with rationale and evidence, and
//! every appearance with its time as the source gave it and its
//! attribution chain. All text is escaped; the only addresses are links to
//! the sources.

use chrono::NaiveTime;

use super::timelinejs::html;
use super::when::{axis_days, Placed, When, Zone};
use super::{html_link, ExportAppearance, ExportClaim, ExportDocument, ExportOptions};
use crate::claims::bare_quote;
use crate::store::Result;

const STYLE: &str = r#"
:root { --ink: #1d232b; --muted: #5b6470; --line: #d6dbe1; --paper: #ffffff; --accent: #3b6ea5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
.meta, .muted { color: var(--muted); font-size: .85rem; }
figure { margin: 0 0 2rem; }
figcaption { color: var(--muted); font-size: .8rem; margin-top: .25rem; }
.chart-row { display: grid; grid-template-columns: 15rem minmax(0, 1fr); column-gap: 12px; align-items: center; height: 26px; }
.chart-label { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 13px; }
.chart-track { position: relative; height: 100%; margin: 0 8px; }
.chart-track::before { content: ""; position: absolute; left: -8px; right: -8px; top: 50%; border-top: 1px solid #e6e9ed; }
.dot { position: absolute; top: 50%; width: 11px; height: 11px; margin: -5.5px 0 0 -5.5px; border: 2px solid var(--accent);
  border-radius: 50%; background: var(--paper); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.dot.first { background: var(--accent); }
.dot.day { border-radius: 2px; border-style: dashed; }
.chart-axis { height: 24px; align-items: start; }
.chart-axis .chart-track { margin-top: 2px; }
.chart-axis .chart-track::before { top: 0; border-top-color: var(--line); }
.tick { position: absolute; top: 0; height: 100%; padding: 3px 0 0 4px; border-left: 1px solid var(--line);
  color: var(--muted); font-size: 12px; white-space: nowrap; }
.legend { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; }
.legend .dot { position: static; margin: 0; display: inline-block; }
article.claim { border-top: 1px solid var(--line); padding: 1.25rem 0; break-inside: avoid-page; }
article.claim h2 { font-size: 1.2rem; margin: 0 0 .25rem; }
.claimant { font-weight: 600; }
.verdict { border-left: 4px solid var(--line); padding: .5rem .9rem; margin: .75rem 0; background: #f6f7f9; }
.verdict .rating { font-weight: 700; padding: .05rem .45rem; border-radius: 3px; color: #fff; background: var(--muted); }
.rating.true { background: #2e7d4f; } .rating.mostly_true { background: #5f9b4a; } .rating.mixed { background: #b07d1f; }
.rating.misleading { background: #b5523b; } .rating.mostly_false { background: #c0462f; } .rating.false { background: #a8281f; }
.verdict p { margin: .4rem 0; }
ul.evidence { margin: .25rem 0 .75rem; padding-left: 1.2rem; font-size: .9rem; }
ol.appearances { list-style: none; padding: 0; margin: .5rem 0 0; }
ol.appearances li { padding: .45rem 0; border-bottom: 1px dotted var(--line); }
blockquote { margin: .2rem 0; font-family: Georgia, "Times New Roman", serif; font-size: 1rem; }
.chain { font-size: .85rem; color: var(--muted); }
a { color: var(--accent); word-break: break-all; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: var(--muted); }
  .verdict { background: none; }
}
"#;

pub fn render(document: &ExportDocument, options: &ExportOptions) -> Result<String> {
    let zone = Zone::parse(options.zone.as_deref())?;
    let mut out = String::with_capacity(16_384);
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // A report may be opened by anyone: nothing in it may load or run.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        html(&document.title)
    ));
    let by = document
        .organisation
        .name
        .as_deref()
        .map(|n| format!(" by {}", html(n)))
        .unwrap_or_default();
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} {}, exported from Claimtrail{by} on {}</p>\n</header>\n",
        html(&document.title),
        document.claims.len(),
        if document.claims.len() == 1 { "claim" } else { "claims" },
        html(document.exported_at.get(..10).unwrap_or(""))
    ));
    out.push_str(&chart(document, &zone));
    out.push_str("<main>\n");
    for claim in &document.claims {
        claim_section(&mut out, claim, options);
    }
    if document.claims.is_empty() {
        out.push_str("<p class=\"muted\">No claims.</p>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(out)
}

fn claim_section(out: &mut String, claim: &ExportClaim, options: &ExportOptions) {
    out.push_str(&format!(
        "<article class=\"claim\" id=\"claim-{}\">\n",
        html(&claim.id)
    ));
    out.push_str(&format!("<h2>{}</h2>\n", html(&claim.statement)));
    if let Some(claimant) = &claim.claimant {
        out.push_str(&format!(
            "<p><span class=\"claimant\">{}</span></p>\n",
            html(claimant)
        ));
    }
    if let Some(condition) = &claim.condition {
        out.push_str(&format!(
            "<p class=\"muted\">Condition: {}</p>\n",
            html(condition)
        ));
    }
    match claim.shown_verdict(options.unapproved) {
        Some((v, approved)) => {
            let rating = serde_json::to_value(v.rating)
                .ok()
                .and_then(|r| r.as_str().map(str::to_owned))
                .unwrap_or_default();
            out.push_str(&format!(
                "<section class=\"verdict\">\n<p><span class=\"rating {}\">{}</span>{}</p>\n",
                html(&rating),
                html(&v.rating_label),
                if approved {
                    ""
                } else {
                    " <strong>Proposed, not approved yet</strong>"
                }
            ));
            for paragraph in v.rationale.split("\n\n").filter(|p| !p.trim().is_empty()) {
                out.push_str(&format!("<p>{}</p>\n", html(paragraph.trim())));
            }
            let approved = match (&v.approved_by, &v.approved_at) {
                (Some(by), Some(at)) => format!(
                    "; approved by {} on {}",
                    html(&by.name),
                    html(&readable(at))
                ),
                _ => "; not approved yet".to_owned(),
            };
            out.push_str(&format!(
                "<p class=\"muted\">Proposed by {} on {}{approved}</p>\n",
                html(&v.proposed_by.name),
                html(&readable(&v.proposed_at))
            ));
            if !claim.evidence.is_empty() {
                out.push_str("<ul class=\"evidence\">\n");
                for e in &claim.evidence {
                    let what = match (&e.url, &e.path, &e.title, &e.note) {
                        (Some(url), ..) => html_link(Some(url), url),
                        (_, Some(path), ..) => html(path),
                        (_, _, Some(title), _) => html(title),
                        (.., Some(note)) => html(note),
                        _ => String::new(),
                    };
                    let note = match (&e.note, &e.url, &e.path, &e.title) {
                        (Some(note), url, path, title)
                            if url.is_some() || path.is_some() || title.is_some() =>
                        {
                            format!(" — {}", html(note))
                        }
                        _ => String::new(),
                    };
                    out.push_str(&format!("<li>{what}{note}</li>\n"));
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</section>\n");
        }
        None if claim.verdict.is_some() => {
            out.push_str("<p class=\"muted\">No approved verdict yet.</p>\n")
        }
        None => out.push_str("<p class=\"muted\">No verdict yet.</p>\n"),
    }
    out.push_str("<ol class=\"appearances\">\n");
    for a in &claim.appearances {
        appearance_item(out, a);
    }
    out.push_str("</ol>\n</article>\n");
}

/// A stored time as a reader reads it ("15 Dec 2025, 02:37 (UTC+05:30)",
/// a day as "15 Dec 2025"); what cannot be read, as it is.
fn readable(text: &str) -> String {
    When::parse(text)
        .map(When::source)
        .unwrap_or_else(|| text.to_owned())
}

fn appearance_item(out: &mut String, a: &ExportAppearance) {
    let when = a
        .when()
        .map(When::source)
        .unwrap_or_else(|| "undated".to_owned());
    let mut parts = vec![format!(
        "<time datetime=\"{}\">{}</time>",
        html(a.time().unwrap_or("")),
        html(&when)
    )];
    parts.extend(a.source_name().map(|s| html(&s)));
    parts.push(html_link(a.url.as_deref(), &a.article_title));
    out.push_str(&format!(
        "<li>{}\n<blockquote>“{}”</blockquote>\n",
        parts.join(" · "),
        html(bare_quote(&a.exact))
    ));
    let chain = a.chain();
    if !chain.is_empty() {
        out.push_str(&format!("<p class=\"chain\">{}</p>\n", html(&chain)));
    }
    out.push_str("</li>\n");
}

/// Each claim a row, each dated appearance a point (the first filled, a
/// day without a time drawn as a square across the day's middle), on one
/// axis of whole days on the desk's clock, labelled every day or few.
fn chart(document: &ExportDocument, zone: &Zone) -> String {
    // Milliseconds on the axis: a time's instant, a day's middle.
    let at = |when: When| match when.placed(zone) {
        Placed::Day(d) => zone
            .instant(d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN)))
            .timestamp_millis(),
        Placed::At(_) => when.order(zone),
    };
    let rows: Vec<(&ExportClaim, Vec<(When, &ExportAppearance)>)> = document
        .claims
        .iter()
        .map(|c| {
            let mut points: Vec<(When, &ExportAppearance)> = c
                .appearances
                .iter()
                .filter_map(|a| Some((a.when()?, a)))
                .collect();
            points.sort_by_key(|(w, _)| w.order(zone));
            (c, points)
        })
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let days: Vec<chrono::NaiveDate> = rows
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(w, _)| w.placed(zone).date()))
        .collect();
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        return String::new();
    };
    let start_of =
        |d: chrono::NaiveDate| zone.instant(d.and_time(NaiveTime::MIN)).timestamp_millis();
    let from = start_of(first);
    let to = start_of(last.succ_opt().unwrap_or(last));
    let span = (to - from).max(1) as f64;
    let left = |t: i64| {
        format!(
            "{:.3}%",
            ((t - from) as f64 / span * 100.0).clamp(0.0, 100.0)
        )
    };
    let mut out = String::from(
        "<figure class=\"chart\" role=\"img\" aria-label=\"Timeline of the appearances\">\n",
    );
    for (claim, points) in &rows {
        out.push_str(&format!(
            "<div class=\"chart-row\"><span class=\"chart-label\" title=\"{0}\">{0}</span><span class=\"chart-track\">",
            html(&claim.statement)
        ));
        for (n, (when, a)) in points.iter().enumerate() {
            let mut class = String::from("dot");
            if n == 0 {
                class.push_str(" first");
            }
            if matches!(when.placed(zone), Placed::Day(_)) {
                class.push_str(" day");
            }
            let tip: Vec<String> = [Some(when.source()), a.source_name()]
                .into_iter()
                .flatten()
                .collect();
            out.push_str(&format!(
                "<span class=\"{class}\" style=\"left: {}\" title=\"{}\"></span>",
                left(at(*when)),
                html(&tip.join(" · "))
            ));
        }
        out.push_str("</span></div>\n");
    }
    out.push_str("<div class=\"chart-row chart-axis\"><span class=\"chart-label\"></span><span class=\"chart-track\">");
    let months = (last - first).num_days() > 240;
    for day in axis_days(first, last) {
        let label = if months {
            day.format("%b %Y").to_string()
        } else if first.format("%Y").to_string() == last.format("%Y").to_string() {
            day.format("%-d %b").to_string()
        } else {
            day.format("%-d %b %Y").to_string()
        };
        out.push_str(&format!(
            "<span class=\"tick\" style=\"left: {}\">{}</span>",
            left(start_of(day)),
            html(&label)
        ));
    }
    out.push_str("</span></div>\n");
    // The legend names only the kinds of point the chart has.
    let later = rows.iter().any(|(_, p)| p.len() > 1);
    let day = rows
        .iter()
        .flat_map(|(_, p)| p.iter())
        .any(|(w, _)| matches!(w.placed(zone), Placed::Day(_)));
    let mut legend = String::from(
        "<span class=\"legend\"><span class=\"dot first\"></span>first appearance</span>",
    );
    if later {
        legend.push_str("<span class=\"legend\"><span class=\"dot\"></span>later</span>");
    }
    if day {
        legend.push_str(
            "<span class=\"legend\"><span class=\"dot day\"></span>a day, no time given</span>",
        );
    }
    out.push_str(&format!(
        "<figcaption>{legend} Each row a claim, each point an appearance by when it was said (else published), placed on {} time.</figcaption>\n</figure>\n",
        html(&zone.name())
    ));
    out
}
