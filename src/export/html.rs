//! A self-contained HTML report: inline CSS, no scripts, no fonts or images
//! to fetch, so it opens offline and prints cleanly. It holds the timeline
//! as an SVG, each claim's verdict with rationale and evidence, and every
//! appearance with its attribution chain. All text is escaped; the only
//! addresses are links to the sources.

use super::timelinejs::html;
use super::{ExportAppearance, ExportClaim, ExportDocument};
use crate::claims::stated_sort_key;

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
svg { width: 100%; height: auto; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .row { stroke: #eef1f4; }
svg .point { fill: var(--paper); stroke: var(--accent); stroke-width: 2; }
svg .first { fill: var(--accent); }
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

pub fn render(document: &ExportDocument) -> String {
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
    out.push_str(&timeline_svg(document));
    out.push_str("<main>\n");
    for claim in &document.claims {
        claim_section(&mut out, claim);
    }
    if document.claims.is_empty() {
        out.push_str("<p class=\"muted\">No claims.</p>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn claim_section(out: &mut String, claim: &ExportClaim) {
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
    match &claim.verdict {
        Some(v) => {
            let rating = serde_json::to_value(v.rating)
                .ok()
                .and_then(|r| r.as_str().map(str::to_owned))
                .unwrap_or_default();
            out.push_str(&format!(
                "<section class=\"verdict\">\n<p><span class=\"rating {}\">{}</span></p>\n",
                html(&rating),
                html(&v.rating_label)
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
                        (Some(url), ..) => link(url, url),
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
        None => out.push_str("<p class=\"muted\">No verdict yet.</p>\n"),
    }
    out.push_str("<ol class=\"appearances\">\n");
    for a in &claim.appearances {
        appearance_item(out, a);
    }
    out.push_str("</ol>\n</article>\n");
}

/// "15 Dec 2025, 02:37 (UTC+05:30)": a time as the source gave it, offset
/// kept; a date alone as "15 Dec 2025".
fn readable(text: &str) -> String {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return t.format("%-d %b %Y, %H:%M (UTC%:z)").to_string();
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return t.format("%-d %b %Y, %H:%M").to_string();
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return d.format("%-d %b %Y").to_string();
    }
    text.to_owned()
}

fn appearance_item(out: &mut String, a: &ExportAppearance) {
    let when = a
        .time()
        .map(readable)
        .unwrap_or_else(|| "undated".to_owned());
    let title = match &a.url {
        Some(url) => link(url, &a.article_title),
        None => html(&a.article_title),
    };
    out.push_str(&format!(
        "<li><time datetime=\"{}\">{}</time> · {} · {title}\n<blockquote>“{}”</blockquote>\n",
        html(a.time().unwrap_or("")),
        html(&when),
        html(a.outlet.as_deref().unwrap_or("unknown outlet")),
        html(&a.exact)
    ));
    let chain = a.chain();
    if !chain.is_empty() {
        out.push_str(&format!("<p class=\"chain\">{}</p>\n", html(&chain)));
    }
    out.push_str("</li>\n");
}

/// A link to a source, only for http(s) addresses; others stay text.
fn link(url: &str, text: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
            html(url),
            html(text)
        )
    } else {
        html(text)
    }
}

/// Each claim a row, each dated appearance a point (the first filled),
/// on one time axis with the first and last day marked.
fn timeline_svg(document: &ExportDocument) -> String {
    const WIDTH: f64 = 960.0;
    const LABEL: f64 = 260.0;
    const ROW: f64 = 26.0;
    let rows: Vec<(&ExportClaim, Vec<(i64, &ExportAppearance)>)> = document
        .claims
        .iter()
        .map(|c| {
            let points = c
                .appearances
                .iter()
                .filter_map(|a| Some((stated_sort_key(a.time()?).ok()?, a)))
                .collect();
            (c, points)
        })
        .filter(|(_, points): &(_, Vec<_>)| !points.is_empty())
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let times = rows.iter().flat_map(|(_, p)| p.iter().map(|(t, _)| *t));
    let (min, max) = times.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
    let span = (max - min) as f64;
    let x = |t: i64| {
        if span == 0.0 {
            // One moment: the point in the middle of the axis.
            LABEL + (WIDTH - LABEL) / 2.0
        } else {
            LABEL + 10.0 + (t - min) as f64 / span * (WIDTH - LABEL - 30.0)
        }
    };
    let height = 30.0 + rows.len() as f64 * ROW + 24.0;
    let mut svg = format!(
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"Timeline of the appearances\">\n"
    );
    for (i, (claim, points)) in rows.iter().enumerate() {
        let y = 30.0 + i as f64 * ROW;
        let label: String = claim.statement.chars().take(42).collect();
        let label = if claim.statement.chars().count() > 42 {
            format!("{label}…")
        } else {
            label
        };
        svg.push_str(&format!(
            "<line class=\"row\" x1=\"{LABEL}\" y1=\"{y}\" x2=\"{WIDTH}\" y2=\"{y}\"/>\n<text x=\"0\" y=\"{}\">{}</text>\n",
            y + 4.0,
            html(&label)
        ));
        for (n, (t, a)) in points.iter().enumerate() {
            let class = if n == 0 { "point first" } else { "point" };
            svg.push_str(&format!(
                "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y}\" r=\"5\"><title>{} · {}</title></circle>\n",
                x(*t),
                html(a.time().unwrap_or("")),
                html(a.outlet.as_deref().unwrap_or(""))
            ));
        }
    }
    let axis = height - 22.0;
    // The day as the source wrote it (its own offset), not in UTC.
    let day = |t: i64| {
        rows.iter()
            .flat_map(|(_, p)| p.iter())
            .find(|(at, _)| *at == t)
            .and_then(|(_, a)| a.time())
            .and_then(|text| text.get(..10))
            .unwrap_or("")
            .to_owned()
    };
    svg.push_str(&format!(
        "<line class=\"axis\" x1=\"{LABEL}\" y1=\"{axis}\" x2=\"{WIDTH}\" y2=\"{axis}\"/>\n"
    ));
    if day(min) == day(max) {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            x(min),
            axis + 16.0,
            day(min)
        ));
    } else {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\">{}</text>\n<text x=\"{:.1}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            x(min),
            axis + 16.0,
            day(min),
            x(max),
            axis + 16.0,
            day(max)
        ));
    }
    svg.push_str("</svg>\n<figcaption>Each row a claim, each point an appearance by when it was said (else published); the filled point is the first.</figcaption>\n</figure>\n");
    svg
}
