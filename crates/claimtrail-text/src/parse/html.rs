//! Web pages: the article text through dom_smoothie (a Readability port),
//! the metadata from JSON-LD, OpenGraph, citation_*, Dublin Core and plain
//! meta tags, in that order of trust.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::Timelike;
use regex::Regex;

use dom_query::{Document, NodeId, NodeRef, Selection};
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use serde_json::Value;

use super::relays::canonical_outlet;
use super::text::names::{
    author_names, drop_padded, fold_name, has_label_word, is_placeholder, join, label_alone,
    labelled_part, names_the_host, same_outlet,
};
use super::text::Slot;
use super::text::{collapse_whitespace, count_words, finish, parse_timestamp, times_among};
use super::zones;
use super::{ParseError, ParsedArticle, Result};
use crate::timestamp::Timestamp;

/// Elements whose text is never article text. Removed before extraction so
/// that Readability cannot pick them up. Hidden elements (`[hidden]`) stay:
/// collapsed "read more" sections hold article text, and silently cutting
/// text is worse than keeping a stray line.
const NEVER_BODY: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
    nav, footer, aside, button, select, textarea, input, dialog";

/// Fewer words than this is a stub, a login wall or a list of links.
const MIN_ARTICLE_WORDS: usize = 20;

/// Parses a web page. `url` is where it came from, used to resolve a
/// relative canonical link.
pub fn parse_html(html: &str, url: Option<&str>) -> Result<ParsedArticle> {
    let saved = url.is_none().then(|| saved_from(html)).flatten();
    let url = url.or(saved.as_deref());
    let doc = Document::from(html);
    let meta = PageMeta::read(&doc);
    let mut article = meta.into_article(&doc, url);
    doc.select(NEVER_BODY).remove();
    remove_small_forms(&doc);
    let clutter = remove_clutter(&doc);
    article.paragraphs = main_text(doc, url)?;
    article.boilerplate = clutter;
    let words: usize = article.paragraphs.iter().map(|p| count_words(p)).sum();
    if words < MIN_ARTICLE_WORDS {
        return Err(ParseError::NoArticle(format!(
            "the page has only {words} words of text outside navigation, forms and scripts"
        )));
    }
    finish(article)
}

/// The address a browser saved the page from, which it writes in the
/// page's first lines (`<!-- saved from url=(0056)https://… -->`, Chrome,
/// Edge and Internet Explorer): the page's own address when the import
/// was given none. Only a web address (not "about:internet").
fn saved_from(html: &str) -> Option<String> {
    static SAVED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->")
            .expect("saved-from regex")
    });
    let head = html.get(..html.len().min(2048)).unwrap_or(html);
    SAVED.captures(head).map(|caps| caps[1].to_owned())
}

/// Parts of a page that are not the article, found by what the page calls
/// them: consent and cookie banners, newsletter and subscription prompts,
/// "Related" and "Most read" blocks, share bars, captions and photo
/// credits, pop-up dialogs.
const CLUTTER_NAMES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "paywall",
    "promo",
    "related",
    "read-more",
    "readmore",
    "recommend",
    "more-stories",
    "most-read",
    "mostread",
    "most-popular",
    "share",
    "social",
    "caption",
    "credit",
];
/// Clutter by what it is rather than what it is called.
const CLUTTER: &str = r#"figcaption, [role="dialog"], [aria-modal="true"], [role="complementary"]"#;

/// The elements whose class or id contains one of `names` (lower-cased),
/// in page order. One walk over the page, where a selector list of
/// `[class*=...]` tests checks every element against every name.
fn elements_named<'a>(doc: &'a Document, names: &[&str]) -> Vec<Selection<'a>> {
    doc.select("[class], [id]")
        .iter()
        .filter(|el| {
            let class = el
                .attr("class")
                .map(|c| c.to_lowercase())
                .unwrap_or_default();
            let id = el.attr("id").map(|c| c.to_lowercase()).unwrap_or_default();
            names.iter().any(|n| class.contains(n) || id.contains(n))
        })
        .collect()
}

/// Takes the page's clutter out of the document and returns its text,
/// which the article keeps aside as boilerplate. An element holding a
/// good part of the page's paragraphs, the headline or the article body
/// itself stays whatever its name ("article-with-share-bar").
fn remove_clutter(doc: &Document) -> Vec<String> {
    let words = |s: &Selection| s.text().split_whitespace().count();
    let page_words = words(&doc.select("p"));
    let mut kept_aside = Vec::new();
    let mut found = elements_named(doc, CLUTTER_NAMES);
    found.extend(doc.select(CLUTTER).iter());
    for el in found {
        // Inside clutter already taken out (its text went with it).
        let detached = !el.ancestors(None).is("body");
        if detached || el.is("html, body, article, main, [itemprop~=\"articleBody\"]") {
            continue;
        }
        let holds_article = el
            .select("h1, article, [itemprop~=\"articleBody\"]")
            .exists();
        if holds_article || words(&el.select("p")) * 4 > page_words {
            continue;
        }
        let text = collapse_whitespace(&el.text());
        el.remove();
        if !text.is_empty() {
            kept_aside.push(text);
        }
    }
    kept_aside
}

/// Removes login, search and comment forms. A form holding several
/// paragraphs is kept: ASP.NET sites wrap the whole page, article and all,
/// in one `<form>`.
fn remove_small_forms(doc: &Document) {
    for form in doc.select("form").iter() {
        if form.select("p").length() < 3 {
            form.remove();
        }
    }
}

