//! Plain text and pasted agency copy, plus the analysis all formats share:
//! header lines (byline, dates), datelines and wire credits, boilerplate,
//! and the final clean-up that turns raw paragraphs into a [`ParsedArticle`].

use std::sync::LazyLock;

use regex::Regex;

use super::relays::{canonical_outlet, find_relays};
use super::{ParseError, ParsedArticle, Result};
use crate::timestamp::Timestamp;

pub(crate) use dateline::dateline_end;
pub(crate) use dates::{month_number, parse_timestamp, Slot, MONTH, MONTH_NAMES, WEEKDAYS};

/// The times of a short line printed on a page, from the parts of it that
/// are dates, whatever its other parts say (the section, the site's name),
/// each with whether it is the published or the updated time ("Published
/// 15 Dec 2025, 14:46 CET | Updated 16:02").
pub(crate) fn times_among(line: &str) -> Vec<(Slot, Timestamp)> {
    header::dates_among(line)
        .into_iter()
        .map(|s| (s.slot, s.at))
        .collect()
}

/// Parses pasted or saved plain text: an optional headline on the first
/// line, header lines (byline, dates), then the body.
pub fn parse_plain(text: &str) -> Result<ParsedArticle> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.lines().map(collapse_whitespace).collect();
    if lines.iter().all(String::is_empty) {
        return Err(ParseError::NoArticle("the text is empty".to_owned()));
    }
    let mut article = ParsedArticle::default();
    let body_start = take_head(&lines, &mut article);
    let mut paragraphs = paragraphs_from_lines(&lines[body_start..]);
    take_source_lines(&mut paragraphs, &mut article);
    article.paragraphs = paragraphs;
    finish(article)
}

/// Takes a "Source: ..." line or an address alone on a line, at the top
/// or the bottom of pasted copy, as the outlet or the address.
fn take_source_lines(paragraphs: &mut Vec<String>, article: &mut ParsedArticle) {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:source|via|originally published (?:by|in|at)|from)\s*:\s*(?P<what>.{1,120})$",
        )
        .expect("source line regex")
    });
    let edge = |i: usize, len: usize| i < 2 || i + 2 >= len;
    let mut i = 0;
    while i < paragraphs.len() {
        let line = paragraphs[i].trim();
        let what = SOURCE
            .captures(line)
            .and_then(|c| c.name("what"))
            .map_or(line, |m| m.as_str().trim());
        let is_source = SOURCE.is_match(line);
        let address = super::web_address(what).filter(|_| !what.contains(' '));
        if !edge(i, paragraphs.len()) || !(is_source || address.is_some()) {
            i += 1;
            continue;
        }
        match address {
            Some(url) => {
                article.url.get_or_insert_with(|| url.to_string());
            }
            None => {
                article.outlet.get_or_insert_with(|| {
                    canonical_outlet(what).map_or_else(|| what.to_owned(), str::to_owned)
                });
            }
        }
        article.boilerplate.push(paragraphs.remove(i));
    }
}

/// How many words a text holds, for telling an article from a stub. Words
/// are what whitespace separates, except in scripts written without
/// spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese),
/// where two characters count as a word, about their words' average
/// length: a 900-character Japanese story is an article, not "18 words".
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let unspaced = token.chars().filter(|&c| written_without_spaces(c)).count();
            if unspaced == 0 {
                1
            } else {
                let rest = token
                    .chars()
                    .any(|c| c.is_alphanumeric() && !written_without_spaces(c));
                unspaced.div_ceil(2) + usize::from(rest)
            }
        })
        .sum()
}

/// A letter of a script that does not put spaces between words.
fn written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' // CJK Extension A
        | '\u{4e00}'..='\u{9fff}' // CJK Unified Ideographs
        | '\u{f900}'..='\u{faff}' // CJK Compatibility Ideographs
        | '\u{ff66}'..='\u{ff9f}' // Half-width Katakana
        | '\u{0e00}'..='\u{0eff}' // Thai, Lao
        | '\u{1000}'..='\u{109f}' // Myanmar
        | '\u{1780}'..='\u{17ff}' // Khmer
        | '\u{20000}'..='\u{2a6df}' // CJK Extension B
    ) && c.is_alphanumeric()
}

/// Trims and turns every run of whitespace (tabs, no-break spaces, line
/// breaks) into one space; nothing else in the text is changed.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The clean-up every parser ends with: drops boilerplate, repeated titles
/// and teasers into `boilerplate`, takes byline and date lines at the top as
/// metadata, reads the dateline and wire credit of the first paragraph,
/// falls back to the wire credit for the outlet, and finds relays.
pub(crate) fn finish(mut article: ParsedArticle) -> Result<ParsedArticle> {
    strip_invisible(&mut article);
    let body = separate_body(&mut article);
    if body.is_empty() {
        return Err(ParseError::NoArticle(
            "only a title, bylines or boilerplate were found".to_owned(),
        ));
    }
    // The dateline opens the story; a note or standfirst may sit above it.
    if let Some(found) = body
        .iter()
        .take(DATELINE_LOOKAHEAD)
        .find_map(|p| dateline::dateline(p))
    {
        article.dateline = article.dateline.take().or(Some(found.place));
        article.wire_credit = article.wire_credit.take().or(found.credit);
    }
    if article.wire_credit.is_none() {
        article.wire_credit = closing_agency_tag(&body).map(str::to_owned);
    }
    // A story that prints no other date opens with its own (under a
    // standfirst or a heading, as its dateline may be).
    if article.published_at.is_none() {
        article.published_at = body
            .iter()
            .take(DATELINE_LOOKAHEAD)
            .find_map(|p| dates::leading_date(p));
    }
    if article.outlet.is_none() {
        article.outlet = article.wire_credit.clone();
    }
    article.relays = find_relays(&body, article.outlet.as_deref());
    article.paragraphs = body;
    Ok(article)
}

