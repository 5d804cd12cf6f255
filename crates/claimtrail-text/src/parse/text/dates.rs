//! Publication times as printed: ISO 8601 stamps and human-readable dates
//! with optional times and zone abbreviations. An offset is only ever taken
//! from the text; without one the time is floating.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use super::*;

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Slot {
    Published,
    Updated,
}

pub(super) struct Stamp {
    pub slot: Slot,
    pub at: Timestamp,
    /// Whether it came from an ISO 8601 stamp (exact to the second).
    pub iso: bool,
    /// Whether a time of day was printed.
    pub timed: bool,
}

impl Stamp {
    /// How much a stamp says: a time of day beats a bare date, and at equal
    /// detail an ISO stamp beats a human-readable one.
    pub fn rank(&self) -> u8 {
        u8::from(self.timed) * 2 + u8::from(self.iso)
    }
}

/// How a printed zone turns into an offset: a fixed one ("CEST" is
/// always UTC+2), or a region's time that depends on the date ("ET" is
/// EST in winter and EDT in summer), in minutes east of UTC in winter.
#[derive(Clone, Copy)]
enum Zone {
    Fixed(i32),
    /// US rule since 2007: summer time from the second Sunday of March to
    /// the first Sunday of November.
    UsSeasonal(i32),
}

impl Zone {
    fn minutes(self, date: NaiveDate) -> i32 {
        match self {
            Zone::Fixed(m) => m,
            Zone::UsSeasonal(m) => m + if us_summer(date) { 60 } else { 0 },
        }
    }
}

