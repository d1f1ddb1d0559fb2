//! Flags of convenience and fraudulent registries (`data/registries.toml`: each group with its
//! source and the date from which the source shows it), and the ITU table of Maritime
//! Identification Digits that gives an MMSI's flag ([`lookout_core::mid`]).

use std::collections::HashMap;

use serde::Deserialize;

use lookout_core::time::parse_span;

const REGISTRIES: &str = include_str!("../data/registries.toml");

/// Flags put on a list by one source.
#[derive(Debug, Clone)]
pub struct Group {
    /// Flags, ISO 3166-1 alpha-2, lower case.
    pub flags: Vec<String>,
    /// On the list from (ms).
    pub since: i64,
    /// Off the list from (ms).
    pub until: Option<i64>,
    /// Source.
    pub source: String,
    /// What the source does not settle.
    pub note: String,
}

impl Group {
    fn holds(&self, flag: &str, at: i64) -> bool {
        self.since <= at
            && self.until.is_none_or(|u| at < u)
            && self.flags.iter().any(|f| f == flag)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupIn {
    flags: Vec<String>,
    since: String,
    #[serde(default)]
    until: Option<String>,
    source: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistriesIn {
    flags_of_convenience: Vec<GroupIn>,
    fraudulent_registries: Vec<GroupIn>,
}

/// The bundled lists and MID table.
#[derive(Debug, Clone)]
pub struct Registries {
    /// Flags of convenience (ITF).
    pub flags_of_convenience: Vec<Group>,
    /// Fraudulent registries (flag states, IMO).
    pub fraudulent: Vec<Group>,
    mids: HashMap<u32, String>,
}

/// A partial date read conservatively: a day counts from its start, a month or year from its end
/// (`since`), or from its start (`until`).
fn date(text: &str, since: bool) -> i64 {
    let (s, e) = parse_span(text).unwrap_or_else(|| panic!("registries.toml: bad date {text:?}"));
    if since && text.trim().len() < 10 {
        e
    } else {
        s
    }
}

fn groups(v: Vec<GroupIn>) -> Vec<Group> {
    v.into_iter()
        .map(|g| Group {
            flags: g.flags,
            since: date(&g.since, true),
            until: g.until.as_deref().map(|u| date(u, false)),
            source: g.source,
            note: g.note,
        })
        .collect()
}

impl Registries {
    /// The lists shipped in `data/`.
    pub fn bundled() -> Registries {
        let r: RegistriesIn =
            toml::from_str(REGISTRIES).expect("the bundled registries.toml is valid");
        let mids = lookout_core::mid::allocations()
            .map(|(mid, flag)| (mid.into(), flag.to_owned()))
            .collect();
        Registries {
            flags_of_convenience: groups(r.flags_of_convenience),
            fraudulent: groups(r.fraudulent_registries),
            mids,
        }
    }

    /// The flag of a ship's MMSI (its MID), lower case.
    pub fn flag_of_mmsi(&self, mmsi: u32) -> Option<&str> {
        (200_000_000..800_000_000)
            .contains(&mmsi)
            .then(|| self.mids.get(&(mmsi / 1_000_000)))
            .flatten()
            .map(String::as_str)
    }

    /// The group listing a flag as a flag of convenience at `at`.
    pub fn flag_of_convenience(&self, flag: &str, at: i64) -> Option<&Group> {
        self.flags_of_convenience.iter().find(|g| g.holds(flag, at))
    }

    /// The group listing a flag's registry as fraudulent at `at`.
    pub fn fraudulent_registry(&self, flag: &str, at: i64) -> Option<&Group> {
        self.fraudulent.iter().find(|g| g.holds(flag, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::time::parse_time;

    #[test]
    fn lists_hold_flags_from_their_source_dates() {
        let r = Registries::bundled();
        let day = |d| parse_time(d).unwrap();
        assert_eq!(r.flag_of_mmsi(273_900_101), Some("ru"));
        assert_eq!(r.flag_of_mmsi(667_001_234), Some("sl"));
        assert_eq!(r.flag_of_mmsi(567_000_001), Some("th"));
        assert_eq!(
            r.flag_of_mmsi(112_000_001),
            None,
            "SAR aircraft, not a ship"
        );
        assert_eq!(r.mids.len(), 292);
        assert!(r.flag_of_convenience("pa", day("2013-06-01")).is_some());
        assert!(r.flag_of_convenience("ru", day("2024-01-01")).is_none());
        // Sierra Leone joined in August 2021.
        assert!(r.flag_of_convenience("sl", day("2021-08-05")).is_none());
        assert!(r.flag_of_convenience("sl", day("2021-08-06")).is_some());
        // Gabon: "2024" counts from the end of 2024; Tonga left during 2024.
        assert!(r.flag_of_convenience("ga", day("2024-12-31")).is_none());
        assert!(r.flag_of_convenience("ga", day("2025-01-01")).is_some());
        assert!(r.flag_of_convenience("to", day("2023-06-01")).is_some());
        assert!(r.flag_of_convenience("to", day("2024-06-01")).is_none());
        assert!(r.fraudulent_registry("sz", day("2024-04-21")).is_none());
        assert!(r.fraudulent_registry("sz", day("2024-04-22")).is_some());
        for g in r.flags_of_convenience.iter().chain(&r.fraudulent) {
            assert!(
                g.source.len() > 20 && g.flags.iter().all(|f| f.len() == 2),
                "{g:?}"
            );
        }
    }
}
