//! Whether an event fires a rule: its type, its vessels (watchlist, sanctioned on the event's
//! date, an MMSI list, any), its place (the start position within `within_km` of an area, or
//! the event named after the area), its confidence and, when the event carries one, its
//! `details.reason`, and the details it names. The same test serves the live watch and the comparison with batch events.

use lookout_core::event::Event;
use lookout_project::Project;
use lookout_sanctions::Query;

use crate::config::{Rule, Vessels};

/// Identity reported over AIS by one MMSI: IMO number and name.
pub type AisIdentity = (Option<u32>, Option<String>);

impl Rule {
    /// True when `e` fires the rule. `ais` gives what AIS reported about an MMSI (used with the
    /// watchlist's identifiers to match the sanctions list).
    pub fn matches(&self, e: &Event, project: &Project, ais: impl Fn(u32) -> AisIdentity) -> bool {
        self.events.contains(&e.event_type)
            && e.confidence >= self.min_confidence
            && self.reason_ok(e)
            && self
                .details
                .iter()
                .all(|(k, v)| e.details.get(k) == Some(v))
            && self.place_ok(e, project)
            && std::iter::once(e.mmsi)
                .chain(e.other_mmsi)
                .any(|m| self.vessel_ok(m, e.start_time, project, &ais))
    }

    fn reason_ok(&self, e: &Event) -> bool {
        match e.details.get("reason").and_then(|r| r.as_str()) {
            Some(reason) if !self.reasons.is_empty() => self.reasons.iter().any(|r| r == reason),
            _ => true,
        }
    }

    fn place_ok(&self, e: &Event, project: &Project) -> bool {
        if self.areas.is_empty() {
            return true;
        }
        self.areas.iter().any(|&i| {
            let area = project.areas.get(i);
            let named = [&e.area, &e.other_area]
                .into_iter()
                .any(|a| a.as_deref() == Some(area.name.as_str()));
            let near = match (e.lat, e.lon) {
                (Some(lat), Some(lon)) => area.distance_km(lat, lon) <= self.within_km,
                _ => false,
            };
            named || near
        })
    }

    fn vessel_ok(
        &self,
        mmsi: u32,
        at: i64,
        project: &Project,
        ais: &impl Fn(u32) -> AisIdentity,
    ) -> bool {
        match &self.vessels {
            Vessels::Any => true,
            Vessels::Mmsi(list) => list.contains(&mmsi),
            Vessels::Watchlist => project.vessel_by_mmsi(mmsi).is_some(),
            Vessels::Sanctioned => {
                let Some(list) = &project.sanctions else {
                    return false;
                };
                let watched = project.vessel_by_mmsi(mmsi);
                let (ais_imo, ais_name) = ais(mmsi);
                let mut names: Vec<&str> = Vec::new();
                if let Some(w) = watched {
                    names.push(&w.name);
                    names.extend(w.aliases.iter().map(String::as_str));
                }
                names.extend(ais_name.as_deref());
                let q = Query {
                    imo: watched.and_then(|w| w.imo).or(ais_imo),
                    mmsis: &[mmsi],
                    names,
                    flag: watched.and_then(|w| w.flag.as_deref()),
                };
                matches!(list.status(&q, at).status, "listed" | "listed_undated")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use lookout_core::event::EventType;

    use super::*;
    use crate::config::AlertsConfig;

    #[test]
    fn rules_of_the_bundled_example() {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated");
        let project = Project::load(&dir).unwrap();
        let rules = AlertsConfig::load(&project).unwrap().rules;
        let rule = |name: &str| rules.iter().find(|r| r.name == name).unwrap();
        let none = |_| (None, None);
        // MAIA-1 (watchlist) goes dark 5 km off Rajin; then 60 km away; a stranger at Rajin.
        let gap =
            |mmsi, lat, lon| Event::new(EventType::Gap, mmsi, 0, 3_600_000, (lat, lon), (lat, lon));
        let dark = rule("dark-near-rajin");
        assert!(dark.matches(&gap(273900103, 42.27, 130.33), &project, none));
        assert!(!dark.matches(&gap(273900103, 42.75, 130.8), &project, none));
        assert!(!dark.matches(&gap(412000001, 42.27, 130.33), &project, none));
        // A reason other than went_dark is not this rule's; no reason is.
        let mut left = gap(273900103, 42.27, 130.33);
        left.details.insert("reason".into(), "left_coverage".into());
        assert!(!dark.matches(&left, &project, none));
        left.details.insert("reason".into(), "went_dark".into());
        assert!(dark.matches(&left, &project, none));
        // Sanctioned at Vostochny: MAIA-1 is listed (undated) in the example's list; a vessel
        // named after nothing in it is not.
        let visit = |mmsi| {
            let mut e = Event::new(
                EventType::PortVisit,
                mmsi,
                0,
                1,
                (42.75, 133.08),
                (42.75, 133.08),
            );
            e.area = Some("Vostochny port (Wrangel Bay)".into());
            e
        };
        let sanctioned = rule("sanctioned-at-vostochny");
        assert!(sanctioned.matches(&visit(273900103), &project, none));
        assert!(!sanctioned.matches(&visit(412000001), &project, none));
        // Details the rule names must be there.
        let draught = rule("draught-across-gap");
        let mut d = Event::new(
            EventType::DraughtChange,
            412000001,
            0,
            1,
            (40.0, 135.0),
            (40.0, 135.0),
        );
        assert!(!draught.matches(&d, &project, none));
        d.details.insert("across".into(), "gap".into());
        assert!(draught.matches(&d, &project, none));
    }
}
