//! End-to-end checks of the simulator: what is written decodes to exactly what was simulated,
//! and the truth agrees with the messages.

use std::collections::HashMap;
use std::io;

use lookout_ais::{AisMessage, Decoder};
use lookout_core::land::Land;
use lookout_core::truth::Truth;
use lookout_sim::geo::LatLon;
use lookout_sim::plan::Motion;
use lookout_sim::scenario::{Scenario, Seconds};
use lookout_sim::sim::{NmeaWriter, Options, Simulation, Sink};

/// A four-day scenario exercising every script action.
const SCENARIO: &str = r#"
name = "test"
start = 2023-10-01T00:00:00Z
end = 2023-10-05T00:00:00Z
seed = 7

[reception]
loss = 0.05
duplicate = 0.05
satellite_passes_per_day = 6
satellite_pass_minutes = 12
satellite_detection = 0.3

[background]
count = 6
ports = ["Vladivostok", "Nakhodka", "Vostochny"]

[[areas]]
name = "Rajin"
kind = "port"
centre = [42.233333, 130.3]
radius_km = 4

[[areas]]
name = "Vostochny"
kind = "port"
centre = [42.75, 133.083333]
radius_km = 5

[[areas]]
name = "Nakhodka"
kind = "port"
centre = [42.8, 132.883333]
radius_km = 5

[[areas]]
name = "Vladivostok"
kind = "port"
polygon = [[43.04, 131.77], [43.17, 131.77], [43.17, 132.05], [43.04, 132.05]]

[[receivers]]
name = "VLAD"
position = [43.1, 131.92]
range_km = 80

[[receivers]]
name = "NAKH"
position = [42.81, 132.9]
range_km = 80

[[receivers]]
name = "POSYET"
position = [42.66, 130.8]
range_km = 80

[[vessels]]
name = "SHUTTLE"
mmsi = 273000001
imo = 9179842
callsign = "UBAA1"
length_m = 120
speed_kn = 12
start_at = "Vostochny"
script = [
  { berth = "Vostochny", hours = 6 },
  { ais = "off" },
  { berth = "Rajin", hours = [10, 14], load = [100, 200] },
  { sail_to = "Vostochny" },
  { ais = "on" },
  { berth = "Vostochny", hours = 8, unload = true },
  { loiter = [42.3, 132.4], hours = 5, radius_km = 1.5 },
  { berth = "Nakhodka", hours = 10 },
]

[[vessels]]
name = "TANKER"
mmsi = 273000002
callsign = "UBAA2"
ship_type = 80
start_at = "Nakhodka"
script = [
  { wait = true, hours = 4 },
  { meet = "RECEIVER", at = [42.45, 131.9], hours = 6 },
  { berth = "Nakhodka", hours = 20 },
]

[[vessels]]
name = "RECEIVER"
mmsi = 445000003
callsign = "HMAA3"
ship_type = 80
start_at = "Vladivostok"
script = [
  { meet = "TANKER", at = [42.45, 131.9], hours = 6 },
  { change = { name = "NEW DAWN", flag = "SL", callsign = "9LAA3" } },
  { spoof = "jump", to = [43.9, 131.9], minutes = 20 },
  { sail_to = "Vladivostok" },
  { spoof = "circle", centre = [42.6, 131.5], radius_km = 2, hours = 3 },
  { wait = true, hours = 12 },
]

[[vessels]]
name = "YACHT"
mmsi = 273000004
class = "B"
ship_type = 37
length_m = 15
beam_m = 4
speed_kn = 7
start_at = "Vladivostok"
script = [
  { sail_to = "Nakhodka" },
  { berth = "Nakhodka", hours = 12 },
  { sail_to = "Vladivostok" },
]
"#;

/// One simulated message: time, message, stations that heard it.
struct Record {
    t: Seconds,
    msg: AisMessage,
    stations: Vec<String>,
}

/// Writes NMEA and remembers what it wrote.
struct Recorder {
    writer: NmeaWriter<Vec<u8>>,
    records: Vec<Record>,
}

impl Sink for Recorder {
    fn emit(
        &mut self,
        t: Seconds,
        msg: &AisMessage,
        stations: &[&str],
        channel: char,
        seq: u8,
    ) -> io::Result<u64> {
        self.records.push(Record {
            t,
            msg: msg.clone(),
            stations: stations.iter().map(|s| s.to_string()).collect(),
        });
        self.writer.emit(t, msg, stations, channel, seq)
    }
}

