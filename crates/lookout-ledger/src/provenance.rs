//! What the ledger's numbers rest on. Every piece of evidence has a provenance (an observation
//! row its `provenance` column; an event its source's `provenance` detail, as GFW imports carry,
//! else the AIS's); a voyage has the weakest of the evidence behind it (the sightings of its
//! stays and the counts its cargo comes from); a claim comparison rests on the voyages it sums.
//! When any evidence is not `real` (secondary or simulated), the ledger is computed a second
//! time from `real` evidence alone (the other observation rows and events left out), so that
//! the outputs show the real-only totals beside the all-evidence ones.

use std::collections::{BTreeSet, HashMap};

use lookout_core::event::Event;
use lookout_core::provenance::{Provenance, ProvenanceCounts};
use lookout_project::Project;

use crate::ledger::{Comparison, Entry, Ledger};
use crate::voyages::{Voyage, Voyages};

/// The provenance of an event: its source's (`details.provenance`, e.g. a GFW import), else
/// the AIS's (`None`: no AIS).
pub fn event_provenance(e: &Event, ais: Option<Provenance>) -> Option<Provenance> {
    e.details
        .get("provenance")
        .and_then(|v| v.as_str())
        .and_then(Provenance::parse)
        .or(ais)
}

/// What a claim comparison (or any set of evidence) rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceProvenance {
    /// No evidence: no estimate, or no voyage in the claim's route and period.
    None,
    /// Real evidence only.
    Real,
    /// Real-world evidence, some of it secondary.
    Secondary,
    /// Real-world and simulated evidence together.
    Mixed,
    /// Simulated evidence only.
    Simulated,
}

impl EvidenceProvenance {
    /// From the counts of the evidence by provenance.
    pub fn of(counts: ProvenanceCounts) -> Self {
        let real_world = counts.real + counts.secondary;
        match (real_world, counts.simulated) {
            (0, 0) => Self::None,
            (0, _) => Self::Simulated,
            (_, s) if s > 0 => Self::Mixed,
            _ if counts.secondary > 0 => Self::Secondary,
            _ => Self::Real,
        }
    }

    /// The name outputs use: `none`, `real`, `secondary`, `mixed`, `simulated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Real => "real",
            Self::Secondary => "secondary",
            Self::Mixed => "mixed",
            Self::Simulated => "simulated",
        }
    }
}

/// The provenance of every evidence id of a project and its events.
#[derive(Debug, Clone)]
pub struct EvidenceIndex {
    ids: HashMap<String, Provenance>,
    ais: Option<Provenance>,
}

impl EvidenceIndex {
    /// Indexes the observation rows and the events (`ais`: the provenance of the AIS behind
    /// events that do not name their own).
    pub fn new(project: &Project, events: &[Event], ais: Option<Provenance>) -> Self {
        let mut ids: HashMap<String, Provenance> = project
            .observations
            .iter()
            .map(|o| (o.id.clone(), o.provenance))
            .collect();
        for e in events {
            if let Some(p) = event_provenance(e, ais) {
                ids.insert(e.event_id(), p);
            }
        }
        Self { ids, ais }
    }

    /// The provenance of one evidence id: an observation row's own; an event's (one not
    /// indexed: the AIS's).
    pub fn of(&self, id: &str) -> Option<Provenance> {
        self.ids.get(id).copied().or(if id.starts_with("obs:") {
            None
        } else {
            self.ais
        })
    }

    /// Counts of the distinct ids by provenance.
    pub fn counts<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> ProvenanceCounts {
        let distinct: BTreeSet<&str> = ids.into_iter().collect();
        distinct.into_iter().filter_map(|id| self.of(id)).collect()
    }

    /// A voyage's provenance: the weakest of its evidence and of the counts its cargo comes
    /// from (`None` when it has neither).
    pub fn voyage(&self, v: &Voyage, e: &Entry) -> Option<Provenance> {
        Provenance::weakest(
            v.evidence
                .iter()
                .chain(e.basis.evidence())
                .filter_map(|id| self.of(id)),
        )
    }

    /// What a claim comparison rests on: the evidence of the voyages it sums (and, unless it
    /// counts legs, the counts their cargo comes from).
    pub fn comparison(
        &self,
        c: &Comparison,
        voyages: &Voyages,
        ledger: &Ledger,
    ) -> EvidenceProvenance {
        let ids = c.voyages.iter().flat_map(|&i| {
            let cargo = if c.metric == "legs" {
                &[][..]
            } else {
                ledger.entries[i].basis.evidence()
            };
            voyages.voyages[i]
                .evidence
                .iter()
                .chain(cargo)
                .map(String::as_str)
        });
        EvidenceProvenance::of(self.counts(ids))
    }
}

/// The ledger from `real` evidence alone.
#[derive(Debug)]
pub struct RealOnly {
    /// Voyages from the real evidence.
    pub voyages: Voyages,
    /// Their ledger (over the same window as the full one).
    pub ledger: Ledger,
    /// Observation rows left out (secondary or simulated).
    pub observations_left_out: usize,
    /// Events left out (of secondary or simulated sources).
    pub events_left_out: usize,
}

/// Computes the ledger again from `real` evidence alone (observation rows and events of
/// secondary or simulated provenance left out; events without any provenance kept), over
/// `window` (the full ledger's). `None` when every piece of evidence is real: the ledger is then
/// its own real-only ledger.
pub fn real_only(
    project: &Project,
    events: &[Event],
    ais: Option<Provenance>,
    window: (i64, i64),
) -> Option<RealOnly> {
    let real = |p: Option<Provenance>| p.is_none_or(|p| p == Provenance::Real);
    let kept: Vec<Event> = events
        .iter()
        .filter(|e| real(event_provenance(e, ais)))
        .cloned()
        .collect();
    let mut p = project.clone();
    p.observations.retain(|o| o.provenance == Provenance::Real);
    let observations_left_out = project.observations.len() - p.observations.len();
    let events_left_out = events.len() - kept.len();
    if observations_left_out == 0 && events_left_out == 0 {
        return None;
    }
    p.settings.period_start = Some(window.0);
    p.settings.period_end = Some(window.1);
    let voyages = crate::build(&p, &kept);
    let ledger = crate::compute(&p, &voyages);
    Some(RealOnly {
        voyages,
        ledger,
        observations_left_out,
        events_left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_comparison_rests_on() {
        let c = |real, secondary, simulated| ProvenanceCounts {
            real,
            secondary,
            simulated,
        };
        let of = |x| EvidenceProvenance::of(x).as_str();
        assert_eq!(of(c(0, 0, 0)), "none");
        assert_eq!(of(c(3, 0, 0)), "real");
        assert_eq!(of(c(3, 1, 0)), "secondary");
        assert_eq!(of(c(0, 1, 2)), "mixed");
        assert_eq!(of(c(0, 0, 2)), "simulated");
    }
}
