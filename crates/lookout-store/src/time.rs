//! Times as the command line and outputs write them (RFC 3339 UTC) and as the store keeps them
//! (milliseconds since the Unix epoch).

use chrono::{DateTime, NaiveDate, SecondsFormat};

/// Parses RFC 3339 (`2023-09-05T01:02:03Z`), a date (`2023-09-05`, midnight UTC) or Unix
/// seconds into ms since the epoch.
pub fn parse_time(s: &str) -> Result<i64, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp_millis());
    }
    if let Ok(secs) = s.parse::<f64>() {
        return Ok((secs * 1000.0).round() as i64);
    }
    Err(format!(
        "{s:?} is not an RFC 3339 time, a YYYY-MM-DD date or Unix seconds"
    ))
}

/// Formats ms since the epoch as RFC 3339 UTC with milliseconds.
pub fn format_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_else(|| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_time("2023-09-05T01:02:03.5Z"), Ok(1_693_875_723_500));
        assert_eq!(parse_time("2023-09-05"), Ok(1_693_872_000_000));
        assert_eq!(parse_time("1693872000"), Ok(1_693_872_000_000));
        assert!(parse_time("yesterday").is_err());
        assert_eq!(format_ms(1_693_875_723_500), "2023-09-05T01:02:03.500Z");
    }
}
