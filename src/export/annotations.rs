//! W3C Web Annotation (JSON-LD): each appearance an `Annotation` on the
//! article's address, with a `TextQuoteSelector` and a
//! `TextPositionSelector`, and the claim as its body; all in one
//! `AnnotationPage`.
//!
//! What the W3C model has no words for travels in `claimtrail:` terms on
//! each annotation, so that importing the file into another workspace
//! loses nothing: the claim's id, claimant and condition; the appearance's
//! kind, speaker, stated time, venue and attribution chain.

use serde_json::{json, Value};

use super::ExportDocument;

pub fn page(document: &ExportDocument) -> Value {
    let items: Vec<Value> = document
        .claims
        .iter()
        .flat_map(|claim| {
            claim.appearances.iter().map(move |a| {
                let mut body = vec![json!({
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": claim.statement,
                    "format": "text/plain",
                })];
                if let Some(v) = &claim.verdict {
                    body.push(json!({
                        "type": "TextualBody",
                        "purpose": "assessing",
                        "value": v.rating_label,
                    }));
                }
                for tag in &claim.tags {
                    body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
                }
                let source = a
                    .url
                    .as_deref()
                    .and_then(super::web_address)
                    .map(String::from)
                    .unwrap_or_else(|| format!("urn:uuid:{}", a.article_id));
                let mut annotation = json!({
                    "id": format!("urn:uuid:{}", a.id),
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": body,
                    "target": {
                        "source": source,
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": a.exact,
                                "prefix": a.prefix,
                                "suffix": a.suffix,
                            },
                            { "type": "TextPositionSelector", "start": a.start, "end": a.end },
                        ],
                    },
                    "claimtrail:claim": claim.id,
                    "claimtrail:claimant": claim.claimant,
                    "claimtrail:kind": a.kind.as_str(),
                    "claimtrail:attribution": a.attribution.iter().map(|step| json!({
                        "claimtrail:name": step.name,
                        "claimtrail:step": step.kind,
                        "claimtrail:cue": step.cue,
                    })).collect::<Vec<_>>(),
                });
                let optional = [
                    ("claimtrail:condition", &claim.condition),
                    ("claimtrail:speaker", &a.speaker),
                    ("claimtrail:statedAt", &a.stated_at),
                    ("claimtrail:venue", &a.venue),
                ];
                for (term, value) in optional {
                    if let Some(v) = value {
                        annotation[term] = json!(v);
                    }
                }
                annotation
            })
        })
        .collect();
    json!({
        "@context": [
            "http://www.w3.org/ns/anno.jsonld",
            {
                "claimtrail": "urn:claimtrail:",
                "claimtrail:attribution": { "@container": "@list" },
            },
        ],
        "type": "AnnotationPage",
        "items": items,
    })
}