fn simulate(seed: u64) -> (Simulation, Vec<u8>, Vec<Record>, Truth) {
    let land = Land::east_asia();
    let scenario = Scenario::from_toml(SCENARIO).unwrap();
    let opts = Options {
        seed: Some(seed),
        ..Options::default()
    };
    let sim = Simulation::new(scenario, &land, &opts).unwrap();
    let mut rec = Recorder {
        writer: NmeaWriter::new(Vec::new()),
        records: Vec::new(),
    };
    let truth = sim.run(&mut rec).unwrap();
    (sim, rec.writer.into_inner(), rec.records, truth)
}

struct Decoded {
    t: i64,
    source: String,
    msg: AisMessage,
}

fn decode(bytes: &[u8]) -> Vec<Decoded> {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        decoder.feed_line(line, |d| {
            out.push(Decoded {
                t: d.meta.rx_time_ms.expect("tag block time") / 1000,
                source: d.meta.source.as_deref().unwrap_or("").to_owned(),
                msg: d.message,
            })
        });
    }
    out
}

fn position(msg: &AisMessage) -> Option<(u32, LatLon)> {
    match msg {
        AisMessage::PositionReport(p) => Some((p.mmsi, LatLon::new(p.lat_deg()?, p.lon_deg()?))),
        AisMessage::ClassBPositionReport(p) => {
            Some((p.mmsi, LatLon::new(p.lat_deg()?, p.lon_deg()?)))
        }
        _ => None,
    }
}

#[test]
fn decoding_the_file_yields_exactly_the_simulated_messages() {
    let (_, bytes, records, truth) = simulate(7);
    let decoded = decode(&bytes);
    let expected: Vec<(i64, &str, &AisMessage)> = records
        .iter()
        .flat_map(|r| {
            r.stations
                .iter()
                .map(move |s| (r.t.floor() as i64, s.as_str(), &r.msg))
        })
        .collect();
    assert!(
        expected.len() > 5_000,
        "a real amount of traffic: {}",
        expected.len()
    );
    assert_eq!(decoded.len(), expected.len());
    for (d, (t, s, m)) in decoded.iter().zip(&expected) {
        assert_eq!((d.t, d.source.as_str(), &d.msg), (*t, *s, *m));
    }
    assert_eq!(truth.stats.received as usize, records.len());
    assert_eq!(
        truth.stats.lines as usize,
        bytes.iter().filter(|&&b| b == b'\n').count()
    );
    // Every message type the reporting model uses is present: 1, 5, 18, 24.
    for ty in [1, 5, 18, 24] {
        assert!(decoded.iter().any(|d| d.msg.msg_type() == ty), "type {ty}");
    }
    // Duplicates and satellite receptions happen.
    assert!(decoded.iter().any(|d| d.source == "SAT"));
    assert!(records
        .iter()
        .any(|r| r.stations.windows(2).any(|w| w[0] == w[1])));
}

