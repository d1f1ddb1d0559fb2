//! The fleet's risk scores over a snapshot (`lookout-risk`, docs/sanctions.md): the fleet from
//! the watchlist, the AIS store's identities and the events; the weights shipped in `risk.toml`;
//! the watched areas from the corridors. The last date scored is kept until the snapshot
//! changes (a write, or new events in `lookout watch`).

use std::sync::{Arc, Mutex};

use lookout_risk::{Assessment, Config, Registries, Seen, Sources};

use crate::data::Snapshot;
use crate::vessels::VesselEntry;

/// The score's fixed inputs and the last fleet scored.
pub struct RiskCache {
    seen: Vec<Seen>,
    last_record: Option<i64>,
    cfg: Config,
    registries: Registries,
    scored: Mutex<Option<Scored>>,
}

struct Scored {
    revision: u64,
    date: i64,
    fleet: Arc<Vec<Assessment>>,
}

impl RiskCache {
    /// The score's inputs from the vessel index (what each MMSI of the store reported).
    pub fn new(vessels: &[VesselEntry]) -> RiskCache {
        let stored = vessels.iter().flat_map(|v| &v.identities);
        RiskCache {
            seen: stored
                .clone()
                .map(|v| Seen {
                    mmsi: v.mmsi,
                    names: v.names.iter().map(|n| n.0.clone()).collect(),
                    imos: v.imos.iter().map(|i| i.0).collect(),
                })
                .collect(),
            last_record: stored.map(|v| v.last_seen).max(),
            cfg: Config::default(),
            registries: Registries::bundled(),
            scored: Mutex::new(None),
        }
    }

    /// The flag registries and the ITU MID table.
    pub fn registries(&self) -> &Registries {
        &self.registries
    }

    /// The date scored when none is asked, as `lookout risk` takes it: the end of the latest
    /// event, else the store's last record, else the end of the analysis window.
    pub fn default_date(&self, s: &Snapshot) -> i64 {
        s.events
            .iter()
            .map(|e| e.end_time)
            .max()
            .or(self.last_record)
            .unwrap_or(s.ledger.window.1)
    }

    /// Every vessel scored on `at` (ms), highest score first. CPU work: call it off the async
    /// threads.
    pub fn assess(&self, s: &Snapshot, at: i64) -> Arc<Vec<Assessment>> {
        let mut slot = self.scored.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(x) = slot
            .as_ref()
            .filter(|x| x.revision == s.revision && x.date == at)
        {
            return x.fleet.clone();
        }
        let p = &s.project;
        let (dark, calls) = self.cfg.watched_areas(&p.corridors);
        let fleet = lookout_risk::fleet(&p.watchlist, &self.seen, &s.events);
        let sources = Sources::new(
            p.sanctions.as_deref(),
            &s.events,
            &p.observations,
            dark,
            calls,
            &self.registries,
            &self.cfg,
        );
        let scored = Arc::new(sources.assess(&fleet, at));
        *slot = Some(Scored {
            revision: s.revision,
            date: at,
            fleet: scored.clone(),
        });
        scored
    }
}
