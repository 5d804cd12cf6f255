//! When a statement was made, as the sentence dates it ("on Sunday",
//! "December 14", "yesterday"), counted from the article's publication.
//!
//! A day named without a time stays a date ("2025-12-14"): the text does
//! not say the hour, so none is invented. A weekday is the most recent such
//! day on or before the publication's local date. With no cue, or a cue
//! that names no day ("ahead of key meetings"), the statement is dated at
//! the publication time, printed as the source gave it (offset kept).
//! A cue that dates what is planned or expected rather than what was said
//! ("talks were expected to continue on Monday", "will meet on Friday") is
//! not the statement's time and is passed over.

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;

use crate::parse::text::{month_number, MONTH};
use crate::timestamp::Timestamp;

/// What a sentence says about when it was said.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Stated {
    /// RFC 3339, floating local time, or a bare date.
    pub at: Option<String>,
    /// The words that dated it.
    pub cue: Option<String>,
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?:on|last|this|late|early)\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b")
        .expect("weekday regex")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:on\s+)?(?:{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m2})(?:,?\s+(?P<y>\d{{4}}))?\b",
        m2 = MONTH.replace("?P<mon>", "?P<mon2>")
    ))
    .expect("month-day regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening|week)|earlier\s+(?:today|this\s+week|this\s+month)|last\s+week|last\s+month|ahead\s+of\s+(?:[\p{L}-]+\s+){0,3}?(?:meetings?|talks|summit|visit|vote|elections?|negotiations)|earlier)\b")
        .expect("relative time regex")
});

/// The stated time of `sentence`, counted from `published`.
pub(super) fn stated(sentence: &str, published: Option<&str>) -> Stated {
    let published = published.map(str::trim).filter(|p| !p.is_empty());
    let base = published.and_then(local_date);
    match cue(sentence, base) {
        Some((cue, Some(date))) => Stated {
            at: Some(date.format("%Y-%m-%d").to_string()),
            cue: Some(cue),
        },
        Some((cue, None)) => Stated {
            at: published.map(str::to_owned),
            cue: Some(cue),
        },
        None => Stated {
            at: published.map(str::to_owned),
            cue: None,
        },
    }
}

/// Words that make the time after them a plan or an expectation, not the
/// moment something was said.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:will|would|shall|expected|scheduled|due|set\s+to|plans?|planned|planning|intends?|next|upcoming|going\s+to|to\s+(?:continue|resume|meet|hold|visit|travel|start|begin|vote))\b")
        .expect("future marker regex")
});

/// Whether the cue at byte `at` dates the statement: not when the words of
/// its clause just before it (up to 48 bytes, stopping at a comma or
/// semicolon) say it is planned or expected.
fn dates_the_statement(sentence: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(48);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    let before = &sentence[from..at];
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    !FUTURE.is_match(clause)
}

/// The first time cue of a sentence that dates the statement, and the day
/// it names, if it names one. An explicit date wins over a weekday, a
/// weekday over a relative word.
pub(super) fn cue(sentence: &str, base: Option<NaiveDate>) -> Option<(String, Option<NaiveDate>)> {
    let statement_time = |m: &regex::Captures| {
        m.get(0)
            .is_some_and(|whole| dates_the_statement(sentence, whole.start()))
    };
    // The month pattern is case-insensitive (it is shared with the
    // importer); a month in running text is capitalised, and "Article 5
    // may" is no date.
    let month_day_caps = MONTH_DAY.captures_iter(sentence).find(|c| {
        c.name("mon")
            .or(c.name("mon2"))
            .is_some_and(|m| m.as_str().starts_with(char::is_uppercase))
            && statement_time(c)
    });
    if let Some(caps) = month_day_caps {
        let whole = caps.get(0)?.as_str().to_owned();
        return Some((whole, month_day(&caps, base)));
    }
    if let Some(caps) = WEEKDAY.captures_iter(sentence).find(statement_time) {
        let day: Weekday = caps["day"].parse().ok()?;
        let date = base.map(|b| last_weekday(b, day));
        return Some((caps[0].to_owned(), date));
    }
    let caps = RELATIVE.captures_iter(sentence).find(statement_time)?;
    let rel = caps["rel"].to_lowercase();
    let date = base.and_then(|b| relative_day(&rel, b));
    Some((caps[0].to_owned(), date))
}

fn month_day(caps: &regex::Captures, base: Option<NaiveDate>) -> Option<NaiveDate> {
    let month = month_number(caps.name("mon").or(caps.name("mon2"))?.as_str())?;
    let day: u32 = caps.name("d").or(caps.name("d2"))?.as_str().parse().ok()?;
    if let Some(year) = caps.name("y") {
        return NaiveDate::from_ymd_opt(year.as_str().parse().ok()?, month, day);
    }
    // Without a year, the latest such date on or before the publication
    // (a day of slack for time zones): statements precede their report.
    let base = base?;
    let this_year = NaiveDate::from_ymd_opt(base.year(), month, day)?;
    if this_year > base + Days::new(1) {
        NaiveDate::from_ymd_opt(base.year() - 1, month, day)
    } else {
        Some(this_year)
    }
}

