//! Time, one contract for every crate: instants are milliseconds since the Unix epoch (UTC), as
//! in the store. [`parse_time`] reads what users type and files hold (RFC 3339, `YYYY-MM-DD`,
//! Unix seconds); [`format_time`] writes RFC 3339 UTC; [`parse_span`] reads the partial dates of
//! published claims (`2024`, `2024-03`) as the interval they cover.

use std::fmt;

/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// A text that is not a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError(pub String);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an RFC 3339 time, a YYYY-MM-DD date or Unix seconds",
            self.0
        )
    }
}

impl std::error::Error for TimeError {}

/// Parses RFC 3339 (`2023-09-05T01:02:03Z`, any offset), a date (`2023-09-05`, midnight UTC) or
/// Unix seconds (`1693872000`, `1693872000.5`) into ms since the epoch.
pub fn parse_time(text: &str) -> Result<i64, TimeError> {
    use time::format_description::well_known::Rfc3339;
    let t = text.trim();
    let err = || TimeError(t.to_owned());
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let y: i32 = t[..4].parse().map_err(|_| err())?;
        let m: u8 = t[5..7].parse().map_err(|_| err())?;
        let d: u8 = t[8..].parse().map_err(|_| err())?;
        return ymd(y, m, d).ok_or_else(err);
    }
    if let Ok(dt) = time::OffsetDateTime::parse(t, &Rfc3339) {
        return i64::try_from(dt.unix_timestamp_nanos() / 1_000_000).map_err(|_| err());
    }
    match t.parse::<f64>() {
        Ok(secs) if secs.is_finite() && !t.starts_with('+') => Ok((secs * 1000.0).round() as i64),
        _ => Err(err()),
    }
}

/// Converts ms since the epoch to a `time` date-time (the epoch when out of range).
fn datetime(ms: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// RFC 3339 UTC (`2024-01-02T03:04:05Z`), with milliseconds when they are not 0.
pub fn format_time(ms: i64) -> String {
    let t = datetime(ms);
    let (y, mo, d) = (t.year(), t.month() as u8, t.day());
    let (h, mi, s) = (t.hour(), t.minute(), t.second());
    match ms.rem_euclid(1000) {
        0 => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        frac => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:03}Z"),
    }
}

/// RFC 3339 UTC with milliseconds always written (`2023-09-05T01:02:03.000Z`): the fixed-width
/// form of the store readers' outputs (`lookout track`, `lookout vessels`).
pub fn format_time_ms(ms: i64) -> String {
    let t = format_time(ms);
    if ms.rem_euclid(1000) == 0 {
        format!("{}.000Z", &t[..t.len() - 1])
    } else {
        t
    }
}

/// The calendar date of a time, `YYYY-MM-DD`.
pub fn format_day(ms: i64) -> String {
    format_time(ms)[..10].to_owned()
}

