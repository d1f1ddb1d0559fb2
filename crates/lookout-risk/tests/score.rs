//! The risk score on hand-built events, observations and an FtM fixture: each signal with its
//! evidence, recency, the as-of rule (nothing after the date counts) and the ranking.

use std::collections::HashSet;

use lookout_core::time::{parse_time, DAY_MS, HOUR_MS};
use lookout_events::{Event, EventType};
use lookout_project::{ObsKind, Observation, WatchVessel};
use lookout_risk::{fleet, Assessment, Config, Registries, Seen, Signal, Sources};
use lookout_sanctions::SanctionsList;

const RAJIN: &str = "Rajin (Najin) port";
const DUNAI: &str = "Dunai (Dunay) naval facility, Primorye";
const EVADER: u32 = 273_900_102;
const TANKER: u32 = 445_000_001;
const CLEAN: u32 = 440_000_003;

fn t(s: &str) -> i64 {
    parse_time(s).unwrap()
}

fn event(kind: EventType, mmsi: u32, start: &str, hours: f64) -> Event {
    let s = t(start);
    let nan = (f64::NAN, f64::NAN);
    Event::new(kind, mmsi, s, s + (hours * HOUR_MS as f64) as i64, nan, nan)
}

fn gap(mmsi: u32, start: &str, hours: f64, from: Option<&str>, to: Option<&str>) -> Event {
    let mut e = event(EventType::Gap, mmsi, start, hours);
    e.area = from.map(str::to_owned);
    e.other_area = to.map(str::to_owned);
    e
}

fn meet(a: u32, b: u32, start: &str) -> Event {
    let mut e = event(EventType::Encounter, a, start, 4.0);
    e.other_mmsi = Some(b);
    e
}

fn sighting(line: usize, vessel: &str, site: &str, time: &str) -> Observation {
    Observation {
        id: format!("obs:{line}"),
        time: t(time),
        site: site.into(),
        kind: ObsKind::VesselAtBerth,
        vessel: Some(vessel.into()),
        count: None,
        count_low: None,
        count_high: None,
        source: "test imagery".into(),
        url: String::new(),
        note: String::new(),
        provenance: lookout_project::Provenance::Real,
    }
}

fn list() -> SanctionsList {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sanctions.ftm.jsonl");
    SanctionsList::load(&[path], None).unwrap()
}

struct World {
    list: SanctionsList,
    events: Vec<Event>,
    observations: Vec<Observation>,
    watch: Vec<WatchVessel>,
    seen: Vec<Seen>,
    registries: Registries,
    cfg: Config,
}

impl World {
    fn new(events: Vec<Event>) -> World {
        World {
            list: list(),
            events,
            observations: Vec::new(),
            watch: vec![WatchVessel {
                name: "MARIA".into(),
                mmsi: vec![EVADER],
                flag: Some("RU".into()),
                ..Default::default()
            }],
            seen: vec![
                Seen {
                    mmsi: TANKER,
                    names: vec!["DARK TANKER".into()],
                    imos: vec![],
                },
                Seen {
                    mmsi: CLEAN,
                    names: vec!["CLEAN TRADER".into()],
                    imos: vec![],
                },
                Seen {
                    mmsi: 667_000_005,
                    names: vec!["OWNED CARGO".into()],
                    imos: vec![9_300_001],
                },
            ],
            registries: Registries::bundled(),
            cfg: Config::default(),
        }
    }

    fn assess(&self, at: &str) -> Vec<Assessment> {
        let dark: HashSet<String> = [RAJIN, DUNAI].into_iter().map(String::from).collect();
        let calls: HashSet<String> = [RAJIN.to_owned()].into();
        let sources = Sources::new(
            Some(&self.list),
            &self.events,
            &self.observations,
            dark,
            calls,
            &self.registries,
            &self.cfg,
        );
        sources.assess(&fleet(&self.watch, &self.seen, &self.events), t(at))
    }
}

fn of<'a>(all: &'a [Assessment], name: &str) -> &'a Assessment {
    all.iter()
        .find(|a| a.vessel.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

fn signal<'a>(a: &'a Assessment, name: &str) -> &'a Signal {
    a.signals.iter().find(|s| s.signal == name).unwrap()
}

