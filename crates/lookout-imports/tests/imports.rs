//! The import formats on files written from their published documentation (tests/data/README.md),
//! and matching on a store of real AIS (the bundled Danish capture) and on a store built for the
//! Vostochny scene the detection files describe.

use std::path::{Path, PathBuf};

use lookout_core::areas::Areas;
use lookout_core::event::{self, EventType};
use lookout_core::geo::{destination, distance_km, LatLon};
use lookout_core::time::parse_time;
use lookout_imports::detections::{read_detections_file, read_footprints_file, Layout};
use lookout_imports::gfw_events::{self, Format, Options};
use lookout_imports::matching::{match_detections, DarkReason, MatchConfig, Method};
use lookout_imports::sightings::{observation_rows, write_outputs};
use lookout_store::TimeSource;
use lookout_store::{for_each_position, PositionRow, Provenance, Store, StoreWriter, TimeRange};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The test areas (`data/areas.toml`).
fn areas() -> Areas {
    Areas::from_toml(include_str!("data/areas.toml")).unwrap()
}

/// A GFW events file read with the test areas.
fn read_gfw_with_areas(name: &str) -> gfw_events::Imported {
    let areas = areas();
    let opts = Options {
        areas: Some(&areas),
        ..Options::default()
    };
    gfw_events::read_file(&data(name), &opts).unwrap()
}

fn t(s: &str) -> i64 {
    parse_time(s).unwrap()
}

#[test]
fn events_api_v3_json_every_type() {
    let r = read_gfw_with_areas("gfw_events_api_v3.json");
    assert_eq!(r.format, Format::EventsApiV3);
    let types: Vec<EventType> = r.events.iter().map(|e| e.event_type).collect();
    assert_eq!(
        types,
        [
            EventType::PortVisit,
            EventType::Gap,
            EventType::Encounter,
            EventType::Loitering
        ]
    );
    // The encounter's two sides (ids .1 and .2) are one event.
    assert_eq!(r.merged_encounter_sides, 1);
    assert_eq!(r.rejects.counts["unsupported_type"], 1);
    assert_eq!(r.rejects.counts["no_mmsi"], 1);
    assert_eq!(r.rejects.total(), 2);
    let no_mmsi = &r
        .rejects
        .examples
        .iter()
        .find(|(k, _)| k == "no_mmsi")
        .unwrap()
        .1;
    assert_eq!(no_mmsi.field, "entries[6].vessel.ssvid", "{no_mmsi}");

    let pv = &r.events[0];
    assert_eq!(pv.mmsi, 273_900_101);
    assert_eq!(pv.start_time, t("2023-09-22T06:14:41Z"));
    assert_eq!(pv.area.as_deref(), Some("Vostochny port (Wrangel Bay)"));
    assert_eq!(pv.confidence, 1.0, "GFW confidence 4 of 4");
    assert_eq!(pv.details["origin"], "gfw");
    assert_eq!(pv.details["provenance"], "real");
    assert_eq!(pv.details["gfw_id"], "4e5a0c1f7b2d9e83a61c0f2d5b7e9a14");
    assert_eq!(pv.details["gfw_anchorage"], "VOSTOCHNY");
    assert_eq!(pv.details["duration_h"], 61.29);

    // Gap: ends from off/on positions (the on position's numbers are strings in the API).
    let gap = &r.events[1];
    assert_eq!((gap.lat, gap.lon), (Some(42.2106), Some(130.3357)));
    assert_eq!((gap.end_lat, gap.end_lon), (Some(42.8614), Some(132.3318)));
    assert_eq!(gap.area.as_deref(), Some("Rajin (Najin) port"));
    assert_eq!(
        gap.other_area.as_deref(),
        Some("Dunai (Dunay) naval facility, Primorye")
    );
    assert_eq!(gap.details["distance_km"], 176.4128403717329);
    assert_eq!(gap.details["intentional_disabling"], true);
    assert_eq!(gap.details["positions_12h_before_sat"], 31.0);

    let enc = &r.events[2];
    assert_eq!((enc.mmsi, enc.other_mmsi), (273_900_102, Some(273_900_104)));
    assert_eq!(enc.details["median_distance_km"], 0.094);
    assert_eq!(enc.area, None, "at sea, 71 km from shore");
    let loi = &r.events[3];
    assert_eq!(loi.details["loitering_hours"], 7.41);
    assert_eq!(loi.details["avg_speed_knots"], 0.72);

    assert_round_trips(&r.events);
}

