//! Dates as the project files write them: RFC 3339 times, whole days, and the partial dates of
//! published claims (`2024`, `2024-03`). Times are ms since the Unix epoch (UTC), as in the store.

pub use lookout_events::event::{format_time, parse_time};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

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
        10 => {
            let s = parse_time(t)?;
            Some((s, s + DAY_MS))
        }
        _ => {
            let s = parse_time(t)?;
            Some((s, s))
        }
    }
}

/// Midnight UTC of a calendar date, ms.
pub fn ymd(year: i32, month: u8, day: u8) -> Option<i64> {
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

/// The calendar date of a time, `YYYY-MM-DD`.
pub fn format_day(ms: i64) -> String {
    format_time(ms)[..10].to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

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