/// The main text as paragraphs, one per block element.
fn main_text(doc: Document, url: Option<&str>) -> Result<Vec<String>> {
    let config = Config {
        text_mode: TextMode::Formatted,
        disable_json_ld: true,
        ..Config::default()
    };
    // Readability refuses relative document URLs; the text does not need one.
    let absolute = url.filter(|u| url::Url::parse(u).is_ok());
    let mut readability = Readability::with_document(doc, absolute, Some(config))
        .map_err(|e| ParseError::NoArticle(e.to_string()))?;
    let parsed = readability.parse().map_err(|e| match e {
        ReadabilityError::GrabFailed => {
            ParseError::NoArticle("no block of running text was found".to_owned())
        }
        other => ParseError::NoArticle(other.to_string()),
    })?;
    // Formatted text puts blank lines between blocks and single line breaks
    // between list items and at <br>; each line is a paragraph.
    Ok(parsed
        .text_content
        .lines()
        .map(collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect())
}

/// Everything the page says about itself, gathered before the body is
/// touched.
struct PageMeta {
    json_ld: Option<LdArticle>,
    /// `<meta>` contents by lower-cased name or property, in page order.
    tags: HashMap<String, Vec<String>>,
    canonical: Option<String>,
    lang: Option<String>,
    title_tag: Option<String>,
}

impl PageMeta {
    fn read(doc: &Document) -> Self {
        PageMeta {
            json_ld: json_ld_article(doc),
            tags: meta_tags(doc),
            canonical: attr(&doc.select(r#"link[rel~="canonical"]"#), "href"),
            lang: attr(&doc.select("html"), "lang"),
            title_tag: text_of(&doc.select("head title")).or_else(|| text_of(&doc.select("title"))),
        }
    }

    /// The name a site gives itself for a phone's home screen or a
    /// browser's tab (`application-name`, `apple-mobile-web-app-title`),
    /// when it is a name: short, and not the page's own title.
    fn app_name(&self) -> Option<String> {
        let name = self.tag(&["application-name", "apple-mobile-web-app-title"])?;
        let title = self.title_tag.as_deref().unwrap_or_default();
        let short = name.split_whitespace().count() <= 5 && name.chars().count() <= 40;
        (short && !title.eq_ignore_ascii_case(&name)).then_some(name)
    }

    /// The first value among `keys`.
    fn tag(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.tags.get(*k).and_then(|v| v.first()).cloned())
    }

    /// The time from the most trusted source: JSON-LD, meta tags, what the
    /// page prints (`printed`, only read when the metadata gives no time:
    /// it walks the whole page), the page's address. A bare date gives way
    /// to a time of day on that same date from a less trusted source. A
    /// time given only in UTC is shown on the outlet's clock where the page
    /// prints it, or else on `zone`'s, the clock of the outlet's country.
    fn time(
        &self,
        ld: Option<&String>,
        keys: &[&str],
        printed: impl FnOnce() -> Vec<Timestamp>,
        address: Option<Timestamp>,
        zone: Option<chrono_tz::Tz>,
    ) -> Option<Timestamp> {
        let meta = keys
            .iter()
            .filter_map(|k| self.tags.get(*k))
            .flatten()
            .filter_map(|v| parse_timestamp(v));
        let mut candidates: Vec<Timestamp> = ld
            .and_then(|v| parse_timestamp(v))
            .into_iter()
            .chain(meta)
            .collect();
        let utc =
            |t: &Timestamp| matches!(t, Timestamp::Zoned(z) if z.offset().local_minus_utc() == 0);
        match candidates.first() {
            Some(t) if !t.has_time() => candidates.extend(printed()),
            // Only a time in UTC: the page may print the outlet's clock.
            Some(t) if utc(t) && !candidates.iter().any(|c| c.has_time() && !utc(c)) => {
                candidates.extend(printed())
            }
            None => candidates.extend(printed()),
            Some(_) => {}
        }
        candidates.extend(address);
        let first = *candidates.first()?;
        if first.has_time() {
            // The same instant as the outlet's own clock showed it, when
            // another source gives it with a local offset (a page's JSON-LD
            // in UTC, its meta tag in +01:00): the date readers saw.
            let local = candidates.iter().find(|t| {
                matches!(t, Timestamp::Zoned(z) if z.offset().local_minus_utc() != 0)
                    && t.sort_key() == first.sort_key()
            });
            if let Some(local) = local {
                return Some(*local);
            }
            // Or prints it without its zone ("Nov. 8, 2023 at 6:09 p.m."
            // beside 2023-11-09T01:09:55Z): the offset between the two,
            // when it is one a clock can have, is the outlet's.
            if let Timestamp::Zoned(at) = first {
                if at.offset().local_minus_utc() == 0 {
                    if let Some(local) = candidates.iter().find_map(|t| outlet_clock(at, t)) {
                        return Some(local);
                    }
                    // Or nothing says, and the outlet's country keeps one
                    // clock: that clock, unless the page prints the UTC
                    // minute, or the UTC day where that clock shows
                    // another (a site whose clock is set to UTC prints its
                    // dates by it). Midnight UTC exactly is how many
                    // systems write a day without a time: no clock's.
                    let midnight = at.time() == chrono::NaiveTime::MIN;
                    if let Some(zone) = zone.filter(|_| !midnight) {
                        let local = at.with_timezone(&zone).fixed_offset();
                        let utc = at.naive_utc();
                        let printed_by_utc = candidates.iter().any(|t| match t {
                            Timestamp::Floating(printed) => {
                                printed.date() == utc.date()
                                    && printed.time().hour() == utc.time().hour()
                                    && printed.time().minute() == utc.time().minute()
                            }
                            Timestamp::Date(day) => {
                                *day == utc.date() && local.date_naive() != utc.date()
                            }
                            Timestamp::Zoned(_) => false,
                        });
                        if !printed_by_utc {
                            return Some(Timestamp::Zoned(local));
                        }
                    }
                }
            }
            return Some(first);
        }
        let timed = candidates
            .iter()
            .find(|t| t.has_time() && t.date() == first.date());
        Some(timed.copied().unwrap_or(first))
    }

    fn into_article(self, doc: &Document, url: Option<&str>) -> ParsedArticle {
        let ld = self.json_ld.clone().unwrap_or_default();
        let outlet = ld
            .publisher
            .clone()
            .or_else(|| {
                self.tag(&[
                    "og:site_name",
                    "dc.publisher",
                    "dcterms.publisher",
                    "citation_publisher",
                ])
            })
            .or_else(|| self.app_name())
            .or_else(|| feed_site_name(doc));
        let declared_url = ld.url.clone().or_else(|| self.tag(&["og:url"]));
        let canonical = self.canonical.clone().or_else(|| declared_url.clone());
        // A page kept by the Internet Archive is the page of the site it
        // archived: its name, its address's date.
        let address = url.or(canonical.as_deref()).map(archived_address);
        let address_date = address.and_then(date_in_address);
        let host = address
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| u.host_str().map(str::to_lowercase));
        let language = ld.language.clone().or_else(|| self.language());
        let zone = zones::outlet_zone(host.as_deref(), language.as_deref());
        ParsedArticle {
            title: headline(
                self.title(outlet.as_deref(), host.as_deref()),
                printed_headline(doc, &site_keys(outlet.as_deref(), host.as_deref())),
            ),
            byline: self.byline(doc, &ld, outlet.as_deref(), host.as_deref()),
            url: url.map(str::to_owned).or(declared_url),
            canonical_url: canonical.map(|c| resolve(url, &c)),
            // The date a title opens or closes with, last: after even the
            // address's.
            published_at: self
                .time(
                    ld.published.as_ref(),
                    PUBLISHED_KEYS,
                    || printed_dates(doc, "datePublished", Slot::Published),
                    address_date,
                    zone,
                )
                .or_else(|| title_date(doc)),
            updated_at: self.time(
                ld.modified.as_ref(),
                UPDATED_KEYS,
                || printed_dates(doc, "dateModified", Slot::Updated),
                None,
                zone,
            ),
            language,
            outlet,
            ..ParsedArticle::default()
        }
    }

    fn title(&self, site: Option<&str>, host: Option<&str>) -> Option<String> {
        let ld = self.json_ld.as_ref().and_then(|ld| ld.headline.clone());
        ld.or_else(|| {
            let meta = self.tag(&[
                "og:title",
                "citation_title",
                "dc.title",
                "dcterms.title",
                "twitter:title",
            ])?;
            // A quote mark the page left unescaped in the attribute ends
            // its value early (content="Biden de "incapacitado""): the
            // `<title>` then goes on with that quote.
            let cut = self.title_tag.as_deref().filter(|tag| {
                tag.strip_prefix(meta.trim_end())
                    .is_some_and(|rest| rest.trim_start().starts_with('"'))
            });
            Some(cut.map_or(meta, str::to_owned))
        })
        .or_else(|| self.title_tag.clone())
        // og:title often carries the branding too ("Talks end | Example News").
        .map(|t| strip_site_name(&t, site, host))
    }

    /// The authors, from the most trusted source that names a person:
    /// JSON-LD, then meta tags, then the names printed on the page; an
    /// organisation as JSON-LD author only when nothing names a person.
    fn byline(
        &self,
        doc: &Document,
        ld: &LdArticle,
        outlet: Option<&str>,
        host: Option<&str>,
    ) -> Option<String> {
        let the_site = |name: &str| host.is_some_and(|h| names_the_host(h, name));
        let clean = |raw: &[String]| -> Vec<String> {
            let mut names: Vec<String> = Vec::new();
            for name in raw.iter().flat_map(|r| author_names(r, outlet)) {
                if !names.contains(&name) && !the_site(&name) {
                    names.push(name);
                }
            }
            drop_padded(&mut names);
            names
        };
        // Library metadata writes a name surname first ("Harm, Robert").
        let library = ["citation_author", "dc.creator", "dcterms.creator"];
        let meta: Vec<String> = library
            .iter()
            .chain(&[
                "author",
                "article:author",
                "og:article:author",
                "parsely-author",
                "sailthru.author",
            ])
            .find_map(|key| self.tags.get(*key).map(|values| (key, values)))
            .map(|(key, values)| {
                values
                    .iter()
                    // article:author is often a profile URL, which is not a name.
                    .filter(|n| !n.starts_with("http"))
                    .map(|n| {
                        library
                            .contains(key)
                            .then(|| given_name_first(n))
                            .flatten()
                            .unwrap_or_else(|| n.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Each kind of element the page marks authors with, in order: the
        // first that names someone (a page may mark up an empty box too).
        // Read only when the metadata names nobody: it walks the page.
        let printed = || {
            printed_authors(doc)
                .iter()
                .map(|group| clean(group))
                .find(|names| !names.is_empty())
                .unwrap_or_default()
        };
        // A person the page's schema names as author, on a site named
        // for them (a blog named for its writer): the writer, though the
        // name is also the site's.
        let own_site = || -> Vec<String> {
            let named_for = |n: &str| outlet.is_some_and(|o| same_outlet(o, n)) || the_site(n);
            let mut names: Vec<String> = ld
                .persons
                .iter()
                .filter(|n| n.split_whitespace().count() >= 2 && named_for(n))
                .flat_map(|n| author_names(n, None))
                .collect();
            names.dedup();
            names
        };
        Some(clean(&ld.authors))
            .filter(|names| !names.is_empty())
            .or_else(|| Some(clean(&meta)).filter(|names| !names.is_empty()))
            .or_else(|| Some(printed()).filter(|names| !names.is_empty()))
            .or_else(|| {
                Some(clean(&labelled_bylines(doc, outlet))).filter(|names| !names.is_empty())
            })
            // Not where the page's schema says it has no named author
            // ("anónimo"): its script data holds a related story's.
            .or_else(|| {
                let said_none = ld.authors.iter().any(|a| is_placeholder(a));
                Some(clean(&script_authors(doc))).filter(|names| !said_none && !names.is_empty())
            })
            .or_else(|| Some(own_site()).filter(|names| !names.is_empty()))
            .and_then(|names| join(&names))
            // An organisation as author, unless it is the outlet itself
            // (which is already the outlet): an agency credited by a paper.
            .or_else(|| {
                let others: Vec<String> = ld
                    .organisations
                    .iter()
                    .filter(|o| outlet.is_none_or(|site| !same_outlet(site, o)) && !the_site(o))
                    .cloned()
                    .collect();
                join(&others)
            })
    }

    fn language(&self) -> Option<String> {
        self.lang
            .clone()
            .or_else(|| self.tag(&["dc.language", "dcterms.language", "og:locale"]))
            .map(|l| l.replace('_', "-"))
    }
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "publish_date",
    "publication_date",
    "pubdate",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dcterms.issued",
    "dcterms.date",
    "dcterms.created",
    "dc.date",
    "dc.date.issued",
    "datepublished",
    "date",
];
/// Where a page prints its times outside the metadata, most trusted first:
/// microdata, then `<time datetime>`, then short date lines in elements
/// named for dates (the line under the headline).
fn printed_dates(doc: &Document, itemprop: &str, slot: Slot) -> Vec<Timestamp> {
    let mut found = Vec::new();
    // Microdata and RDFa ("schema:datePublished", "schema:dateCreated").
    let rdfa = if slot == Slot::Published {
        r#", [property~="schema:datePublished"], [property~="schema:dateCreated"], [property~="dc:date"], [property~="dcterms:created"]"#
    } else {
        r#", [property~="schema:dateModified"], [property~="dcterms:modified"]"#
    };
    for el in doc
        .select(&format!(r#"[itemprop~="{itemprop}"]{rdfa}"#))
        .iter()
    {
        let value = el
            .attr("datetime")
            .or_else(|| el.attr("content"))
            .map_or_else(|| el.text().to_string(), |v| v.to_string());
        found.extend(parse_timestamp(&value));
    }
    if slot == Slot::Published {
        let time = doc.select("time[datetime]");
        let dated = time.iter().filter_map(|t| {
            let attr = t.attr("datetime")?;
            parse_timestamp(&attr)
        });
        // The first one: the article's own time comes before the dates of
        // related stories and comments.
        found.extend(dated.take(1));
    }
    let mut lines = elements_named(doc, &["date", "time", "publish", "posted"]);
    lines.extend(doc.select("time").iter());
    // Not a related story's date.
    for el in lines.iter().filter(|el| !in_named(el, OTHER_STORIES)) {
        // "3 hours ago" on the page, the time itself in its tooltip.
        if slot == Slot::Published {
            if let Some(at) = el.attr("title").and_then(|t| parse_timestamp(&t)) {
                found.push(at);
                continue;
            }
        }
        let text = collapse_whitespace(&el.text());
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        found.extend(times_of(&text, slot));
        if found.len() >= 4 {
            break;
        }
    }
    // The line under a headline is its publication; an update is only
    // taken where it is labelled as one (above).
    if found.is_empty() && slot == Slot::Published {
        // One walk of the page's elements for both kinds of line.
        let elements: Vec<Selection> = doc.select("body *").iter().collect();
        found.extend(dates_near_headline(doc, &elements));
        if found.is_empty() {
            found.extend(labelled_dates(&elements));
        }
        if found.is_empty() {
            found.extend(script_published(doc));
        }
        if found.is_empty() {
            found.extend(this_post_dates(&elements));
        }
        if found.is_empty() {
            found.extend(byline_dates(&elements));
        }
    }
    found
}

/// The date printed on the byline's own line, where the page labels no
/// date ("Von Christian am 03.05.2013, 11:51 | 0 Meinungen", "Author:
/// Bo2man am 29.12.2010, 13:36 Uhr", "By Jane Doe, March 3, 2020"): the
/// line that says who wrote the story says when. A line of a readers'
/// comment, an aside, the footer or another story's teaser is not the
/// story's.
fn byline_dates(elements: &[Selection]) -> Vec<Timestamp> {
    for el in elements {
        let Some(line) = short_line(el, "script, style", 6, 120) else {
            continue;
        };
        if !has_label_word(&line) {
            continue;
        }
        let Some(part) = labelled_part(&line) else {
            continue;
        };
        if author_names(part, None).is_empty() {
            continue;
        }
        let times: Vec<Timestamp> = times_among(&line)
            .into_iter()
            .filter(|(slot, _)| *slot == Slot::Published)
            .map(|(_, at)| at)
            .collect();
        if times.is_empty()
            || el.nodes().first().is_some_and(outside_the_story)
            || in_named(el, &["teaser"])
        {
            continue;
        }
        return times;
    }
    Vec::new()
}

/// `at` (a UTC instant) as the outlet's clock showed it, when `printed` is
/// that clock's reading without its zone: the same minute, moved by a
/// whole number of quarter hours between UTC−12 and UTC+14, not by none.
fn outlet_clock(
    at: chrono::DateTime<chrono::FixedOffset>,
    printed: &Timestamp,
) -> Option<Timestamp> {
    let Timestamp::Floating(local) = printed else {
        return None;
    };
    let utc_minute = at.naive_utc().with_second(0)?.with_nanosecond(0)?;
    let local_minute = local.with_second(0)?.with_nanosecond(0)?;
    let minutes = (local_minute - utc_minute).num_minutes();
    if minutes == 0 || minutes % 15 != 0 || !(-12 * 60..=14 * 60).contains(&minutes) {
        return None;
    }
    let offset = chrono::FixedOffset::east_opt(i32::try_from(minutes * 60).ok()?)?;
    Some(Timestamp::Zoned(at.with_timezone(&offset)))
}

/// The text of a small element (at most `children` children, none of
/// `skip`) when it is a line of at most `max` chars.
fn short_line(el: &Selection, skip: &str, children: usize, max: usize) -> Option<String> {
    // Counted by walking at most `children + 1` of them: `Selection::children`
    // deduplicates with a linear search, quadratic on a `<p>` of 60,000 `<br>`s.
    let too_many = el.nodes().iter().any(|node| {
        node.children_it(false)
            .filter(|child| child.is_element())
            .nth(children)
            .is_some()
    });
    if too_many || el.is(skip) {
        return None;
    }
    let text = collapse_whitespace(&el.text());
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

/// A short line anywhere on the page that labels its date as the
/// publication ("Published On May 10, 2022 01:52 PM", "Datum: 26. Januar
/// 2022", "Erschienen am: 01.11.2023", "Publié le 23 mai 2019"), where
/// nothing near the headline dates the article. The first one.
fn labelled_dates(elements: &[Selection]) -> Vec<Timestamp> {
    for el in elements {
        // A box of facts prints each label and value in its own element
        // ("<span>Datum</span> <span>25.01.2022</span><br>"); a page's
        // footer may print several facts as the lines of one paragraph
        // ("Letzte Änderung: …<br>Erschienen am: 01.11.2023<br>Lesungen: 61").
        // A line of such a paragraph must open with its label: the
        // lines of an article's own text mention dates too.
        let (lines, opening) = match short_line(el, "script, style", 10, 100) {
            Some(text) => (vec![text], false),
            None => (br_lines(el, 16, 100), true),
        };
        for text in lines {
            let times = labelled_in(&text, opening);
            if !times.is_empty() {
                return times;
            }
        }
    }
    Vec::new()
}

/// The date of a line that says this very post was published then,
/// whichever comes first, the date or the word: "Dieser Beitrag wurde am
/// Samstag, 3. Dezember 2011 veröffentlicht und unter … gespeichert"
/// (WordPress's German footer), "Dieser Artikel wurde am 14. Dezember
/// 2015 um 14:48 von Heiner geschrieben". The line must open with the
/// post as its subject ("Seit dieser Beitrag am 4. Februar verfasst
/// wurde, …" is a sentence of the story), the words between must say no other
/// time of it ("… aktualisiert"), and it is no comment's or other
/// story's line. The date read is the first from the subject on, up to
/// just after the word. An article's own sentence about another date ("Das
/// Album wurde am 4. Februar veröffentlicht") names another subject.
fn this_post_dates(elements: &[Selection]) -> Vec<Timestamp> {
    static THIS_POST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:dieser\s+(?:beitrag|artikel|eintrag|text|post)|this\s+(?:post|article|entry|story)|cet\s+article|ce\s+billet|este\s+art[ií]culo|questo\s+articolo)\b[^;!?]{0,120}?\b(?:veröffentlicht|publiziert|erschienen|geschrieben|verfasst|posted|published|written|publié|publicado|pubblicato)\b",
        )
        .expect("this-post regex")
    });
    /// Another time of the post's than its publication.
    static OTHER_TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:aktualisiert|geändert|bearbeitet|korrigiert|ergänzt|überarbeitet|updated|modified|edited|amended|corrected|revised|mis\s+à\s+jour|actualizado|aggiornato)\b")
            .expect("other time regex")
    });
    for el in elements {
        let Some(text) = short_line(el, "script, style", 16, 600) else {
            continue;
        };
        if in_comments(el) || in_named(el, OTHER_STORIES) {
            continue;
        }
        if let Some(said) = THIS_POST
            .find(&text)
            .filter(|m| !OTHER_TIME.is_match(m.as_str()))
        {
            // The date before the word, or just after it ("This entry was
            // posted on Saturday, December 3rd, 2011 and is filed …").
            let end = text[said.end()..]
                .char_indices()
                .nth(60)
                .map_or(text.len(), |(i, _)| said.end() + i);
            if let Some(at) = parse_timestamp(&text[said.start()..end]) {
                return vec![at];
            }
        }
    }
    Vec::new()
}

/// The times a short line prints after a publication label (one it
/// opens with, when `opening`).
fn labelled_in(text: &str, opening: bool) -> Vec<Timestamp> {
    /// Words that make "date" another date's label.
    const OTHER_DATES: &[&str] = &[
        "release",
        "event",
        "start",
        "end",
        "closing",
        "due",
        "expiry",
        "expiration",
        "birth",
        "death",
        "match",
        "game",
        "concert",
        "show",
        "opening",
        "deadline",
        "veranstaltungs",
    ];
    // A label and the date after it may share a line with other facts
    // ("Ort Saarbrücken Datum 28.01.2022", "Letzte Änderung: 31.10.2023
    // Erschienen am: 01.11.2023"): the date read is the label's own.
    static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|\s)(?:first\s+published|published|posted|veröffentlicht|veröffentlichung|erschienen|erstellt|publiziert|online\s+seit|publié|mise\s+en\s+ligne|publicado|pubblicato|gepubliceerd|опубліковано|опубликовано|дата\s+публікації|дата\s+публикации|datum|date|fecha|data)\b",
        )
        .expect("publication label regex")
    });
    for label in PUBLICATION.find_iter(text) {
        if opening && !text[..label.start()].trim().is_empty() {
            break;
        }
        // "Release date", "Event date": another date's label.
        let qualified = text[..label.start()]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| OTHER_DATES.contains(&w.to_lowercase().as_str()));
        if qualified {
            continue;
        }
        let times = times_of(&text[label.start()..], Slot::Published);
        if !times.is_empty() {
            return times;
        }
    }
    Vec::new()
}

/// The lines of a paragraph broken by `<br>` (at most `children`
/// elements), each of at most `max` chars; none when it has no `<br>`.
fn br_lines(el: &Selection, children: usize, max: usize) -> Vec<String> {
    let Some(node) = el.nodes().first() else {
        return Vec::new();
    };
    let is_br = |n: &NodeRef| n.node_name().as_deref() == Some("br");
    let elements = || node.children_it(false).filter(|c| c.is_element());
    if elements().nth(children).is_some() || !elements().any(|c| is_br(&c)) {
        return Vec::new();
    }
    let mut lines = vec![String::new()];
    for child in node.children_it(false) {
        if is_br(&child) {
            lines.push(String::new());
        } else if !matches!(child.node_name().as_deref(), Some("script" | "style")) {
            lines.last_mut().expect("one line").push_str(&child.text());
        }
    }
    lines
        .iter()
        .map(|l| collapse_whitespace(l))
        .filter(|l| !l.is_empty() && l.chars().count() <= max)
        .collect()
}

/// The date a page's title gives in its first or last part, with at most
/// a few words beside it ("23.01.2022 - Dorothea Wierer darf …",
/// "08.11.2021 | Online-Fachtag …", "Bericht zur Coronalage vom
/// 22.04.2020"), where nothing else on the page, nor its address, dates
/// it.
fn title_date(doc: &Document) -> Option<Timestamp> {
    let title = text_of(&doc.select("title"))?;
    let parts: Vec<&str> = title.split(" - ").collect();
    let ends: Vec<String> = [parts.first(), parts.last()]
        .into_iter()
        .flatten()
        .map(|part| part.to_string())
        .collect();
    ends.iter()
        .flat_map(|part| times_among(part))
        .find(|(slot, _)| *slot == Slot::Published)
        .map(|(_, at)| at)
}

/// The publication time a page's own scripts give under a key that says
/// so (`"datePublished"`, `"publishedAt"`, `"published_at"`, …), where
/// the page prints none: pages built by scripts keep it in their data.
/// The first one: the article's data comes before its related stories'.
fn script_published(doc: &Document) -> Option<Timestamp> {
    static KEYED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)["']?\b(?:date_?published|published_?at|publish_?date|first_?published(?:_?at)?|date_?first_?published|pub_?date)["']?\s*:\s*["']([^"']{8,40})["']"#,
        )
        .expect("script date regex")
    });
    doc.select("script").iter().find_map(|script| {
        let text = script.text();
        KEYED
            .captures_iter(&text)
            .find_map(|caps| parse_timestamp(&caps[1]))
    })
}

/// The times of `slot` a short printed line gives: the parts of it that
/// are dates ("24. April 2020 | Pressemitteilungen").
fn times_of(line: &str, slot: Slot) -> Vec<Timestamp> {
    times_among(line)
        .into_iter()
        .filter(|(s, _)| *s == slot)
        .map(|(_, t)| t)
        .collect()
}

/// How many elements before and after the headline a date line may be.
const NEAR_HEADLINE: (usize, usize) = (12, 40);

/// A short date line printed near the page's `<h1>` ("03.02.2022 15:34",
/// "Erstellt am: 01.11.2023", "Di, 21. April 2020 - 16:40"), whatever the
/// element is called: the date under or above a headline is the article's.
fn dates_near_headline(doc: &Document, elements: &[Selection]) -> Vec<Timestamp> {
    let h1 = elements.iter().position(|e| e.is("h1")).or_else(|| {
        let h2 = titled_h2(doc)?;
        let node = h2.nodes().first()?.id;
        elements
            .iter()
            .position(|e| e.nodes().first().is_some_and(|n| n.id == node))
    });
    let Some(h1) = h1 else {
        return Vec::new();
    };
    let from = h1.saturating_sub(NEAR_HEADLINE.0);
    let to = (h1 + NEAR_HEADLINE.1).min(elements.len());
    // Nearest first: after the headline, then before it.
    let order = (h1 + 1..to).chain((from..h1).rev());
    for i in order {
        let Some(text) = short_line(&elements[i], "script, style, a, h1, h2", 4, 80) else {
            continue;
        };
        let times = times_of(&text, Slot::Published);
        if !times.is_empty() {
            return times;
        }
    }
    Vec::new()
}