fn us_summer(date: NaiveDate) -> bool {
    let sunday = |month: u32, n: u8| {
        NaiveDate::from_weekday_of_month_opt(date.year(), month, chrono::Weekday::Sun, n)
    };
    match (sunday(3, 2), sunday(11, 1)) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

/// Zone abbreviations news sites print. Ambiguous ones take the reading
/// common in news copy (IST is India, CST is US Central).
const ZONES: &[(&str, Zone)] = &[
    ("IST", Zone::Fixed(330)),
    ("GMT", Zone::Fixed(0)),
    ("UTC", Zone::Fixed(0)),
    ("Z", Zone::Fixed(0)),
    ("BST", Zone::Fixed(60)),
    ("WET", Zone::Fixed(0)),
    ("WEST", Zone::Fixed(60)),
    ("CET", Zone::Fixed(60)),
    ("CEST", Zone::Fixed(120)),
    ("EET", Zone::Fixed(120)),
    ("EEST", Zone::Fixed(180)),
    ("MSK", Zone::Fixed(180)),
    ("TRT", Zone::Fixed(180)),
    ("GST", Zone::Fixed(240)),
    ("PKT", Zone::Fixed(300)),
    ("EST", Zone::Fixed(-300)),
    ("EDT", Zone::Fixed(-240)),
    ("CST", Zone::Fixed(-360)),
    ("CDT", Zone::Fixed(-300)),
    ("MST", Zone::Fixed(-420)),
    ("MDT", Zone::Fixed(-360)),
    ("PST", Zone::Fixed(-480)),
    ("PDT", Zone::Fixed(-420)),
    ("ET", Zone::UsSeasonal(-300)),
    ("CT", Zone::UsSeasonal(-360)),
    ("MT", Zone::UsSeasonal(-420)),
    ("PT", Zone::UsSeasonal(-480)),
    ("HKT", Zone::Fixed(480)),
    ("SGT", Zone::Fixed(480)),
    ("JST", Zone::Fixed(540)),
    ("KST", Zone::Fixed(540)),
    ("AEST", Zone::Fixed(600)),
    ("AEDT", Zone::Fixed(660)),
];

/// The days of the week, lower-case.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months' English names, lower-case.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or abbreviation, captured as `mon`; shared with the
/// statement-time cues of `crate::suggest` ("on December 14").
pub(crate) const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<y>\d{4})[-/](?P<mo>\d{2})[-/](?P<d>\d{2})(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?\s?(?P<off>Z|[+-]\d{1,2}(?::?\d{2})?)?)?",
    )
    .expect("ISO date regex")
});
// The year has no closing word boundary: pasted web copy glues the time
// to it ("December 15, 20252:46 PM GMT+1Updated 3 hours ago").
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    ))
    .expect("month-first date regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+{MONTH},?\s+(?P<y>\d{{4}})"
    ))
    .expect("day-first date regex")
});
/// Month names of the other languages news pages print dates in (German,
/// French, Spanish, Italian, Dutch, Portuguese), with their number. Not in
/// [`MONTH`], which statement cues in English text share.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    // Ukrainian and Russian write the month's genitive after the day
    // ("16 грудня 2025", "16 декабря 2025"); Bulgarian its name.
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("януари", 1),
    ("февруари", 2),
    ("март", 3),
    ("април", 4),
    ("май", 5),
    ("юни", 6),
    ("юли", 7),
    ("август", 8),
    ("септември", 9),
    ("октомври", 10),
    ("ноември", 11),
    ("декември", 12),
];
/// "2. November 2021" is covered by [`DAY_FIRST`]; "7. Dezember 2023",
/// "16 décembre 2025", "16 de diciembre de 2025" here.
static DAY_FIRST_FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = FOREIGN_MONTHS.iter().map(|(n, _)| *n).collect();
    Regex::new(&format!(
        // "2025г." and "2025р.": the year's word glued to it.
        r"(?i)\b(?P<d>\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?(?P<mon>{})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})(?:\b|[гр]\.)",
        names.join("|")
    ))
    .expect("foreign day-first date regex")
});
/// "07.11.2023": day, month, year, as Europe writes them with dots.
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<d>\d{1,2})\.\s?(?P<mo>\d{1,2})\.\s?(?P<y>\d{4})\b")
        .expect("dotted date regex")
});
/// A date as Chinese, Japanese and Korean write it: year, month and day
/// each followed by its sign ("2020年07月03日", "2023년 11월 2일").
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>\d{4})\s*[年년]\s*(?P<mo>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]")
        .expect("CJK date regex")
});
/// A dotted date with a two-digit year ("23.09.22", German date lines),
/// not part of a longer run of dotted numbers (a version, an address).
static DOTTED_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<yy>\d{2})(?:$|[^\d.]|\.(?:$|\s))")
        .expect("short dotted date regex")
});
/// A date written with slashes, day and month in either order
/// ("17/03/2020", "3/17/2020"): read only when one of the two numbers is
/// above 12, which settles the order; "02/10/2020" is left alone (2
/// October or February 10 cannot be told apart from the numbers).
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b").expect("slashed date regex")
});
/// A clock time with optional am/pm, then an optional zone
/// ("2:46 PM GMT+1", "02:40 IST", "14.46 GMT", "10:30 a.m. EST").
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?)(?:\s*\(?(?P<abbr>[A-Z]{1,5})?(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
    )
    .expect("clock regex")
});
static CLOCK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    // Ukrainian and Russian follow the year with its word ("2025 року",
    // "2025 г.") and the clock with "о"/"в" ("року о 09:15").
    Regex::new(r"(?i)^(?:\s+(?:року|года|р\.|г\.))?[\s,/|]*(?:(?:at|à|um|alle|om|às|a las|о|об|в)\s+|-\s+)?")
        .expect("clock separator regex")
});
static CLOCK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<clock>\d{1,2}[:.]\d{2}[^,]{0,16}),?\s*(?:on\s+)?$")
        .expect("clock-before regex")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:first\s+published|last\s+updated|last\s+modified|published|posted|updated|modified|aktualisiert|letzte\s+änderung|geändert|mis\s+à\s+jour|actualizado|aggiornato|bijgewerkt|atualizado|опубліковано|опубликовано|оновлено|обновлено)\b(?:\s+(?:on|at|am|le|el|il|op|em))?\s*:?")
        .expect("date label regex")
});
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:first\s+published|last\s+updated|published|posted|updated|modified)\b")
        .expect("leading date label regex")
});

/// A date found in a text, with the byte range it covers.
struct Found {
    start: usize,
    end: usize,
    at: Timestamp,
    iso: bool,
    /// Whether a time of day was printed (a date alone is midnight).
    timed: bool,
}

/// Parses a metadata value or a date line into its first time.
pub(crate) fn parse_timestamp(value: &str) -> Option<Timestamp> {
    find_dates(value).into_iter().next().map(|f| f.at)
}

/// Whether a line begins with "Published", "Updated" and the like.
pub(super) fn starts_with_label(line: &str) -> bool {
    LEADING_LABEL.is_match(line)
}

/// The stamps of a segment that is nothing but dates, labels and a few
/// words ("Updated 3 hours ago"); `None` for a sentence that mentions a
/// date.
pub(super) fn date_segment(segment: &str) -> Option<Vec<Stamp>> {
    date_segment_within(segment, 5)
}

