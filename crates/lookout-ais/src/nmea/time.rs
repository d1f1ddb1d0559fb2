//! Calendar arithmetic without a date library (the crate has no dependencies for it).

/// Milliseconds since the Unix epoch for a UTC civil date and time, or `None` when a field is
/// out of range.
pub fn unix_ms_from_civil(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millis: u32,
) -> Option<i64> {
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || millis > 999
    {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds =
        days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(seconds * 1000 + i64::from(millis))
}

/// Receive times outside 1980..2100 are treated as corrupt.
pub(crate) fn plausible_ms(ms: i64) -> bool {
    (315_532_800_000..4_102_444_800_000).contains(&ms)
}

/// A Unix time written as 10 digits of seconds or 13 digits of milliseconds, as in trailing
/// fields and tag blocks.
pub(crate) fn unix_digits_to_ms(digits: &[u8]) -> Option<i64> {
    let whole_part = digits.split(|&b| b == b'.').next()?;
    if whole_part.is_empty() || whole_part.len() > 16 || !whole_part.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let value: i64 = whole_part
        .iter()
        .fold(0, |acc, &b| acc * 10 + i64::from(b - b'0'));
    let ms = if whole_part.len() >= 12 {
        value
    } else {
        value * 1000
    };
    plausible_ms(ms).then_some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_epochs() {
        assert_eq!(unix_ms_from_civil(1970, 1, 1, 0, 0, 0, 0), Some(0));
        // 2010-06-11T11:46:10.929Z, from a DMA $PGHP header.
        assert_eq!(
            unix_ms_from_civil(2010, 6, 11, 11, 46, 10, 929),
            Some(1_276_256_770_929)
        );
        assert_eq!(
            unix_ms_from_civil(2024, 2, 29, 23, 59, 59, 0),
            Some(1_709_251_199_000)
        );
        assert_eq!(unix_ms_from_civil(2024, 13, 1, 0, 0, 0, 0), None);
    }

    #[test]
    fn unix_digits_accept_seconds_and_millis() {
        assert_eq!(unix_digits_to_ms(b"1272412827"), Some(1_272_412_827_000));
        assert_eq!(unix_digits_to_ms(b"1328182324603"), Some(1_328_182_324_603));
        assert_eq!(unix_digits_to_ms(b"1599239526.5"), Some(1_599_239_526_000));
        assert_eq!(
            unix_digits_to_ms(b"12415440354"),
            None,
            "year 2363 is implausible"
        );
        assert_eq!(unix_digits_to_ms(b"1daasd4218"), None);
        assert_eq!(unix_digits_to_ms(b""), None);
    }
}