/// Characters that shape text without being read: the soft hyphen
/// (`&shy;`, where a long word may break), the zero-width space, the word
/// joiner and a byte-order mark inside the text. Pages put them inside
/// words ("Mat&shy;thi&shy;as Lau&shy;erer"), where they would keep a
/// search, a quote or a speaker's name from matching the word.
pub const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// Leaves [`INVISIBLE`] characters out of everything the article keeps.
fn strip_invisible(article: &mut ParsedArticle) {
    let strip = |text: &mut String| {
        if text.contains(INVISIBLE) {
            text.retain(|c| !INVISIBLE.contains(&c));
        }
    };
    for field in [
        &mut article.title,
        &mut article.byline,
        &mut article.outlet,
        &mut article.wire_credit,
        &mut article.dateline,
    ] {
        if let Some(text) = field.as_mut() {
            strip(text);
        }
        if field.as_deref().is_some_and(|t| t.trim().is_empty()) {
            *field = None;
        }
    }
    article.paragraphs.iter_mut().for_each(strip);
    article.boilerplate.iter_mut().for_each(strip);
}

/// Sorts the article's raw paragraphs into body, boilerplate (kept in
/// `article.boilerplate`, in text order) and header lines (read into the
/// article's byline and times); returns the body.
fn separate_body(article: &mut ParsedArticle) -> Vec<String> {
    let raw: Vec<String> = std::mem::take(&mut article.paragraphs)
        .iter()
        .map(|p| collapse_whitespace(p))
        .filter(|p| !p.is_empty())
        .collect();
    let tail = boilerplate::tail_start(&raw);
    let mut dates = header::HeaderDates::default();
    let mut body: Vec<String> = Vec::new();
    for (i, paragraph) in raw.iter().enumerate() {
        if i >= tail
            || boilerplate::is_boilerplate(paragraph)
            || repeats_title(paragraph, article.title.as_deref())
            || is_teaser(paragraph, &raw[i + 1..])
        {
            article.boilerplate.push(paragraph.clone());
        } else if (body.is_empty() || dates::starts_with_label(paragraph))
            && header::absorb(paragraph, article, &mut dates)
            || body.len() < BYLINE_LOOKAHEAD && takes_byline_line(paragraph, article)
        {
            // Bylines and date lines are metadata, not body text. One found
            // inside the body ("Updated: ..." between paragraphs) is also
            // kept with the boilerplate, so no line of the source is lost.
            if !body.is_empty() {
                article.boilerplate.push(paragraph.clone());
            }
        } else {
            body.push(paragraph.clone());
        }
    }
    dates.fill(article);
    body
}

/// How many body paragraphs may come before the one with the dateline.
const DATELINE_LOOKAHEAD: usize = 3;

/// The agency a text credits at its end ("... the ministry said. — Anadolu",
/// "(AFP)" on the last line).
fn closing_agency_tag(body: &[String]) -> Option<&'static str> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[.!?\x22”]\s*)(?:[—–-]\s*|\()(?P<agency>[\p{L}][\p{L} .-]{0,40}?)\)?\s*$")
            .expect("agency tag regex")
    });
    let last = body.last()?;
    let agency = TAG.captures(last)?.name("agency")?.as_str().trim();
    canonical_outlet(agency)
}

/// How many body paragraphs may come before a byline line ("By Jane Doe"
/// under a standfirst or a photo credit).
const BYLINE_LOOKAHEAD: usize = 3;

/// Whether `paragraph` is a byline line near the top: one repeating the
/// authors already known, or a "By ..." line naming them when none are.
fn takes_byline_line(paragraph: &str, article: &mut ParsedArticle) -> bool {
    let outlet = article.outlet.as_deref();
    if let Some(byline) = &article.byline {
        let known = names::author_names(byline, outlet);
        return names::is_byline_line(paragraph, &known, outlet);
    }
    let found = names::author_names(paragraph, outlet);
    if names::is_byline_line(paragraph, &found, outlet) && names::starts_with_by(paragraph) {
        article.byline = names::join(&found);
        return true;
    }
    false
}

fn repeats_title(paragraph: &str, title: Option<&str>) -> bool {
    title.is_some_and(|t| t.to_lowercase() == paragraph.to_lowercase())
}