/// [`date_segment`] with at most `words` other than its labels beside
/// the dates.
pub(super) fn date_segment_within(segment: &str, words: usize) -> Option<Vec<Stamp>> {
    if segment.chars().count() > 160 {
        return None;
    }
    let found = find_dates(segment);
    if found.is_empty() {
        return None;
    }
    let mut leftover = String::new();
    let mut last = 0;
    for f in &found {
        leftover.push_str(segment.get(last..f.start).unwrap_or(""));
        leftover.push(' ');
        last = last.max(f.end);
    }
    leftover.push_str(&segment[last..]);
    if LABEL.replace_all(&leftover, " ").split_whitespace().count() > words {
        return None;
    }
    Some(assign_slots(segment, found))
}

/// Two ISO stamps in one header are published then modified (how ANI
/// prints them); otherwise the nearest label before a date decides.
fn assign_slots(segment: &str, found: Vec<Found>) -> Vec<Stamp> {
    let iso_pair = found.iter().filter(|f| f.iso).count() >= 2;
    let mut iso_seen = 0;
    let mut previous_end = 0;
    let mut stamps = Vec::new();
    for f in found {
        let slot = if f.iso && iso_pair {
            iso_seen += 1;
            if iso_seen == 1 {
                Slot::Published
            } else {
                Slot::Updated
            }
        } else {
            label_slot(segment.get(previous_end..f.start).unwrap_or(""))
        };
        if !(f.iso && iso_seen > 2) {
            stamps.push(Stamp {
                slot,
                at: f.at,
                iso: f.iso,
                timed: f.timed,
            });
        }
        previous_end = previous_end.max(f.end);
    }
    stamps
}

/// The words of [`LABEL`] that say published; its others say updated.
const PUBLISHED_WORDS: &[&str] = &["published", "posted", "опубл"];

fn label_slot(before: &str) -> Slot {
    let label = LABEL
        .find_iter(before)
        .last()
        .map(|m| m.as_str().to_lowercase());
    match label {
        Some(l) if !PUBLISHED_WORDS.iter().any(|w| l.contains(w)) => Slot::Updated,
        _ => Slot::Published,
    }
}

/// The date a paragraph opens with, when the story follows it after a
/// dash or a colon ("27.1.2022 - Bei der Erinnerung …", "02.02.2022 10:16
/// Uhr - 1. Bundesliga …", "01.02.2022: Der Arbeitsmarkt …"): the
/// dateline's date of a story that prints no other.
pub(super) fn leading_date(paragraph: &str) -> Option<Timestamp> {
    let first = find_dates(paragraph).into_iter().next()?;
    // Or a press release's, after its label ("Pressemitteilung vom 25.
    // Januar 2022 | Berlin – …", "Press release, 3 May 2022 – …").
    let before = paragraph[..first.start].trim();
    if !before.is_empty() && !PRESS_RELEASE.is_match(before) {
        return None;
    }
    // The clock time printed after the date belongs to it ("10:16 Uhr").
    let rest = paragraph[first.end..].trim_start();
    let rest = CLOCK_AFTER_DATE
        .find(rest)
        .map_or(rest, |m| rest[m.end()..].trim_start());
    let rest = rest.strip_prefix("Uhr").map_or(rest, str::trim_start);
    // After a dash or a colon; or straight into a quote ("01.02.2022
    // „Der Arbeitsmarkt ist gut …").
    let quoted = rest.starts_with(['"', '„', '“', '«', '»']);
    let story = match rest.strip_prefix(['-', '–', '—', ':', '|']) {
        Some(story) => story.trim_start(),
        None if quoted => rest,
        None => return None,
    };
    story
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "\"„“«»'‘".contains(c))
        .then_some(first.at)
}

/// The label a press release opens with before its date.
static PRESS_RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:pressemitteilung|pressemeldung|presseinformation|medienmitteilung|press\s+release|news\s+release|media\s+release|communiqué(?:\s+de\s+presse)?|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|comunicato\s+stampa|persbericht)(?:\s+(?:vom|from|of|du|del|de))?\s*[,:]?$",
    )
    .expect("press release label regex")
});

static CLOCK_AFTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[,]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|h|am|pm|AM|PM))?")
        .expect("clock after date regex")
});

