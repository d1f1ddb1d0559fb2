//! Ground truth that depends on what was received: each received silence of `GAP_SECONDS` or
//! more with the reason it began (`went_dark`, `left_coverage`, `receiver_outage`,
//! `interference`), ships transmitting one MMSI at once, zombie identities, and the vessels each
//! GNSS interference zone affected.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;

use crate::effects::{silence_reason, InRange, Zone};
use crate::geo::{distance_km, LatLon, KM_PER_NM};
use crate::plan::Plan;
use crate::scenario::Seconds;
use crate::truth::{ms, seconds, Event, EventType};
use lookout_core::truth::TruthInterference;

/// How long after the last reception the missed report is judged, seconds: one reporting
/// interval or two of a slow ship.
const JUDGED_AFTER: Seconds = 300.0;

/// A received silence of one vessel: from its last received position to its next one (`None`:
/// still silent at the end).
#[derive(Debug, Clone, Copy)]
pub struct Silence {
    /// Plan index.
    pub vessel: usize,
    /// MMSI at the start.
    pub mmsi: u32,
    /// Last reception before.
    pub t0: Seconds,
    /// True position then.
    pub p0: LatLon,
    /// Next reception, with the true position then.
    pub end: Option<(Seconds, LatLon)>,
}

/// What was received from one vessel.
#[derive(Debug, Clone, Copy, Default)]
pub struct Received {
    /// First and last received valid position, with the MMSI.
    pub positions: Option<(Seconds, Seconds, u32)>,
    /// First and last received static report, and how many.
    pub statics: Option<(Seconds, Seconds, u64)>,
}

impl Received {
    /// Notes a received report.
    pub fn note(&mut self, t: Seconds, mmsi: u32, is_static: bool) {
        if is_static {
            let s = self.statics.get_or_insert((t, t, 0));
            s.1 = t;
            s.2 += 1;
        } else {
            let p = self.positions.get_or_insert((t, t, mmsi));
            p.1 = t;
        }
    }
}

/// Reports an interference zone changed for one vessel: first, last, count.
pub type Affected = BTreeMap<(usize, usize), (Seconds, Seconds, u64)>;

/// Gives the scripted transponder-off gaps their reason, and adds the other received silences
/// as gaps with theirs. `in_range` says which stations reached a point at a time.
pub fn gaps(
    plans: &[Plan],
    zones: &[Zone],
    silences: &[Silence],
    events: &mut Vec<Event>,
    end: Seconds,
    in_range: impl Fn(LatLon, Seconds) -> InRange,
) {
    let index: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    // What kept it unheard just after the last reception; when that was chance (a few
    // reports lost just before a station failed, say), what kept it unheard most of the time.
    let reason = |s: &Silence| {
        let plan = &plans[s.vessel];
        let at = |t: Seconds| {
            let p = plan.true_state(t, 0).0.pos;
            silence_reason(plan, zones, t, p, in_range(p, t))
        };
        let first = at(s.t0 + JUDGED_AFTER);
        if first != "unknown" {
            return first;
        }
        let t1 = s.end.map_or(end, |(t, _)| t);
        let mut votes: BTreeMap<&str, u32> = BTreeMap::new();
        let mut t = s.t0 + JUDGED_AFTER;
        while t < t1 - JUDGED_AFTER {
            *votes.entry(at(t)).or_insert(0) += 1;
            t += 600.0;
        }
        votes.remove("unknown");
        votes
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map_or("unknown", |(r, _)| r)
    };
    // The transponder-off gaps the scripts made: the silence that holds their start decides.
    for e in events.iter_mut().filter(|e| e.event_type == EventType::Gap) {
        let Some(&v) = index.get(e.vessel.as_str()) else {
            continue;
        };
        let off = seconds(e.start_time);
        let r = silences
            .iter()
            .find(|s| s.vessel == v && s.t0 <= off && s.end.is_none_or(|(t1, _)| t1 >= off))
            .map_or("went_dark", reason);
        if let Some(d) = e.details.as_object_mut() {
            d.insert("reason".into(), r.into());
        }
    }
    for s in silences {
        let plan = &plans[s.vessel];
        let t1 = s.end.map_or(end, |(t, _)| t);
        if plan.ais_off.iter().any(|&(a, b)| a < t1 && b > s.t0) {
            continue; // a transponder-off gap, above
        }
        let p1 = s
            .end
            .map_or_else(|| plan.true_state(end, 0).0.pos, |(_, p)| p);
        let (h, km) = ((t1 - s.t0) / 3600.0, distance_km(s.p0, p1));
        let mut e = Event::new(
            EventType::Gap,
            &plan.name,
            s.mmsi,
            ms(s.t0),
            ms(t1),
            s.p0,
            p1,
        )
        .details(json!({
            "cause": "reception", "reason": reason(s), "duration_h": h, "distance_km": km,
            "implied_speed_knots": km / KM_PER_NM / h.max(1e-9), "open_end": s.end.is_none(),
        }));
        if s.end.is_none() {
            (e.end_lat, e.end_lon) = (None, None);
        }
        events.push(e);
    }
}