/// Imported events come back unchanged from the events file format.
fn assert_round_trips(events: &[lookout_core::event::Event]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(event::COLUMNS).unwrap();
    for e in events {
        w.write_record(e.csv_record()).unwrap();
    }
    let (back, rejected) = event::read_csv(w.into_inner().unwrap().as_slice()).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(back, events);
}

#[test]
fn carrier_portal_csvs_name_bad_rows() {
    let opts = Options::default();
    let enc = gfw_events::read_file(&data("gfw_carrier_portal_encounters.csv"), &opts).unwrap();
    assert_eq!(enc.format, Format::CarrierPortalCsv);
    assert_eq!(enc.events.len(), 2);
    assert!(enc
        .events
        .iter()
        .all(|e| e.event_type == EventType::Encounter));
    assert_eq!(enc.events[0].other_mmsi, Some(412_440_825));
    assert_eq!(enc.events[0].details["median_speed_knots"], 0.54);
    assert_eq!(enc.events[0].details["vessel_name"], "RENOWN REEFER");
    assert!(
        enc.events[0].details.get("gfw_id").is_none(),
        "the portal CSV has no id"
    );
    let errors: Vec<String> = enc
        .rejects
        .examples
        .iter()
        .map(|(_, e)| e.to_string())
        .collect();
    let file = data("gfw_carrier_portal_encounters.csv")
        .display()
        .to_string();
    assert_eq!(
        errors,
        [
            format!("{file}:4: end: not a time: \"soon\""),
            format!("{file}:5: vessel.ssvid: not an MMSI: \"3512340000\""),
        ]
    );

    assert_round_trips(&enc.events);
    let loi = gfw_events::read_file(&data("gfw_carrier_portal_loitering.csv"), &opts).unwrap();
    assert_round_trips(&loi.events);
    assert_eq!(loi.events.len(), 2);
    assert_eq!(loi.events[0].event_type, EventType::Loitering);
    assert_eq!(loi.events[0].details["tot_distance_km"], 14.9);
    assert_eq!(loi.events[0].details["median_speed_knots"], 0.64);
    assert_eq!(loi.rejects.total(), 0);
}

#[test]
fn map_report_csv_with_areas() {
    let r = read_gfw_with_areas("gfw_map_report_port_visits.csv");
    let opts = Options::default();
    assert_eq!(r.format, Format::MapReportCsv);
    let areas_of: Vec<Option<&str>> = r.events.iter().map(|e| e.area.as_deref()).collect();
    assert_eq!(
        areas_of,
        [
            Some("Rajin (Najin) port"),
            Some("Dunai (Dunay) naval facility, Primorye")
        ]
    );
    assert_eq!(r.events[0].details["gfw_anchorage"], "NAJIN");
    assert_eq!(r.events[0].details["gfw_anchorage_id"], "prk-najin");
    assert_round_trips(&r.events);
    // The gap row has no vesselMMSI: counted, and its column named.
    assert_eq!(r.rejects.counts["no_mmsi"], 1);
    assert_eq!(r.rejects.examples[0].1.field, "vesselMMSI");
    assert_eq!(r.rejects.examples[0].1.line, 4);

    let err = gfw_events::read_csv("a,b\n1,2\n", "x.csv", &opts).unwrap_err();
    assert!(
        err.to_string().starts_with("x.csv:1: : no column start"),
        "{err}"
    );
}

