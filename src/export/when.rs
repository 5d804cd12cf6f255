//! When an appearance happened, as the exports place and show it.
//!
//! A time keeps the offset its source gave (02:37 in Delhi, +05:30), and a
//! reader is shown that. A timeline, though, has one axis: TimelineJS knows
//! no offsets and the report draws one line, so every time is placed on the
//! desk's clock, the export's [`Zone`]. A day stays a day: no invented
//! midnight.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::store::{Result, StoreError};

/// A time as stored: with its offset, without one (as the source's local
/// clock read), or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<FixedOffset>),
    Local(NaiveDateTime),
    Day(NaiveDate),
}

/// Where a timeline puts a time: on a day, or at a minute of the desk's
/// clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    Day(NaiveDate),
    At(NaiveDateTime),
}

impl Placed {
    pub fn date(self) -> NaiveDate {
        match self {
            Placed::Day(d) => d,
            Placed::At(t) => t.date(),
        }
    }
}

impl When {
    /// A stored time or date. A local time of exactly 00:00:00 is read as
    /// a day: it is what imports made of a date alone before they kept
    /// dates as dates, and a statement timed to the second at midnight,
    /// without a zone, is not something a source gives.
    pub fn parse(text: &str) -> Option<When> {
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Some(When::At(t));
        }
        if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
            return Some(if t.time() == NaiveTime::MIN {
                When::Day(t.date())
            } else {
                When::Local(t)
            });
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(When::Day)
    }

    /// Its place on the desk's clock. A time without an offset is taken to
    /// be on that clock already.
    pub fn placed(self, zone: &Zone) -> Placed {
        match self {
            When::At(t) => Placed::At(zone.clock(t)),
            When::Local(t) => Placed::At(t),
            When::Day(d) => Placed::Day(d),
        }
    }

    /// Milliseconds since the epoch for ordering: the instant, a local time
    /// on the desk's clock, a day from its start there.
    pub fn order(self, zone: &Zone) -> i64 {
        match self {
            When::At(t) => t.timestamp_millis(),
            When::Local(t) => zone.instant(t).timestamp_millis(),
            When::Day(d) => zone.instant(d.and_time(NaiveTime::MIN)).timestamp_millis(),
        }
    }

    /// As its source gave it: "15 Dec 2025, 02:37 (UTC+05:30)", "15 Dec
    /// 2025, 02:37" for a local time, "15 Dec 2025" for a day.
    pub fn source(self) -> String {
        match self {
            When::At(t) => format!("{} (UTC{})", t.format("%-d %b %Y, %H:%M"), t.format("%:z")),
            When::Local(t) => t.format("%-d %b %Y, %H:%M").to_string(),
            When::Day(d) => d.format("%-d %b %Y").to_string(),
        }
    }

    /// On the desk's clock, when that is not how the source gave it:
    /// "14 Dec 2025, 22:07 in Europe/Berlin". None when the two read the same.
    pub fn on_desk(self, zone: &Zone) -> Option<String> {
        let When::At(t) = self else { return None };
        let desk = zone.clock(t);
        (desk != t.naive_local())
            .then(|| format!("{} in {}", desk.format("%-d %b %Y, %H:%M"), zone.name()))
    }
}

/// The desk's clock: a tz database zone ("Europe/Berlin", "UTC") or a fixed
/// offset ("+05:30").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Named(chrono_tz::Tz),
    Fixed(FixedOffset),
}

impl Zone {
    /// A zone as the export options and `--zone` name it; none is the
    /// user's own ([`Zone::local`]).
    pub fn parse(text: Option<&str>) -> Result<Zone> {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(Zone::local());
        };
        if let Ok(tz) = text.parse::<chrono_tz::Tz>() {
            return Ok(Zone::Named(tz));
        }
        let offset = text
            .strip_prefix("UTC")
            .or_else(|| text.strip_prefix("GMT"))
            .unwrap_or(text);
        if let Ok(offset) = offset.parse::<FixedOffset>() {
            return Ok(Zone::Fixed(offset));
        }
        Err(StoreError::invalid_field(
            "zone",
            format!("“{text}” is not a time zone. Give a zone's name (Europe/Berlin, America/New_York, UTC) or an offset (+05:30)."),
        ))
    }

    /// The user's zone: `TZ` when it names one, else the system's, else UTC.
    pub fn local() -> Zone {
        let named = std::env::var("TZ")
            .ok()
            .map(|tz| tz.trim_start_matches(':').to_owned())
            .filter(|tz| !tz.is_empty())
            .or_else(|| iana_time_zone::get_timezone().ok());
        named
            .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
            .map(Zone::Named)
            .unwrap_or(Zone::Named(chrono_tz::UTC))
    }

    /// "Europe/Berlin", "UTC", "UTC+05:30".
    pub fn name(&self) -> String {
        match self {
            Zone::Named(tz) => tz.name().to_owned(),
            Zone::Fixed(offset) => format!("UTC{offset}"),
        }
    }

    /// What this clock read at `t`.
    pub fn clock(&self, t: DateTime<FixedOffset>) -> NaiveDateTime {
        match self {
            Zone::Named(tz) => t.with_timezone(tz).naive_local(),
            Zone::Fixed(offset) => t.with_timezone(offset).naive_local(),
        }
    }

    /// The instant this clock read `local` (the earlier one when the clocks
    /// went back; an hour skipped when they went forward reads as after it).
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        fn first<Tz: TimeZone>(zone: &Tz, local: NaiveDateTime) -> DateTime<FixedOffset> {
            zone.from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                        .earliest()
                })
                .map(|t| t.fixed_offset())
                .unwrap_or_else(|| local.and_utc().fixed_offset())
        }
        match self {
            Zone::Named(tz) => first(tz, local),
            Zone::Fixed(offset) => first(offset, local),
        }
    }

    /// The offset on this clock at the start of `day` (the tests' view of
    /// summer time).
    #[cfg(test)]
    fn offset_on(&self, day: NaiveDate) -> FixedOffset {
        chrono::Offset::fix(self.instant(day.and_time(NaiveTime::MIN)).offset())
    }
}

