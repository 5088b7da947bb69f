//! Day arithmetic: Rata Die days, inclusive day intervals, the Gregorian calendar and Hijri →
//! Gregorian conversion.
//!
//! Gregorian arithmetic is a small closed-form function ([`days_from_civil`], proleptic, with
//! astronomical years: 0 = 1 BC). Hijri dates go through `icu_calendar`'s **Umm al-Qura** rules:
//! they are the civil calendar of Saudi Arabia and what most Arabic reference works and
//! converters print for 1300–1600 AH, and outside the KACST table icu falls back to the tabular
//! (type II, Friday epoch, "islamic-civil") algorithm, which is the usual choice for earlier
//! dates. A lunar date given in prose may still differ by a day or two from either; callers
//! comparing Hijri with Gregorian dates must allow for that. This module does not parse text.

use icu_calendar::Date;
use icu_calendar::cal::Hijri;
use serde::Serialize;
use std::fmt;

/// Days as Rata Die (proleptic Gregorian, 0001-01-01 = day 1).
pub type Day = i32;

/// An inclusive interval of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Interval {
    pub start: Day,
    pub end: Day,
}

impl Interval {
    pub fn new(start: Day, end: Day) -> Self {
        Self { start, end }
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn is_disjoint(&self, other: &Interval) -> bool {
        !self.overlaps(other)
    }

    /// The smallest interval covering both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A Hijri date as written in the text: the year, and month and day when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct HijriDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Days since 0001-01-01 (= 1) of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> Day {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // 719_468 = days from 0000-03-01 to 1970-01-01; 719_163 = Rata Die of 1970-01-01.
    (era * 146_097 + doe - 719_468 + 719_163) as Day
}

/// The proleptic Gregorian (year, month, day) of a Rata Die day.
pub fn civil_from_days(day: Day) -> (i32, u8, u8) {
    let z = i64::from(day) - 719_163 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

pub fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Weekday of a day, 0 = Monday … 6 = Sunday.
pub fn weekday_of(day: Day) -> u8 {
    // Rata Die 1 (0001-01-01) was a Monday.
    (i64::from(day) - 1).rem_euclid(7) as u8
}

/// A Gregorian calendar date, if it exists.
pub fn gregorian_day(year: i32, month: u8, day: u8) -> Option<Interval> {
    let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    valid.then(|| {
        let d = days_from_civil(year, month, day);
        Interval::new(d, d)
    })
}

/// The Gregorian months `first..=last` of one year.
pub fn gregorian_months(year: i32, first: u8, last: u8) -> Option<Interval> {
    let valid = 1 <= first && first <= last && last <= 12;
    valid.then(|| {
        Interval::new(
            days_from_civil(year, first, 1),
            days_from_civil(year, last, days_in_month(year, last)),
        )
    })
}

/// The Gregorian years `first..=last`.
pub fn gregorian_years(first: i32, last: i32) -> Interval {
    Interval::new(days_from_civil(first, 1, 1), days_from_civil(last, 12, 31))
}

/// Rata Die of a Hijri (Umm al-Qura) date, if it exists.
fn hijri_rata_die(year: i32, month: u8, day: u8) -> Option<Day> {
    let date =
        Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    Day::try_from(date.to_rata_die().to_i64_date()).ok()
}

/// Hijri years accepted; icu covers far more, prose about dates does not.
pub const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1..=1700;

/// The Gregorian days of the Hijri months `first..=last` of one Hijri year.
pub fn hijri_months(year: i32, first: u8, last: u8) -> Option<Interval> {
    if !(HIJRI_YEARS.contains(&year) && 1 <= first && first <= last && last <= 12) {
        return None;
    }
    let start = hijri_rata_die(year, first, 1)?;
    let next = if last == 12 {
        hijri_rata_die(year + 1, 1, 1)?
    } else {
        hijri_rata_die(year, last + 1, 1)?
    };
    Some(Interval::new(start, next - 1))
}

/// The Gregorian days of the Hijri years `first..=last`.
pub fn hijri_years(first: i32, last: i32) -> Option<Interval> {
    let start = hijri_months(first, 1, 1)?;
    let end = hijri_months(last, 12, 12)?;
    Some(start.hull(&end))
}

/// The Gregorian day of a Hijri date, if it exists.
pub fn hijri_day(year: i32, month: u8, day: u8) -> Option<Interval> {
    if !HIJRI_YEARS.contains(&year) {
        return None;
    }
    let d = hijri_rata_die(year, month, day)?;
    Some(Interval::new(d, d))
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if year < 0 {
        write!(f, "-{:04}", -i64::from(year))
    } else {
        write!(f, "{year:04}")
    }
}

/// How much of an interval's boundary is a calendar boundary.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Day,
    Month,
    Year,
}

fn write_at(f: &mut fmt::Formatter<'_>, (y, m, d): (i32, u8, u8), grain: Grain) -> fmt::Result {
    write_year(f, y)?;
    match grain {
        Grain::Year => Ok(()),
        Grain::Month => write!(f, "-{m:02}"),
        Grain::Day => write!(f, "-{m:02}-{d:02}"),
    }
}

impl Interval {
    /// Parse the notation [`Display`](fmt::Display) prints: `1949`, `1949-08`, `1949-08-15`,
    /// and `A/B` for a span from the start of `A` to the end of `B` (`1949-09/1949-12`).
    pub fn parse(text: &str) -> Option<Interval> {
        let text = text.trim();
        match text.split_once('/') {
            Some((a, b)) => {
                let (a, b) = (Self::parse_point(a)?, Self::parse_point(b)?);
                (a.start <= b.end).then(|| a.hull(&b))
            }
            None => Self::parse_point(text),
        }
    }