fn ids(s: &Signal) -> Vec<&str> {
    s.evidence.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn a_listed_vessel_scores_100_from_its_listing_date() {
    let w = World::new(Vec::new());
    let before = w.assess("2023-02-01");
    let tanker = of(&before, "DARK TANKER");
    assert_eq!(signal(tanker, "listed").points, 0.0);
    assert_eq!(tanker.sanctions.as_ref().unwrap().status, "not_yet_listed");
    let after = w.assess("2023-03-02");
    let tanker = of(&after, "DARK TANKER");
    assert_eq!(tanker.score, 100.0);
    assert_eq!(ids(signal(tanker, "listed")), ["s-tanker"]);
    assert_eq!(after[0].vessel.name, "DARK TANKER", "ranked first");
    // Matched by MMSI, and the MMSI's MID (445, North Korea) is on the ITF list since 2013.
    assert_eq!(tanker.sanctions.as_ref().unwrap().matched_by, Some("mmsi"));
    assert_eq!(
        ids(signal(tanker, "flag_of_convenience")),
        [TANKER.to_string()]
    );
}

#[test]
fn an_owner_listed_after_the_date_does_not_count() {
    let w = World::new(Vec::new());
    let a = w.assess("2023-05-01");
    let owned = of(&a, "OWNED CARGO");
    assert_eq!(signal(owned, "network").points, 0.0);
    let a = w.assess("2023-07-01");
    let owned = of(&a, "OWNED CARGO");
    let net = signal(owned, "network");
    assert_eq!(net.points, 50.0);
    assert_eq!(ids(net), ["c-owner"]);
    let path = net.evidence[0].path.as_ref().unwrap();
    assert_eq!((path[0].link.as_str(), path[0].relation), ("own-1", "owns"));
    // Its list facts: a past flag and a former name, undated, counted at half.
    assert_eq!(ids(signal(owned, "flag_changes")), ["v-owned"]);
    assert_eq!(signal(owned, "flag_changes").value, 0.5);
    assert_eq!(
        signal(owned, "identity_changes").evidence[0].detail,
        "former name OLD CARGO (undated)"
    );
    // Sierra Leone (MID 667) joined the ITF list on 2021-08-06.
    assert_eq!(signal(owned, "flag_of_convenience").points, 5.0);
    let early = w.assess("2021-08-01");
    assert_eq!(
        signal(of(&early, "OWNED CARGO"), "flag_of_convenience").points,
        0.0
    );
}

#[test]
fn dark_time_near_watched_areas_with_recency_and_nothing_after_the_date() {
    let w = World::new(vec![
        gap(EVADER, "2023-09-01T00:00:00Z", 36.0, Some(RAJIN), None),
        gap(EVADER, "2023-09-10T00:00:00Z", 36.0, None, Some(DUNAI)),
        // Far from any watched area: not counted.
        gap(EVADER, "2023-09-20T00:00:00Z", 48.0, None, None),
        // After the date: not counted.
        gap(EVADER, "2023-12-01T00:00:00Z", 48.0, Some(RAJIN), None),
    ]);
    let a = w.assess("2023-11-01");
    let dark = signal(of(&a, "MARIA"), "dark");
    assert_eq!(dark.evidence.len(), 2);
    let r1 =
        0.5f64.powf((t("2023-11-01") - t("2023-09-02T12:00:00Z")) as f64 / DAY_MS as f64 / 180.0);
    assert!(
        (dark.evidence[0].weight - 36.0 * r1).abs() < 1e-3,
        "{:?}",
        dark.evidence[0]
    );
    let expected = (dark.evidence[0].weight + dark.evidence[1].weight) / 72.0;
    assert!((dark.value - expected).abs() < 1e-3);
    assert!(dark.note.contains("all gaps"));
    // A year later the same gaps weigh about a quarter as much (two half-lives).
    let later = signal(of(&w.assess("2024-11-01"), "MARIA"), "dark").evidence[0].weight;
    assert!((later / dark.evidence[0].weight - 0.5f64.powf(366.0 / 180.0)).abs() < 0.01);
}

#[test]
fn when_gaps_carry_a_reason_only_went_dark_counts() {
    let mut dark =
        gap(EVADER, "2023-09-01T00:00:00Z", 36.0, Some(RAJIN), None).with("reason", "went_dark");
    dark.details.insert("duration_h".into(), 36.0.into());
    let hole =
        gap(EVADER, "2023-09-10T00:00:00Z", 36.0, Some(RAJIN), None).with("reason", "coverage");
    let w = World::new(vec![dark.clone(), hole]);
    let s = signal(of(&w.assess("2023-11-01"), "MARIA"), "dark").clone();
    assert_eq!(ids(&s), [dark.event_id().as_str()]);
    assert!(s.note.contains("went_dark"));
}

#[test]
fn encounters_with_listed_or_dark_vessels() {
    let listed_meet = meet(EVADER, TANKER, "2023-10-01T00:00:00Z");
    let clean_meet = meet(CLEAN, EVADER, "2023-10-05T00:00:00Z");
    let w = World::new(vec![
        listed_meet.clone(),
        clean_meet.clone(),
        gap(CLEAN, "2023-10-09T00:00:00Z", 20.0, Some(RAJIN), None),
    ]);
    let a = w.assess("2023-10-20");
    let e = signal(of(&a, "MARIA"), "encounters");
    assert_eq!(ids(e), [listed_meet.event_id(), clean_meet.event_id()]);
    assert!(e.evidence[0].detail.contains("listed"));
    assert!(e.evidence[1].detail.contains("dark"));
    assert!((e.evidence[1].weight / e.evidence[0].weight - 0.5).abs() < 0.01);
    // The tanker met a watchlist vessel that is not listed and not dark: nothing.
    assert!(signal(of(&a, "DARK TANKER"), "encounters")
        .evidence
        .is_empty());
    // Before the tanker's listing, the same meeting with it does not count.
    let w = World::new(vec![meet(EVADER, TANKER, "2023-02-01T00:00:00Z")]);
    assert!(signal(of(&w.assess("2023-02-20"), "MARIA"), "encounters")
        .evidence
        .is_empty());
}

#[test]
fn identity_flag_changes_spoofing_and_port_calls() {
    let mut rename = event(
        EventType::IdentityChange,
        EVADER,
        "2023-09-01T00:00:00Z",
        1.0,
    );
    rename.details.insert(
        "changes".into(),
        serde_json::json!({"name": {"from": "MARIA", "to": "MARI"}}),
    );
    let mut reflag = event(
        EventType::IdentityChange,
        EVADER,
        "2023-09-05T00:00:00Z",
        1.0,
    );
    reflag.other_mmsi = Some(669_900_102);
    reflag.details.insert("changes".into(), serde_json::json!({"mmsi": {"from": EVADER, "to": 669_900_102u32}, "flag_mid": {"from": 273, "to": 669}}));
    let mut spoof = event(
        EventType::Spoofing,
        669_900_102,
        "2023-09-07T00:00:00Z",
        2.0,
    );
    spoof.details.insert("kind".into(), "jump".into());
    let mut visit = event(EventType::PortVisit, EVADER, "2023-08-20T00:00:00Z", 30.0);
    visit.area = Some(RAJIN.into());
    let mut w = World::new(vec![
        rename.clone(),
        reflag.clone(),
        spoof.clone(),
        visit.clone(),
    ]);
    w.observations = vec![
        sighting(2, "MARIA", RAJIN, "2023-08-20T12:00:00Z"), // inside the detected visit
        sighting(3, "maria", RAJIN, "2023-08-28T02:00:00Z"), // a second call, imagery only
        sighting(4, "MARIA", RAJIN, "2023-08-29T02:00:00Z"), // the same stay
        sighting(5, "MARIA", DUNAI, "2023-08-30T02:00:00Z"), // not a watched port for calls
    ];
    let a = w.assess("2024-06-01");
    let maria = of(&a, "MARIA");
    assert_eq!(
        maria.vessel.mmsis,
        [EVADER, 669_900_102],
        "the MMSI change joins one ship"
    );
    assert_eq!(ids(signal(maria, "identity_changes")), [rename.event_id()]);
    assert_eq!(ids(signal(maria, "flag_changes")), [reflag.event_id()]);
    assert_eq!(ids(signal(maria, "spoofing")), [spoof.event_id()]);
    assert_eq!(
        ids(signal(maria, "port_calls")),
        [visit.event_id(), "obs:3".into()]
    );
    // The new MMSI's MID is Eswatini, a fraudulent registry since 2024-04-22; not yet in 2023.
    assert_eq!(signal(maria, "fraudulent_registry").points, 30.0);
    assert_eq!(ids(signal(maria, "fraudulent_registry")), ["669900102"]);
    let before = w.assess("2023-12-01");
    assert_eq!(
        signal(of(&before, "MARIA"), "fraudulent_registry").points,
        0.0
    );
    // The AIS identity history lists both changes.
    assert_eq!(maria.identity.ais.len(), 2);
    // Points add up to the score.
    let sum: f64 = maria.signals.iter().map(|s| s.points).sum();
    assert!(
        (sum.min(100.0) - maria.score).abs() < 0.2,
        "{sum} vs {}",
        maria.score
    );
    assert!(maria.score > of(&a, "CLEAN TRADER").score);
}