/// The first `<h2>` that is the page's `<title>` or a whole part of it,
/// set off by a separator ("Gregory Szorc's Digital Home | Mercurial's
/// Journey to and Reflections on Python 3" and an `<h2>` "Mercurial's
/// Journey to and Reflections on Python 3"): the headline of a page that
/// prints no `<h1>`. At least three words, so a section's name is not it.
fn titled_h2(doc: &Document) -> Option<Selection<'_>> {
    let title = text_of(&doc.select("head title")).or_else(|| text_of(&doc.select("title")))?;
    let title = collapse_whitespace(&title);
    const SEPARATORS: &str = "|-–—:·»›•/";
    doc.select("h2").iter().find(|h2| {
        let text = collapse_whitespace(&h2.text());
        if text.split_whitespace().count() < 3 {
            return false;
        }
        title == text
            || title
                .strip_prefix(text.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(|c| SEPARATORS.contains(c)))
            || title
                .strip_suffix(text.as_str())
                .is_some_and(|rest| rest.trim_end().ends_with(|c| SEPARATORS.contains(c)))
    })
}

/// The date in a page's address ("/2025/12/15/", "/2017/7/12/",
/// "/2012-06/04/", "_20231102_"), as a date: addresses never carry the
/// time.
fn date_in_address(address: &str) -> Option<Timestamp> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])|[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?:[/_.-]|$)",
        )
        .expect("address date regex")
    });
    let path = url::Url::parse(address).ok()?.path().to_owned();
    let caps = DATE.captures(&path)?;
    let base = if caps.get(1).is_some() { 1 } else { 4 };
    let number = |i: usize| caps.get(base + i)?.as_str().parse::<u32>().ok();
    chrono::NaiveDate::from_ymd_opt(number(0)? as i32, number(1)?, number(2)?).map(Timestamp::Date)
}

const UPDATED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dcterms.modified",
    "datemodified",
];

fn attr(selection: &Selection, name: &str) -> Option<String> {
    selection
        .iter()
        .find_map(|s| s.attr(name))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn text_of(selection: &Selection) -> Option<String> {
    selection
        .iter()
        .map(|s| collapse_whitespace(&s.text()))
        .find(|t| !t.is_empty())
}

/// `<meta>` tags keyed by lower-cased `property`, `name` or `itemprop`
/// (Dublin Core is written "DC.title", "dc.title" and "DCTERMS.title").
fn meta_tags(doc: &Document) -> HashMap<String, Vec<String>> {
    let mut tags: HashMap<String, Vec<String>> = HashMap::new();
    for meta in doc.select("meta").iter() {
        let key = meta
            .attr("property")
            .or_else(|| meta.attr("name"))
            .or_else(|| meta.attr("itemprop"));
        let (Some(key), Some(content)) = (key, meta.attr("content")) else {
            continue;
        };
        let content = collapse_whitespace(&content);
        if !content.is_empty() {
            tags.entry(key.trim().to_lowercase())
                .or_default()
                .push(content);
        }
    }
    tags
}

/// The headline the page prints: its first `<h1>`, and whether it is the
/// page's only one and no logo (the site's name, or a link to its front
/// page) or dialog's heading.
struct PrintedHeadline {
    text: String,
    only: bool,
    /// Whether a kicker printed inside the `<h1>` was left out of `text`.
    had_kicker: bool,
    /// What the site is called ([`site_keys`]).
    site: Vec<String>,
    /// Every `<h1>` of the page, and whether it is no headline (the
    /// site's own, or a kicker).
    headings: Vec<(String, bool)>,
    /// The first [`SUBHEADINGS`] `<h2>`s of the page.
    subheadings: Vec<String>,
}

/// How many of a page's `<h2>`s are read against its title.
const SUBHEADINGS: usize = 20;

/// Class names of the kicker a page prints inside or above its headline
/// (the German "Dachzeile").
const KICKER_CLASSES: &[&str] = &[
    "kicker",
    "dachzeile",
    "topline",
    "overline",
    "supertitle",
    "roofline",
    "eyebrow",
    "topic-label",
    "subtitle",
    "strapline",
];

/// Class names of text only screen readers get: the separator between a
/// kicker and its headline ("<span class="visually-hidden">: </span>").
const HIDDEN_CLASSES: &[&str] = &["visually-hidden", "sr-only", "invisible"];

fn printed_headline(doc: &Document, site: &[String]) -> Option<PrintedHeadline> {
    let mut all: Vec<Selection> = doc
        .select("h1")
        .iter()
        .filter(|h| !collapse_whitespace(&h.text()).is_empty())
        .collect();
    // A page without an `<h1>` prints its headline in the `<h2>` its
    // title names: taken only where the title holds it.
    let fallback = all.is_empty();
    if fallback {
        all.extend(titled_h2(doc));
    }
    let first = all.first()?;
    // A date printed inside the headline's element is not part of it
    // ("<h1><time>1. Februar 2022</time> Bundesministerin Raab: …</h1>").
    let mut text = first.text().to_string();
    for time in first.select("time").iter() {
        text = text.replacen(time.text().as_ref(), " ", 1);
    }
    // Nor are the style sheets a page's scripts put inside it (CSS-in-JS:
    // "<h1><style>.css-umyvef{…}</style><span>…").
    for code in first.select("style, script, noscript, template").iter() {
        let code = code.text();
        if !code.trim().is_empty() {
            text = text.replacen(code.as_ref(), " ", 1);
        }
    }
    // A kicker printed inside the `<h1>` ("<span class="dachzeile">Interne
    // Unterlagen im Netz</span> <span class="headline">Daten von
    // Rheinmetall gehackt</span>") is not part of the headline.
    let leave_out = |classes: &[&str], text: &mut String| {
        // An element inside one already left out goes with it (a kicker's
        // own "kicker__text").
        let mut left_out: Vec<NodeId> = Vec::new();
        for el in first.select("[class]").iter() {
            let class = el.attr("class").unwrap_or_default().to_lowercase();
            if !classes.iter().any(|k| class.contains(k)) {
                continue;
            }
            let Some(node) = el.nodes().first() else {
                continue;
            };
            if node.ancestors_it(None).any(|a| left_out.contains(&a.id)) {
                continue;
            }
            let part = el.text();
            if !part.trim().is_empty() && text.contains(part.as_ref()) {
                *text = text.replacen(part.as_ref(), " ", 1);
                left_out.push(node.id);
            }
        }
        !left_out.is_empty()
    };
    let had_kicker = leave_out(KICKER_CLASSES, &mut text);
    if had_kicker {
        leave_out(HIDDEN_CLASSES, &mut text);
    }
    // What separated the kicker from the headline goes with it.
    let text = collapse_whitespace(&text);
    let text = if had_kicker {
        text.trim_start_matches(|c: char| c.is_whitespace() || ":|-–—·".contains(c))
            .to_owned()
    } else {
        text
    };
    if text.is_empty() {
        return None;
    }
    let folded = fold_name(&text);
    let names_the_site = site.iter().any(|key| names_site(&folded, key));
    // A link to the front page: "/", "./", "/de/", "index.html", or an
    // address with no more path than that.
    let front = |path: &str| {
        let path = path.trim_matches('/');
        path.is_empty()
            || path == "."
            || path.len() == 2 && path.chars().all(|c| c.is_ascii_lowercase())
            || path.starts_with("index.")
    };
    let links_home = |heading: &Selection| {
        heading.select("a[href]").iter().any(|a| {
            a.attr("href").is_some_and(|href| {
                let href = href.trim();
                match url::Url::parse(href) {
                    // An archived page links to the archived site's front.
                    Ok(u) => {
                        let u = url::Url::parse(archived_address(u.as_str())).unwrap_or(u);
                        front(u.path()) && u.query().is_none()
                    }
                    Err(_) => !href.contains('?') && front(href),
                }
            })
        })
    };
    let front_page = links_home(first);
    // A consent banner's or a dialog's heading is not the article's.
    let in_a_dialog =
        |heading: &Selection| in_named(heading, &["cookie", "consent", "gdpr", "popup"]);
    // Every `<h1>` of the page, and whether it is no headline: the site's
    // own (its logo, its name, a dialog's heading, one in the page's
    // banner beside its logo picture) or a kicker set as an `<h1>`.
    let kicker = |heading: &Selection| {
        heading.attr("class").is_some_and(|c| {
            let c = c.to_lowercase();
            KICKER_CLASSES.iter().any(|k| c.contains(k))
        })
    };
    // The page's banner: its first `<header>`, outside the article.
    let banner = doc
        .select("header")
        .nodes()
        .first()
        .filter(|h| !h.ancestors_it(None).any(|a| a.is("article, main")))
        .map(|h| h.id);
    let in_banner = |heading: &Selection| {
        heading
            .nodes()
            .first()
            .is_some_and(|node| node.ancestors_it(None).any(|a| Some(a.id) == banner))
            && !heading.select("img, svg, object, picture").is_empty()
    };
    let headings = if fallback {
        Vec::new()
    } else {
        all.iter()
            .map(|h| {
                let text = collapse_whitespace(&h.text());
                let folded = fold_name(&text);
                // The site's name itself, not a headline that opens with
                // a word the site is named for ("Sternschnuppen heute" on
                // stern.de).
                let furniture = links_home(h)
                    || in_a_dialog(h)
                    || kicker(h)
                    || in_banner(h)
                    || site.contains(&folded);
                (text, furniture)
            })
            .collect()
    };
    let subheadings = doc
        .select("h2")
        .iter()
        .take(SUBHEADINGS)
        .map(|h| collapse_whitespace(&h.text()))
        .collect();
    Some(PrintedHeadline {
        text,
        only: all.len() == 1 && !fallback && !names_the_site && !front_page && !in_a_dialog(first),
        had_kicker,
        site: site.to_vec(),
        headings,
        subheadings,
    })
}

/// The title, without what the page adds around its headline: when the
/// page's `<h1>` is the title's start followed by a separator ("Talks end
/// | St. Gallen Daily"), the `<h1>` is the headline. Where the page's only
/// `<h1>` and its title are worded differently, neither holding the other
/// (a title written for search engines and social networks, "Brexit:
/// Nervenkrieg geht in nächste Runde" over "Der Nervenkrieg um den Brexit
/// geht in die nächste Runde"), the headline readers see is the `<h1>`.
fn headline(title: Option<String>, mut printed: Option<PrintedHeadline>) -> Option<String> {
    let only = printed.as_ref().is_some_and(|p| p.only);
    let had_kicker = printed.as_ref().is_some_and(|p| p.had_kicker);
    let (site, headings, subheadings) = printed
        .as_mut()
        .map(|p| {
            (
                std::mem::take(&mut p.site),
                std::mem::take(&mut p.headings),
                std::mem::take(&mut p.subheadings),
            )
        })
        .unwrap_or_default();
    let h1 = printed.map(|p| p.text);
    let (Some(title), Some(h1)) = (&title, &h1) else {
        return title.or(h1);
    };
    let (t, h) = (
        collapse_whitespace(title).to_lowercase(),
        collapse_whitespace(h1).to_lowercase(),
    );
    let words = h.split_whitespace().count();
    if only && (3..=30).contains(&words) && !t.contains(&h) && !h.contains(&t) {
        return Some(h1.clone());
    }
    // The title is the kicker and the headline the page prints apart.
    if only && had_kicker && t.contains(&h) {
        return Some(h1.clone());
    }
    // A headline of one or two words counts where the page's only `<h1>`
    // is no logo and what the title adds after it is the site's name
    // ("CDPATH replacements - anarcat"), not the headline ("Chronik: Lotte
    // Tobisch ist tot" over an `<h1>` "Chronik").
    let names_the_site = |after: &str| {
        let first_part = after
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .split([' ', '|', '–', '—', '·', '»', '›'])
            .find(|p| !p.is_empty())
            .unwrap_or_default();
        let (whole, first_part) = (fold_name(after), fold_name(first_part));
        site.iter()
            .any(|key| names_site(&whole, key) || names_site(&first_part, key))
    };
    let short_ok = |after: &str| only && (after.trim().is_empty() || names_the_site(after));
    let enough = |after: &str| words >= 3 || short_ok(after);
    let rest = title.strip_prefix(h1.as_str()).map(str::trim_start);
    let separated = rest.is_some_and(|r| r.starts_with(['|', '-', '–', '—', ':', '·', '›', '(']));
    if separated && rest.is_some_and(enough) {
        return Some(h1.clone());
    }
    // The headline printed on the page, when the title only adds a section
    // or a kicker around it ("Chronik: Lotte Tobisch ist tot", "Neu -
    // Japanisches Mini-SUV auf dem Vormarsch - Vorstellung").
    const SEPARATORS: [char; 10] = ['|', '-', '–', '—', ':', '·', '»', '›', '/', '('];
    if t != h {
        if let Some(at) = t.find(&h) {
            let before = t[..at].trim_end();
            let after = t[at + h.len()..].trim_start();
            // After the headline, a section or the site; before it, a
            // kicker ends with a colon ("Klimaschutz: …"), while a part
            // after " | " or " - " at the end is most often the site's
            // own name in a logo's `<h1>` ("… | Steinzeit & Co").
            let kicker = before.ends_with(':') || !after.is_empty() && before.ends_with(SEPARATORS);
            if (before.is_empty() || kicker)
                && (after.is_empty() || after.starts_with(SEPARATORS))
                && enough(after)
            {
                return Some(h1.clone());
            }
        }
    }
    Some(by_headings(title, &headings, &subheadings))
}

/// The title read against the page's `<h1>`s: a part of the title that
/// is the text of the site's logo or of a kicker set as an `<h1>` goes
/// ("Enchufla Figuren - Salsa-Figuren - Rueda in Berlin" under a logo
/// "Salsa-Figuren - Rueda in Berlin"), and when one part of the title is
/// printed as a heading of its own, that part is the headline ("La voix
/// des nuls | ARTE Radio" over the `<h1>`s "Créatrice de podcasts depuis
/// 2002" and "La voix des nuls") when it is the title's longest. A
/// heading of one word is as often a section's ("Chronik") and counts for
/// neither.
fn by_headings(title: &str, headings: &[(String, bool)], subheadings: &[String]) -> String {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[|｜]\s*|\s+(?:-|–|—|::|·|»|«|›|‹)\s+").expect("title part separator regex")
    });
    let fold = |t: &str| collapse_whitespace(t).to_lowercase();
    let mut title = collapse_whitespace(title);
    for (logo, _) in headings
        .iter()
        .filter(|(t, furniture)| *furniture && t.contains(' '))
    {
        let logo = fold(logo);
        // Cut where the separator is in the title itself: lower case may
        // be longer or shorter in bytes ("İzmir").
        if let Some(cut) = without_end_part(&title, &SEPARATOR, |p| fold(p) == logo) {
            title = cut;
        }
    }
    let parts: Vec<&str> = title_parts(&title, &SEPARATOR)
        .into_iter()
        .map(|(from, to)| &title[from..to])
        .collect();
    if parts.len() < 2 {
        return title;
    }
    let printed: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| {
            part.split_whitespace().count() >= 2
                && headings
                    .iter()
                    .any(|(text, furniture)| !furniture && fold(text) == fold(part))
        })
        .collect();
    // The headline is the title's longest part: a site's name or a
    // section beside it is shorter ("Werkzeuge des Neandertalers | Steinzeit
    // & Co" under a logo `<h1>` "Steinzeit & Co" the page does not mark).
    let longest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    // Another part printed as an `<h2>` is the headline under a section's
    // `<h1>` ("Brand in Scheune - Nachrichten aus dem Kreis").
    let other_printed = |one: &str| {
        parts.iter().any(|part| {
            *part != one
                && part.split_whitespace().count() >= 2
                && subheadings.iter().any(|h| fold(h) == fold(part))
        })
    };
    match printed.as_slice() {
        [one] if one.chars().count() >= longest && !other_printed(one) => (*one).to_owned(),
        _ => title,
    }
}

/// Where each part of `title` between `separator`s starts and ends.
fn title_parts(title: &str, separator: &Regex) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut from = 0;
    for sep in separator.find_iter(title) {
        parts.push((from, sep.start()));
        from = sep.end();
    }
    parts.push((from, title.len()));
    parts
}