/// One `identity_change` of kind `shared_mmsi` per MMSI that two vessels transmitted at once
/// (while both were received).
pub fn shared_mmsis(plans: &[Plan], received: &[Received]) -> Vec<Event> {
    let mut by_mmsi: BTreeMap<u32, Vec<(usize, Seconds, Seconds)>> = BTreeMap::new();
    for (i, r) in received.iter().enumerate() {
        if let Some((a, b, m)) = r.positions {
            by_mmsi.entry(m).or_default().push((i, a, b));
        }
    }
    let mut out = Vec::new();
    for (mmsi, users) in by_mmsi.into_iter().filter(|(_, u)| u.len() > 1) {
        let start = users.iter().map(|u| u.1).fold(f64::MIN, f64::max);
        let end = users.iter().map(|u| u.2).fold(f64::MAX, f64::min);
        if end <= start {
            continue;
        }
        let (a, b) = (&plans[users[0].0], &plans[users[1].0]);
        let (pa, pb) = (a.true_state(start, 0).0.pos, b.true_state(start, 0).0.pos);
        let names: Vec<&str> = users.iter().map(|u| plans[u.0].name.as_str()).collect();
        let mut e = Event::new(
            EventType::IdentityChange,
            &a.name,
            mmsi,
            ms(start),
            ms(end),
            pa,
            pb,
        )
        .details(json!({"kind": "shared_mmsi", "vessels": names}));
        e.other_vessel = Some(b.name.clone());
        e.other_mmsi = Some(mmsi);
        out.push(e);
    }
    out
}

/// A `spoofing` event of kind `zombie` for each vessel scripted with a dead ship's IMO, over
/// the time its static reports (which carry the IMO) were received.
pub fn zombies(plans: &[Plan], zombie: &[bool], received: &[Received]) -> Vec<Event> {
    let mut out = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let (Some(true), Some((a, b, n))) = (zombie.get(i).copied(), received[i].statics) else {
            continue;
        };
        let id = crate::plan::latest(&plan.identities, a).expect("identity");
        let p = plan.true_state(a, 0).0.pos;
        let mut e = Event::new(
            EventType::Spoofing,
            &plan.name,
            id.mmsi,
            ms(a),
            ms(b),
            p,
            plan.true_state(b, 0).0.pos,
        )
        .details(json!({"kind": "zombie", "imo": id.imo, "static_reports": n}));
        // The IMO travels in the static reports: they are what a detector sees.
        e.received_positions = n;
        out.push(e);
    }
    out
}

/// The zones with the vessels they affected, and a `spoofing` event of kind `interference` for
/// each vessel a spoofing zone moved.
pub fn interference(
    plans: &[Plan],
    zones: &[Zone],
    affected: &Affected,
) -> (Vec<TruthInterference>, Vec<Event>) {
    let mut events = Vec::new();
    let list = zones
        .iter()
        .enumerate()
        .map(|(k, z)| {
            let mut vessels = Vec::new();
            let mut mmsis = Vec::new();
            let mut reports = 0;
            for (&(zk, v), &(a, b, n)) in affected.range((k, 0)..(k + 1, 0)) {
                debug_assert_eq!(zk, k);
                let plan = &plans[v];
                let mmsi = crate::plan::latest(&plan.identities, a)
                    .expect("identity")
                    .mmsi;
                vessels.push(plan.name.clone());
                mmsis.push(mmsi);
                reports += n;
                if z.effect == crate::effects::Effect::Spoof {
                    let (p, q) = (plan.true_state(a, 0).0.pos, plan.true_state(b, 0).0.pos);
                    let mut e =
                        Event::new(EventType::Spoofing, &plan.name, mmsi, ms(a), ms(b), p, q)
                            .details(json!({"kind": "interference", "zone": z.name,
                                "true_lat": p.lat, "true_lon": p.lon}));
                    e.received_positions = n;
                    events.push(e);
                }
            }
            TruthInterference {
                name: z.name.clone(),
                effect: z.effect.as_str().to_owned(),
                centre: [z.centre.lat, z.centre.lon],
                radius_km: z.radius_km,
                start_time: ms(z.from),
                end_time: ms(z.until()),
                vessels,
                mmsis,
                affected_reports: reports,
            }
        })
        .collect();
    (list, events)
}
