//! Identities that are not a ship's: MMSIs whose structure (ITU-R M.585-9, annex 1) is not a
//! ship station's, or that are known placeholders. Their records make no vessel events; each
//! distinct MMSI is counted once under its reason (`Stats::skipped_identities`).
//!
//! A ship station's MMSI is nine digits `MIDXXXXXX` whose MID (first three digits, 2xx-7xx) is
//! allocated to a country (ITU's table of Maritime Identification Digits, transcribed in
//! `crates/lookout-risk/data/mid.csv`). Group calls (`0MIDXXXXX`) and coast stations
//! (`00MIDXXXX`) have leading zeros, so as numbers they have fewer than nine digits; SAR aircraft
//! (`111MIDXXX`), handheld VHF (`8MIDXXXXX`), AIS-SART, MOB and EPIRB-AIS (`970`, `972`, `974`),
//! craft associated with a parent ship (`98MIDXXXX`) and aids to navigation (`99MIDXXXX`) are not
//! ship stations either.

use crate::config::IdentityConfig;

/// ITU MID table (shared with `lookout-risk`, which names flags from it).
const MIDS: &str = include_str!("../../lookout-risk/data/mid.csv");

/// Why an MMSI is not taken as a ship's.
pub(crate) fn invalid_reason(
    mmsi: u32,
    cfg: &IdentityConfig,
    mids: &[bool; 1000],
) -> Option<&'static str> {
    if !cfg.skip_invalid_mmsi {
        return None;
    }
    if cfg.placeholder_mmsis.contains(&mmsi) {
        return Some("placeholder");
    }
    if mmsi < 100_000_000 {
        return Some("fewer_than_9_digits");
    }
    if mmsi > 999_999_999 {
        return Some("more_than_9_digits");
    }
    let first = mmsi / 100_000_000;
    if mmsi.is_multiple_of(111_111_111) {
        return Some("repeated_digit");
    }
    if !(2..=7).contains(&first) {
        return Some("not_a_ship_station");
    }
    if !mids[(mmsi / 1_000_000) as usize] {
        return Some("mid_not_allocated");
    }
    if mmsi.is_multiple_of(1_000_000) {
        return Some("mid_then_zeros");
    }
    None
}

/// The allocated MIDs as a lookup table.
pub(crate) fn allocated_mids() -> Box<[bool; 1000]> {
    let mut t = Box::new([false; 1000]);
    for line in MIDS.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with("mid") {
            continue;
        }
        if let Some(mid) = line
            .split(',')
            .next()
            .and_then(|m| m.trim().parse::<usize>().ok())
        {
            if mid < 1000 {
                t[mid] = true;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ship_stations_pass_and_the_real_captures_placeholders_do_not() {
        let cfg = IdentityConfig::default();
        let mids = allocated_mids();
        let r = |m| invalid_reason(m, &cfg, &mids);
        // Ships of the corridor and the DMA capture.
        for ok in [
            445_000_001,
            273_353_180,
            219_000_123,
            636_091_756,
            412_345_678,
        ] {
            assert_eq!(r(ok), None, "{ok}");
        }
        // The real captures' false spoofing: MID then zeros, the dummy 111111111.
        assert_eq!(r(412_000_000), Some("mid_then_zeros"));
        assert_eq!(r(273_000_000), Some("mid_then_zeros"));
        assert_eq!(r(111_111_111), Some("repeated_digit"));
        assert_eq!(r(999_999_999), Some("repeated_digit"));
        assert_eq!(r(123_456_789), Some("placeholder"));
        assert_eq!(r(1_193_046), Some("fewer_than_9_digits"));
        assert_eq!(r(2), Some("fewer_than_9_digits"));
        // 100-199: not allocated as MIDs (and 1xx is not a ship station).
        assert_eq!(r(150_000_001), Some("not_a_ship_station"));
        assert_eq!(r(970_123_456), Some("not_a_ship_station"));
        assert_eq!(r(992_351_234), Some("not_a_ship_station"));
        // 200 is not an allocated MID.
        assert_eq!(r(200_123_456), Some("mid_not_allocated"));
        let off = IdentityConfig {
            skip_invalid_mmsi: false,
            ..IdentityConfig::default()
        };
        assert_eq!(invalid_reason(2, &off, &mids), None);
        assert!(mids.iter().filter(|m| **m).count() >= 290);
    }
}