/// Days from `first` to `last` (inclusive) a timeline's axis labels: every
/// day for up to a week and a half, else every few days, so that about
/// eight labels fit; beyond eight months, the first of a month, every
/// month or every few.
pub fn axis_days(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let span = (last - first).num_days().max(0);
    if span > 240 {
        let next = |d: NaiveDate| d.checked_add_months(chrono::Months::new(1));
        let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
        if month < first {
            month = next(month).unwrap_or(last);
        }
        let mut months = Vec::new();
        while month <= last {
            months.push(month);
            match next(month) {
                Some(m) => month = m,
                None => break,
            }
        }
        let every = months.len().div_ceil(8).max(1);
        return months.into_iter().step_by(every).collect();
    }
    let step = if span <= 10 { 1 } else { (span + 7) / 8 };
    (0..=span)
        .step_by(step as usize)
        .filter_map(|n| first.checked_add_days(chrono::Days::new(n as u64)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Zone {
        Zone::parse(Some("Europe/Berlin")).unwrap()
    }

    #[test]
    fn a_delhi_time_is_placed_on_the_desks_clock_and_shown_as_given() {
        let delhi = When::parse("2025-12-15T02:37:51+05:30").unwrap();
        assert_eq!(
            delhi.placed(&berlin()),
            Placed::At(
                NaiveDate::from_ymd_opt(2025, 12, 14)
                    .unwrap()
                    .and_hms_opt(22, 7, 51)
                    .unwrap()
            )
        );
        assert_eq!(delhi.source(), "15 Dec 2025, 02:37 (UTC+05:30)");
        assert_eq!(
            delhi.on_desk(&berlin()).as_deref(),
            Some("14 Dec 2025, 22:07 in Europe/Berlin")
        );
        let later_in_berlin = When::parse("2025-12-14T22:30:00+01:00").unwrap();
        assert!(delhi.order(&berlin()) < later_in_berlin.order(&berlin()));
        assert_eq!(later_in_berlin.on_desk(&berlin()), None);
    }

    #[test]
    fn a_day_stays_a_day_and_so_does_the_midnight_old_imports_made_of_one() {
        for text in ["2025-12-16", "2025-12-16T00:00:00"] {
            let day = When::parse(text).unwrap();
            assert_eq!(
                day.placed(&berlin()),
                Placed::Day(NaiveDate::from_ymd_opt(2025, 12, 16).unwrap())
            );
            assert_eq!(day.source(), "16 Dec 2025");
        }
        // A local time is kept as the clock read.
        assert!(matches!(
            When::parse("2025-12-16T09:30:00"),
            Some(When::Local(_))
        ));
        // A midnight with an offset is a time someone gave.
        assert!(matches!(
            When::parse("2025-12-16T00:00:00+01:00"),
            Some(When::At(_))
        ));
    }

    #[test]
    fn zones_by_name_or_offset_and_a_clear_refusal() {
        assert_eq!(Zone::parse(Some("UTC")).unwrap().name(), "UTC");
        assert_eq!(Zone::parse(Some("+05:30")).unwrap().name(), "UTC+05:30");
        assert_eq!(Zone::parse(Some("UTC-04:00")).unwrap().name(), "UTC-04:00");
        let err = Zone::parse(Some("Mars/Olympus")).unwrap_err().to_string();
        assert!(err.contains("not a time zone"), "{err}");
        // Summer time is the zone's own: +02:00 in July, +01:00 in December.
        let z = berlin();
        assert_eq!(
            z.offset_on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
            FixedOffset::east_opt(7200).unwrap()
        );
        assert_eq!(
            z.offset_on(NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()),
            FixedOffset::east_opt(3600).unwrap()
        );
    }

    #[test]
    fn axis_days_fit_about_eight_labels() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(
            axis_days(d(12, 14), d(12, 17)).len(),
            4,
            "every day of four"
        );
        let month = axis_days(d(11, 1), d(11, 30));
        assert!(month.len() <= 9 && month.len() >= 7, "{month:?}");
        let year = axis_days(d(1, 15), d(12, 20));
        assert_eq!(year.first(), Some(&d(2, 1)));
        assert_eq!(year.len(), 6, "every other month: {year:?}");
    }
}