/// `title` without its first or last part (at a `separator`) when that
/// part `is_it`: the rest of the title. Cut where the separator is in the
/// title itself, never at an offset found in a lower-cased copy ("İ" is
/// longer in bytes lower-cased).
fn without_end_part(
    title: &str,
    separator: &Regex,
    is_it: impl Fn(&str) -> bool,
) -> Option<String> {
    separator.find_iter(title).find_map(|sep| {
        let (head, tail) = (&title[..sep.start()], &title[sep.end()..]);
        if !head.is_empty() && is_it(tail) {
            Some(head.to_owned())
        } else if !tail.is_empty() && is_it(head) {
            Some(tail.to_owned())
        } else {
            None
        }
    })
}

/// "Ukraine open to ... | ANI News" → "Ukraine open to ..." when the suffix
/// is the site's name.
/// The title without the parts that name the site: a page's `<title>`
/// adds the site's name (or its address) before or after the headline,
/// with a separator ("Talks end | Example News", "anarcat » CDPATH
/// replacements"), and blogs add "Blog Archive" too. `site` is the
/// outlet's name when the page gives one, `host` the page's address.
fn strip_site_name(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        // A bar needs no spaces around it: Japanese and Chinese titles
        // set the site off as "…明らかに|au Webポータル" or with "｜".
        Regex::new(r"\s*[|｜]\s*|\s+(?:-|–|—|::|·|»|«|›|‹|:)\s+").expect("title separator regex")
    });
    let mut title = collapse_whitespace(title);
    // The site's whole name first: it may hold a separator itself ("AOC
    // media - Analyse Opinion Critique").
    if let Some(site) = site.map(collapse_whitespace).filter(|s| !s.is_empty()) {
        let site_lower = site.to_lowercase();
        // Cut where the separator is in the title itself: lower case may
        // be longer or shorter in bytes ("İzmir").
        if let Some(cut) = without_end_part(&title, &SEPARATOR, |p| p.to_lowercase() == site_lower)
        {
            title = cut;
        }
    }
    let keys = site_keys(site, host);
    if keys.is_empty() {
        return title;
    }
    let parts = title_parts(&title, &SEPARATOR);
    let furniture = |part: &str| {
        let folded = fold_name(part);
        keys.iter().any(|k| names_site(&folded, k))
            || matches!(
                folded.as_str(),
                "blogarchive" | "blogarchiv" | "home" | "startseite"
            )
    };
    let (mut first, mut last) = (0, parts.len());
    while last - first > 1 && furniture(&title[parts[last - 1].0..parts[last - 1].1]) {
        last -= 1;
    }
    while last - first > 1 && furniture(&title[parts[first].0..parts[first].1]) {
        first += 1;
    }
    title[parts[first].0..parts[last - 1].1].to_owned()
}

/// The address a Wayback Machine page archived
/// (`https://web.archive.org/web/20160330101229/http://muffinrezept.net/…`
/// is `http://muffinrezept.net/…`); any other address as it is.
fn archived_address(address: &str) -> &str {
    static WAYBACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^https?://web\.archive\.org/web/\d{4,14}[a-z_]*/(https?://.+)$")
            .expect("wayback address regex")
    });
    WAYBACK
        .captures(address)
        .and_then(|c| c.get(1))
        .map_or(address, |m| m.as_str())
}

/// The site's name as its news feed gives it, for a page that names its
/// site nowhere else: blogs and small sites link their feed as "Nordish
/// by Nature » Feed", "DimidoBlog RSS Feed" or "PocketPC.ch - Dein mobiles
/// Leben RSS-Feed" (the name before its tagline). Not a comments feed, and
/// not a feed called only "RSS 2.0".
fn feed_site_name(doc: &Document) -> Option<String> {
    static FEED_WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:[»›|:–—-]\s*)?(?:rss[- ]?feed|rss\s*2\.0|rss|atom[- ]?feed|atom|news\s*feed|feed)\s*$")
            .expect("feed words regex")
    });
    static TAGLINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+(?:[|»›–—-]|::)\s+").expect("tagline separator regex"));
    let feeds = doc.select(
        r#"link[rel~="alternate"][type="application/rss+xml"], link[rel~="alternate"][type="application/atom+xml"]"#,
    );
    let title = feeds.iter().filter_map(|l| l.attr("title")).find(|t| {
        let t = t.to_lowercase();
        !["comment", "kommentar", "commentaire"]
            .iter()
            .any(|w| t.contains(w))
    })?;
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"[„“"«»]([^„“"«»]{2,50})[“”"«»]"#).expect("quoted name regex")
    });
    let title = collapse_whitespace(&title);
    // "Atom-Feed für „Piratenwiki“": the name in quotes.
    if let Some(quoted) = QUOTED
        .captures(&title)
        .filter(|_| FEED_WORDS.is_match(&title) || title.to_lowercase().contains("feed"))
    {
        return Some(quoted[1].trim().to_owned());
    }
    let name = FEED_WORDS.replace(&title, "");
    let name = TAGLINE.split(&name).next().unwrap_or_default().trim();
    // "nd-Tagesausgabe als RSS-Feed".
    let name = ["als", "as", "von", "from", "for", "für"]
        .iter()
        .find_map(|w| name.strip_suffix(&format!(" {w}")))
        .unwrap_or(name)
        .trim();
    let generic =
        !name.chars().any(char::is_alphanumeric) || FEED_WORDS.replace(name, "").trim().is_empty();
    (!generic && name.split_whitespace().count() <= 6 && name.chars().count() <= 50)
        .then(|| name.to_owned())
}

/// What a site is called, folded: its outlet name, and its address
/// without `www.`, whole and without the last label ("anarc.at" is
/// "anarcat" and "anarc").
fn site_keys(site: Option<&str>, host: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = site.map(fold_name).into_iter().collect();
    if let Some(host) = host {
        let host = host.trim_start_matches("www.");
        keys.push(fold_name(host));
        if let Some((name, _tld)) = host.rsplit_once('.') {
            keys.push(fold_name(name));
            // German addresses write "ö" as "oe" ("oekologisch-bauen.info"
            // is "Ökologisch Bauen").
            let plain = fold_name(name)
                .replace("ae", "a")
                .replace("oe", "o")
                .replace("ue", "u");
            keys.push(plain);
        }
    }
    keys.retain(|k| k.chars().count() >= 4);
    keys.sort();
    keys.dedup();
    keys
}

/// Whether a folded title part names the site `key`: the same, or the
/// part begins with a key of at least five letters ("dimidoblog" and
/// "dimido", "muffinrezepte" and "muffinrezept"). A part that is only the
/// start of the site's name is the headline's ("Welpen kaufen" on
/// welpenkaufen24.de).
fn names_site(part: &str, key: &str) -> bool {
    part == key || key.chars().count() >= 5 && part.starts_with(key)
}

/// Resolves `href` against the page URL; an absolute `href` or a missing
/// base leaves it as printed.
fn resolve(base: Option<&str>, href: &str) -> String {
    let joined = base
        .and_then(|b| url::Url::parse(b).ok())
        .and_then(|b| b.join(href).ok());
    joined.map_or_else(|| href.to_owned(), String::from)
}

/// What a schema.org article node says.
#[derive(Debug, Clone, Default)]
struct LdArticle {
    headline: Option<String>,
    /// Persons (and untyped names) credited as authors.
    authors: Vec<String>,
    /// Organisations credited as authors (often the outlet itself).
    organisations: Vec<String>,
    /// Of the authors, those typed `Person`.
    persons: Vec<String>,
    publisher: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// The first article-typed node of the page's JSON-LD, looking inside
/// arrays and `@graph`, with `{"@id": ...}` references resolved.
fn json_ld_article(doc: &Document) -> Option<LdArticle> {
    let mut nodes = Vec::new();
    for script in doc.select(r#"script[type*="ld+json"]"#).iter() {
        // Raw line breaks inside JSON strings are common and invalid; outside
        // strings they are whitespace, so a space is right in both places.
        let text: String = script
            .text()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            flatten(value, &mut nodes);
        }
    }
    let by_id: HashMap<&str, &Value> = nodes
        .iter()
        .filter_map(|n| Some((n.get("@id")?.as_str()?, n)))
        .collect();
    let resolve_ref = |v: &'_ Value| -> Value {
        let id = v
            .get("@id")
            .and_then(Value::as_str)
            .filter(|_| v.get("name").is_none());
        id.and_then(|id| by_id.get(id))
            .map_or_else(|| v.clone(), |n| (*n).clone())
    };
    // An article node; else any node that dates itself (a WebPage, a
    // Recipe or a video page that is the article).
    let node = nodes
        .iter()
        .find(|n| is_article_type(n))
        .or_else(|| nodes.iter().find(|n| n.get("datePublished").is_some()))?;
    let credited = names(node.get("author"), &resolve_ref);
    let of_kind = |kind: Credited| -> Vec<String> {
        credited
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| n.clone())
            .collect()
    };
    let persons = of_kind(Credited::Person);
    Some(LdArticle {
        headline: string(node.get("headline")).or_else(|| string(node.get("name"))),
        authors: [persons.clone(), of_kind(Credited::Untyped)].concat(),
        organisations: of_kind(Credited::Organisation),
        persons,
        publisher: node
            .get("publisher")
            .and_then(|p| string(resolve_ref(p).get("name"))),
        published: string(node.get("datePublished")),
        modified: string(node.get("dateModified")),
        url: string(node.get("url")).or_else(|| page_url(node.get("mainEntityOfPage"))),
        language: string(node.get("inLanguage")),
    })
}

fn flatten(value: Value, nodes: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, nodes)),
        Value::Object(mut map) => {
            // Articles sit in "@graph" (Yoast and most CMSes) or as the
            // "mainEntity" of a WebPage.
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, nodes);
            }
            if let Some(main) = map
                .get("mainEntity")
                .filter(|m| m.is_object() || m.is_array())
            {
                flatten(main.clone(), nodes);
            }
            nodes.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article_type(node: &Value) -> bool {
    let is_article = |t: &str| t.ends_with("Article") || t.ends_with("Posting") || t == "Report";
    match node.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.clone(),
        Value::Array(items) => return items.iter().find_map(|i| string(Some(i))),
        _ => return None,
    };
    // CMSes often put HTML into JSON-LD ("Trump&#039;s envoy", "<b>Live</b>");
    // reading it as an HTML fragment decodes entities and drops tags.
    let text = if text.contains(['&', '<']) {
        Document::fragment(text).text().to_string()
    } else {
        text
    };
    Some(collapse_whitespace(&text)).filter(|t| !t.is_empty())
}

/// What a JSON-LD author is typed as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Credited {
    Person,
    Organisation,
    Untyped,
}

/// Author names from a string, a Person/Organization, or a list of them,
/// each with what it is typed as.
fn names(value: Option<&Value>, resolve_ref: &dyn Fn(&Value) -> Value) -> Vec<(Credited, String)> {
    let items = match value {
        Some(Value::Array(items)) => items.clone(),
        Some(single) => vec![single.clone()],
        None => return Vec::new(),
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(_) => string(Some(item)).map(|n| (Credited::Untyped, n)),
            _ => {
                let node = resolve_ref(item);
                // A type alone, or a list of them (Yoast's ["Person",
                // "Organization"] for a site that is a person's).
                let types: Vec<&str> = match node.get("@type") {
                    Some(Value::String(t)) => vec![t.as_str()],
                    Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let kind = if types.contains(&"Person") {
                    Credited::Person
                } else if types.iter().any(|t| t.contains("Organization")) {
                    Credited::Organisation
                } else {
                    Credited::Untyped
                };
                let name = string(node.get("name"))?;
                let name = match kind {
                    Credited::Person => fuller_name(&name, node.get("description")).unwrap_or(name),
                    _ => name,
                };
                Some((kind, name))
            }
        })
        .collect()
}

/// "Harm, Robert" as "Robert Harm": one surname, a comma, one or two
/// given names or initials, as library metadata writes a name. Two full
/// names ("Glen Owen, Brendan Carlin") are left as they are.
fn given_name_first(name: &str) -> Option<String> {
    static SURNAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\p{Lu}[\p{L}'’-]+),\s*(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?)\s*$")
            .expect("surname-first regex")
    });
    let caps = SURNAME_FIRST.captures(name)?;
    // Two agencies ("Reuters, AFP") are no surname and given name.
    if canonical_outlet(&caps[1]).is_some() || canonical_outlet(&caps[2]).is_some() {
        return None;
    }
    Some(format!("{} {}", &caps[2], &caps[1]))
}

/// A person named by one word ("Nils", a blog's display name) whose own
/// profile opens with that word and a surname ("Nils Pickert ist freier
/// Autor…"): the full name.
fn fuller_name(name: &str, description: Option<&Value>) -> Option<String> {
    if name.split_whitespace().count() != 1 {
        return None;
    }
    let description = description?.as_str()?;
    let rest = description.strip_prefix(name)?.strip_prefix(' ')?;
    let surname = rest.split_whitespace().next()?;
    let surname = surname.trim_end_matches([',', '.', ':', ';']);
    let capitalised = surname.chars().next().is_some_and(char::is_uppercase)
        && surname
            .chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && surname.chars().count() >= 2;
    capitalised.then(|| format!("{name} {surname}"))
}

/// The author names the page prints, by the kind of element that marks
/// them: `itemprop=author` elements, `rel=author` links, and byline
/// elements (`.byline`, `.author-name`, ...).
/// The authors a page's own script data names under a key that says so
/// (`"authors":"Alex Bozarjian"`), where nothing else on the page does:
/// pages built by scripts keep the byline in their data. The first.
fn script_authors(doc: &Document) -> Vec<String> {
    static KEYED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"["']?\b(?:authors?|author_?name|byline)["']?\s*:\s*["']([^"'{}\[\]<>]{3,80})["']"#,
        )
        .expect("script author regex")
    });
    doc.select("script:not([type=\"application/ld+json\"])")
        .iter()
        .find_map(|script| {
            let text = script.text();
            KEYED.captures(&text).map(|caps| vec![caps[1].to_string()])
        })
        .unwrap_or_default()
}

/// Whether an element is part of the readers' comments (a thread, its
/// form): the names there are commenters', not the article's authors.
fn in_comments(el: &Selection) -> bool {
    in_named(el, &["comment", "respond", "disqus", "reply"])
}

/// Whether an element or one around it, below the `<body>`, has a class
/// or id holding one of `words` (lower-case). The body's own classes
/// describe the whole page ("modal-open", "has-comments").
fn in_named(el: &Selection, words: &[&str]) -> bool {
    let Some(node) = el.nodes().first() else {
        return false;
    };
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .take_while(|n| !n.is("body, html"))
        .any(|n| {
            ["class", "id"].iter().any(|key| {
                n.attr(key).is_some_and(|v| {
                    let v = v.to_lowercase();
                    words.iter().any(|w| v.contains(w))
                })
            })
        })
}

/// Whether `el` is in no part of the page the story's own byline or
/// date stands in: the head, a headline, navigation, a footer, an aside,
/// a form, a caption, code, the readers' comments or another story's
/// block.
fn outside_the_story(el: &NodeRef) -> bool {
    const ELSEWHERE: &str =
        "head, title, h1, nav, footer, aside, form, figcaption, script, style, noscript";
    let selection = Selection::from(*el);
    el.is(ELSEWHERE)
        || el.ancestors_it(None).any(|a| a.is(ELSEWHERE))
        || in_comments(&selection)
        || in_named(&selection, OTHER_STORIES)
}

/// Names of the blocks that show other stories (teasers, related and
/// recommended articles): their bylines and dates are not the article's.
const OTHER_STORIES: &[&str] = &["related", "recommend", "more-stories"];

/// How far up from the first byline element its block reaches: the
/// levels a byline's names and their separate links sit in.
const BYLINE_BLOCK: usize = 2;

