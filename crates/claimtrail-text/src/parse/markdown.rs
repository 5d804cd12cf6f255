//! Markdown articles (notes, exports from other tools): simple front
//! matter, the first H1 as title, and one paragraph per block of prose.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::text::{collapse_whitespace, finish, parse_timestamp};
use super::{ParsedArticle, Result};

/// Parses Markdown with optional `---` front matter.
pub fn parse_markdown(text: &str) -> Result<ParsedArticle> {
    let text = text.replace("\r\n", "\n");
    let (front, body) = split_front_matter(&text);
    let mut article = ParsedArticle::default();
    front
        .iter()
        .for_each(|(key, value)| apply_front_matter(&mut article, key, value));
    let blocks = blocks(body);
    for block in blocks {
        match block {
            Block::Title(title) if article.title.is_none() => article.title = Some(title),
            Block::Title(text) | Block::Prose(text) => article.paragraphs.push(text),
        }
    }
    finish(article)
}

/// `key: value` lines between a leading `---` and the next `---` (or
/// `...`); quotes and list brackets around values are dropped. Not YAML:
/// just the flat keys note-taking tools write.
fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let Some(end) = rest
        .lines()
        .position(|l| matches!(l.trim_end(), "---" | "..."))
    else {
        return (Vec::new(), text);
    };
    let lines: Vec<&str> = rest.lines().collect();
    let consumed: usize = lines[..=end].iter().map(|l| l.len() + 1).sum();
    let pairs = lines[..end]
        .iter()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), unquote(v.trim())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    (pairs, rest.get(consumed..).unwrap_or(""))
}

fn unquote(value: &str) -> String {
    let value = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    let quoted = value.len() >= 2
        && (value.starts_with('"') && value.ends_with('"')
            || value.starts_with('\'') && value.ends_with('\''));
    let value = if quoted {
        &value[1..value.len() - 1]
    } else {
        value
    };
    collapse_whitespace(value)
}

fn apply_front_matter(article: &mut ParsedArticle, key: &str, value: &str) {
    let value = value.to_owned();
    match key {
        "title" => article.title = Some(value),
        "url" | "link" => article.url = Some(value),
        "canonical" | "canonical_url" => article.canonical_url = Some(value),
        "author" | "authors" | "byline" => article.byline = Some(value),
        "outlet" | "source" | "publisher" | "site" => article.outlet = Some(value),
        "date" | "published" | "published_at" => article.published_at = parse_timestamp(&value),
        "updated" | "modified" | "updated_at" => article.updated_at = parse_timestamp(&value),
        "lang" | "language" => article.language = Some(value),
        _ => {}
    }
}

enum Block {
    /// Text of the first H1.
    Title(String),
    Prose(String),
}

/// Plain text of each paragraph, list item, quote paragraph and heading;
/// code and HTML blocks are dropped, inline markup keeps its text.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut skipping = 0usize;
    let mut title_taken = false;
    let mut in_h1 = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => skipping += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => skipping -= 1,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !title_taken => {
                title_taken = true;
                in_h1 = true;
            }
            // A nested list or quote starts a new block: flush the item's own text first.
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Paragraph | Tag::Item) => {
                flush(&mut current, &mut blocks, false)
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Heading(_),
            ) => flush(&mut current, &mut blocks, std::mem::take(&mut in_h1)),
            Event::Text(text) | Event::Code(text) if skipping == 0 => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, false);
    blocks
}