/// A truncated preview ("... long-standing goal ...") that a later paragraph
/// repeats in full: agency pages print it above the article.
fn is_teaser(paragraph: &str, later: &[String]) -> bool {
    let Some(stem) = paragraph
        .strip_suffix("...")
        .or_else(|| paragraph.strip_suffix('…'))
    else {
        return false;
    };
    let stem = stem.trim_end();
    // A teaser sits just above the paragraph it shortens; looking only a
    // few paragraphs ahead keeps a text of many "..." lines linear.
    stem.chars().count() >= 20
        && later
            .iter()
            .take(TEASER_LOOKAHEAD)
            .any(|p| p.len() > stem.len() && p.starts_with(stem))
}

/// How many paragraphs after a truncated line may hold its full version.
const TEASER_LOOKAHEAD: usize = 8;

/// Reads the headline and the header lines under it; returns the index of
/// the first line of the body.
fn take_head(lines: &[String], article: &mut ParsedArticle) -> usize {
    let mut next = next_text_line(lines, 0);
    if is_title_line(lines, next) {
        article.title = Some(lines[next].clone());
        next += 1;
    }
    let mut dates = header::HeaderDates::default();
    loop {
        let line = next_text_line(lines, next);
        if line < lines.len() && header::absorb(&lines[line], article, &mut dates) {
            next = line + 1;
        } else {
            dates.fill(article);
            return next;
        }
    }
}

fn next_text_line(lines: &[String], from: usize) -> usize {
    (from..lines.len())
        .find(|&i| !lines[i].is_empty())
        .unwrap_or(lines.len())
}

/// Whether line `i` is a headline: short, not a sentence, not metadata, not
/// the start of a hard-wrapped paragraph, and followed by more text (a lone
/// short line is body, not a title over nothing).
fn is_title_line(lines: &[String], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let more_text = lines[i + 1..].iter().any(|l| !l.is_empty());
    let continues = lines
        .get(i + 1)
        .is_some_and(|next| next.starts_with(char::is_lowercase));
    let block: Vec<String> = lines[i..]
        .iter()
        .take_while(|l| !l.is_empty())
        .filter(|l| header::parse(l).is_none())
        .cloned()
        .collect();
    more_text
        && !continues
        && !is_hard_wrapped(&block)
        && line.chars().count() <= 200
        && !line.ends_with(['.', '…'])
        && header::parse(line).is_none()
        && !boilerplate::is_boilerplate(line)
        && dateline::dateline(line).is_none()
}

/// Groups lines into paragraphs: blank lines separate blocks; a block that
/// was hard-wrapped (e-mail style) is one paragraph, otherwise every line is
/// one, because pasted web copy puts one paragraph on each line.
fn paragraphs_from_lines(lines: &[String]) -> Vec<String> {
    lines
        .split(String::is_empty)
        .filter(|block| !block.is_empty())
        .flat_map(|block| {
            if is_hard_wrapped(block) {
                vec![block.join(" ")]
            } else {
                block.to_vec()
            }
        })
        .collect()
}

/// Three or more lines of similar width (40–100 characters), most of them
/// ending mid-sentence: the shape of text wrapped at a fixed column.
fn is_hard_wrapped(block: &[String]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let inner = &block[..block.len() - 1];
    let widths: Vec<usize> = inner.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let mid_sentence = inner.iter().filter(|l| !ends_sentence(l)).count();
    (40..=100).contains(&max)
        && widths.iter().all(|&w| w * 10 >= max * 6)
        && mid_sentence * 3 >= inner.len() * 2
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', ':', '…'])
}