/// Short lines that name the author with a label, wherever the page
/// prints them outside navigation, footers, asides and comments ("VON
/// Moritz Gathmann am 21. April 2020", "Posted on September 21, 2020 by
/// Adi Tzlil", "<h5>Autor:</h5> Peter Maahn"): the byline of pages that
/// mark it with no class or schema. The first that names someone.
fn labelled_bylines(doc: &Document, outlet: Option<&str>) -> Vec<String> {
    /// Most words of a line read as a byline.
    const LINE_WORDS: usize = 20;
    // Each element is read as a line once: a page of many short text
    // nodes in one large element reads that element once, not once per
    // node.
    let mut read: HashSet<NodeId> = HashSet::new();
    for node in doc.root().descendants_it().filter(|n| n.is_text()) {
        let own = node.text();
        if own.split_whitespace().count() > LINE_WORDS || !has_label_word(&own) {
            continue;
        }
        // The line a label is printed in: its element, or the element
        // around it when the label stands alone ("<h5>Autor:</h5> Name").
        let mut element = node.parent();
        for _ in 0..3 {
            let Some(el) = element else { break };
            if el.is("body, html") || !read.insert(el.id) {
                break;
            }
            let line = collapse_whitespace(&el.text());
            if line.split_whitespace().count() > LINE_WORDS {
                break;
            }
            // A label alone in its element, the name in the next one.
            if let Some(label) = label_alone(&line) {
                // The next element that is not a label too ("Auteur :",
                // "Auteur(s) :" for two screen sizes).
                let next =
                    std::iter::successors(el.next_element_sibling(), |n| n.next_element_sibling())
                        .take(3)
                        .map(|n| collapse_whitespace(&n.text()))
                        .find(|n| label_alone(n).is_none());
                if let Some(next) = next.filter(|n| n.split_whitespace().count() <= 8) {
                    let found = author_names(&next, outlet);
                    // "by" and "von" before one word are a menu's ("by
                    // Newest"), as below.
                    let menu = matches!(label, "by" | "von") && is_plain_word(&found);
                    if !found.is_empty() && !menu && !outside_the_story(&el) {
                        return found;
                    }
                }
            }
            if let Some(part) = labelled_part(&line) {
                if outside_the_story(&el) {
                    break;
                }
                let found = author_names(part, outlet);
                // A bare "By" before one word is as often a menu ("By
                // Method", "von anderen") as a signature: one word needs
                // more of a label or a date beside it.
                let bare_lead = part == line && part.split_whitespace().count() == 2;
                let menu = bare_lead && is_plain_word(&found);
                if !found.is_empty() && !menu {
                    return found;
                }
                break;
            }
            element = el.parent();
        }
    }
    Vec::new()
}

/// Whether `names` is one ordinary word ("Method", "Newest"), which after a
/// bare "By" is a menu's; a user name ("delta201", "MikeNils") is a
/// signature.
fn is_plain_word(names: &[String]) -> bool {
    let [name] = names else {
        return false;
    };
    // Digits, "_" or ".", or capitals inside lower case ("MikeNils").
    let user_name = name.chars().any(|c| c.is_ascii_digit() || "_.".contains(c))
        || name.chars().skip(1).any(char::is_uppercase) && name.chars().any(char::is_lowercase);
    !name.contains(' ') && !user_name
}

fn printed_authors(doc: &Document) -> Vec<Vec<String>> {
    const SOURCES: &[&str] = &[
        r#"[itemprop~="author"] [itemprop~="name"], [itemprop~="author"][content]"#,
        r#"[itemprop~="author"]"#,
        r#"a[rel~="author"]"#,
    ];
    /// Byline elements by name ("byline", "author-name", "autor"), then by
    /// what they are.
    const BYLINE_NAMES: &[&str] = &["byline", "author", "autor"];
    const BYLINE_ELEMENTS: &str =
        r#"[data-testid*="byline"], .vcard .fn, [itemprop~="creator"], address.author"#;
    let texts = |elements: Vec<Selection>| -> Vec<String> {
        let lines: Vec<(Selection, String)> = elements
            .into_iter()
            .filter(|el| !in_comments(el))
            .map(|el| {
                let text = el
                    .attr("content")
                    .map_or_else(|| el.text().to_string(), |c| c.to_string());
                let text = collapse_whitespace(&text);
                (el, text)
            })
            // A whole author box or comment thread is not a byline.
            .filter(|(_, t)| !t.is_empty() && t.split_whitespace().count() <= 25)
            .collect();
        // The byline is the first such element that names someone, with
        // those printed beside it; one further down the page credits a
        // teaser or a related story.
        let block = lines
            .iter()
            .find(|(_, text)| !author_names(text, None).is_empty())
            .and_then(|(el, _)| el.nodes().first().copied())
            .and_then(|n| n.ancestors_it(Some(BYLINE_BLOCK)).last());
        let in_block = |el: &Selection| {
            let (Some(block), Some(node)) = (&block, el.nodes().first()) else {
                return true;
            };
            node.ancestors_it(None).any(|a| a.id == block.id)
        };
        lines
            .into_iter()
            .filter(|(el, _)| in_block(el))
            .map(|(_, text)| text)
            .take(8)
            .collect()
    };
    let mut groups: Vec<Vec<String>> = SOURCES
        .iter()
        .map(|selector| texts(doc.select(selector).iter().collect()))
        .collect();
    let mut named = elements_named(doc, BYLINE_NAMES);
    named.extend(doc.select(BYLINE_ELEMENTS).iter());
    groups.push(texts(named));
    groups.retain(|g| !g.is_empty());
    groups
}