/// Midnight UTC of a calendar date, ms; `None` for a date that does not exist.
pub fn ymd(year: i32, month: u8, day: u8) -> Option<i64> {
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

/// Midnight UTC of a calendar date and a time of day, ms.
pub fn ymd_hms(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<i64> {
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let secs = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(ymd(year, month, day)? + secs * 1000)
}

/// The calendar fields of a time: `(year, month, day, hour, minute, second)`.
pub fn civil(ms: i64) -> (i32, u8, u8, u8, u8, u8) {
    let t = datetime(ms);
    (
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
    )
}

/// The day number (days since the epoch) of a time.
pub fn day_index(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// Start of the ISO week (Monday 00:00 UTC) holding `ms`.
pub fn week_start(ms: i64) -> i64 {
    // 1970-01-01 was a Thursday: shift so that weeks start on Monday.
    let day = day_index(ms);
    (day - (day + 3).rem_euclid(7)) * DAY_MS
}

/// A date or partial date as the interval it covers, `[start, end)` in ms: `2024` is the year,
/// `2024-02` the month, `2024-02-26` the day, a full RFC 3339 time an instant (`end = start`).
pub fn parse_span(text: &str) -> Option<(i64, i64)> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match t.len() {
        4 if digits(t) => {
            let y: i32 = t.parse().ok()?;
            Some((ymd(y, 1, 1)?, ymd(y + 1, 1, 1)?))
        }
        7 if digits(&t[..4]) && &t[4..5] == "-" && digits(&t[5..]) => {
            let y: i32 = t[..4].parse().ok()?;
            let m: u8 = t[5..].parse().ok()?;
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Some((ymd(y, m, 1)?, ymd(ny, nm, 1)?))
        }
        10 if t.as_bytes()[4] == b'-' => {
            let s = parse_time(t).ok()?;
            Some((s, s + DAY_MS))
        }
        _ if t.contains('T') => {
            let s = parse_time(t).ok()?;
            Some((s, s))
        }
        _ => None,
    }
}

/// Parses a UTC time written in a `strftime` format (as CSV exports document them, e.g. the
/// DMA's `%d/%m/%Y %H:%M:%S`). Supported: `%Y %y %m %d %e %H %M %S %f %.f %j %b %B %T %F %z %%`;
/// a format without a time of day gives midnight; `%z` offsets are applied.
pub fn parse_strftime(text: &str, format: &str) -> Result<i64, TimeError> {
    use time::format_description::{parse_owned, OwnedFormatItem};
    let err = || TimeError(text.trim().to_owned());
    let mut desc = String::new();
    let mut chars = format.chars();
    let (mut has_time, mut has_offset) = (false, false);
    while let Some(c) = chars.next() {
        if c != '%' {
            match c {
                '[' => desc.push_str("[["),
                _ => desc.push(c),
            }
            continue;
        }
        let spec = match chars.next() {
            Some('.') if chars.next() == Some('f') => "[optional [.[subsecond]]]",
            Some('Y') => "[year]",
            Some('y') => "[year repr:last_two]",
            Some('m') => "[month]",
            Some('d') => "[day]",
            Some('e') => "[day padding:none]",
            Some('H') => "[hour]",
            Some('M') => "[minute]",
            Some('S') => "[second]",
            Some('f') => "[subsecond]",
            Some('j') => "[ordinal]",
            Some('b') => "[month repr:short]",
            Some('B') => "[month repr:long]",
            Some('T') => "[hour]:[minute]:[second]",
            Some('F') => "[year]-[month]-[day]",
            Some('z') => "[offset_hour sign:mandatory][offset_minute]",
            Some('%') => "%",
            _ => {
                return Err(TimeError(format!(
                    "{format} (unsupported strftime directive)"
                )))
            }
        };
        has_time |= spec.contains("[hour]");
        has_offset |= spec.contains("offset");
        desc.push_str(spec);
    }
    let items: OwnedFormatItem = parse_owned::<2>(&desc.replace("[[", "\\[")).map_err(|_| err())?;
    let t = text.trim();
    let ms = |odt: time::OffsetDateTime| i64::try_from(odt.unix_timestamp_nanos() / 1_000_000).ok();
    let parsed = if has_offset {
        time::OffsetDateTime::parse(t, &items).ok().and_then(ms)
    } else if has_time {
        time::PrimitiveDateTime::parse(t, &items)
            .ok()
            .map(|p| p.assume_utc())
            .and_then(ms)
    } else {
        time::Date::parse(t, &items)
            .ok()
            .map(|d| d.midnight().assume_utc())
            .and_then(ms)
    };
    parsed.ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_form() {
        assert_eq!(parse_time("2023-09-05T01:02:03.5Z"), Ok(1_693_875_723_500));
        assert_eq!(
            parse_time("2023-09-05T03:02:03.5+02:00"),
            Ok(1_693_875_723_500)
        );
        assert_eq!(parse_time("2023-09-05"), Ok(1_693_872_000_000));
        assert_eq!(parse_time(" 1693872000 "), Ok(1_693_872_000_000));
        assert_eq!(parse_time("1693872000.25"), Ok(1_693_872_000_250));
        for bad in ["yesterday", "2023-02-30", "", "NaN", "inf", "2023-9-5"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        assert!(parse_time("soon")
            .unwrap_err()
            .to_string()
            .contains("RFC 3339"));
    }

    #[test]
    fn formats_round_trip() {
        let ms = parse_time("2023-09-12T06:30:00Z").unwrap();
        assert_eq!(format_time(ms), "2023-09-12T06:30:00Z");
        assert_eq!(format_time(ms + 250), "2023-09-12T06:30:00.250Z");
        assert_eq!(format_time_ms(ms), "2023-09-12T06:30:00.000Z");
        assert_eq!(format_time_ms(ms + 5), "2023-09-12T06:30:00.005Z");
        assert_eq!(format_day(ms), "2023-09-12");
        assert_eq!(civil(ms), (2023, 9, 12, 6, 30, 0));
        assert_eq!(ymd_hms(2023, 9, 12, 6, 30, 0), Some(ms));
        assert_eq!(format_time(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn partial_dates_cover_their_period() {
        let (s, e) = parse_span("2024-02").unwrap();
        assert_eq!(format_day(s), "2024-02-01");
        assert_eq!(format_day(e), "2024-03-01");
        let (s, e) = parse_span("2023").unwrap();
        assert_eq!(
            (format_day(s), format_day(e)),
            ("2023-01-01".into(), "2024-01-01".into())
        );
        let (s, e) = parse_span("2024-03-18").unwrap();
        assert_eq!(e - s, DAY_MS);
        let (s, e) = parse_span("2024-03-18T06:00:00Z").unwrap();
        assert_eq!(s, e);
        assert!(parse_span("2024-13").is_none());
        assert!(parse_span("soon").is_none());
        assert!(parse_span("1693872000").is_none());
    }

    #[test]
    fn strftime_formats_of_csv_exports() {
        let t = parse_time("2023-09-05T01:02:03Z").unwrap();
        assert_eq!(
            parse_strftime("05/09/2023 01:02:03", "%d/%m/%Y %H:%M:%S"),
            Ok(t)
        );
        assert_eq!(
            parse_strftime("2023-09-05T01:02:03", "%Y-%m-%dT%H:%M:%S"),
            Ok(t)
        );
        assert_eq!(
            parse_strftime("2023-09-05 01:02:03.250", "%Y-%m-%d %H:%M:%S%.f"),
            Ok(t + 250)
        );
        assert_eq!(parse_strftime("2023-09-05 01:02:03", "%F %T%.f"), Ok(t));
        assert_eq!(
            parse_strftime("2023-09-05 03:02:03 +0200", "%F %T %z"),
            Ok(t)
        );
        assert_eq!(parse_strftime("05 Sep 2023", "%d %b %Y"), Ok(t - 3_723_000));
        assert_eq!(parse_strftime("[2023-09-05]", "[%F]"), Ok(t - 3_723_000));
        assert!(parse_strftime("2023-09-05", "%d/%m/%Y").is_err());
        assert!(parse_strftime("31/02/2023 00:00:00", "%d/%m/%Y %H:%M:%S").is_err());
        assert!(parse_strftime("2023", "%Q").is_err());
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2023-10-13 was a Friday; its week starts on Monday 2023-10-09.
        let t = parse_time("2023-10-13T15:00:00Z").unwrap();
        assert_eq!(format_day(week_start(t)), "2023-10-09");
        let monday = parse_time("2023-10-09").unwrap();
        assert_eq!(week_start(monday), monday);
    }
}