fn find_dates(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = ISO
        .captures_iter(text)
        .filter_map(|c| iso_date(&c))
        .collect();
    for regex in [
        &*MONTH_FIRST,
        &*DAY_FIRST,
        &*DAY_FIRST_FOREIGN,
        &*DOTTED,
        &*CJK,
    ] {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always matches");
            add_date(&mut found, text, whole.range(), human_date(&caps));
        }
    }
    for caps in DOTTED_SHORT.captures_iter(text) {
        let (Some(d), Some(yy)) = (caps.name("d"), caps.name("yy")) else {
            continue;
        };
        let date = || {
            // The POSIX pivot: 00–68 are this century, 69–99 the last.
            let yy: i32 = yy.as_str().parse().ok()?;
            let year = if yy < 69 { 2000 + yy } else { 1900 + yy };
            NaiveDate::from_ymd_opt(year, caps["mo"].parse().ok()?, d.as_str().parse().ok()?)
        };
        add_date(&mut found, text, d.start()..yy.end(), date());
    }
    for caps in SLASHED.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        add_date(&mut found, text, whole.range(), slashed_date(&caps));
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Adds the date printed at `at` unless a date found before covers it.
fn add_date(
    found: &mut Vec<Found>,
    text: &str,
    at: std::ops::Range<usize>,
    date: Option<NaiveDate>,
) {
    let overlaps = found.iter().any(|f| at.start < f.end && f.start < at.end);
    if let (false, Some(date)) = (overlaps, date) {
        found.push(with_clock(text, at.start, at.end, date));
    }
}

/// The date of a [`SLASHED`] match whose order the numbers settle.
fn slashed_date(caps: &regex::Captures) -> Option<NaiveDate> {
    let a: u32 = caps["a"].parse().ok()?;
    let b: u32 = caps["b"].parse().ok()?;
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(caps["y"].parse().ok()?, month, day)
}

fn iso_date(caps: &regex::Captures) -> Option<Found> {
    let whole = caps.get(0)?;
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(caps["y"].parse().ok()?, num("mo")?, num("d")?)?;
    let Some(hour) = num("h") else {
        return Some(Found {
            start: whole.start(),
            end: whole.end(),
            at: Timestamp::Date(date),
            iso: true,
            timed: false,
        });
    };
    let nanos = caps
        .name("frac")
        .map_or(0, |f| format!("{:0<9}", f.as_str()).parse().unwrap_or(0));
    let time = NaiveTime::from_hms_nano_opt(hour, num("mi")?, num("s").unwrap_or(0), nanos)?;
    let offset = match caps.name("off") {
        Some(off) => Some(numeric_offset(off.as_str())?),
        None => None,
    };
    Some(Found {
        start: whole.start(),
        end: whole.end(),
        at: stamp(date, time, offset),
        iso: true,
        timed: true,
    })
}

fn human_date(caps: &regex::Captures) -> Option<NaiveDate> {
    let month = match (caps.name("mon"), caps.name("mo")) {
        (Some(name), _) => {
            let lower = name.as_str().to_lowercase();
            FOREIGN_MONTHS
                .iter()
                .find(|(n, _)| *n == lower)
                .map(|(_, m)| *m)
                .or_else(|| month_number(&lower))?
        }
        (None, Some(number)) => number.as_str().parse().ok()?,
        (None, None) => return None,
    };
    NaiveDate::from_ymd_opt(caps["y"].parse().ok()?, month, caps["d"].parse().ok()?)
}

/// The month (1–12) a lower-case month name of another language stands
/// for ("oktober", "décembre").
pub(crate) fn foreign_month(lower: &str) -> Option<u32> {
    FOREIGN_MONTHS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, m)| *m)
}

/// The month (1–12) a name or abbreviation captured by [`MONTH`] stands for.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

/// Attaches the clock time printed after the date ("December 15, 2025
/// 02:40 IST") or right before it ("3:46 PM GMT, December 15, 2025").
fn with_clock(text: &str, start: usize, end: usize, date: NaiveDate) -> Found {
    let after = &text[end..];
    let gap = CLOCK_AFTER.find(after).map_or(0, |m| m.end());
    if let Some((time, offset, len)) = clock(&after[gap..], date) {
        return Found {
            start,
            end: end + gap + len,
            at: stamp(date, time, offset),
            iso: false,
            timed: true,
        };
    }
    let before = CLOCK_BEFORE
        .captures(&text[..start])
        .and_then(|c| c.name("clock"));
    if let Some(m) = before {
        if let Some((time, offset, _)) = clock(m.as_str().trim_end(), date) {
            return Found {
                start: m.start(),
                end,
                at: stamp(date, time, offset),
                iso: false,
                timed: true,
            };
        }
    }
    Found {
        start,
        end,
        at: Timestamp::Date(date),
        iso: false,
        timed: false,
    }
}

/// Whether `text` is a clock time and nothing else ("2:40 AM IST").
pub(super) fn is_clock(text: &str) -> bool {
    clock(text, NaiveDate::MIN).is_some_and(|(_, _, len)| len == text.trim_end().len())
}