fn page_url(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        object => string(object.get("@id")).or_else(|| string(object.get("url"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::test_support::{date, fixture, s, text_from_pieces_and_runs, written, zoned};
    use rstest::rstest;

    #[test]
    fn json_ld_news_article() {
        let a = parse_html(
            &fixture("jsonld-newsarticle.html"),
            Some("https://example-news.com/world/ukraine-nato?utm=x"),
        )
        .expect("parses");
        assert_eq!(
            a.title,
            s("Ukraine open to dropping NATO bid for security guarantees"),
            "JSON-LD headline beats og:title and <title>"
        );
        assert_eq!(
            a.byline,
            s("Jane Doe, Piotr Nowak"),
            "all JSON-LD authors are named"
        );
        assert_eq!(a.outlet, s("Example News"), "publisher.name is the outlet");
        assert_eq!(
            written(a.published_at),
            written(zoned("2025-12-15T02:37:51+05:30")),
            "datePublished keeps its +05:30 offset"
        );
        assert_eq!(
            a.updated_at,
            zoned("2025-12-15T02:40:07+05:30"),
            "'+0530' is read as +05:30"
        );
        assert_eq!(a.language, s("en-GB"), "inLanguage beats <html lang>");
        assert_eq!(
            a.url,
            s("https://example-news.com/world/ukraine-nato?utm=x"),
            "the URL fetched is the URL"
        );
        assert_eq!(
            a.canonical_url,
            s("https://example-news.com/world/ukraine-nato"),
            "a relative canonical link is resolved against the page URL"
        );
        assert_eq!(a.dateline, s("Kyiv"), "the dateline of the first paragraph");
        assert_eq!(a.wire_credit, s("Reuters"), "the paper credits Reuters");
        assert!(
            a.paragraphs.len() >= 4,
            "each <p> is a paragraph: {:?}",
            a.paragraphs
        );
        assert!(
            a.paragraphs[0].starts_with("KYIV, Dec 15 (Reuters) - Ukraine"),
            "the body starts with the first paragraph: {:?}",
            a.paragraphs[0]
        );
        let relays: Vec<_> = a.relays.iter().map(|r| r.outlet.as_str()).collect();
        assert_eq!(
            relays,
            ["Reuters", "Al Jazeera"],
            "the newspaper relays Reuters and Al Jazeera"
        );
        assert!(
            !a.paragraphs.iter().any(|p| p.contains("Most read")),
            "the aside is not body"
        );
    }

    #[test]
    fn cluttered_page_gives_a_clean_body_and_its_printed_byline_and_time() {
        let a = parse_html(
            &fixture("cluttered-page.html"),
            Some("https://harbour.example/news/grain-corridor"),
        )
        .expect("parses");
        assert_eq!(
            a.byline,
            s("Marta Kowalska, Tomas Berg"),
            "the byline element names two people; the outlet in meta author is not an author, \
             \"By\", capitals and the job title are cleaned away"
        );
        assert_eq!(
            written(a.published_at),
            written(zoned("2025-12-16T09:15:00+02:00")),
            "the date line under the headline, EET being UTC+2"
        );
        assert!(
            a.paragraphs[0].starts_with("ODESA — The Black Sea grain corridor"),
            "the body starts with the article, not a banner, byline, share bar or caption: {:?}",
            a.paragraphs
        );
        let body = a.paragraphs.join("\n");
        for clutter in [
            "cookies",
            "newsletter",
            "Enter your email",
            "Share on",
            "Photo:",
            "More from",
            "Port power restored",
            "Staff Writers",
        ] {
            assert!(
                !body.contains(clutter),
                "{clutter:?} is not article text: {body}"
            );
        }
        let aside = a.boilerplate.join("\n");
        for kept in [
            "We use cookies",
            "newsletter",
            "A bulk carrier leaves the port",
        ] {
            assert!(
                aside.contains(kept),
                "{kept:?} is kept aside, not lost: {aside}"
            );
        }
        assert_eq!(
            a.paragraphs.len(),
            4,
            "four paragraphs of article: {:?}",
            a.paragraphs
        );
    }

    #[rstest]
    #[case::itemprop_name(
        r#"<div itemprop="author" itemscope><span itemprop="name">Jane Doe</span></div>"#,
        "Jane Doe"
    )]
    #[case::rel_author(
        r#"<p>By <a rel="author" href="/a/jd">Jane Doe</a> and <a rel="author" href="/a/jr">John Roe</a></p>"#,
        "Jane Doe, John Roe"
    )]
    #[case::byline_class(
        r#"<div class="article__byline">By Jane Doe in Kyiv</div>"#,
        "Jane Doe"
    )]
    #[case::labelled_with_the_date_after(
        r#"<p class="meta">VON <a href="/autoren/doe">JANE DOE</a> am 21. April 2020</p>"#,
        "Jane Doe"
    )]
    #[case::labelled_after_the_date(
        r#"<div class="meta">Posted on September 21, 2020 by <a href="/u/jd">Jane Doe</a></div>"#,
        "Jane Doe"
    )]
    #[case::a_label_standing_alone(r#"<div><h5>Autor:</h5>Jane Doe/SP-X</div>"#, "Jane Doe")]
    #[case::a_label_in_its_own_element(
        r#"<div class="meta"><h4>Autor</h4><p><a href="/profil/jd">Jane Doe</a></p></div>"#,
        "Jane Doe"
    )]
    #[case::a_label_for_each_screen_size(
        r#"<div class="mo-label">Auteur :</div><div class="mo-label">Auteur(s) :</div><div class="mo-author"><strong>Jane Doe</strong></div>"#,
        "Jane Doe"
    )]
    #[case::not_a_teasers_author(
        r#"<header><div class="meta"><span class="byline">By Jane Doe</span></div></header><section class="related"><ul><li><div><span class="author">Ann Poe</span></div></li></ul></section>"#,
        "Jane Doe"
    )]
    #[case::printed_twice_with_furniture(
        r#"<div class="byline"><span class="author">Jane Doe Fr</span> <span class="author">Jane Doe</span></div>"#,
        "Jane Doe"
    )]
    #[case::not_the_commenters(
        r#"<div class="byline">By Jane Doe</div><section id="comments"><div class="comment-author vcard"><span class="fn">Karl Meier</span></div><span class="author">Ann Poe</span></section>"#,
        "Jane Doe"
    )]
    #[case::in_the_pages_script_data(
        r#"<script>window.__STATE__={"page":{"type":"article","authors":"Jane Doe"}};</script>"#,
        "Jane Doe"
    )]
    fn bylines_printed_on_the_page(#[case] markup: &str, #[case] expected: &str) {
        let html = format!(
            "<html><body><article>{markup}<p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(a.byline, s(expected), "{markup}");
        assert!(
            !a.paragraphs.iter().any(|p| p.contains("Jane Doe")),
            "the byline line is not left in the body: {:?}",
            a.paragraphs
        );
    }

    #[rstest]
    #[case::the_site_by_its_address(
        r#"<meta name="author" content="Automobilwoche">"#,
        "https://www.automobilwoche.de/article/20211103/vw"
    )]
    #[case::the_site_with_its_domain(
        r#"<meta name="author" content="oe24.at">"#,
        "https://auto.oe24.at/thema/vw-chef/497533355"
    )]
    #[case::the_site_written_apart(
        r#"<div class="byline">Deutsche Wirtschaftsnachrichten</div>"#,
        "https://deutsche-wirtschafts-nachrichten.de/706332/industriestrompreis"
    )]
    #[case::a_placeholder_of_the_publishing_system(
        r#"<meta name="author" content="Super User">"#,
        "https://chadim.net/text-planung/der-schreibstil"
    )]
    #[case::an_unknown_author(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Unknown"}}</script>"#,
        "https://example.blogspot.com/2013/10/interview.html"
    )]
    #[case::a_theme_placeholder(
        r#"<meta name="author" content="publisher">"#,
        "https://www.bmel.de/DE/themen/zukunftsforum2022.html"
    )]
    #[case::anonymous_in_spanish(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"anónimo"}}</script>"#,
        "https://www.infobae.com/america/mundo/2022/05/03/muratov/"
    )]
    #[case::anonymous_beside_a_related_storys_data(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"anónimo"}}</script><script>var related={"credits":{"by":[{"byline":"Laureano Pérez Izquierdo"}]}};</script>"#,
        "https://www.infobae.com/america/mundo/2022/05/03/muratov/"
    )]
    #[case::an_organisations_description(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Infobae","description":"Infobae Noticias de América y el mundo"}}</script>"#,
        "https://www.infobae.com/america/mundo/2022/05/03/muratov/"
    )]
    #[case::a_legal_form_split_off_a_company(
        r#"<meta name="author" content="Haufe-Lexware GmbH &amp; Co. KG">"#,
        "https://www.haufe.de/recht/ordnungsgeld"
    )]
    fn no_author_when_the_byline_names_the_site_or_a_placeholder(
        #[case] markup: &str,
        #[case] url: &str,
    ) {
        let html = format!(
            "<html><head>{markup}</head><body><article><p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, Some(url)).expect("parses");
        assert_eq!(a.byline, None, "{markup}");
    }

    #[rstest]
    #[case::sorting_menu(r#"<ul class="filters"><li>By Method</li><li>By Date</li></ul>"#)]
    #[case::photo_credit(r#"<p class="credit">Photo by Jane Doe</p>"#)]
    #[case::a_heading_with_von(r#"<h2>Von Einheimischen, Gästen und ganz viel Kühen</h2>"#)]
    #[case::in_the_footer(r#"<footer><p>Posted by Jane Doe</p></footer>"#)]
    #[case::a_sorting_menu_in_capitals(r#"<div class="sort"><span>BY DATE</span></div>"#)]
    #[case::a_label_before_a_menu_word(
        r#"<div class="sort"><span>by</span><a href="?s=new">Newest</a></div>"#
    )]
    #[case::a_related_storys_byline(r#"<div class="related"><p>Posted by Jane Doe</p></div>"#)]
    #[case::an_interview_in_the_title(r#"<title>Interview: Olaf Scholz | Example News</title>"#)]
    fn no_author_from_a_line_that_only_looks_labelled(#[case] markup: &str) {
        let html = format!(
            "<html><body>{markup}<article><p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        assert_eq!(
            parse_html(&html, None).expect("parses").byline,
            None,
            "{markup}"
        );
    }

    #[rstest]
    #[case::a_blogs_feed(r#"<link rel="alternate" type="application/rss+xml" title="Nordish by Nature &raquo; Feed" href="/feed/">"#, Some("Nordish by Nature"))]
    #[case::a_feed_with_a_tagline(r#"<link rel="alternate" type="application/rss+xml" title="PocketPC.ch - Dein mobiles Leben RSS-Feed" href="/rss">"#, Some("PocketPC.ch"))]
    #[case::a_feed_in_words(r#"<link rel="alternate" type="application/rss+xml" title="nd-Tagesausgabe als RSS-Feed" href="/rss">"#, Some("nd-Tagesausgabe"))]
    #[case::a_quoted_name(r#"<link rel="alternate" type="application/atom+xml" title="Atom-Feed für „Piratenwiki“" href="/atom">"#, Some("Piratenwiki"))]
    #[case::only_a_comments_feed(r#"<link rel="alternate" type="application/rss+xml" title="Nordish by Nature &raquo; Kommentar-Feed" href="/comments/feed/">"#, None)]
    #[case::a_feed_named_for_its_format(
        r#"<link rel="alternate" type="application/rss+xml" title="RSS 2.0" href="/rss">"#,
        None
    )]
    #[case::the_sites_own_name_first(r#"<meta property="og:site_name" content="Heiko Adams"><link rel="alternate" type="application/rss+xml" title="Nordish by Nature &raquo; Feed" href="/feed/">"#, Some("Heiko Adams"))]
    #[case::an_application_name(
        r#"<meta name="application-name" content="Zoo-Berlin">"#,
        Some("Zoo-Berlin")
    )]
    #[case::an_application_name_that_is_the_title(
        r#"<meta name="application-name" content="Laufen im Winter">"#,
        None
    )]
    fn the_site_named_by_its_feed_or_its_application_name(
        #[case] head: &str,
        #[case] expected: Option<&str>,
    ) {
        let html = format!(
            "<html><head><title>Laufen im Winter</title>{head}</head><body>{BODY}</body></html>"
        );
        assert_eq!(
            parse_html(&html, None).unwrap().outlet.as_deref(),
            expected,
            "{head}"
        );
    }

    #[test]
    fn a_sites_name_set_off_by_a_bar_without_spaces() {
        let html = format!(
            r#"<html><head><title>減税は24年6月ボーナスのタイミングで|au Webポータル</title><meta property="og:site_name" content="au Webポータル"></head><body>{BODY}</body></html>"#
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title.as_deref(),
            Some("減税は24年6月ボーナスのタイミングで")
        );
    }

    #[test]
    fn a_title_without_the_name_its_feed_gives_the_site() {
        let html = format!(
            r#"<html><head><title>Laufen im Winter › Nordish by Nature</title><link rel="alternate" type="application/rss+xml" title="Nordish by Nature &raquo; Feed" href="/feed/"></head><body>{BODY}</body></html>"#
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title.as_deref(),
            Some("Laufen im Winter")
        );
    }

    #[test]
    fn soft_hyphens_and_zero_width_spaces_are_left_out_of_what_is_kept() {
        let html = "<html><head><title>For&shy;schung im Kampf gegen HIV</title></head><body><article>\
            <p class=\"byline\">Von Mat&shy;thi&shy;as Lau&shy;erer</p>\
            <p>Die For&shy;scherin Ann Kiessling sagte, ihre Ar&#8203;beit sei noch lange nicht ab&shy;ge&shy;schlos&shy;sen, und Mat&shy;thi&shy;as hat es aufgeschrieben.</p>\
            <p>Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress.</p></article></body></html>";
        let a = parse_html(html, None).expect("parses");
        assert_eq!(a.title.as_deref(), Some("Forschung im Kampf gegen HIV"));
        assert_eq!(a.byline.as_deref(), Some("Matthias Lauerer"));
        assert!(a.paragraphs[0].contains("Die Forscherin Ann Kiessling sagte, ihre Arbeit sei noch lange nicht abgeschlossen, und Matthias"), "{:?}", a.paragraphs);
        let invisible = |t: &str| t.contains(['\u{ad}', '\u{200b}']);
        assert!(!a.paragraphs.iter().any(|p| invisible(p)));
    }

    #[test]
    fn a_site_that_is_its_writers_own_names_them() {
        let html = format!(
            r##"<html><head><meta property="og:site_name" content="Jane Doe">
            <script type="application/ld+json">{{"@graph":[{{"@type":"Article","headline":"H","author":{{"@id":"#jd"}}}},{{"@type":["Person","Organization"],"@id":"#jd","name":"Jane Doe"}}]}}</script>
            </head><body><article><p>{p}</p><p>{p}</p></article></body></html>"##,
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, Some("https://janedoe.example/2020/05/talks")).expect("parses");
        assert_eq!(a.outlet.as_deref(), Some("Jane Doe"));
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_person_on_a_site_named_for_someone_else_keeps_the_byline() {
        let html = format!(
            r#"<html><head><meta name="author" content="Jens Niemeyer"></head><body><article><p>{p}</p><p>{p}</p></article></body></html>"#,
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, Some("https://anwaltniemeyer.de/index.html")).expect("parses");
        assert_eq!(a.byline.as_deref(), Some("Jens Niemeyer"));
    }

    /// Where each kind of metadata puts an author, as written there.
    #[rstest]
    #[case::open_graphs_article_author(
        r#"<meta property="og:article:author" content="Jill Serjeant">"#,
        "Jill Serjeant"
    )]
    #[case::library_metadata_surname_first(
        r#"<meta name="DC.creator" content="Harm, Robert">"#,
        "Robert Harm"
    )]
    #[case::library_metadata_with_initials(
        r#"<meta name="citation_author" content="Kovalenko, Olena M.">"#,
        "Olena M. Kovalenko"
    )]
    #[case::initials_like_a_legal_form(r#"<meta name="author" content="KG Suresh">"#, "KG Suresh")]
    #[case::two_full_names_stay_two(
        r#"<meta name="citation_author" content="Glen Owen, Brendan Carlin">"#,
        "Glen Owen, Brendan Carlin"
    )]
    #[case::a_display_name_whose_profile_gives_the_surname(
        r##"<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"H","author":{"@id":"#nils"}},{"@type":"Person","@id":"#nils","name":"Nils","description":"Nils Pickert ist freier Autor und Journalist."}]}</script>"##,
        "Nils Pickert"
    )]
    #[case::a_display_name_whose_profile_says_something_else(
        r##"<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"H","author":{"@id":"#nils"}},{"@type":"Person","@id":"#nils","name":"Nils","description":"Nils schreibt über Kinder."}]}</script>"##,
        "Nils"
    )]
    fn authors_in_metadata(#[case] markup: &str, #[case] expected: &str) {
        let html = format!(
            "<html><head>{markup}</head><body><article><p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, Some("https://news.example.com/2020/05/talks")).expect("parses");
        assert_eq!(a.byline.as_deref(), Some(expected), "{markup}");
    }

    #[test]
    fn two_agencies_are_no_surname_and_given_name() {
        assert_eq!(
            given_name_first("Harm, Robert").as_deref(),
            Some("Robert Harm")
        );
        assert_eq!(given_name_first("Reuters, AFP"), None);
    }

    /// Bylines found on pages whose metadata misleads: a meta tag that
    /// names the site (the script data names the author), a name printed
    /// with its copy for screen readers.
    #[rstest]
    #[case::script_data_where_the_meta_tag_names_the_site(
        r#"<head><meta name="author" content="Automobilwoche"></head><body><script>var page={"authors":"Jane Doe"};</script>"#,
        "https://www.automobilwoche.de/article/20211103/vw",
        "Jane Doe"
    )]
    #[case::a_name_and_its_copy_for_screen_readers(
        r#"<body><h1>La voix des nuls</h1><p class="authors">Un documentaire de <a class="authors__name" href="/auteurs/kristen_falc_hon">Kristen Falc'hon<span class="u-screen-reader-text">Kristen Falc'hon</span></a></p>"#,
        "https://www.arteradio.com/son/61661515/la_voix_des_nuls",
        "Kristen Falc'hon"
    )]
    fn bylines_past_misleading_markup(
        #[case] markup: &str,
        #[case] url: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            "<html>{markup}<article><p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, Some(url)).unwrap();
        assert_eq!(a.byline.as_deref(), Some(expected));
    }

    #[test]
    fn a_person_beats_an_organisation_as_author() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Kyiv Daily"}}</script>
            <meta name="author" content="Olena Kovalenko"></head><body><article><p>Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress, officials said.</p></article></body></html>"#;
        assert_eq!(parse_html(html, None).unwrap().byline, s("Olena Kovalenko"));
        let only_org = html.replace(r#"<meta name="author" content="Olena Kovalenko">"#, "");
        assert_eq!(
            parse_html(&only_org, None).unwrap().byline,
            s("Kyiv Daily"),
            "an organisation is the byline when no person is named"
        );
    }

    #[rstest]
    #[case::time_element(
        r#"<time datetime="2025-12-16T09:15:00+02:00">16 Dec</time>"#,
        None,
        "2025-12-16T09:15:00+02:00"
    )]
    #[case::itemprop(
        r#"<span itemprop="datePublished" content="2025-12-16T07:15:00Z">Tuesday</span>"#,
        None,
        "2025-12-16T07:15:00+00:00"
    )]
    #[case::address_date("", Some("https://a.example/2025/12/16/grain-corridor"), "2025-12-16")]
    #[case::compact_address_date("", Some("https://a.example/news/20251216-grain"), "2025-12-16")]
    #[case::short_month_address("", Some("https://a.example/home/2017/7/12/montauk"), "2017-07-12")]
    #[case::year_month_address(
        "",
        Some("https://a.example/news/2012-06/04/content_1.htm"),
        "2012-06-04"
    )]
    #[case::underscored_address(
        "",
        Some("https://a.example/detail/307_3_r_20231102_1698920402044235"),
        "2023-11-02"
    )]
    #[case::date_line(r#"<p class="date">Updated 16 Dec 2025</p><p class="dateline">Published: 15 December 2025</p>"#, None, "2025-12-15")]
    #[case::rdfa(
        r#"<span property="schema:dateCreated" content="2020-04-21T14:40:07+00:00"></span>"#,
        None,
        "2020-04-21T14:40:07+00:00"
    )]
    #[case::under_the_headline(
        r#"<h1>Grain corridor reopens</h1><p class="meta-info">03.02.2022 15:34</p>"#,
        None,
        "2022-02-03T15:34:00"
    )]
    #[case::labelled_under_the_headline(
        r#"<h1>Grain corridor reopens</h1><div><span>Erstellt am: 01.11.2023</span></div>"#,
        None,
        "2023-11-01"
    )]
    #[case::day_first_slashes(r#"<span class="date">17/03/2020</span>"#, None, "2020-03-17")]
    #[case::month_first_slashes_under_the_headline(
        r#"<h1>Grain corridor reopens</h1><p class="tagline">3/17/2020 - 04:30</p>"#,
        None,
        "2020-03-17T04:30:00"
    )]
    #[case::time_in_the_tooltip(
        r#"<div class="news-time-ago" title="2020-09-20T14:20:02Z">3 hours ago</div>"#,
        None,
        "2020-09-20T14:20:02+00:00"
    )]
    #[case::in_the_pages_script_data(
        r#"<script>window.__DATA__={"story":{"title":"Grain","published_at":"2019-03-02T06:22:28+01:00"}};</script>"#,
        None,
        "2019-03-02T06:22:28+01:00"
    )]
    #[case::two_digit_year(
        r#"<h1>Grain corridor reopens</h1><div class="uploaded-date"> 23.09.22 </div>"#,
        None,
        "2022-09-23"
    )]
    #[case::labelled_anywhere(
        r#"<ul class="info"><li><span>Datum:</span>26. Januar 2022</li></ul>"#,
        None,
        "2022-01-26"
    )]
    #[case::labelled_in_english_anywhere(
        r#"<div><span>Published On May 10, 2022 01:52 PM</span></div>"#,
        None,
        "2022-05-10T13:52:00"
    )]
    #[case::an_update_labelled_in_german_comes_second(
        r#"<p class="date">Letzte Änderung: 31.10.2023 | Erschienen am: 01.11.2023</p>"#,
        None,
        "2023-11-01"
    )]
    #[case::a_span_of_time_is_no_offset(
        r#"<p class="date">19.01.2023, 10:00-11:30 Uhr</p>"#,
        None,
        "2023-01-19T10:00:00"
    )]
    #[case::beside_the_section_under_the_headline(
        r#"<h1>Grain corridor reopens</h1><p class="category">24. April 2020 | Pressemitteilungen</p>"#,
        None,
        "2020-04-24"
    )]
    #[case::after_the_sites_name_under_the_headline(
        r#"<h1>Grain corridor reopens</h1><p class="subtitle">Handball Schweiz • 02.02.2022</p>"#,
        None,
        "2022-02-02"
    )]
    #[case::in_a_box_of_facts(
        r#"<div class="facts"><span class="label">Ort</span> <span class="value">Saarbrücken</span><br> <span class="label">Datum</span> <span class="value">28.01.2022</span></div>"#,
        None,
        "2022-01-28"
    )]
    #[case::its_label_after_an_update(
        r#"<p class="info">Letzte Änderung: 31.10.2023 - 14:49 Erschienen am: 01.11.2023</p>"#,
        None,
        "2023-11-01"
    )]
    #[case::labelled_in_ukrainian(
        r#"<div class="meta"><span>Опубліковано: 16 грудня 2025</span></div>"#,
        None,
        "2025-12-16"
    )]
    #[case::in_a_footers_lines(
        r#"<div class="rez_footer"><p class="footerFrstLn">Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023<br>Lesungen: 61<br>&copy; bei der Autorin und bei literaturkritik.de<br><a href="/lizenzen.php">Lizenzen</a> zur Nachpublikation</p></div>"#,
        None,
        "2023-11-01"
    )]
    fn times_printed_on_the_page(
        #[case] markup: &str,
        #[case] url: Option<&str>,
        #[case] expected: &str,
    ) {
        let html = format!(
            "<html><body><article>{markup}<p>{p}</p><p>{p}</p></article></body></html>",
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        let a = parse_html(&html, url).expect("parses");
        assert_eq!(
            a.published_at.map(|t| t.to_string()),
            s(expected),
            "{markup}"
        );
    }

    #[rstest]
    #[case::opening_it(
        "23.01.2022 - Dorothea Wierer darf beim Auftakt jubeln",
        Some("2022-01-23")
    )]
    #[case::closing_it("Bericht zur Coronalage vom 22.04.2020", Some("2020-04-22"))]
    #[case::inside_a_sentence("Am 23.01.2022 sprach die Ministerin lange über das Budget", None)]
    fn a_date_the_title_gives_when_nothing_else_dates_the_page(
        #[case] title: &str,
        #[case] expected: Option<&str>,
    ) {
        let html = format!("<html><head><title>{title}</title></head><body>{BODY}</body></html>");
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(a.published_at.map(|t| t.to_string()).as_deref(), expected);
    }

    const BODY: &str = "<article><p>Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress, officials said.</p></article>";

    /// Where nothing labels a date: a line saying this very post was
    /// published then dates it, the date before the word or after, and
    /// else the byline's own line; not another subject's date, an update,
    /// a commenter's line, one in the footer or another story's teaser.
    #[rstest]
    #[case::wordpress_german(
        r#"<p class="postmetadata"><small>Dieser Beitrag wurde vor am Samstag, 3. Dezember 2011 um %H:%M Uhr ver&ouml;ffentlicht und unter <a href="/c">Cybercrime</a> gespeichert. Sie k&ouml;nnen Kommentare zu diesem Eintrag &uuml;ber den <a href="/feed">RSS-2.0</a>-Feed verfolgen.</small></p>"#,
        Some("2011-12-03")
    )]
    #[case::written_by(
        r#"<div class="post-footer">Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von <a href="/author/admin/">Heiner</a> geschrieben und unter dem Stichwort <a href="/tag/arduino">Arduino</a> eingeordnet.</div>"#,
        Some("2015-12-14T14:48:00")
    )]
    #[case::in_english(
        r#"<p class="meta">This entry was posted on Saturday, December 3rd, 2011 and is filed under News.</p>"#,
        Some("2011-12-03")
    )]
    #[case::another_subject(
        r#"<p>Das Album wurde am 4. Februar 2022 veröffentlicht und kam in die Charts.</p>"#,
        None
    )]
    #[case::not_its_subject(
        r#"<p>Seit dieser Beitrag am 4. Februar 2022 verfasst wurde, hat sich viel geändert.</p>"#,
        None
    )]
    #[case::updated_first(
        r#"<p>Dieser Artikel wurde am 5. Mai 2023 aktualisiert; er wurde ursprünglich am 1. Mai 2023 veröffentlicht.</p>"#,
        None
    )]
    #[case::a_comment(
        r#"<div class="comment-body"><p>Dieser Beitrag wurde am 3. Dezember 2011 veröffentlicht.</p></div>"#,
        None
    )]
    #[case::after_the_name(
        r#"<div class="asset-meta">Von Christian Weber am 03.05.2013, 11:51 | 0 Meinungen</div>"#,
        Some("2013-05-03T11:51:00")
    )]
    #[case::a_user_name(
        r#"<div class="left author">Author: Bo2man am 29.12.2010, 13:36 Uhr</div>"#,
        Some("2010-12-29T13:36:00")
    )]
    #[case::in_english(
        r#"<p class="meta">By Jane Doe, March 3, 2020</p>"#,
        Some("2020-03-03")
    )]
    #[case::a_comment(
        r#"<div class="comment-meta">Von Christian Weber am 03.05.2013, 11:51</div>"#,
        None
    )]
    #[case::the_footer(r#"<footer><p>By Jane Doe, March 3, 2020</p></footer>"#, None)]
    #[case::another_story(
        r#"<div class="related"><p>By Jane Doe, March 3, 2020</p></div>"#,
        None
    )]
    #[case::no_name(r#"<p class="meta">By the way, March 3, 2020</p>"#, None)]
    #[case::a_teaser(r#"<div class="teaser"><p>By Jane Doe, March 3, 2020</p></div>"#, None)]
    fn an_undated_page_is_dated_by_its_post_line_or_byline_line(
        #[case] markup: &str,
        #[case] expected: Option<&str>,
    ) {
        let html = format!("<html><body>{BODY}{markup}</body></html>");
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            expected,
            "{markup}"
        );
    }

    /// A page a browser saved names the address it came from: that is
    /// its address (and dates it) when the import gives none.
    #[test]
    fn a_page_saved_by_a_browser_names_its_address() {
        let html = format!(
            "<!DOCTYPE html>\n<!-- saved from url=(0056)https://harbour.example/news/2025/12/16/grain-corridor -->\n<html><body>{BODY}</body></html>"
        );
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(
            a.url.as_deref(),
            Some("https://harbour.example/news/2025/12/16/grain-corridor")
        );
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            Some("2025-12-16")
        );
        let given = parse_html(&html, Some("https://other.example/x")).expect("parses");
        assert_eq!(
            given.url.as_deref(),
            Some("https://other.example/x"),
            "a given address wins"
        );
        let internet = html.replace(
            "(0056)https://harbour.example/news/2025/12/16/grain-corridor",
            "(0014)about:internet",
        );
        assert_eq!(parse_html(&internet, None).expect("parses").url, None);
    }

    /// "02/10/2020" is 2 October in London and February 10 in New York:
    /// with nothing to settle the order it is not read as either.
    #[test]
    fn a_slashed_date_of_either_order_is_left_alone() {
        let html =
            format!(r#"<html><body><span class="date">02/10/2020</span>{BODY}</body></html>"#);
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(a.published_at, None);
    }

    /// A line of a `<br>`-broken paragraph dates the page only when it
    /// opens with its label: an article's own lines mention dates.
    #[test]
    fn a_date_a_broken_paragraph_mentions_does_not_date_the_page() {
        let html = format!(
            r#"<html><body><article><p>The figures are new.<br>The data from 3 March 2020 show a rise in cases across the region, officials said on Monday.<br>More follows.</p><p>{p}</p></article></body></html>"#,
            p = "Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress."
        );
        assert_eq!(parse_html(&html, None).unwrap().published_at, None);
    }

    /// A key that is not about publication ("updatedAt", "createdAt") in
    /// a script gives no published time.
    #[test]
    fn script_data_without_a_publication_key_gives_no_time() {
        let html = format!(
            r#"<html><body><script>var d={{"updatedAt":"2019-03-02T06:22:28Z","createdAt":"2019-03-01T06:22:28Z"}};</script>{BODY}</body></html>"#
        );
        let a = parse_html(&html, None).expect("parses");
        assert_eq!(a.published_at, None);
    }

    #[test]
    fn a_web_page_node_that_dates_itself_gives_the_time() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"WebPage","name":"Talks","datePublished":"2019-10-18T13:07:38+00:00","author":{{"@type":"Person","name":"Jane Doe"}}}}</script></head><body>{BODY}</body></html>"#
        );
        let a = parse_html(&html, None).unwrap();
        assert_eq!(
            written(a.published_at),
            written(zoned("2019-10-18T13:07:38+00:00"))
        );
        assert_eq!(a.byline, s("Jane Doe"));
    }

    #[test]
    fn the_same_instant_is_kept_with_the_outlets_own_offset() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"H","datePublished":"2022-11-06T23:00:00Z"}}</script>
            <meta property="article:published_time" content="2022-11-07T00:00:00+01:00"></head><body>{BODY}</body></html>"#
        );
        assert_eq!(
            parse_html(&html, None)
                .unwrap()
                .published_at
                .map(|t| t.to_string()),
            s("2022-11-07T00:00:00+01:00"),
            "the day the outlet's readers saw, same instant"
        );
    }

    /// A blog that prints its headline in an `<h2>` (no `<h1>` at all),
    /// named by its title, dates it in the line under it; an `<h2>` the
    /// title does not name is no headline.
    #[test]
    fn an_h2_the_title_names_is_the_headline_of_a_page_without_an_h1() {
        let page = |h2: &str| {
            format!(
                r#"<html><head><title>Mercurial's Journey to Python 3 - Community Forum</title></head><body>
                <div class="post"><h2><a href="/blog/2020/01/13/journey" rel="bookmark">{h2}</a></h2>
                <small>January 13, 2020 at 08:45 AM | categories: Python</small>{BODY}</div></body></html>"#
            )
        };
        let found = parse_html(&page("Mercurial's Journey to Python 3"), None).unwrap();
        assert_eq!(
            found.title.as_deref(),
            Some("Mercurial's Journey to Python 3")
        );
        assert_eq!(
            found.published_at,
            Some(Timestamp::Floating(
                chrono::NaiveDate::from_ymd_opt(2020, 1, 13)
                    .unwrap()
                    .and_hms_opt(8, 45, 0)
                    .unwrap()
            ))
        );
        let other = parse_html(&page("Latest posts from the forum"), None).unwrap();
        assert_eq!(other.published_at, None, "no headline, no line under it");
    }

    /// The page's metadata in UTC, its byline line in the outlet's clock
    /// without a zone: the same instant, with the outlet's offset, so the
    /// day is the one its readers saw. A printed time that is not the
    /// same minute moved by a clock's offset changes nothing.
    #[rstest]
    #[case::denver(
        "2023-11-09T01:09:55+00:00",
        "<p class=\"byline\">By Joe Nguyen | November 8, 2023 at 6:09 p.m.</p>",
        "2023-11-08T18:09:55-07:00"
    )]
    #[case::india(
        "2020-10-02T12:46:21Z",
        "<div class=\"time\">Updated: Oct 2, 2020, 18:16 IST</div><p>02.10.2020 18:16</p>",
        "2020-10-02T18:16:21+05:30"
    )]
    #[case::not_the_same_minute(
        "2023-11-09T01:09:55+00:00",
        "<p class=\"byline\">November 8, 2023 at 6:02 p.m.</p>",
        "2023-11-09T01:09:55+00:00"
    )]
    #[case::no_clock_is_that_far(
        "2023-11-09T01:09:55+00:00",
        "<p class=\"byline\">November 10, 2023 at 1:09 p.m.</p>",
        "2023-11-09T01:09:55+00:00"
    )]
    fn a_utc_time_printed_on_the_outlets_clock_keeps_its_offset(
        #[case] meta: &str,
        #[case] printed: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            r#"<html><head><meta property="article:published_time" content="{meta}"></head><body><h1>Talks end</h1>{printed}{BODY}</body></html>"#
        );
        // As written: equal instants with other offsets compare equal.
        assert_eq!(
            parse_html(&html, None)
                .unwrap()
                .published_at
                .map(|t| t.to_string()),
            s(expected)
        );
    }

    /// The metadata in UTC and nothing printed to say the outlet's clock:
    /// an outlet in a country of one clock (by its domain, or its
    /// language tag under a generic domain) dates by that clock, unless
    /// the page prints the UTC day where that clock shows another.
    #[rstest]
    #[case::buenos_aires(
        "https://www.lanacion.com.ar/politica/jugada",
        "es",
        "",
        "2022-05-03T21:25:56-03:00"
    )]
    #[case::berlin_by_the_language_tag(
        "https://literatur.wordpress.com/2019/01/01/jahr/",
        "de-DE",
        "",
        "2022-05-04T02:25:56+02:00"
    )]
    #[case::a_country_of_several_clocks(
        "https://example.com/story",
        "en-US",
        "",
        "2022-05-04T00:25:56+00:00"
    )]
    #[case::the_page_prints_the_utc_day(
        "https://www.lanacion.com.ar/politica/jugada",
        "es",
        "<p class=\"date\">4 de mayo de 2022</p>",
        "2022-05-04T00:25:56+00:00"
    )]
    #[case::the_page_prints_the_local_day(
        "https://www.lanacion.com.ar/politica/jugada",
        "es",
        "<p class=\"date\">3 de mayo de 2022</p>",
        "2022-05-03T21:25:56-03:00"
    )]
    fn a_utc_time_takes_the_clock_of_the_outlets_country(
        #[case] url: &str,
        #[case] lang: &str,
        #[case] printed: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            r#"<html lang="{lang}"><head><meta property="article:published_time" content="2022-05-04T00:25:56Z"></head><body><h1>Talks end</h1>{printed}{BODY}</body></html>"#
        );
        // As written: equal instants with other offsets compare equal.
        assert_eq!(
            parse_html(&html, Some(url))
                .unwrap()
                .published_at
                .map(|t| t.to_string()),
            s(expected)
        );
    }

    /// The country's clock is not taken where the page shows the site's
    /// clock is UTC's, nor for a day written as midnight UTC.
    #[rstest]
    #[case::the_page_prints_the_utc_minute(
        "2022-05-04T10:00:00Z",
        "<p class=\"date\">04.05.2022, 10:00 Uhr</p>",
        "2022-05-04T10:00:00+00:00"
    )]
    #[case::midnight_utc_is_a_day("2022-05-04T00:00:00Z", "", "2022-05-04T00:00:00+00:00")]
    #[case::another_time_of_day_takes_the_clock(
        "2022-05-04T10:00:00Z",
        "",
        "2022-05-04T12:00:00+02:00"
    )]
    fn a_utc_time_keeps_utc_where_the_page_says_so(
        #[case] meta: &str,
        #[case] printed: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            r#"<html lang="de"><head><meta property="article:published_time" content="{meta}"></head><body><h1>Talks end</h1>{printed}{BODY}</body></html>"#
        );
        assert_eq!(
            parse_html(&html, Some("https://www.example.de/politik/talks"))
                .unwrap()
                .published_at
                .map(|t| t.to_string()),
            s(expected)
        );
    }

    #[rstest]
    #[case::publication_date(
        r#"<meta name="publication_date" content="2022-02-08">"#,
        "2022-02-08"
    )]
    #[case::parsely(
        r#"<meta name="parsely-pub-date" content="2022-02-08T10:00:00Z">"#,
        "2022-02-08T10:00:00+00:00"
    )]
    fn more_meta_names_for_the_published_time(#[case] meta: &str, #[case] expected: &str) {
        let html = format!("<html><head>{meta}</head><body>{BODY}</body></html>");
        assert_eq!(
            parse_html(&html, None)
                .unwrap()
                .published_at
                .map(|t| t.to_string()),
            s(expected)
        );
    }

    #[test]
    fn the_h1_is_the_headline_when_the_title_adds_to_it() {
        let html = format!(
            "<html><head><title>Grain corridor reopens after halt | St. Gallen Daily</title></head><body><h1>Grain corridor reopens after halt</h1>{BODY}</body></html>"
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title,
            s("Grain corridor reopens after halt")
        );
    }

    #[rstest]
    #[case::after_a_kicker(
        "Chronik: Lotte Tobisch ist tot",
        "Lotte Tobisch ist tot",
        "Lotte Tobisch ist tot"
    )]
    #[case::between_a_label_and_a_section(
        "Neu - Japanisches Mini-SUV auf dem Vormarsch - Vorstellung",
        "Japanisches Mini-SUV auf dem Vormarsch",
        "Japanisches Mini-SUV auf dem Vormarsch"
    )]
    #[case::before_a_tagline(
        "1000 Euro Kredit » 1000 EUR sofort aufs Konto",
        "1000 Euro Kredit",
        "1000 Euro Kredit"
    )]
    #[case::an_archived_page_names_the_archived_site(
        "Muffin Grundrezept : Muffin Rezepte",
        "Muffin Rezepte",
        "Muffin Grundrezept"
    )]
    #[case::not_the_sites_name_in_a_logo(
        "Werkzeuge des Neandertalers und des Modernen Menschen | Steinzeit & Co",
        "Steinzeit & Co",
        "Werkzeuge des Neandertalers und des Modernen Menschen | Steinzeit & Co"
    )]
    #[case::worded_for_search_engines(
        "Brexit: Nervenkrieg geht in nächste Runde",
        "Der Nervenkrieg um den Brexit geht in die nächste Runde",
        "Der Nervenkrieg um den Brexit geht in die nächste Runde"
    )]
    #[case::a_logo_linking_to_the_front_page(
        "Interning of Small Integers in Python",
        r#"<a href="/">Four Years Remaining</a>"#,
        "Interning of Small Integers in Python"
    )]
    #[case::the_sites_name(
        "Was ist Muffin-Teig eigentlich",
        "Muffin Rezepte Online",
        "Was ist Muffin-Teig eigentlich"
    )]
    #[case::a_date_inside_the_headline(
        "Bundesministerin Raab: Rahmenbedingungen gestalten - Bundeskanzleramt",
        r#"<time datetime="2022-02-01">1. Februar 2022</time> Raab will Rahmenbedingungen mit Ländern gestalten"#,
        "Raab will Rahmenbedingungen mit Ländern gestalten"
    )]
    #[case::a_kicker_printed_inside_the_headline(
        "Klimaschutz: Bohren, bis es heiß wird",
        r#"<span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span><span class="article-heading__title">Bohren, bis es heiß wird</span>"#,
        "Bohren, bis es heiß wird"
    )]
    #[case::a_short_headline_before_the_sites_name(
        "CDPATH replacements - Muffin Rezepte",
        "CDPATH replacements",
        "CDPATH replacements"
    )]
    #[case::a_section_before_the_headline(
        "Chronik: Lotte Tobisch ist tot",
        "Chronik",
        "Chronik: Lotte Tobisch ist tot"
    )]
    #[case::a_headline_before_an_angle_quote(
        "Laufen im Winter › Nordish by Nature",
        "Laufen im Winter",
        "Laufen im Winter"
    )]
    #[case::a_logo_linking_to_the_front_page_by_its_address(
        "Das vermutlich schwulste Musikvideo der Welt : Krimiblog-Archiv",
        r#"<a href="http://archiv.krimiblog.de/">Krimiblog-Archiv</a>"#,
        "Das vermutlich schwulste Musikvideo der Welt : Krimiblog-Archiv"
    )]
    #[case::a_style_sheet_inside_the_headline(
        "Impfen und Boostern bis Ende Februar | Kanton Bern",
        r#"<style data-emotion="css umyvef">.css-umyvef{font-size:16px;color:#707070;}</style><span class="css-umyvef">Impfen und Boostern ist bis Ende Februar noch überall möglich</span>"#,
        "Impfen und Boostern ist bis Ende Februar noch überall möglich"
    )]
    fn the_printed_headline_without_a_kicker_or_section_around_it(
        #[case] title: &str,
        #[case] h1: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            "<html><head><title>{title}</title></head><body><h1>{h1}</h1>{BODY}</body></html>"
        );
        let archived =
            "https://web.archive.org/web/20160330101229/http://muffinrezept.net/muffin-grundrezept";
        assert_eq!(
            parse_html(&html, Some(archived)).unwrap().title,
            s(expected)
        );
    }

    /// An unescaped quote mark ends a meta tag's value early; the page's
    /// `<title>` then holds the whole headline. A `<title>` that only adds
    /// the site's name, after any other mark, changes nothing.
    #[rstest]
    #[case::cut_at_a_quote(
        r#"Senador republicano califica a Biden de "incapacitado""#,
        r#"Senador republicano califica a Biden de "incapacitado""#,
        r#"Senador republicano califica a Biden de "incapacitado""#
    )]
    #[case::branded("Talks end | Example News", "Talks end", "Talks end")]
    #[case::after_a_guillemet("Talks end « Some Blog", "Talks end", "Talks end")]
    fn a_meta_title_cut_at_an_unescaped_quote_gives_way_to_the_title(
        #[case] title: &str,
        #[case] og_title: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            r#"<html><head><title>{title}</title><meta property="og:title" content="{og_title}"></head><body>{BODY}</body></html>"#
        );
        assert_eq!(parse_html(&html, None).unwrap().title, s(expected));
    }

    /// The title read against the page's `<h1>`s: the part printed as a
    /// heading of its own is the headline; the part that is the logo's
    /// text or a kicker's goes; one-word headings and two parts both
    /// printed leave the title as it is.
    #[rstest]
    #[case::one_part_printed(
        "La voix des nuls | Radio Douze",
        "<h1>Créatrice de podcasts depuis 2002.</h1><h1>La voix des nuls</h1>",
        "La voix des nuls"
    )]
    #[case::the_logo_after_it(
        "Enchufla Figuren - Salsa-Figuren - Rueda in Berlin",
        r#"<h1><a href="/"><span>Salsa-Figuren - Rueda in Berlin</span></a></h1>"#,
        "Enchufla Figuren"
    )]
    #[case::a_kicker_set_as_an_h1(
        "Strava-Karten ab sofort mit mehr Infos - Strava-Update: POI bei Routen-Tool",
        r#"<h1 class="strapline">Strava-Update: POI bei Routen-Tool</h1><h2 class="title">Strava-Karten ab sofort mit mehr Infos</h2>"#,
        "Strava-Karten ab sofort mit mehr Infos"
    )]
    #[case::the_site_in_its_banner(
        "Dateien in AutoCAD öffnen - Webentwicklung und Schulung",
        r#"<header><h1><img src="/logo.svg" alt="">Webentwicklung und Schulung</h1></header><article><h1>Ein Ablaufplan</h1></article>"#,
        "Dateien in AutoCAD öffnen"
    )]
    #[case::one_word_headings(
        "Politik - Ukraine talks end in Berlin",
        "<h1>Politik</h1><h1>Wetter</h1>",
        "Politik - Ukraine talks end in Berlin"
    )]
    #[case::two_parts_printed(
        "Talks end in Berlin - Envoys fly home",
        "<h1>Envoys fly home</h1><h1>Talks end in Berlin</h1>",
        "Talks end in Berlin - Envoys fly home"
    )]
    #[case::a_section_over_the_headline(
        "Brand in Scheune - Nachrichten aus dem Kreis",
        "<h1>Nachrichten aus dem Kreis</h1><h2>Brand in Scheune</h2>",
        "Brand in Scheune - Nachrichten aus dem Kreis"
    )]
    #[case::an_icon_in_the_storys_own_header(
        "Merz trifft Macron in Paris - Politik",
        r#"<header><h1><a href="/"><img src="l.svg">Example News</a></h1></header><div class="story"><header><h1><svg></svg>Merz trifft Macron in Paris</h1></header></div>"#,
        "Merz trifft Macron in Paris"
    )]
    #[case::a_dotted_capital_before_the_separator(
        "İzmir'de İki yangın – Ege'nin Sesi",
        r#"<h1><a href="/">Ege'nin Sesi</a></h1>"#,
        "İzmir'de İki yangın"
    )]
    #[case::a_dotted_capital_in_the_logo(
        "Haber İzmir – Çeşme'de yangın söndürüldü",
        r#"<h1><a href="/">Haber İzmir</a></h1>"#,
        "Çeşme'de yangın söndürüldü"
    )]
    fn the_title_read_against_the_pages_headings(
        #[case] title: &str,
        #[case] headings: &str,
        #[case] expected: &str,
    ) {
        let html = format!(
            "<html><head><title>{title}</title></head><body>{headings}{BODY}</body></html>"
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title,
            s(expected),
            "{headings}"
        );
    }

    /// The site's name in the `<title>` goes, whatever its letters do in
    /// lower case ("İ" is longer in bytes lower-cased).
    #[test]
    fn the_site_name_goes_from_a_title_of_any_script() {
        let html = format!(
            r#"<html><head><title>İzmir'de İki yangın – Ege'nin Sesi</title><meta property="og:site_name" content="Ege'nin Sesi"></head><body>{BODY}</body></html>"#
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title,
            s("İzmir'de İki yangın")
        );
    }

    #[test]
    fn a_title_worded_otherwise_stays_where_the_page_prints_several_headlines() {
        let html = format!(
            "<html><head><title>Brexit: Nervenkrieg geht in nächste Runde</title></head><body><h1>Der Nervenkrieg um den Brexit geht weiter</h1><h1>Johnson verliert die Abstimmung im Unterhaus</h1>{BODY}</body></html>"
        );
        assert_eq!(
            parse_html(&html, None).unwrap().title,
            s("Brexit: Nervenkrieg geht in nächste Runde")
        );
    }

    #[test]
    fn a_bare_date_gives_way_to_a_time_on_the_same_day() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2025-12-16"}</script>
            <meta property="article:published_time" content="2025-12-16T09:15:00+02:00"></head>
            <body><article><p>Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress, officials said.</p></article></body></html>"#;
        assert_eq!(
            written(parse_html(html, None).unwrap().published_at),
            written(zoned("2025-12-16T09:15:00+02:00")),
            "the time of day from a less trusted source on the same date is kept"
        );
        let other_day = html.replace("2025-12-16T09", "2025-12-17T09");
        assert_eq!(
            parse_html(&other_day, None).unwrap().published_at,
            date("2025-12-16"),
            "a time on another day does not replace the trusted date"
        );
    }

    #[test]
    fn opengraph_only_page() {
        let a = parse_html(&fixture("opengraph-only.html"), None).expect("parses");
        assert_eq!(
            a.title,
            s("Russian drones hit Ukraine's power grid"),
            "og:title"
        );
        assert_eq!(a.outlet, s("Kyiv Daily"), "og:site_name");
        assert_eq!(
            a.canonical_url,
            s("https://kyivdaily.example/power-grid"),
            "og:url stands in for a missing canonical link"
        );
        assert_eq!(
            a.url,
            s("https://kyivdaily.example/power-grid"),
            "without a fetch URL the declared one is used"
        );
        assert_eq!(
            written(a.published_at),
            written(zoned("2025-12-15T09:16:00+00:00")),
            "article:published_time with 'Z'"
        );
        assert_eq!(a.byline, s("Olena Kovalenko"), "<meta name=author>");
        assert_eq!(a.language, s("uk"), "<html lang>");
    }

    #[test]
    fn citation_and_dublin_core_page() {
        let a = parse_html(
            &fixture("citation-dc.html"),
            Some("https://journal.example/articles/42"),
        )
        .expect("parses");
        assert_eq!(
            a.title,
            s("Security guarantees and neutrality: a comparative study"),
            "citation_title"
        );
        assert_eq!(
            a.byline,
            s("Jane Doe, Richard Roe"),
            "every citation_author, in order, given name first as a byline writes it"
        );
        assert_eq!(
            a.outlet,
            s("Journal of Security Studies"),
            "DC.publisher, matched case-insensitively"
        );
        assert_eq!(
            a.published_at,
            date("2025-12-15"),
            "a date-only value stays a date: no midnight is invented"
        );
        assert_eq!(a.language, s("en"), "dcterms.language when <html> has none");
        assert_eq!(
            a.title.as_deref().map(|t| t.contains('|')),
            Some(false),
            "the title tag with its site suffix is not used"
        );
    }

    #[test]
    fn graph_page_resolves_references() {
        let a = parse_html(&fixture("jsonld-graph.html"), None).expect("parses");
        assert_eq!(
            a.title,
            s("Berlin talks end without a deal"),
            "headline of the NewsArticle inside @graph"
        );
        assert_eq!(
            a.byline,
            s("Anna Schmidt"),
            "author given by @id reference to a Person"
        );
        assert_eq!(
            a.outlet,
            s("Berliner Beispiel"),
            "publisher given by @id reference"
        );
        assert_eq!(
            a.canonical_url,
            s("https://berliner.example/talks"),
            "mainEntityOfPage @id"
        );
        assert_eq!(
            written(a.published_at),
            written(zoned("2025-12-15T18:05:00+01:00")),
            "datePublished inside @graph"
        );
    }

    #[test]
    fn hostile_page_keeps_code_out_of_the_body() {
        let a = parse_html(&fixture("hostile.html"), None).expect("parses");
        let body = a.paragraphs.join("\n");
        for banned in [
            "alert",
            "onerror",
            "secret comment",
            "color: red",
            "Home",
            "Sign in",
            "cookie",
        ] {
            assert!(!body.contains(banned), "{banned:?} comes from script, style, comments, navigation or forms, never article text: {body}");
        }
        assert!(
            body.contains("Zelenskyy said the guarantees must be legally binding."),
            "the article text itself survives"
        );
    }

    #[test]
    fn json_ld_with_raw_line_breaks_entities_and_array() {
        let html = r#"<html><head><script type="application/ld+json; charset=utf-8">
            [{"@type": "WebPage", "name": "Not this"},
             {"@type": "ReportageNewsArticle", "headline": "Trump&#039;s envoy
             arrives in <b>Berlin</b>", "author": "Jane Doe"}]
            </script></head><body><article><p>Trump's envoy Steve Witkoff and his son-in-law Jared Kushner arrived in Berlin on Sunday for talks involving Ukrainian and European representatives.</p></article></body></html>"#;
        let a = parse_html(html, None).expect("parses");
        assert_eq!(
            a.title,
            s("Trump's envoy arrives in Berlin"),
            "raw line breaks are tolerated, entities decoded and tags dropped"
        );
        assert_eq!(a.byline, s("Jane Doe"), "a plain string author is a name");
    }

    #[test]
    fn page_wrapped_in_one_form_keeps_its_article() {
        let paragraph = "<p>Ukraine said on Monday that talks in Berlin with US envoys on security guarantees had made real progress, officials said.</p>";
        let html = format!(
            r#"<html><body><form id="aspnetForm"><article>{p}{p}{p}</article></form><form action="/search"><p>Search</p><input name="q"></form></body></html>"#,
            p = paragraph
        );
        let a = parse_html(&html, None).expect("the article inside the page-wide form is found");
        assert!(
            !a.paragraphs.iter().any(|p| p == "Search"),
            "a small form is still removed"
        );
    }

    #[test]
    fn json_ld_main_entity_of_web_page() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"WebPage","name":"Page","mainEntity":{"@type":"NewsArticle","headline":"Inner headline","datePublished":"2025-12-15"}}</script></head><body><article><p>Trump's envoy Steve Witkoff and his son-in-law Jared Kushner arrived in Berlin on Sunday for talks involving Ukrainian and European representatives.</p></article></body></html>"#;
        let a = parse_html(html, None).expect("parses");
        assert_eq!(
            a.title,
            s("Inner headline"),
            "the article is the page's mainEntity"
        );
        assert_eq!(
            a.published_at.map(|t| t.to_string()),
            s("2025-12-15"),
            "a date-only value stays a date"
        );
    }

    #[test]
    fn og_title_branding_is_stripped() {
        let html = r#"<html><head><meta property="og:title" content="Talks end | Example News"><meta property="og:site_name" content="Example News"></head><body><article><p>Two days of talks between Ukrainian, European and US negotiators ended on Monday evening without an agreement on the security guarantees.</p></article></body></html>"#;
        assert_eq!(
            parse_html(html, None).expect("parses").title,
            s("Talks end"),
            "the site name is branding, not title"
        );
    }

    #[test]
    fn never_body_selector_is_valid() {
        // dom_query returns an empty selection for a selector it cannot
        // parse, which would silently keep navigation and forms.
        let doc = Document::from(fixture("hostile.html"));
        let removed = doc.select(NEVER_BODY);
        assert!(
            removed.length() >= 8,
            "script, style, nav, button, noscript, iframe, svg and template all match"
        );
    }

    #[rstest]
    #[case::login("no-article-login.html")]
    #[case::navigation_only("no-article-nav.html")]
    fn page_without_article(#[case] name: &str) {
        match parse_html(&fixture(name), None) {
            Err(ParseError::NoArticle(reason)) => {
                assert!(!reason.is_empty(), "the reason is shown to the journalist")
            }
            other => panic!("a page without article text is refused, got {other:?}"),
        }
    }

    #[rstest]
    #[case::empty_body("<html><head><title>x</title></head><body></body></html>")]
    #[case::empty_string("")]
    fn empty_page(#[case] html: &str) {
        assert!(
            matches!(parse_html(html, None), Err(ParseError::NoArticle(_))),
            "nothing to import"
        );
    }

    #[rstest]
    #[case::pipe("Talks end | Example News", Some("Example News"), None, "Talks end")]
    #[case::dash("Talks end - Example News", Some("example news"), None, "Talks end")]
    #[case::other_suffix(
        "Talks end - Analysis",
        Some("Example News"),
        None,
        "Talks end - Analysis"
    )]
    #[case::no_site("Talks end | Example News", None, None, "Talks end | Example News")]
    #[case::the_address_names_it(
        "CDPATH replacements - anarcat",
        None,
        Some("anarc.at"),
        "CDPATH replacements"
    )]
    #[case::a_longer_name_of_the_site(
        "Was ist Virales Marketing? | DimidoBlog",
        None,
        Some("www.dimido.de"),
        "Was ist Virales Marketing?"
    )]
    #[case::site_and_blog_archive_before(
        "Time 4 talks » Blog Archiv » Weitere Digitalisierung der Schweizer Kinos",
        None,
        Some("www.time4talks.com"),
        "Weitere Digitalisierung der Schweizer Kinos"
    )]
    #[case::a_kicker_stays(
        "Klimaschutz: Bohren, bis es heiß wird",
        Some("Zeit Online"),
        Some("www.zeit.de"),
        "Klimaschutz: Bohren, bis es heiß wird"
    )]
    #[case::only_the_site("Example News", Some("Example News"), None, "Example News")]
    fn strips_only_the_site_name_from_titles(
        #[case] title: &str,
        #[case] site: Option<&str>,
        #[case] host: Option<&str>,
        #[case] expected: &str,
    ) {
        assert_eq!(
            strip_site_name(title, site, host),
            expected,
            "only parts naming the site are branding"
        );
    }

    #[rstest]
    #[case::relative(Some("https://a.example/x/y"), "/z", "https://a.example/z")]
    #[case::sibling(Some("https://a.example/x/y"), "z", "https://a.example/x/z")]
    #[case::protocol_relative(Some("https://a.example/x"), "//b.example/z", "https://b.example/z")]
    #[case::absolute(
        Some("https://a.example/x"),
        "https://c.example/",
        "https://c.example/"
    )]
    #[case::no_base(None, "/z", "/z")]
    fn resolves_canonical_links(
        #[case] base: Option<&str>,
        #[case] href: &str,
        #[case] expected: &str,
    ) {
        assert_eq!(
            resolve(base, href),
            expected,
            "links resolve as a browser would"
        );
    }

    /// Random runs hold no `<`: a stray one glued to a tag (`<a<script>`)
    /// makes the script's text ordinary text, as in a browser.
    fn htmlish() -> impl proptest::strategy::Strategy<Value = String> {
        text_from_pieces_and_runs(
            &[
                "<p>",
                "</p>",
                "<article>",
                "<script>alert(1)</script>",
                r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"#,
                r#"<meta property="og:title" content="x">"#,
                "<!-- c -->",
                "Ukraine said on Monday that talks had made progress, Al Jazeera reported. ",
            ],
            "[^<]{0,30}",
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_html_parses_without_panic_or_script_text(html in htmlish()) {
            if let Ok(a) = parse_html(&html, None) {
                proptest::prop_assert!(!a.paragraphs.iter().any(|p| p.contains("alert(1)")), "script text never reaches the body");
            }
        }
    }
}
