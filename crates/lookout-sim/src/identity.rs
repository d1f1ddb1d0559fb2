//! Flags and Maritime Identification Digits (ITU MID table, the flags a scenario is likely to use).

const MIDS: &[(&str, u32)] = &[
    ("RU", 273),
    ("KP", 445),
    ("KR", 440),
    ("JP", 431),
    ("CN", 413),
    ("HK", 477),
    ("TW", 416),
    ("MN", 457),
    ("VN", 574),
    ("SL", 667),
    ("PA", 352),
    ("LR", 636),
    ("MH", 538),
    ("TG", 671),
    ("KM", 616),
    ("CM", 613),
    ("PW", 511),
    ("BZ", 312),
    ("TZ", 674),
    ("GA", 626),
    ("KH", 514),
    ("MT", 215),
    ("CY", 209),
    ("US", 367),
];

/// The MID for an ISO 3166 alpha-2 flag.
pub fn mid_for_flag(flag: &str) -> Option<u32> {
    MIDS.iter()
        .find(|(f, _)| f.eq_ignore_ascii_case(flag))
        .map(|&(_, m)| m)
}

/// The flag for an MMSI's MID (first three digits), if known.
pub fn flag_for_mmsi(mmsi: u32) -> Option<&'static str> {
    let mid = mmsi / 1_000_000;
    MIDS.iter().find(|(_, m)| *m == mid).map(|&(f, _)| f)
}

/// The MMSI keeping the last six digits of `mmsi` under the flag's MID.
pub fn reflag(mmsi: u32, flag: &str) -> Option<u32> {
    mid_for_flag(flag).map(|mid| mid * 1_000_000 + mmsi % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflagging_changes_the_mid_only() {
        assert_eq!(reflag(273_456_789, "SL"), Some(667_456_789));
        assert_eq!(flag_for_mmsi(445_000_001), Some("KP"));
        assert_eq!(mid_for_flag("xx"), None);
    }
}
