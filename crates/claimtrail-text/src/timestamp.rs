//! Times as sources give them: with their own UTC offset kept, floating
//! (no offset stated) rather than guessed, or a bare date when no time of
//! day was given.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat};

/// A publication or statement time.
///
/// `Zoned` keeps the offset the source printed (+05:30 stays +05:30);
/// `Floating` is a wall-clock time whose offset the source did not say;
/// `Date` is a day with no time of day ("Published 15 December 2025"),
/// never turned into a midnight nobody printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timestamp {
    Zoned(DateTime<FixedOffset>),
    Floating(NaiveDateTime),
    Date(NaiveDate),
}

impl Timestamp {
    /// Milliseconds since the Unix epoch, for ordering. Floating times are
    /// ordered as if they were UTC, dates as their midnight UTC.
    pub fn sort_key(&self) -> i64 {
        match self {
            Timestamp::Zoned(t) => t.timestamp_millis(),
            Timestamp::Floating(t) => t.and_utc().timestamp_millis(),
            Timestamp::Date(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp_millis(),
        }
    }

    /// The calendar day as the source printed it (a zoned time's own day).
    pub fn date(&self) -> NaiveDate {
        match self {
            Timestamp::Zoned(t) => t.date_naive(),
            Timestamp::Floating(t) => t.date(),
            Timestamp::Date(d) => *d,
        }
    }

    /// Whether a time of day was given.
    pub fn has_time(&self) -> bool {
        !matches!(self, Timestamp::Date(_))
    }
}

/// The ordering key of a stated time as stored: a time (zoned or floating)
/// or a bare date (ordered as its midnight UTC); None for anything else.
pub fn sort_key_of(text: &str) -> Option<i64> {
    text.parse::<Timestamp>().ok().map(|t| t.sort_key())
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Zoned(t) => f.write_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
            Timestamp::Floating(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S")),
            Timestamp::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not an RFC 3339 time or a YYYY-MM-DD date: {0:?}")]
pub struct ParseTimestampError(String);

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp::Zoned(t));
        }
        if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
            return Ok(Timestamp::Floating(t));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Timestamp::Date)
            .map_err(|_| ParseTimestampError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_time_keeps_its_offset() {
        let t: Timestamp = "2025-12-15T02:37:51+05:30".parse().unwrap();
        assert_eq!(
            t.to_string(),
            "2025-12-15T02:37:51+05:30",
            "offset must survive a round trip"
        );
    }

    #[test]
    fn floating_time_stays_floating() {
        let t: Timestamp = "2025-12-15T14:46:00".parse().unwrap();
        assert_eq!(
            t.to_string(),
            "2025-12-15T14:46:00",
            "no offset must be invented"
        );
    }

    #[test]
    fn a_date_stays_a_date() {
        let t: Timestamp = "2025-12-15".parse().unwrap();
        assert_eq!(
            t,
            Timestamp::Date(NaiveDate::from_ymd_opt(2025, 12, 15).unwrap())
        );
        assert_eq!(t.to_string(), "2025-12-15", "no time of day is invented");
        assert!(!t.has_time());
        assert_eq!(
            sort_key_of("2025-12-15"),
            sort_key_of("2025-12-15T00:00:00"),
            "a date orders as its midnight UTC"
        );
    }

    #[test]
    fn zoned_times_order_by_instant_not_by_text() {
        let india: Timestamp = "2025-12-15T02:37:51+05:30".parse().unwrap();
        let utc: Timestamp = "2025-12-14T22:00:00+00:00".parse().unwrap();
        assert!(
            india.sort_key() < utc.sort_key(),
            "02:37+05:30 on the 15th is 21:07Z on the 14th, before 22:00Z, though its text sorts later"
        );
    }
}