/// Title-cases the words printed in capitals ("KYIV" → "Kyiv",
/// "WINSTON-SALEM" → "Winston-Salem", "AND" → "and"); other words, and
/// abbreviations without two capitals in a row ("N.Y."), stay as printed.
fn title_case_caps(text: &str) -> String {
    // Beside words written in lower case, two capitals are initials
    // ("KG Suresh"), not shouting.
    let mixed = text.chars().any(char::is_lowercase);
    text.split(' ')
        .map(|word| {
            if mixed && word.chars().count() == 2 && word.chars().all(char::is_uppercase) {
                word.to_owned()
            } else {
                title_case_word(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_case_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let shouting = !chars.iter().any(|c| c.is_lowercase())
        && chars
            .windows(2)
            .any(|w| w[0].is_uppercase() && w[1].is_uppercase());
    if !shouting {
        return word.to_owned();
    }
    if word == "AND" {
        return "and".to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut word_start = true;
    for c in chars {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = matches!(c, '/' | '-' | '\'' | '’' | '(');
    }
    out
}

mod header;

mod dates;

mod dateline;

mod boilerplate;

pub(crate) mod names;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::test_support::{date, fixture, floating, s, text_from_pieces, zoned};
    use rstest::rstest;

    const LEAD: &str = "The Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said.";

    /// A date line's parts may be set apart by a hyphen between spaces as
    /// by a bar or a dash; a clock after one, with a zone this code does
    /// not know or "Uhr", stays the date's.
    #[rstest]
    #[case::hyphen_and_section(
        "02.02.2022 10:16 Uhr - 1. Bundesliga - PM Vereine, red",
        Some("2022-02-02T10:16:00")
    )]
    #[case::clock_with_unknown_zone("November 20, 2019 - 11:28 AMT", Some("2019-11-20T11:28:00"))]
    #[case::clock_with_known_zone("Dec 15 2025 - 2:40 AM IST", Some("2025-12-15T02:40:00+05:30"))]
    #[case::bar("Politik | 16.12.2025", Some("2025-12-16"))]
    #[case::a_word_and_a_hyphen("Politik - 16.12.2025", Some("2025-12-16"))]
    #[case::a_sentence_after_a_hyphen(
        "Ein Jahr danach: Der große Rückblick - Die Flut vom 14. Juli 2021",
        None
    )]
    fn a_date_line_is_read_by_its_parts(#[case] line: &str, #[case] expected: Option<&str>) {
        let times = times_among(line);
        assert_eq!(
            times.first().map(|(_, t)| t.to_string()).as_deref(),
            expected,
            "{line}: {times:?}"
        );
    }

    /// A plain-text header line a hyphen divides stays one.
    #[test]
    fn a_header_line_with_a_hyphen_stays_a_header_line() {
        let a = parse_plain(&format!(
            "Grain corridor reopens\nBerlin - 16.12.2025\n{LEAD}"
        ))
        .expect("parses");
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            Some("2025-12-16")
        );
        assert!(!a.paragraphs.iter().any(|p| p.starts_with("Berlin")));
    }

    #[rstest]
    #[case::source_line(format!("{LEAD}\nTraders said rates had risen.\nSource: Harbour Times"), s("Harbour Times"), None)]
    #[case::source_agency(format!("Source: Agence France-Presse\n{LEAD}\nTraders said rates had risen."), s("AFP"), None)]
    #[case::url_line(format!("{LEAD}\nTraders said rates had risen.\nhttps://harbour.example/news/grain"), None, s("https://harbour.example/news/grain"))]
    #[case::closing_tag(format!("{LEAD}\nTraders said rates had risen. — Anadolu"), s("Anadolu"), None)]
    #[case::closing_parenthesis(format!("{LEAD}\nTraders said rates had risen.\n(AFP)"), s("AFP"), None)]
    #[case::closing_tag_in_cyrillic(
        "Зерновий коридор у Чорному морі знову запрацював у вівторок, повідомила адміністрація порту.\nТрейдери кажуть, що ставки зросли. — Укрінформ".to_owned(),
        s("Ukrinform"),
        None
    )]
    fn pasted_copy_names_its_source(
        #[case] text: String,
        #[case] outlet: Option<String>,
        #[case] url: Option<String>,
    ) {
        let a = parse_plain(&text).expect("parses");
        assert_eq!(a.outlet, outlet, "{text}");
        assert_eq!(a.url, url, "{text}");
        assert!(
            !a.paragraphs
                .iter()
                .any(|p| p.starts_with("Source:") || p.starts_with("http")),
            "a source line is metadata: {:?}",
            a.paragraphs
        );
    }

    #[test]
    fn an_update_that_tells_news_is_article_text_and_one_about_the_editing_is_not() {
        let a = parse_plain(
            "Blast in port\n\nUPDATE 2: Officials now say 12 people were killed in the blast at the port.\n\nUpdate: this story has been updated with the mayor's comments.\n\nRescue teams worked through the night.",
        )
        .expect("parses");
        assert!(
            a.paragraphs[0].starts_with("UPDATE 2: Officials now say 12 people were killed"),
            "news given as an update is text: {:?}",
            a.paragraphs
        );
        assert!(
            !a.paragraphs.iter().any(|p| p.contains("has been updated")),
            "{:?}",
            a.paragraphs
        );
        assert!(a.boilerplate.iter().any(|b| b.contains("has been updated")));
    }

    #[test]
    fn an_update_note_on_top_keeps_the_dateline() {
        let first = "KYIV, Dec 15 (Reuters) - Ukraine said talks in Berlin had made real progress.";
        let updated = format!("(Updates with Kremlin comment in paragraph 4)\n\n{first}\n\nThe Kremlin declined to comment.");
        let a = parse_plain(&updated).expect("parses");
        assert_eq!(a.dateline, s("Kyiv"), "the dateline under the note");
        assert_eq!(a.wire_credit, s("Reuters"));
        assert_eq!(
            a.paragraphs[0], first,
            "the note is kept aside: {:?}",
            a.boilerplate
        );
    }

    #[test]
    fn ani_copy_gives_its_metadata() {
        let a =
            parse_plain(&fixture("ani-2025-12-15-nato-guarantees.txt")).expect("ANI copy parses");
        assert_eq!(
            a.title.as_deref(),
            Some("Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy"),
            "the first line is the headline"
        );
        assert_eq!(a.outlet, s("ANI"), "an agency byline names the outlet");
        assert_eq!(a.byline, s("ANI"), "the byline is printed as 'By ANI'");
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T02:37:51+05:30"),
            "the first ISO stamp is the publication, offset kept"
        );
        assert_eq!(
            a.updated_at,
            zoned("2025-12-15T02:40:07+05:30"),
            "the second ISO stamp beats the minute-precision 'Updated' line"
        );
        assert_eq!(
            a.dateline,
            s("Kyiv, Ukraine"),
            "'Kyiv [Ukraine]' is normalised to 'City, Country'"
        );
        assert_eq!(
            a.wire_credit, None,
            "the copy credits no agency in brackets"
        );
    }

    #[test]
    fn ani_copy_separates_body_from_boilerplate() {
        let a =
            parse_plain(&fixture("ani-2025-12-15-nato-guarantees.txt")).expect("ANI copy parses");
        assert!(
            a.paragraphs[0].starts_with("Kyiv [Ukraine], December 15 : Ukraine has signalled"),
            "the body starts with the full first paragraph, dateline included: {:?}",
            a.paragraphs[0]
        );
        assert_eq!(
            a.paragraphs.len(),
            10,
            "ten body paragraphs; title repeat, teaser and footer are not body"
        );
        assert_eq!(
            a.boilerplate,
            [
                "Kyiv [Ukraine], December 15 : Ukraine has signalled that it may be willing to give up its long-standing goal ...",
                "Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy",
                "Disclaimer: This post has been auto-published from an agency feed without any modifications to the text and has not been reviewed by an editor",
                "Open in app",
            ],
            "the teaser, the repeated title and the footer are kept out of the body, in text order"
        );
        let jazeera: Vec<_> = a
            .relays
            .iter()
            .filter(|r| r.outlet == "Al Jazeera")
            .collect();
        assert_eq!(
            jazeera.len(),
            1,
            "Al Jazeera is relayed three times but listed once: {:?}",
            a.relays
        );
        assert_eq!(
            jazeera[0].cue, "Al Jazeera reported",
            "the first cue in the text is kept"
        );
    }

    #[test]
    fn reuters_copy() {
        let a = parse_plain(&fixture("reuters-2025-12-15-kyiv-talks.txt"))
            .expect("Reuters copy parses");
        assert_eq!(
            a.title,
            s("Ukraine says Berlin talks on security guarantees made 'real progress'"),
            "first line is the headline"
        );
        assert_eq!(
            a.byline,
            s("Jane Doe, Piotr Nowak"),
            "two authors stay two names, listed as JSON-LD authors are"
        );
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T14:46:00+01:00"),
            "'GMT+1' is an offset of one hour"
        );
        assert_eq!(
            a.updated_at, None,
            "'Updated 3 hours ago' is relative and cannot be placed without guessing"
        );
        assert_eq!(a.dateline, s("Kyiv"), "the capitalised city is title-cased");
        assert_eq!(
            a.wire_credit,
            s("Reuters"),
            "'(Reuters)' credits the agency"
        );
        assert_eq!(
            a.outlet,
            s("Reuters"),
            "with no other outlet named, the credited agency is the outlet"
        );
        assert_eq!(
            a.paragraphs.len(),
            4,
            "the reporting credits and trust principles are not body"
        );
        assert!(
            a.boilerplate
                .iter()
                .any(|b| b.starts_with("Reporting by Jane Doe")),
            "credits are kept as boilerplate"
        );
        let outlets: Vec<_> = a.relays.iter().map(|r| r.outlet.as_str()).collect();
        assert_eq!(
            outlets,
            ["Interfax"],
            "Interfax is relayed; Reuters' own credit is not a relay"
        );
    }

    #[test]
    fn ap_copy() {
        let a = parse_plain(&fixture("ap-2025-12-15-kyiv-strikes.txt")).expect("AP copy parses");
        assert_eq!(
            a.byline,
            s("John Smith, Maria Ivanova"),
            "capitalised names are title-cased, the agency split off"
        );
        assert_eq!(
            a.outlet,
            s("AP"),
            "'Associated Press' in the byline is canonicalised to AP"
        );
        assert_eq!(a.wire_credit, s("AP"), "'(AP)' credits the agency");
        assert_eq!(
            a.dateline,
            s("Kyiv, Ukraine"),
            "'KYIV, Ukraine' is city and country"
        );
        assert_eq!(
            a.published_at,
            floating("2025-12-15T14:46:00"),
            "no zone is printed, so the time floats"
        );
        assert_eq!(
            a.paragraphs.len(),
            3,
            "the contributor line and the social prompt are not body"
        );
        assert_eq!(
            a.relays.first().map(|r| r.outlet.as_str()),
            Some("The New York Times"),
            "'according to The New York Times' is a relay"
        );
    }

    #[rstest]
    #[case::published_floating(
        "Published: 15 December 2025, 02:46 PM",
        floating("2025-12-15T14:46:00"),
        None
    )]
    #[case::published_ist(
        "Published: 15 December 2025, 02:46 PM IST",
        zoned("2025-12-15T14:46:00+05:30"),
        None
    )]
    #[case::updated_only(
        "Updated: December 15, 2025 02:40 IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    #[case::abbreviated_month("Dec. 15, 2025", date("2025-12-15"), None)]
    #[case::gmt("15 Dec 2025 14:46 GMT", zoned("2025-12-15T14:46:00+00:00"), None)]
    #[case::iso("2025-12-15T14:46:00+0530", zoned("2025-12-15T14:46:00+05:30"), None)]
    #[case::iso_z(
        "Published 2025-12-15T09:16:00Z",
        zoned("2025-12-15T09:16:00+00:00"),
        None
    )]
    #[case::iso_floating("2025-12-15 14:46", floating("2025-12-15T14:46:00"), None)]
    #[case::both_labels(
        "Published: Dec 14, 2025 9:00 AM EST | Updated: Dec 15, 2025 10:30 a.m. EDT",
        zoned("2025-12-14T09:00:00-05:00"),
        zoned("2025-12-15T10:30:00-04:00")
    )]
    #[case::clock_first(
        "Updated 3:46 PM GMT+1, December 15, 2025",
        None,
        zoned("2025-12-15T15:46:00+01:00")
    )]
    #[case::unknown_zone("December 15, 2025 02:40 XYZ", floating("2025-12-15T02:40:00"), None)]
    #[case::guardian_dots("Mon 15 Dec 2025 14.46 CET", zoned("2025-12-15T14:46:00+01:00"), None)]
    #[case::german_dotted(
        "Veröffentlicht: 07.11.2023, 14:30 Uhr",
        floating("2023-11-07T14:30:00"),
        None
    )]
    #[case::ukrainian("Опубліковано 16 грудня 2025 року", date("2025-12-16"), None)]
    #[case::russian("16 декабря 2025 г.", date("2025-12-16"), None)]
    #[case::russian_year_word_glued("16 декабря 2025г.", date("2025-12-16"), None)]
    #[case::ukrainian_with_a_clock(
        "16 грудня 2025 року, 09:15",
        floating("2025-12-16T09:15:00"),
        None
    )]
    #[case::ukrainian_labels(
        "Опубліковано 15 грудня 2025, 10:00 | Оновлено 16 грудня 2025, 09:15",
        floating("2025-12-15T10:00:00"),
        floating("2025-12-16T09:15:00")
    )]
    #[case::russian_with_a_clock(
        "16 декабря 2025 г. в 09:15",
        floating("2025-12-16T09:15:00"),
        None
    )]
    #[case::bulgarian("10 ноември 2020", date("2020-11-10"), None)]
    #[case::japanese("2020年07月03日", date("2020-07-03"), None)]
    #[case::chinese_with_a_clock("2020年6月4日 10:22", floating("2020-06-04T10:22:00"), None)]
    #[case::korean("2023년 11월 2일", date("2023-11-02"), None)]
    #[case::german_day_dot("02. November 2021", date("2021-11-02"), None)]
    #[case::german_month("7. Dezember 2023", date("2023-12-07"), None)]
    #[case::french(
        "Publié le 16 décembre 2025 à 09:15",
        floating("2025-12-16T09:15:00"),
        None
    )]
    #[case::spanish("16 de diciembre de 2025", date("2025-12-16"), None)]
    #[case::eastern_winter(
        "Dec. 15, 2025, 3:45 p.m. ET",
        zoned("2025-12-15T15:45:00-05:00"),
        None
    )]
    #[case::eastern_summer("July 4, 2025, 3:45 p.m. ET", zoned("2025-07-04T15:45:00-04:00"), None)]
    #[case::pacific_after_switch(
        "Nov. 2, 2025 9:00 AM PT",
        zoned("2025-11-02T09:00:00-08:00"),
        None
    )]
    #[case::pacific_before_switch(
        "Nov. 1, 2025 9:00 AM PT",
        zoned("2025-11-01T09:00:00-07:00"),
        None
    )]
    #[case::moscow(
        "16 December 2025, 11:00 MSK",
        zoned("2025-12-16T11:00:00+03:00"),
        None
    )]
    #[case::kyiv_summer("16 June 2025, 11:00 EEST", zoned("2025-06-16T11:00:00+03:00"), None)]
    #[case::twelve_am(
        "Posted: December 15, 2025 12:05 AM",
        floating("2025-12-15T00:05:00"),
        None
    )]
    #[case::glued_reuters(
        "December 15, 20252:46 PM GMT+1Updated 3 hours ago",
        zoned("2025-12-15T14:46:00+01:00"),
        None
    )]
    #[case::clock_after_pipe(
        "Last Updated : Dec 15 2025 | 2:40 AM IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    #[case::lowercase_am(
        "Updated on Dec 15, 2025 02:40 am IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    fn reads_date_lines(
        #[case] line: &str,
        #[case] published: Option<Timestamp>,
        #[case] updated: Option<Timestamp>,
    ) {
        let a = parse_plain(&format!(
            "Headline here\n{line}\n\nBody text of the article goes here."
        ))
        .expect("parses");
        assert_eq!(
            (a.published_at, a.updated_at),
            (published, updated),
            "the offset comes only from the text, never guessed"
        );
        assert_eq!(
            a.paragraphs,
            vec!["Body text of the article goes here."],
            "the date line is metadata, not body"
        );
    }

    #[rstest]
    #[case::reuters("KYIV, Dec 15 (Reuters) - Ukraine said.", s("Kyiv"), s("Reuters"))]
    #[case::reuters_two_cities(
        "KYIV/MOSCOW, Dec 15 (Reuters) - Ukraine said.",
        s("Kyiv/Moscow"),
        s("Reuters")
    )]
    #[case::ap(
        "KYIV, Ukraine (AP) — Russian drones struck.",
        s("Kyiv, Ukraine"),
        s("AP")
    )]
    #[case::ani(
        "Kyiv [Ukraine], December 15 : Ukraine has signalled.",
        s("Kyiv, Ukraine"),
        None
    )]
    #[case::pti_without_separator(
        "New Delhi, Dec 15 (PTI) The government said.",
        s("New Delhi"),
        s("PTI")
    )]
    #[case::afp("Kyiv (AFP) - Ukraine said.", s("Kyiv"), s("AFP"))]
    #[case::caps_only("WASHINGTON — The White House said.", s("Washington"), None)]
    #[case::two_word_caps(
        "NEW YORK, Dec 15 (Reuters) - Stocks rose.",
        s("New York"),
        s("Reuters")
    )]
    #[case::sentence_with_dash("Zelenskyy - who spoke on Sunday - said.", None, None)]
    #[case::plain_sentence("Ukraine has signalled: it may give up its goal.", None, None)]
    #[case::kicker("EXCLUSIVE: Ukraine weighs its NATO bid.", None, None)]
    #[case::uk_region("LONDON, UK (Reuters) - Stocks rose.", s("London, UK"), s("Reuters"))]
    fn reads_datelines(
        #[case] first: &str,
        #[case] place: Option<String>,
        #[case] credit: Option<String>,
    ) {
        let found = dateline::dateline(first);
        assert_eq!(
            found.as_ref().map(|d| d.place.clone()),
            place,
            "the place as 'City' or 'City, Country'"
        );
        assert_eq!(
            found.and_then(|d| d.credit),
            credit,
            "the bracketed agency, canonicalised"
        );
    }

    #[rstest]
    #[case::disclaimer("Disclaimer: This post has been auto-published from an agency feed.")]
    #[case::open_in_app("Open in app")]
    #[case::syndicated("(This story has not been edited by NDTV staff and is auto-generated from a syndicated feed.)")]
    #[case::also_read("Also Read: Zelenskyy meets envoys")]
    #[case::read_more("Read more: what the plan says")]
    #[case::follow("Follow us on Telegram")]
    #[case::subscribe("Subscribe to our newsletter")]
    #[case::share("Share this article")]
    #[case::advertisement("Advertisement")]
    #[case::click_here("Click here to read the full plan")]
    #[case::download("Download the Claimtrail News app")]
    #[case::copyright_sign("© 2025 Example Media")]
    #[case::copyright_word("Copyright 2025 Example Media")]
    #[case::rights("Example Media. All rights reserved.")]
    #[case::reporting("Reporting by Jane Doe; Editing by John Roe")]
    fn recognises_boilerplate(#[case] line: &str) {
        assert!(
            boilerplate::is_boilerplate(line),
            "{line:?} is a standard non-article line"
        );
    }

    #[rstest]
    #[case::subscribers("Subscribers to the service lost power overnight.")]
    #[case::copyright_law("Copyright law was not part of the talks.")]
    #[case::reading("Reading the plan, officials found 20 points.")]
    fn keeps_article_lines_that_look_similar(#[case] line: &str) {
        assert!(
            !boilerplate::is_boilerplate(line),
            "{line:?} is article text"
        );
    }

    #[test]
    fn boilerplate_in_the_middle_is_removed_alone() {
        let a = parse_plain("Title line\n\nFirst paragraph of text.\nAdvertisement\nSecond paragraph of text.\nAlso Read\nSome related headline\nAnother related headline\n")
            .expect("parses");
        assert_eq!(
            a.paragraphs,
            ["First paragraph of text.", "Second paragraph of text."],
            "the advert line and the trailing related links are not body"
        );
        assert_eq!(
            a.boilerplate,
            [
                "Advertisement",
                "Also Read",
                "Some related headline",
                "Another related headline"
            ],
            "links under 'Also Read' go with it"
        );
    }

    #[rstest]
    #[case::short_first_line(
        "Talks in Berlin\nUkraine said it could drop its NATO bid.",
        s("Talks in Berlin"),
        1
    )]
    #[case::first_line_is_sentence(
        "Ukraine said it could drop its NATO bid.\nRussia did not comment.",
        None,
        2
    )]
    #[case::single_long_paragraph("Ukraine said it could drop its NATO bid if it gets guarantees, and Russia did not comment on Monday.", None, 1)]
    #[case::single_short_line("Talks in Berlin", None, 1)]
    #[case::leading_blank_lines(
        "\n\n\nTalks in Berlin\n\nUkraine said it could drop its NATO bid.\n\n\n",
        s("Talks in Berlin"),
        1
    )]
    fn plain_text_without_metadata(
        #[case] text: &str,
        #[case] title: Option<String>,
        #[case] paragraphs: usize,
    ) {
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.title, title,
            "a short first line without a full stop is a title, unless it is all there is"
        );
        assert_eq!(a.paragraphs.len(), paragraphs, "everything else is body");
        assert_eq!(a.published_at, None, "no date is invented");
    }

    #[test]
    fn windows_line_endings_and_odd_whitespace() {
        let a = parse_plain(&fixture("plain-crlf-title.txt")).expect("parses");
        assert_eq!(
            a.title,
            s("Plain notes on the Berlin talks"),
            "CRLF does not leak into the title"
        );
        assert_eq!(
            a.paragraphs,
            [
                "Ukraine said on Monday that the talks had made progress.",
                "Zelenskyy said the guarantees must be legally binding."
            ],
            "no-break spaces, tabs and runs of spaces collapse to one space"
        );
    }

    #[test]
    fn hard_wrapped_text_is_rejoined() {
        let a = parse_plain(&fixture("wrapped-no-metadata.txt")).expect("parses");
        assert_eq!(
            a.title, None,
            "a wrapped first line is the start of a paragraph, not a headline"
        );
        assert_eq!(a.paragraphs.len(), 2, "each wrapped block is one paragraph");
        assert!(
            a.paragraphs[0].contains("give up its long-standing goal"),
            "wrapped lines join with one space"
        );
    }

    #[rstest]
    #[case::empty("")]
    #[case::blank_lines("\n \n\t\n")]
    #[case::only_boilerplate("Open in app\nAdvertisement\n")]
    #[case::only_title_and_byline("Ukraine talks\nBy Jane Doe\n")]
    fn no_article(#[case] text: &str) {
        assert!(
            matches!(parse_plain(text), Err(ParseError::NoArticle(_))),
            "nothing is left to import as body"
        );
    }

    #[test]
    fn an_updated_line_inside_the_body_is_kept_with_the_boilerplate() {
        let text = "Talks resume in Berlin\n\nBERLIN, Dec 15 (Reuters) - Talks resumed on Monday.\n\nUpdated: December 15, 2025 14:05 GMT\n\nEnvoys met for five hours.";
        let a = parse_plain(text).expect("parses");
        assert!(
            a.boilerplate.iter().any(|b| b.starts_with("Updated:")),
            "a line taken as metadata from inside the body is still stored: {:?}",
            a.boilerplate
        );
        assert!(
            !a.paragraphs.iter().any(|p| p.starts_with("Updated:")),
            "and it is not body text"
        );
    }

    #[test]
    fn a_timed_human_date_beats_a_bare_iso_date() {
        let text = "Talks resume in Berlin\nPublished: 2025-12-15\nPublished: December 15, 2025 02:40 IST\n\nBERLIN, Dec 15 (Reuters) - Talks resumed on Monday with envoys from both sides.";
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T02:40:00+05:30"),
            "the stamp with a time and zone says more than a date alone"
        );
    }

    #[rstest::rstest]
    #[case::english("Talks resumed on Monday in Berlin.", 6)]
    #[case::japanese("先日、不正に改造したiPhoneを販売した", 8)]
    #[case::chinese("话剧《约定无期限》河北各市巡演结束", 8)]
    #[case::thai("ประเทศไทย มีประชากร", 10)]
    #[case::mixed("Die Forscherin 研究者 sagte", 5)]
    fn words_are_counted_in_scripts_without_spaces_too(
        #[case] text: &str,
        #[case] expected: usize,
    ) {
        assert_eq!(count_words(text), expected, "{text}");
    }

    #[test]
    fn pasted_copy_opening_with_its_date_is_dated_by_it() {
        let text = "Gedenken im Bundestag\n\nVon Claudia Lindner\n\n27.1.2022 - Bei der Erinnerung an die Verfolgten sprach die Präsidentin des Bundestages.\n\nSie erinnerte an die Opfer.";
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            Some("2022-01-27")
        );
        assert!(
            a.paragraphs
                .iter()
                .any(|p| p.starts_with("27.1.2022 - Bei der")),
            "the dateline stays in the story"
        );
        let dated = format!("Published: 2022-01-28\n\n{text}");
        assert_eq!(
            parse_plain(&dated)
                .unwrap()
                .published_at
                .map(|t| t.to_string())
                .as_deref(),
            Some("2022-01-28"),
            "a date the copy prints as its publication comes first"
        );
    }

    #[test]
    fn quotes_and_dashes_are_kept() {
        let text = "Title\n\n“It is a compromise” — he said, 'really' - twice.";
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.paragraphs,
            ["“It is a compromise” — he said, 'really' - twice."],
            "the body text is not rewritten"
        );
    }

    /// Text made of the pieces the parser reacts to, in any order.
    fn agency_like_text() -> impl proptest::strategy::Strategy<Value = String> {
        text_from_pieces(&[
            "By ANI",
            " | Updated: ",
            "December 15, 2025 02:40 IST",
            "2025-12-15T02:37:51+5:30",
            "3:46 PM GMT+1, ",
            "KYIV, Dec 15 (Reuters) - ",
            "Kyiv [Ukraine], December 15 : ",
            ", Al Jazeera reported.",
            " ...",
            "Open in app",
            "\n",
            "\r\n\r\n",
        ])
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_without_panic_into_clean_paragraphs(text in agency_like_text()) {
            if let Ok(a) = parse_plain(&text) {
                proptest::prop_assert!(!a.paragraphs.is_empty(), "an article always has a body");
                for p in &a.paragraphs {
                    proptest::prop_assert_eq!(p, &collapse_whitespace(p), "paragraphs are trimmed and collapsed");
                }
            }
        }
    }
}