#[test]
fn detections_and_footprints_both_layouts() {
    let (layout, gfw) = read_detections_file(&data("detections_gfw_sar.csv")).unwrap();
    assert_eq!(layout, Layout::GfwSar);
    assert_eq!(gfw.detections.len(), 4);
    let d = &gfw.detections[1];
    assert_eq!(d.time, t("2023-09-20T09:32:27Z"));
    assert_eq!(d.source_mmsi, Some(273_399_000));
    assert_eq!(d.source, "GFW Sentinel-1 SAR");
    assert!(
        d.id.starts_with("S1A_IW_GRDH_1SDV_20230920T093215"),
        "{}",
        d.id
    );
    assert_eq!(gfw.rejects.counts["bad_position"], 1);
    assert_eq!(gfw.rejects.examples[0].1.field, "lat");
    assert_eq!(gfw.rejects.examples[0].1.line, 6);

    let (layout, gen) = read_detections_file(&data("detections_generic.csv")).unwrap();
    assert_eq!(layout, Layout::Generic);
    assert_eq!(gen.detections.len(), 2);
    assert_eq!(gen.detections[0].length_m, Some(182.0));
    assert_eq!(gen.detections[0].source, "Planet SkySat (optical)");
    assert_eq!(gen.rejects.counts["bad_position"], 1);
    assert_eq!(gen.rejects.counts["bad_length"], 1);

    for name in ["footprints.geojson", "footprints.csv"] {
        let f = read_footprints_file(&data(name)).unwrap();
        assert_eq!(f.footprints.len(), 2, "{name}");
        assert_eq!(
            f.footprints[1].time,
            Some(t("2023-09-20T20:45:22Z")),
            "{name}"
        );
        assert_eq!(f.rejects.counts["bad_geometry"], 1, "{name}");
    }
}

const ANGARA: u32 = 273_900_101;
const EASTBOUND: u32 = 636_019_825;
const MOORED: u32 = 273_399_000;

/// The store the Vostochny detection files describe (2023-09-20): ANGARA at her Vostochny
/// berth reporting every 6 min, another ship moored nearby every 3 min, and a ship eastbound at
/// 12 kn south of the port every 10 min until 06:00, silent until 20:00, then on again.
fn vostochny_store(dir: &Path) -> Store {
    let mut w = StoreWriter::open(dir, Default::default()).unwrap();
    let input_id = w.register_input("built-in test track").unwrap();
    let day = t("2023-09-20T00:00:00Z");
    let mut push = |mmsi: u32, time: i64, p: LatLon, sog: f32, cog: f32| {
        w.push_position(PositionRow {
            mmsi,
            time,
            time_source: TimeSource::Rx,
            lat: p.lat,
            lon: p.lon,
            sog: Some(sog),
            cog: Some(cog),
            heading: None,
            nav_status: None,
            msg_type: 1,
            prov: Provenance {
                source: None,
                input_id,
                input_line: 0,
            },
        })
    };
    for k in 0..240 {
        push(
            ANGARA,
            day + k * 360_000,
            LatLon::new(42.7466, 133.0701),
            0.0,
            0.0,
        );
    }
    for k in 0..480 {
        push(
            MOORED,
            day + k * 180_000,
            LatLon::new(42.7441, 133.0791),
            0.0,
            0.0,
        );
    }
    let start = LatLon::new(42.60, 132.60);
    for k in 0..=144 {
        let minutes = k * 10;
        if (360..1200).contains(&minutes) {
            continue; // AIS off 06:00-20:00
        }
        let km = 12.0 * 1.852 * minutes as f64 / 60.0;
        push(
            EASTBOUND,
            day + minutes * 60_000,
            destination(start, 90.0, km),
            12.0,
            90.0,
        );
    }
    w.flush().unwrap();
    drop(w);
    Store::open(dir).unwrap()
}