#[test]
fn truth_agrees_with_the_messages() {
    let (sim, bytes, _, truth) = simulate(11);
    let decoded = decode(&bytes);
    let scenario = Scenario::from_toml(SCENARIO).unwrap();
    let mut by_mmsi: HashMap<u32, Vec<(i64, LatLon)>> = HashMap::new();
    for d in &decoded {
        if let Some((mmsi, p)) = position(&d.msg) {
            by_mmsi.entry(mmsi).or_default().push((d.t, p));
        }
    }
    let count = |ty: &str| {
        truth
            .events
            .iter()
            .filter(|e| serde_json::to_value(e.event_type).unwrap() == ty)
            .count()
    };
    for ty in [
        "port_visit",
        "gap",
        "encounter",
        "loitering",
        "draught_change",
        "identity_change",
        "spoofing",
    ] {
        assert!(count(ty) > 0, "no {ty} in the truth");
    }
    let json = serde_json::to_value(&truth).unwrap();
    let spoofed: Vec<(u32, i64, i64)> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == "spoofing")
        .map(|e| {
            let t =
                |k: &str| lookout_core::time::parse_time(e[k].as_str().unwrap()).unwrap() / 1000;
            (
                e["mmsi"].as_u64().unwrap() as u32,
                t("start_time"),
                t("end_time"),
            )
        })
        .collect();
    for e in json["events"].as_array().unwrap() {
        let start =
            lookout_core::time::parse_time(e["start_time"].as_str().unwrap()).unwrap() / 1000;
        let end = lookout_core::time::parse_time(e["end_time"].as_str().unwrap()).unwrap() / 1000;
        let mmsi = e["mmsi"].as_u64().unwrap() as u32;
        let inside: Vec<LatLon> = by_mmsi
            .get(&mmsi)
            .map(|v| {
                v.iter()
                    .filter(|(t, _)| *t > start && *t < end)
                    .filter(|(t, _)| {
                        e["event_type"] == "spoofing"
                            || !spoofed
                                .iter()
                                .any(|(m, a, b)| *m == mmsi && t >= a && t <= b)
                    })
                    .map(|(_, p)| *p)
                    .collect()
            })
            .unwrap_or_default();
        match e["event_type"].as_str().unwrap() {
            "gap" if e["details"]["cause"] == "ais_off" => {
                assert!(
                    inside.is_empty(),
                    "{} positions sent while dark: {e}",
                    inside.len()
                );
                assert_eq!(e["received_positions"], 0);
            }
            "port_visit" => {
                let area = scenario.area(e["area"].as_str().unwrap()).unwrap();
                for p in &inside {
                    assert!(area.contains(*p), "{p:?} outside {} during {e}", area.name);
                }
            }
            "encounter" => {
                let other = e["other_mmsi"].as_u64().unwrap() as u32;
                let theirs = &by_mmsi[&other];
                let mut pairs = 0;
                for (t, p) in by_mmsi[&mmsi]
                    .iter()
                    .filter(|(t, _)| *t > start + 60 && *t < end - 60)
                {
                    if let Some((_, q)) = theirs.iter().find(|(u, _)| (u - t).abs() <= 5) {
                        assert!(
                            lookout_sim::geo::distance_km(*p, *q) < 0.5,
                            "alongside: {p:?} {q:?}"
                        );
                        pairs += 1;
                    }
                }
                assert!(pairs > 10, "too few paired positions: {pairs}");
            }
            "spoofing" if e["details"]["kind"] == "jump" => {
                let fake = LatLon::new(e["lat"].as_f64().unwrap(), e["lon"].as_f64().unwrap());
                assert!(inside
                    .iter()
                    .all(|p| lookout_sim::geo::distance_km(*p, fake) < 0.01));
            }
            _ => {}
        }
    }
    // The identity change shows in the static reports: new name under the new (Sierra Leone) MMSI.
    let renamed = decoded.iter().any(|d| match &d.msg {
        AisMessage::StaticAndVoyageData(s) => {
            s.mmsi == 667_000_003 && s.shipname.as_str() == "NEW DAWN"
        }
        _ => false,
    });
    assert!(renamed);
    // The loaded shuttle reports a deeper draught after leaving Rajin.
    let draughts: Vec<u8> = decoded
        .iter()
        .filter_map(|d| match &d.msg {
            AisMessage::StaticAndVoyageData(s) if s.mmsi == 273_000_001 => Some(s.draught),
            _ => None,
        })
        .collect();
    assert!(
        draughts.contains(&40) && draughts.contains(&65),
        "{draughts:?}"
    );
    drop(sim);
}

#[test]
fn routes_and_positions_stay_off_land() {
    let land = Land::east_asia();
    let (sim, _, _, _) = simulate(3);
    let mut legs = 0;
    for plan in sim.plans() {
        for leg in &plan.legs {
            match &leg.motion {
                Motion::Sail { line, .. } => {
                    for w in line.points().windows(2) {
                        assert!(
                            !land.segment_hits_land(w[0], w[1]),
                            "{}: {:?} crosses land",
                            plan.name,
                            w
                        );
                    }
                    legs += 1;
                }
                Motion::Stay { pos, .. } => {
                    assert!(!land.is_land(*pos), "{} berthed on land", plan.name)
                }
                Motion::Drift { .. } => {
                    for k in 0..24 {
                        let t = leg.t0 + (leg.t1 - leg.t0) * k as f64 / 24.0;
                        assert!(
                            !land.is_land(plan.true_state(t, 0).0.pos),
                            "{} drifts on land",
                            plan.name
                        );
                    }
                }
            }
        }
    }
    assert!(legs > 10);
}

#[test]
fn same_seed_same_output_other_seed_other_output() {
    let (_, a, _, ta) = simulate(5);
    let (_, b, _, tb) = simulate(5);
    let (_, c, _, _) = simulate(6);
    assert!(a == b, "same seed, different NMEA");
    assert_eq!(
        serde_json::to_string(&ta).unwrap(),
        serde_json::to_string(&tb).unwrap()
    );
    assert!(a != c);
}

