//! The report's first screen: the real-only figures beside the all-evidence ones (from the
//! ledger computed again on `real` evidence alone, `lookout_ledger::provenance::real_only`),
//! and the headline paragraph written from the numbers: what moved and its interval, how much
//! of the window was observed, what the claims compare to, and which inputs are real,
//! secondary or simulated.

use std::fmt::Write as _;

use lookout_core::provenance::{Provenance, ProvenanceCounts};
use lookout_core::time::DAY_MS;
use lookout_ledger::ledger::{Bounds, Comparison, Week};
use lookout_ledger::provenance::{event_provenance, EvidenceIndex, EvidenceProvenance};
use lookout_ledger::rail::YardEstimate;
use lookout_ledger::Voyages;

use crate::{esc, r0, Report};

/// The real-only counterpart of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RealOnly<T> {
    /// The figure from `real` evidence alone.
    Value(T),
    /// Real evidence alone gives no figure (no voyage or no snapshot on it).
    Nothing,
    /// Not computed (some evidence is not real and the real-only ledger was not run).
    Unknown,
}

impl Report<'_> {
    /// The provenance index of every observation row and event.
    pub fn index(&self) -> EvidenceIndex {
        EvidenceIndex::new(self.project, self.events, self.ais)
    }

    /// True when every piece of evidence (observation rows, AIS, imported events) is `real`:
    /// the all-evidence figures are then the real-only ones.
    pub fn all_real(&self) -> bool {
        let real = |p: Option<Provenance>| p.is_none_or(|p| p == Provenance::Real);
        self.project
            .observations
            .iter()
            .all(|o| o.provenance == Provenance::Real)
            && real(self.ais)
            && self
                .events
                .iter()
                .all(|e| real(event_provenance(e, self.ais)))
    }

    /// The voyages and ledger from `real` evidence alone, when they differ from the full ones
    /// and were computed; the full ones when all evidence is real.
    fn real_only(&self) -> Option<(&Voyages, &lookout_ledger::Ledger)> {
        match &self.ledger.real_only {
            Some(r) => Some((&r.voyages, &r.ledger)),
            None if self.all_real() => Some((self.voyages, self.ledger)),
            None => None,
        }
    }

    /// A corridor's total from `real` evidence alone.
    pub fn real_only_total(&self, corridor: usize) -> RealOnly<Bounds> {
        match self.real_only() {
            Some((v, l)) if v.voyages.iter().any(|v| v.corridor == corridor) => {
                RealOnly::Value(l.totals[corridor])
            }
            Some(_) => RealOnly::Nothing,
            None => RealOnly::Unknown,
        }
    }

    /// Claim comparison `i` (of `ledger.comparisons`) from `real` evidence alone.
    pub fn real_only_comparison(&self, i: usize) -> Option<&Comparison> {
        self.real_only().map(|(_, l)| &l.comparisons[i])
    }

    /// The week of the real-only ledger matching `week` (same corridor and start).
    pub fn real_only_week(&self, week: &Week) -> Option<&Week> {
        self.real_only().and_then(|(_, l)| {
            l.weeks
                .iter()
                .find(|w| w.corridor == week.corridor && w.start == week.start)
        })
    }

    /// A rail corridor's yard estimate from `real` snapshots alone.
    pub fn real_only_yard(&self, corridor: usize) -> RealOnly<&YardEstimate> {
        match self.real_only() {
            Some((_, l)) => l
                .yards
                .iter()
                .find(|y| y.corridor == corridor)
                .map_or(RealOnly::Nothing, RealOnly::Value),
            None => RealOnly::Unknown,
        }
    }

    /// What each claim comparison rests on (in the order of `ledger.comparisons`).
    pub fn comparison_provenance(&self, index: &EvidenceIndex) -> Vec<EvidenceProvenance> {
        self.ledger
            .comparisons
            .iter()
            .map(|c| index.comparison(c, self.voyages, self.ledger))
            .collect()
    }

    /// The headline paragraph (HTML, `id="headline"`).
    pub fn headline(&self, index: &EvidenceIndex) -> String {
        let (p, l) = (self.project, self.ledger);
        let days = ((l.window.1 - l.window.0) as f64 / DAY_MS as f64).round();
        let mut h = String::from("<div id=\"headline\"><h2>In short</h2>");
        for (ci, c) in p.corridors.iter().enumerate() {
            let has_voyages = self.voyages.voyages.iter().any(|v| v.corridor == ci);
            let _ = write!(h, "<p><b>{}</b>: ", esc(&c.name));
            if has_voyages {
                let b = l.totals[ci];
                let ev = self.corridor_evidence_with(index, ci);
                let _ = write!(
                    h,
                    "<b>{} {}</b> (90% interval {}-{}) from all evidence ({});",
                    r0(b.central),
                    esc(&c.unit),
                    r0(b.low),
                    r0(b.high),
                    counts_text(ev)
                );
                let _ = match self.real_only_total(ci) {
                    RealOnly::Value(r) => write!(
                        h,
                        " from real evidence alone: <b>{} {}</b> (90% interval {}-{}).",
                        r0(r.central),
                        esc(&c.unit),
                        r0(r.low),
                        r0(r.high)
                    ),
                    RealOnly::Nothing => {
                        write!(
                            h,
                            " real evidence alone shows no voyage: no real-only total."
                        )
                    }
                    RealOnly::Unknown => write!(h, " the real-only total was not computed."),
                };
            } else if let Some(y) = l.yards.iter().find(|y| y.corridor == ci) {
                let _ = write!(
                    h,
                    "no train followed; {} yard snapshots give <b>{} railcars</b> through the \
                     yards (90% interval {}-{}), about {} containers ({}-{}) or {} tonnes \
                     ({}-{}) by the stated per-car ranges;",
                    y.snapshots.len(),
                    r0(y.railcars.central),
                    r0(y.railcars.low),
                    r0(y.railcars.high),
                    r0(y.containers.central),
                    r0(y.containers.low),
                    r0(y.containers.high),
                    r0(y.tonnes.central),
                    r0(y.tonnes.low),
                    r0(y.tonnes.high)
                );
                let _ = match self.real_only_yard(ci) {
                    RealOnly::Value(r) => write!(
                        h,
                        " from real snapshots alone ({}): <b>{} railcars</b> ({}-{}).",
                        r.snapshots.len(),
                        r0(r.railcars.central),
                        r0(r.railcars.low),
                        r0(r.railcars.high)
                    ),
                    RealOnly::Nothing => write!(h, " no real snapshot alone: no real-only total."),
                    RealOnly::Unknown => write!(h, " the real-only total was not computed."),
                };
            } else {
                h.push_str("no voyage seen or inferred and no yard snapshot: no total.");
            }
            let weeks = l.weeks.iter().filter(|w| w.corridor == ci);
            let seen = |f: fn(&Week) -> usize| weeks.clone().map(f).sum::<usize>();
            let _ = write!(
                h,
                " Its origins were seen on {} and its destinations on {} of the window's {days:.0} \
                 days.</p>",
                seen(|w| w.origin_seen_days),
                seen(|w| w.destination_seen_days)
            );
        }
        let provenance = self.comparison_provenance(index);
        let compared: Vec<(&Comparison, EvidenceProvenance)> = l
            .comparisons
            .iter()
            .zip(provenance)
            .filter(|(c, _)| c.consistent.is_some())
            .collect();
        let ids = |ok: bool| {
            compared
                .iter()
                .filter(|(c, _)| c.consistent == Some(ok))
                .map(|(c, _)| {
                    format!(
                        "<a href=\"#{}\">{}</a> ({}, {})",
                        crate::anchor(&c.claim.id),
                        esc(&c.claim.id),
                        esc(&c.claim.row.organization),
                        esc(&c.claim.row.date)
                    )
                })
                .collect::<Vec<_>>()
        };
        let (agree, disagree) = (ids(true), ids(false));
        let resting_on = |p: EvidenceProvenance| compared.iter().filter(|(_, e)| *e == p).count();
        let _ = write!(
            h,
            "<p><b>Claims:</b> of {} claims, {} are compared with the evidence: consistent with \
             {} [{}], not consistent with {} [{}]. Of these comparisons {} rest on real evidence \
             only, {} on real and secondary evidence, {} on simulated evidence (in part or \
             whole). The others are not estimated by the ledger, name a route it does not watch, \
             or lie outside the data.</p>",
            l.comparisons.len(),
            compared.len(),
            agree.len(),
            agree.join(", "),
            disagree.len(),
            disagree.join(", "),
            resting_on(EvidenceProvenance::Real),
            resting_on(EvidenceProvenance::Secondary),
            resting_on(EvidenceProvenance::Mixed) + resting_on(EvidenceProvenance::Simulated)
        );
        let obs: ProvenanceCounts = p.observations.iter().map(|o| o.provenance).collect();
        let ais = match self.ais {
            Some(Provenance::Real) => "real AIS captures",
            Some(Provenance::Secondary) => "secondary AIS",
            Some(Provenance::Simulated) => "<b>simulated AIS</b>",
            None => "no AIS",
        };
        let _ = write!(
            h,
            "<p><b>Inputs:</b> {} observation rows: {} real (a primary source), {} secondary \
             (re-told, mirrored, unverified or approximately dated) and {} simulated; {ais}. \
             {}</p></div>",
            obs.total(),
            obs.real,
            obs.secondary,
            obs.simulated,
            if obs.simulated > 0 || self.ais == Some(Provenance::Simulated) {
                "Numbers resting on simulated inputs are a demonstration, not an estimate."
            } else {
                "Nothing is simulated: the intervals are what the public evidence supports."
            }
        );
        h
    }
}

/// "N real / N secondary / N simulated pieces of evidence".
pub(crate) fn counts_text(c: ProvenanceCounts) -> String {
    format!(
        "{} real / {} secondary / {} simulated pieces of evidence",
        c.real, c.secondary, c.simulated
    )
}