fn flush(current: &mut String, blocks: &mut Vec<Block>, is_title: bool) {
    let text = collapse_whitespace(&std::mem::take(current));
    if !text.is_empty() {
        blocks.push(if is_title {
            Block::Title(text)
        } else {
            Block::Prose(text)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::test_support::{s, text_from_pieces, zoned};
    use crate::parse::ParseError;
    use rstest::rstest;

    #[rstest]
    #[case::italic("*By Jane Doe, Kyiv — 16 December 2025, 09:15 (EET)*")]
    #[case::bold("**By Jane Doe | 16 December 2025, 09:15 EET**")]
    fn byline_line_under_the_title(#[case] line: &str) {
        let text = format!(
            "# Grain corridor reopens\n\n{line}\n\nThe Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said.\n"
        );
        let a = parse_markdown(&text).expect("parses");
        assert_eq!(
            a.title,
            s("Grain corridor reopens"),
            "the first-level heading"
        );
        assert_eq!(a.byline, s("Jane Doe"), "the name, without the place");
        assert_eq!(
            a.published_at,
            zoned("2025-12-16T09:15:00+02:00"),
            "the date and time with the zone's offset"
        );
        assert!(
            a.paragraphs[0].starts_with("The Black Sea"),
            "the byline line is not body: {:?}",
            a.paragraphs
        );
    }

    #[test]
    fn front_matter_and_body() {
        let path = format!(
            "{}/../../tests/fixtures/import/front-matter.md",
            env!("CARGO_MANIFEST_DIR")
        );
        let a = parse_markdown(&std::fs::read_to_string(path).expect("fixture")).expect("parses");
        assert_eq!(
            a.title,
            s("Ukraine open to dropping NATO bid"),
            "front matter title, quotes removed"
        );
        assert_eq!(
            a.url,
            s("https://example.com/ukraine-nato"),
            "a URL's own colon does not split the value"
        );
        assert_eq!(a.byline, s("Jane Doe"), "author key");
        assert_eq!(a.outlet, s("ANI"), "source key");
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T02:37:51+05:30"),
            "the date keeps its offset"
        );
        assert_eq!(
            a.dateline,
            s("Kyiv, Ukraine"),
            "the same dateline analysis as plain text"
        );
        assert_eq!(
            a.paragraphs,
            [
                "Kyiv [Ukraine], December 15 : Ukraine has signalled it may drop its NATO bid, Al Jazeera reported.",
                "Zelenskyy said so in a WhatsApp chat with reporters.",
                "What the plan says",
                "Legally binding guarantees",
                "Article 5-like protection",
                "“It is already a compromise,” he said.",
                "A photo of Zelenskyy at the briefing",
            ],
            "emphasis, links and code keep their text; list items, quotes and later headings are paragraphs; code, HTML and the H1 are not"
        );
        assert!(
            a.boilerplate.iter().any(|b| b.starts_with("Follow us on")),
            "boilerplate is found as in text"
        );
        assert_eq!(a.relays.len(), 1, "Al Jazeera is relayed");
    }

    #[rstest]
    #[case::h1_title("# Talks in Berlin\n\nUkraine said it could drop its bid.", s("Talks in Berlin"), vec!["Ukraine said it could drop its bid."])]
    #[case::setext_title("Talks in Berlin\n===\n\nUkraine said it could drop its bid.", s("Talks in Berlin"), vec!["Ukraine said it could drop its bid."])]
    #[case::h2_first("## Background\n\n# Talks\n\nText here.", s("Talks"), vec!["Background", "Text here."])]
    #[case::second_h1_is_body("# One\n\nText.\n\n# Two\n\nMore.", s("One"), vec!["Text.", "Two", "More."])]
    #[case::soft_and_hard_breaks("# T\n\nLine one\nline two  \nline three", s("T"), vec!["Line one line two line three"])]
    #[case::nested_list("# T\n\n- outer\n  - inner one\n  - inner two", s("T"), vec!["outer", "inner one", "inner two"])]
    #[case::no_heading("Just a paragraph with *some* emphasis.", None, vec!["Just a paragraph with some emphasis."])]
    #[case::unclosed_front_matter("---\ntitle: x\n\nBody text.", None, vec!["title: x", "Body text."])]
    fn structure(
        #[case] markdown: &str,
        #[case] title: Option<String>,
        #[case] paragraphs: Vec<&str>,
    ) {
        let a = parse_markdown(markdown).expect("parses");
        assert_eq!(a.title, title, "the first H1 is the title");
        assert_eq!(
            a.paragraphs, paragraphs,
            "prose blocks in order, inline markup reduced to its text"
        );
    }

    #[rstest]
    #[case::only_code("# Title\n\n```\nlet x = 1;\n```\n")]
    #[case::only_html("<div>\n<p>hidden</p>\n</div>\n")]
    #[case::empty("")]
    fn no_article(#[case] markdown: &str) {
        assert!(
            matches!(parse_markdown(markdown), Err(ParseError::NoArticle(_))),
            "code and HTML are not article text"
        );
    }

    fn markdownish() -> impl proptest::strategy::Strategy<Value = String> {
        text_from_pieces(&[
            "---\n",
            "title: 'x'\n",
            "# ",
            "- ",
            "> ",
            "```\n",
            "<div>",
            "![alt](x.png)",
            "*em* `code` [link](u)",
            "\n\n",
        ])
    }

    proptest::proptest! {
        #[test]
        fn any_markdown_parses_without_panic(text in markdownish()) {
            if let Ok(a) = parse_markdown(&text) {
                proptest::prop_assert!(a.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p), "paragraphs are trimmed and non-empty");
            }
        }
    }
}
