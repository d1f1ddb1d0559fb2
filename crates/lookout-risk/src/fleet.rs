//! The vessels to score: the project's watchlist and every MMSI the AIS store or the events saw,
//! joined into one vessel per ship (a watchlist entry's MMSIs, MMSIs reporting the same valid
//! IMO number, and the MMSI changes Lookout detected), never across two IMO numbers.

use std::collections::HashMap;

use serde::Serialize;

use lookout_events::{Event, EventType};
use lookout_project::WatchVessel;
use lookout_sanctions::imo_valid;

/// One ship and its identifiers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Vessel {
    /// Watchlist name, else the most reported AIS name, else the MMSI (scores show the lists'
    /// name instead of a bare MMSI).
    pub name: String,
    /// IMO number.
    pub imo: Option<u32>,
    /// MMSIs, in the order they were joined.
    pub mmsis: Vec<u32>,
    /// Flag the watchlist gives (ISO alpha-2).
    pub flag: Option<String>,
    /// Other names (watchlist aliases, AIS names of joined MMSIs).
    pub aliases: Vec<String>,
    /// On the project's watchlist.
    pub watched: bool,
}

/// What the AIS store says about one MMSI.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// MMSI.
    pub mmsi: u32,
    /// Names reported, most reported first.
    pub names: Vec<String>,
    /// IMO numbers reported, most reported first.
    pub imos: Vec<u32>,
}

struct Builder {
    vessels: Vec<Option<Vessel>>,
    by_mmsi: HashMap<u32, usize>,
}

impl Builder {
    fn add(&mut self, v: Vessel) {
        let i = self.vessels.len();
        for &m in &v.mmsis {
            self.by_mmsi.entry(m).or_insert(i);
        }
        self.vessels.push(Some(v));
    }

    /// Joins vessel `b` into `a` unless they carry different IMO numbers.
    fn join(&mut self, a: usize, b: usize) {
        if a == b {
            return;
        }
        let (Some(va), Some(vb)) = (&self.vessels[a], &self.vessels[b]) else {
            return;
        };
        if matches!((va.imo, vb.imo), (Some(x), Some(y)) if x != y) {
            return;
        }
        let (keep, gone) = if !va.watched && vb.watched {
            (b, a)
        } else {
            (a, b)
        };
        let gone_v = self.vessels[gone].take().expect("present");
        let v = self.vessels[keep].as_mut().expect("present");
        v.imo = v.imo.or(gone_v.imo);
        for m in gone_v.mmsis {
            if !v.mmsis.contains(&m) {
                v.mmsis.push(m);
            }
            self.by_mmsi.insert(m, keep);
        }
        for n in std::iter::once(gone_v.name).chain(gone_v.aliases) {
            if n != v.name && !v.aliases.contains(&n) && n.parse::<u32>().is_err() {
                v.aliases.push(n);
            }
        }
    }
}

/// The fleet: watchlist vessels first (in their order), then the others by MMSI.
pub fn fleet(watchlist: &[WatchVessel], seen: &[Seen], events: &[Event]) -> Vec<Vessel> {
    let mut b = Builder {
        vessels: Vec::new(),
        by_mmsi: HashMap::new(),
    };
    for w in watchlist {
        b.add(Vessel {
            name: w.name.clone(),
            imo: w.imo.filter(|&i| imo_valid(i)),
            mmsis: w.mmsi.clone(),
            flag: w.flag.clone(),
            aliases: w.aliases.clone(),
            watched: true,
        });
    }
    let mut seen: Vec<&Seen> = seen.iter().collect();
    seen.sort_by_key(|s| s.mmsi);
    for s in seen {
        let imo = s.imos.iter().copied().find(|&i| imo_valid(i));
        match b.by_mmsi.get(&s.mmsi) {
            Some(&i) => {
                let v = b.vessels[i].as_mut().expect("present");
                v.imo = v.imo.or(imo);
                for n in &s.names {
                    if *n != v.name && !v.aliases.contains(n) {
                        v.aliases.push(n.clone());
                    }
                }
            }
            None => b.add(Vessel {
                name: s
                    .names
                    .first()
                    .cloned()
                    .unwrap_or_else(|| s.mmsi.to_string()),
                imo,
                mmsis: vec![s.mmsi],
                aliases: s.names.iter().skip(1).cloned().collect(),
                ..Default::default()
            }),
        }
    }
    let mut mmsis: Vec<u32> = events
        .iter()
        .flat_map(|e| std::iter::once(e.mmsi).chain(e.other_mmsi))
        .collect();
    mmsis.sort_unstable();
    mmsis.dedup();
    for m in mmsis {
        if !b.by_mmsi.contains_key(&m) {
            b.add(Vessel {
                name: m.to_string(),
                mmsis: vec![m],
                ..Default::default()
            });
        }
    }
    // One ship: the same valid IMO on several vessels.
    let mut by_imo: HashMap<u32, usize> = HashMap::new();
    for i in 0..b.vessels.len() {
        if let Some(imo) = b.vessels[i].as_ref().and_then(|v| v.imo) {
            match by_imo.get(&imo) {
                Some(&first) => b.join(first, i),
                None => {
                    by_imo.insert(imo, i);
                }
            }
        }
    }
    // One ship: an MMSI change Lookout detected.
    for e in events
        .iter()
        .filter(|e| e.event_type == EventType::IdentityChange)
    {
        if let Some(new) = e.other_mmsi {
            let (a, c) = (b.by_mmsi[&e.mmsi], b.by_mmsi[&new]);
            b.join(a, c);
        }
    }
    b.vessels.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(mmsi: u32, name: &str, imos: &[u32]) -> Seen {
        Seen {
            mmsi,
            names: vec![name.into()],
            imos: imos.to_vec(),
        }
    }

    fn change(old: u32, new: u32) -> Event {
        let mut e = Event::new(
            EventType::IdentityChange,
            old,
            0,
            1,
            (f64::NAN, f64::NAN),
            (f64::NAN, f64::NAN),
        );
        e.other_mmsi = Some(new);
        e
    }

    #[test]
    fn joins_one_ship_and_never_two_imos() {
        let watch = [WatchVessel {
            name: "ANGARA".into(),
            imo: Some(9_179_842),
            mmsi: vec![273_900_101],
            flag: Some("RU".into()),
            ..Default::default()
        }];
        let seen = [
            seen(273_900_101, "ANGARA", &[9_179_842]),
            // The same IMO on another MMSI: the same ship.
            seen(667_900_101, "ANGARA 1", &[9_179_842]),
            // The car carrier of the same name: another IMO, another ship.
            seen(667_000_002, "ANGARA", &[9_124_043]),
            seen(412_000_003, "FISHER", &[]),
            seen(412_000_004, "FISHER 2", &[9_161_003]),
        ];
        let events = [
            change(412_000_003, 413_000_003),
            // Would join two IMOs: refused.
            change(667_000_002, 273_900_101),
        ];
        let f = fleet(&watch, &seen, &events);
        let names: Vec<(&str, Vec<u32>)> = f
            .iter()
            .map(|v| (v.name.as_str(), v.mmsis.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("ANGARA", vec![273_900_101, 667_900_101]),
                ("FISHER", vec![412_000_003, 413_000_003]),
                ("FISHER 2", vec![412_000_004]),
                ("ANGARA", vec![667_000_002]),
            ]
        );
        assert!(f[0].watched && f[0].aliases.contains(&"ANGARA 1".to_owned()));
        assert_eq!(f[3].imo, Some(9_124_043));
    }
}