/// Whether `text` is a clock time with at most a word or two after it
/// that are not a date ("11:28 AMT", "10:16 Uhr"): a zone this code
/// does not know, or the word for o'clock.
pub(super) fn is_clock_with_word(text: &str) -> bool {
    clock(text, NaiveDate::MIN).is_some_and(|(_, _, len)| {
        let rest = &text[len..];
        rest.split_whitespace().count() <= 2 && !rest.chars().any(|c| c.is_ascii_digit())
    })
}

/// A clock time at the start of `text` on `date`, its offset if a zone is
/// printed, and how many bytes it covers.
fn clock(text: &str, date: NaiveDate) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
    let caps = CLOCK.captures(text)?;
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let mut hour = num("h")?;
    match caps.name("ap").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(ap) if (1..=12).contains(&hour) => hour = hour % 12 + if ap == "p" { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    let time = NaiveTime::from_hms_opt(hour, num("mi")?, num("s").unwrap_or(0))?;
    let (offset, end) = zone(text, &caps, date);
    Some((time, offset, end))
}

/// The offset printed after a clock time. An abbreviation glued to a
/// lower-case letter is a word ("Updated"), not a zone; an unknown
/// abbreviation gives no offset rather than a guessed one.
fn zone(text: &str, caps: &regex::Captures, date: NaiveDate) -> (Option<FixedOffset>, usize) {
    let clock_end = caps
        .name("ap")
        .or(caps.name("s"))
        .or(caps.name("mi"))
        .map_or(0, |m| m.end());
    let abbr = caps
        .name("abbr")
        .filter(|a| !text[a.end()..].starts_with(char::is_lowercase));
    let numeric = caps
        .name("off")
        .and_then(|o| numeric_offset(o.as_str()).map(|off| (off, o.end())));
    let base = abbr.and_then(|a| {
        ZONES
            .iter()
            .find(|(name, _)| *name == a.as_str())
            .map(|(_, zone)| (zone.minutes(date), a.end()))
    });
    match (base, numeric) {
        (Some((0, _)), Some((off, end))) => (Some(off), end),
        (Some((minutes, end)), _) => (FixedOffset::east_opt(minutes * 60), end),
        // "10:00-11:30" is a span of time, not a clock in UTC−11:30: a
        // bare offset needs a space or a zone name before it.
        (None, Some((_, _))) if caps.name("off").is_some_and(|o| o.start() == clock_end) => {
            (None, clock_end)
        }
        (None, Some((off, end))) if abbr.is_none() => (Some(off), end),
        _ => (None, clock_end),
    }
}

/// "+05:30", "+0530", "+5:30", "-05", "Z".
fn numeric_offset(text: &str) -> Option<FixedOffset> {
    if text == "Z" {
        return FixedOffset::east_opt(0);
    }
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => (
            digits[..digits.len() - 2].parse().ok()?,
            digits[digits.len() - 2..].parse().ok()?,
        ),
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn stamp(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Timestamp {
    let local = NaiveDateTime::new(date, time);
    match offset.and_then(|o| local.and_local_timezone(o).single()) {
        Some(zoned) => Timestamp::Zoned(zoned),
        None => Timestamp::Floating(local),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case::dash("27.1.2022 - Bei der Erinnerung an die Verfolgten", Some("2022-01-27"))]
    #[case::clock_and_dash(
        "02.02.2022 10:16 Uhr - 1. Bundesliga - Die Partie",
        Some("2022-02-02")
    )]
    #[case::straight_into_a_quote(
        "01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet“",
        Some("2022-02-01")
    )]
    #[case::iso_and_bar("2021-10-16 | Botschaft zur Nacht", Some("2021-10-16"))]
    #[case::a_press_release(
        "Pressemitteilung vom 25. Januar 2022 |  Berlin – Die künftige Zusammenarbeit",
        Some("2022-01-25")
    )]
    #[case::a_press_release_in_english(
        "Press release, 3 May 2022 – The ministry announced",
        Some("2022-05-03")
    )]
    #[case::another_word_before_the_date("Bericht vom 25. Januar 2022 – Die Zusammenarbeit", None)]
    #[case::inside_the_sentence("Am 27.1.2022 erinnerte der Bundestag an die Opfer", None)]
    #[case::a_date_then_the_sentence("27.1.2022 war ein kalter Tag in Berlin", None)]
    fn the_date_a_story_opens_with(#[case] paragraph: &str, #[case] expected: Option<&str>) {
        assert_eq!(
            leading_date(paragraph)
                .map(|t| t.date().to_string())
                .as_deref(),
            expected,
            "{paragraph}"
        );
    }
}