#[test]
fn matching_and_sightings_on_the_vostochny_scene() {
    let dir = tempfile::tempdir().unwrap();
    let store = vostochny_store(dir.path());
    let (_, sar) = read_detections_file(&data("detections_gfw_sar.csv")).unwrap();
    let (_, optical) = read_detections_file(&data("detections_generic.csv")).unwrap();
    let footprints = read_footprints_file(&data("footprints.geojson")).unwrap();
    let mut detections = sar.detections;
    detections.extend(optical.detections);
    let cfg = MatchConfig::default();
    let outcomes = match_detections(Some(&store), detections, &cfg).unwrap();
    let by_id = |suffix: &str| {
        outcomes
            .iter()
            .find(|o| o.detection.id.ends_with(suffix))
            .unwrap()
    };
    let optical = |line: u64| {
        outcomes
            .iter()
            .find(|o| o.detection.file.ends_with("generic.csv") && o.detection.line == line)
            .unwrap()
    };
    // At ANGARA's berth: GFW had no match, the store's AIS has one, between two fixes.
    let berth = by_id("133.0703;42.7467");
    let m = berth.matched.unwrap();
    assert_eq!((m.mmsi, m.method), (ANGARA, Method::Interpolated));
    assert!(m.distance_km < 0.05 && m.fix_minutes <= 3.0, "{m:?}");
    // GFW's own match agrees with the store's.
    let moored = by_id("133.0791;42.7441").matched.unwrap();
    assert_eq!((moored.mmsi, moored.method), (MOORED, Method::Interpolated));
    // The eastbound ship is silent at 09:32 (14 h between fixes): dark, though she is there.
    let silent = by_id("135.189717;42.570831");
    assert_eq!(silent.matched, None);
    assert_eq!(silent.dark, Some(DarkReason::NoAisWithinDistance));
    assert!(silent.nearest.unwrap().distance_km > 100.0);
    // An unknown ship in the port: dark.
    assert_eq!(
        by_id("133.065;42.752").dark,
        Some(DarkReason::NoAisWithinDistance)
    );
    // Optical at 03:05: 0.4 km off the eastbound ship's interpolated position; the other is
    // 12 km away from anyone.
    let optical_on = optical(2);
    let m = optical_on.matched.unwrap();
    assert_eq!((m.mmsi, m.method), (EASTBOUND, Method::Interpolated));
    assert!((m.distance_km - 0.4).abs() < 0.02, "{m:?}");
    assert_eq!(optical(3).dark, Some(DarkReason::NoAisWithinDistance));

    let areas = areas();
    let watch = |mmsi: u32| (mmsi == ANGARA).then(|| "ANGARA".to_owned());
    let rows = observation_rows(&outcomes, &footprints.footprints, &areas, &watch);
    let summary: Vec<(&str, &str, Option<&str>, Option<f64>)> = rows
        .iter()
        .map(|r| {
            (
                r.site.as_str(),
                r.kind.as_str(),
                r.vessel.as_deref(),
                r.count,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Vostochny port (Wrangel Bay)",
                "vessel_at_berth",
                Some("ANGARA"),
                None
            ),
            (
                "Vostochny port (Wrangel Bay)",
                "vessel_at_berth",
                None,
                Some(1.0)
            ),
            (
                "Dunai (Dunay) naval facility, Primorye",
                "vessel_absent",
                None,
                None
            ),
        ]
    );
    assert_eq!(rows[0].time, t("2023-09-20T09:32:27Z"));
    assert!(rows[0]
        .source
        .contains("GFW Sentinel-1 SAR; scene S1A_IW_GRDH_1SDV_20230920T093215"));
    assert!(rows[0].source.ends_with("provenance real"));
    assert!(
        rows[2].note.contains("footprints.geojson:2"),
        "{}",
        rows[2].note
    );
    assert_eq!(rows[2].time, t("2023-09-20T20:45:22Z"));

    let out = tempfile::tempdir().unwrap();
    write_outputs(out.path(), &outcomes, &rows, &cfg).unwrap();
    let dark = std::fs::read_to_string(out.path().join("dark_vessels.csv")).unwrap();
    assert_eq!(dark.lines().count(), 1 + 3, "{dark}");
    let gj: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("dark_vessels.geojson")).unwrap(),
    )
    .unwrap();
    assert_eq!(gj["features"].as_array().unwrap().len(), 3);
    assert_eq!(gj["matching"]["max_distance_km"], 1.5);
    // detections_matched.csv reads back as the generic layout: the same detections, our
    // matches as the provider's.
    let (layout, back) = read_detections_file(&out.path().join("detections_matched.csv")).unwrap();
    assert_eq!(layout, Layout::Generic);
    assert_eq!(back.rejects.total(), 0);
    assert_eq!(back.detections.len(), outcomes.len());
    for (b, o) in back.detections.iter().zip(&outcomes) {
        let d = &o.detection;
        let same = (
            &b.id,
            b.time,
            b.lat,
            b.lon,
            b.length_m,
            &b.source,
            &b.scene_id,
        );
        assert_eq!(
            same,
            (
                &d.id,
                d.time,
                d.lat,
                d.lon,
                d.length_m,
                &d.source,
                &d.scene_id
            )
        );
        assert_eq!(b.source_mmsi, o.matched.map(|m| m.mmsi));
    }
    let obs = std::fs::read_to_string(out.path().join("observations_imported.csv")).unwrap();
    assert!(obs.starts_with("time,site,kind,vessel,count,"), "{obs}");
    assert_eq!(obs.lines().count(), 4);
}