/// The most recent `day` on or before `base`.
fn last_weekday(base: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (7 + base.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    base - Days::new(u64::from(back))
}

/// The day a relative word names; `None` for words naming no day
/// ("ahead of talks", "earlier", "last week", which only say "before").
fn relative_day(rel: &str, base: NaiveDate) -> Option<NaiveDate> {
    match rel {
        "yesterday" | "last night" => base.pred_opt(),
        r if r == "today"
            || r == "tonight"
            || r.starts_with("this morning")
            || r.starts_with("this afternoon")
            || r.starts_with("this evening")
            || r == "earlier today" =>
        {
            Some(base)
        }
        _ => None,
    }
}

/// The publication's date in its own time zone (a +05:30 time just after
/// midnight is already the next day there, as the article's readers saw it).
fn local_date(published: &str) -> Option<NaiveDate> {
    match published.parse::<Timestamp>().ok()? {
        Timestamp::Zoned(t) => Some(t.date_naive()),
        Timestamp::Floating(t) => Some(t.date()),
        Timestamp::Date(d) => Some(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const PUBLISHED: &str = "2025-12-15T02:37:51+05:30";

    #[rstest]
    #[case::weekday_before("He spoke on Sunday.", Some("2025-12-14"), Some("on Sunday"))]
    #[case::weekday_same_day("He spoke on Monday.", Some("2025-12-15"), Some("on Monday"))]
    #[case::weekday_last_week("He spoke on Tuesday.", Some("2025-12-09"), Some("on Tuesday"))]
    #[case::month_day("He spoke on December 14.", Some("2025-12-14"), Some("on December 14"))]
    #[case::abbreviated_month("He spoke Dec. 14.", Some("2025-12-14"), Some("Dec. 14"))]
    #[case::day_first("He spoke on 14 December.", Some("2025-12-14"), Some("on 14 December"))]
    #[case::with_year(
        "He spoke on December 14, 2024.",
        Some("2024-12-14"),
        Some("on December 14, 2024")
    )]
    #[case::last_year("He spoke on December 30.", Some("2024-12-30"), Some("on December 30"))]
    #[case::yesterday(
        "He said yesterday it was over.",
        Some("2025-12-14"),
        Some("yesterday")
    )]
    #[case::today("He said today it was over.", Some("2025-12-15"), Some("today"))]
    #[case::ahead_of(
        "He said so ahead of key meetings with US envoys.",
        Some(PUBLISHED),
        Some("ahead of key meetings")
    )]
    #[case::last_week("He said last week it was over.", Some(PUBLISHED), Some("last week"))]
    #[case::no_cue("He said it was over.", Some(PUBLISHED), None)]
    #[case::expected_event(
        "The talks were expected to continue on Monday, officials said.",
        Some(PUBLISHED),
        None
    )]
    #[case::planned_event("He will meet Trump on Friday, aides said.", Some(PUBLISHED), None)]
    #[case::said_then_plan(
        "He said on Sunday that he will travel to Paris on Friday.",
        Some("2025-12-14"),
        Some("on Sunday")
    )]
    #[case::plan_then_said_day(
        "Talks are due to resume next week, he said on Sunday.",
        Some("2025-12-14"),
        Some("on Sunday")
    )]
    fn dates_the_statement(
        #[case] sentence: &str,
        #[case] at: Option<&str>,
        #[case] cue: Option<&str>,
    ) {
        assert_eq!(
            stated(sentence, Some(PUBLISHED)),
            Stated {
                at: at.map(str::to_owned),
                cue: cue.map(str::to_owned),
            },
            "a named day is a date counted back from publication (Monday 15 December, +05:30); \
             otherwise the publication time with its offset"
        );
    }

    #[test]
    fn floating_publication_stays_floating() {
        assert_eq!(
            stated("He said it.", Some("2025-12-15T14:46:00"))
                .at
                .as_deref(),
            Some("2025-12-15T14:46:00"),
            "no offset is invented for a floating time"
        );
    }

    #[test]
    fn without_publication_only_explicit_dates_resolve() {
        assert_eq!(
            stated("He spoke on Sunday.", None),
            Stated {
                at: None,
                cue: Some("on Sunday".into())
            },
            "a weekday needs a publication date to count from"
        );
        assert_eq!(
            stated("He spoke on 14 December 2025.", None).at.as_deref(),
            Some("2025-12-14")
        );
    }
}
