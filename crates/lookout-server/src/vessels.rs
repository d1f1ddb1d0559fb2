//! The vessel index: watched vessels (from `corridor.toml`, with every MMSI they used) and every
//! other vessel the AIS store holds, searchable by name, MMSI and IMO.

use lookout_project::WatchVessel;
use lookout_sanctions::Query;
use lookout_store::Vessel as StoreVessel;

/// One vessel in the index.
#[derive(Debug, Clone)]
pub struct VesselEntry {
    /// Stable id: the watchlist name, else the MMSI.
    pub id: String,
    /// Display name.
    pub name: String,
    /// MMSIs.
    pub mmsis: Vec<u32>,
    /// IMO number (the watchlist's, else the most reported one).
    pub imo: Option<u32>,
    /// The watchlist entry, when watched.
    pub watch: Option<WatchVessel>,
    /// What the AIS store holds for each MMSI.
    pub identities: Vec<StoreVessel>,
}

impl VesselEntry {
    /// Number of stored positions.
    pub fn positions(&self) -> u64 {
        self.identities.iter().map(|v| v.positions).sum()
    }

    /// True if `q` (case-insensitive) is part of a name or alias, or an MMSI or IMO starts with it.
    pub fn matches(&self, q: &str) -> bool {
        let q = q.trim().to_uppercase();
        if q.is_empty() {
            return true;
        }
        let digits = q.chars().all(|c| c.is_ascii_digit());
        let names = std::iter::once(&self.name)
            .chain(self.watch.iter().flat_map(|w| &w.aliases))
            .chain(
                self.identities
                    .iter()
                    .flat_map(|v| v.names.iter().map(|n| &n.0)),
            );
        let mut numbers = self.mmsis.iter().copied().chain(self.imo).chain(
            self.identities
                .iter()
                .flat_map(|v| v.imos.iter().map(|i| i.0)),
        );
        names.into_iter().any(|n| n.to_uppercase().contains(&q))
            || (digits && numbers.any(|n| n.to_string().starts_with(&q)))
    }

    /// True if `id` is this vessel's id, one of its MMSIs, its IMO or a name.
    pub fn is(&self, id: &str) -> bool {
        let id = id.trim();
        self.id.eq_ignore_ascii_case(id)
            || id
                .parse::<u32>()
                .is_ok_and(|n| self.mmsis.contains(&n) || self.imo == Some(n))
            || self
                .watch
                .as_ref()
                .is_some_and(|w| w.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
    }

    /// What the sanctions lists are asked about it: IMO, MMSIs, name and aliases, watchlist flag.
    pub fn sanctions_query(&self) -> Query<'_> {
        let mut names = vec![self.name.as_str()];
        if let Some(w) = &self.watch {
            names.extend(w.aliases.iter().map(String::as_str));
        }
        Query {
            imo: self.imo,
            mmsis: &self.mmsis,
            names,
            flag: self.watch.as_ref().and_then(|w| w.flag.as_deref()),
        }
    }

    /// First and last time the store saw any of its MMSIs.
    pub fn seen(&self) -> (Option<i64>, Option<i64>) {
        let first = self.identities.iter().map(|v| v.first_seen).min();
        let last = self.identities.iter().map(|v| v.last_seen).max();
        (first, last)
    }
}

/// Builds the index: watched vessels first (in watchlist order), then the store's other vessels
/// by MMSI.
pub fn index(watchlist: &[WatchVessel], stored: Vec<StoreVessel>) -> Vec<VesselEntry> {
    let mut out: Vec<VesselEntry> = watchlist
        .iter()
        .map(|w| VesselEntry {
            id: w.name.clone(),
            name: w.name.clone(),
            mmsis: w.mmsi.clone(),
            imo: w.imo,
            watch: Some(w.clone()),
            identities: Vec::new(),
        })
        .collect();
    let watched = out.len();
    for v in stored {
        if let Some(e) = out[..watched]
            .iter_mut()
            .find(|e| e.mmsis.contains(&v.mmsi))
        {
            e.identities.push(v);
            continue;
        }
        out.push(VesselEntry {
            id: v.mmsi.to_string(),
            name: v.names.first().map_or_else(String::new, |n| n.0.clone()),
            mmsis: vec![v.mmsi],
            imo: v.imos.first().map(|i| i.0),
            watch: None,
            identities: vec![v],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_by_name_alias_mmsi_and_imo() {
        let w = WatchVessel {
            name: "MAIA-1".into(),
            imo: Some(9161003),
            mmsi: vec![273900103],
            aliases: vec!["MAYA 1".into()],
            ..Default::default()
        };
        let stored = vec![
            StoreVessel {
                mmsi: 273900103,
                names: vec![("MAIA 1".into(), 3)],
                ..Default::default()
            },
            StoreVessel {
                mmsi: 440123456,
                names: vec![("SEA STAR".into(), 9)],
                imos: vec![(9876543, 9)],
                ..Default::default()
            },
        ];
        let idx = index(&[w], stored);
        assert_eq!(idx.len(), 2);
        assert_eq!(idx[0].identities.len(), 1);
        assert_eq!(
            (idx[1].id.as_str(), idx[1].name.as_str()),
            ("440123456", "SEA STAR")
        );
        let hits = |q: &str| -> Vec<&str> {
            idx.iter()
                .filter(|v| v.matches(q))
                .map(|v| v.id.as_str())
                .collect()
        };
        assert_eq!(hits("maya"), vec!["MAIA-1"]);
        assert_eq!(hits("star"), vec!["440123456"]);
        assert_eq!(hits("2739"), vec!["MAIA-1"]);
        assert_eq!(hits("98765"), vec!["440123456"]);
        assert_eq!(hits("9161003"), vec!["MAIA-1"]);
        assert_eq!(hits("").len(), 2);
        assert!(hits("zzz").is_empty());
        assert!(idx[0].is("maia-1") && idx[0].is("273900103") && idx[0].is("9161003"));
        assert!(!idx[1].is("MAIA-1"));
    }
}