    fn parse_point(text: &str) -> Option<Interval> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str| s.parse::<i32>().ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => gregorian_years(number(y)?, number(y)?).into(),
            [y, m] if y.len() == 4 => {
                let m = u8::try_from(number(m)?).ok()?;
                gregorian_months(number(y)?, m, m)
            }
            [y, m, d] if y.len() == 4 => gregorian_day(
                number(y)?,
                u8::try_from(number(m)?).ok()?,
                u8::try_from(number(d)?).ok()?,
            ),
            _ => None,
        }
    }
}

impl fmt::Display for Interval {
    /// The most compact exact rendering: `1949`, `1949-08`, `1949-08-15`, `1930/1939`,
    /// `1949-07/1949-12`, `1949-08-15/1949-09-02`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = civil_from_days(self.start);
        let b = civil_from_days(self.end);
        let starts_month = a.2 == 1;
        let ends_month = b.2 == days_in_month(b.0, b.1);
        let grain = if starts_month && ends_month && a.1 == 1 && b.1 == 12 {
            Grain::Year
        } else if starts_month && ends_month {
            Grain::Month
        } else {
            Grain::Day
        };
        let single = match grain {
            Grain::Year => a.0 == b.0,
            Grain::Month => (a.0, a.1) == (b.0, b.1),
            Grain::Day => a == b,
        };
        write_at(f, a, grain)?;
        if !single {
            f.write_str("/")?;
            write_at(f, b, grain)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn display_notation_parses_back() {
        for text in [
            "1949",
            "1949-08",
            "1949-08-15",
            "1930/1939",
            "1949-09/1949-12",
        ] {
            let interval = Interval::parse(text).unwrap();
            assert_eq!(interval.to_string(), text);
        }
        assert_eq!(Interval::parse("1949-13"), None);
        assert_eq!(Interval::parse("1950/1949"), None);
        assert_eq!(Interval::parse("late 1949"), None);
    }

    #[test]
    fn rata_die_epoch_and_known_days() {
        assert_eq!(days_from_civil(1, 1, 1), 1);
        assert_eq!(days_from_civil(1970, 1, 1), 719_163);
        assert_eq!(civil_from_days(1), (1, 1, 1));
        assert_eq!(civil_from_days(0), (0, 12, 31));
    }

    #[test]
    fn weekdays_of_known_dates() {
        // 4 July 1826 was a Tuesday; 11 November 1821 a Sunday.
        assert_eq!(weekday_of(days_from_civil(1826, 7, 4)), 1);
        assert_eq!(weekday_of(days_from_civil(1821, 11, 11)), 6);
    }

    #[test]
    fn gregorian_agrees_with_icu() {
        for (y, m, d) in [
            (1, 1, 1),
            (1600, 2, 29),
            (1949, 8, 15),
            (2100, 12, 31),
            (-499, 3, 1),
        ] {
            let icu = Date::try_new_gregorian(y, m, d).expect("valid test date");
            let icu_rd = icu.to_rata_die().to_i64_date();
            assert_eq!(i64::from(days_from_civil(y, m, d)), icu_rd, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn invalid_dates_are_none() {
        assert_eq!(gregorian_day(1900, 2, 29), None);
        assert!(gregorian_day(2000, 2, 29).is_some());
        assert_eq!(gregorian_day(1949, 13, 1), None);
        assert_eq!(hijri_day(1350, 13, 1), None);
        assert_eq!(hijri_months(0, 1, 12), None);
    }

    #[test]
    fn hijri_years_and_dates_convert() {
        // Umm al-Qura: 1 Muharram 1350 AH = 19 May 1931 (the tabular calendar says 18 May).
        let y = hijri_years(1350, 1350).expect("1350 AH exists");
        assert_eq!(y.to_string(), "1931-05-19/1932-05-06");
        // 1 Ramadan 1445 AH = 11 March 2024.
        let d = hijri_day(1445, 9, 1).expect("exists");
        assert_eq!(d.to_string(), "2024-03-11");
    }

    #[test]
    fn display_is_most_compact() {
        assert_eq!(gregorian_years(1949, 1949).to_string(), "1949");
        assert_eq!(gregorian_years(1930, 1939).to_string(), "1930/1939");
        let aug = gregorian_months(1949, 8, 8).expect("valid");
        assert_eq!(aug.to_string(), "1949-08");
        let h2 = gregorian_months(1949, 7, 12).expect("valid");
        assert_eq!(h2.to_string(), "1949-07/1949-12");
        let day = gregorian_day(1949, 8, 15).expect("valid");
        assert_eq!(day.to_string(), "1949-08-15");
        assert_eq!(
            day.hull(&gregorian_day(1949, 9, 2).expect("valid"))
                .to_string(),
            "1949-08-15/1949-09-02"
        );
        assert_eq!(gregorian_years(-499, -499).to_string(), "-0499");
    }

    #[test]
    fn overlap_and_disjoint() {
        let y = gregorian_years(1949, 1949);
        let aug = gregorian_months(1949, 8, 8).expect("valid");
        let next = gregorian_years(1950, 1950);
        assert!(y.overlaps(&aug));
        assert!(y.is_disjoint(&next));
        assert!(!aug.is_disjoint(&y));
    }

    proptest! {
        #[test]
        fn civil_round_trips(day in -1_000_000i32..1_000_000) {
            let (y, m, d) = civil_from_days(day);
            prop_assert_eq!(days_from_civil(y, m, d), day);
            prop_assert_eq!(weekday_of(day + 7), weekday_of(day));
        }
    }
}