#[test]
fn bad_scenarios_are_reported_not_panicked() {
    let cases = [
        (
            "start = 2023-01-02T00:00:00Z\nend = 2023-01-01T00:00:00Z",
            "after",
        ),
        (
            &SCENARIO.replace("berth = \"Rajin\"", "berth = \"Atlantis\""),
            "unknown area",
        ),
        (
            &SCENARIO.replace("{ wait = true, hours = 4 }", "{ fly = true }"),
            "no action",
        ),
        (
            &SCENARIO.replace("mmsi = 273000004", "mmsi = 12"),
            "9 digits",
        ),
        (
            &SCENARIO.replace("flag = \"SL\"", "flag = \"XX\""),
            "unknown flag",
        ),
        (
            &SCENARIO.replace("meet = \"RECEIVER\"", "meet = \"NOBODY\""),
            "unknown other vessel",
        ),
    ];
    for (text, needle) in cases {
        let err = Scenario::from_toml(text).unwrap_err().to_string();
        assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    }
}

#[test]
fn corridor_example_has_the_reported_shape() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/dprk-russia-simulated/scenario.toml"
    );
    let scenario = Scenario::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
    let land = Land::east_asia();
    let opts = Options {
        background: Some(0),
        ..Options::default()
    };
    let sim = Simulation::new(scenario, &land, &opts).unwrap();
    let four = ["ANGARA", "MARIA", "MAIA-1", "LADY R"];
    let loaded: Vec<_> = sim
        .voyages()
        .iter()
        .filter(|v| four.contains(&v.vessel.as_str()) && v.cargo_containers > 0)
        .collect();
    // NK Pro: at least 32 trips by the four from August 2023 to March 2024, all dark.
    assert!(loaded.len() >= 32, "{} loaded voyages", loaded.len());
    for v in &loaded {
        assert_eq!(v.origin, "Rajin (Najin) port");
        assert_eq!(v.ais_off_fraction, 1.0, "{v:?}");
    }
    // OSC: about 2,000 containers over MAIA-1's nine or more trips.
    let maia: u32 = loaded
        .iter()
        .filter(|v| v.vessel == "MAIA-1")
        .map(|v| v.cargo_containers)
        .sum();
    assert!((1_500..=2_500).contains(&maia), "{maia}");
    // LADY R: loaded at Rason on 2024-03-12, at Vostochny with a full deck by 2024-03-14.
    let last = loaded.iter().rfind(|v| v.vessel == "LADY R").unwrap();
    assert_eq!(
        lookout_core::time::format_time(last.depart_time),
        "2024-03-12T18:00:00Z"
    );
    assert!(last.arrive_time < lookout_core::time::parse_time("2024-03-14T00:00:00Z").unwrap());
}

/// An absence step sends the ship away for the scripted days when its chance comes up, and the
/// truth lists it; with chance 0 it takes no time.
#[test]
fn absences_are_scripted_and_in_the_truth() {
    let text = r#"
start = 2023-10-01T00:00:00Z
end = 2023-11-15T00:00:00Z
[[areas]]
name = "Rajin"
kind = "port"
centre = [42.233333, 130.3]
radius_km = 4
[[areas]]
name = "Vladivostok"
kind = "port"
centre = [43.116667, 131.9]
radius_km = 8
[[vessels]]
name = "SHUTTLE"
mmsi = 273000001
start_at = "Rajin"
script = [
  { berth = "Rajin", hours = 24 },
  { absence = "trade", at = "Vladivostok", days = 10, chance = 0 },
  { absence = "yard", at = "Vladivostok", days = [20, 30] },
  { berth = "Rajin", hours = 24 },
]
"#;
    let land = Land::east_asia();
    let sim = Simulation::new(
        Scenario::from_toml(text).unwrap(),
        &land,
        &Options::default(),
    )
    .unwrap();
    let truth = sim.run(&mut NmeaWriter::new(Vec::new())).unwrap();
    assert_eq!(truth.absences.len(), 1, "{:?}", truth.absences);
    let a = &truth.absences[0];
    assert_eq!(
        (a.kind.as_str(), a.area.as_deref()),
        ("yard", Some("Vladivostok"))
    );
    let days = (a.end_time - a.start_time) as f64 / 86_400_000.0;
    // 20-30 days there plus the half-day passage out.
    assert!((20.0..31.0).contains(&days), "{days}");
    // Back at Rajin after it: the voyage Vladivostok -> Rajin starts when the absence ends.
    let back = truth
        .voyages
        .iter()
        .find(|v| v.origin == "Vladivostok")
        .unwrap();
    assert!((back.depart_time - a.end_time).abs() < 1000, "{back:?}");
    let bad = text.replace("chance = 0 }", "chance = 2 }");
    let err = Scenario::from_toml(&bad).unwrap_err().to_string();
    assert!(err.contains("chance must lie between 0 and 1"), "{err}");
}