#[test]
fn matching_on_real_danish_ais() {
    // The bundled DMA capture (27 s of the Danish feed, 2010-06-11), ingested as analyze does.
    let dir = tempfile::tempdir().unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ais/dma-stream-sample.nmea");
    let sources = lookout_ingest::expand(&sample.to_string_lossy()).unwrap();
    let writer = StoreWriter::open(dir.path(), Default::default()).unwrap();
    let mut ingest = lookout_ingest::Ingest::new(writer, Default::default());
    ingest.run(&sources).unwrap();
    ingest.finish().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut rows: Vec<PositionRow> = Vec::new();
    for_each_position(&store, TimeRange::default(), |p| rows.push(p)).unwrap();
    // The moving vessel with the most fixes; a detection halfway between two of its fixes.
    rows.sort_by_key(|p| (p.mmsi, p.time));
    let moving = |p: &PositionRow| p.sog.is_some_and(|s| s > 5.0);
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < rows.len() {
        let j = rows[i..]
            .iter()
            .take_while(|p| p.mmsi == rows[i].mmsi)
            .count()
            + i;
        if rows[i..j].iter().all(moving) && best.is_none_or(|(a, b)| j - i > b - a) {
            best = Some((i, j));
        }
        i = j;
    }
    let (a, b) = best.unwrap();
    let track = &rows[a..b];
    assert!(track.len() >= 3, "{} fixes", track.len());
    let (p, q) = (&track[1], &track[2]);
    let mid = LatLon::new((p.lat + q.lat) / 2.0, (p.lon + q.lon) / 2.0);
    let time = (p.time + q.time) / 2;
    let det = |id: &str, at: LatLon| lookout_imports::detections::Detection {
        id: id.into(),
        time,
        lat: at.lat,
        lon: at.lon,
        length_m: None,
        source: "test".into(),
        scene_id: Some("dma".into()),
        source_mmsi: None,
        file: "inline".into(),
        line: 0,
    };
    let off = destination(mid, 0.0, 5.0);
    let outcomes = match_detections(
        Some(&store),
        vec![det("on", mid), det("off", off)],
        &MatchConfig::default(),
    )
    .unwrap();
    let on = outcomes.iter().find(|o| o.detection.id == "on").unwrap();
    let m = on.matched.unwrap();
    assert_eq!((m.mmsi, m.method), (p.mmsi, Method::Interpolated));
    assert!(m.distance_km < 0.01, "{m:?}");
    let off = outcomes.iter().find(|o| o.detection.id == "off").unwrap();
    // 5 km north of a moving ship in a busy strait: either nobody is within 1.5 km, or someone
    // else is, but never the ship 5 km away.
    match off.matched {
        None => assert_eq!(off.dark, Some(DarkReason::NoAisWithinDistance)),
        Some(m) => {
            assert_ne!(m.mmsi, p.mmsi);
            assert!(m.distance_km <= 1.5);
        }
    }
    assert!(distance_km(mid, LatLon::new(off.detection.lat, off.detection.lon)) > 4.9);
}
