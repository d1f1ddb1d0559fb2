//! The real `lookout events` binary end to end: a simulated day (scripted port calls, a meeting
//! at sea, a dark leg, spoofing) is simulated, ingested and turned into events; the output
//! columns and formats of `docs/events.md`, the flags, the errors and exit codes, and a real
//! capture (superyachts moored side by side in Auckland) that must give no encounter.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use lookout_core::event::COLUMNS;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

/// The accuracy scenario of lookout-events (Peter the Great Gulf; TANKER meets RECEIVER at
/// sea for 6 h on the first day).
fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../lookout-events/tests/data/accuracy.toml")
}

fn lookout(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run lookout")
}

/// An empty folder for one test under cargo's `target/tmp`: runs reuse it (nothing piles up in
/// `/tmp`) and a failed test's files stay there for a look.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookout-events-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One simulated day of the scenario (no background traffic), ingested into a store, once per
/// test run: (scratch dir, store).
fn fixture() -> &'static (PathBuf, PathBuf) {
    static FIXTURE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = scratch("sim");
        let sim = dir.join("sim");
        let o = lookout(&[
            "simulate",
            "--scenario",
            path(&scenario()),
            "--out",
            path(&sim),
            "--days",
            "1",
            "--background",
            "0",
            "--seed",
            "1",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let store = dir.join("store");
        let o = lookout(&[
            "ingest",
            "-q",
            "--store",
            path(&store),
            path(&sim.join("ais.nmea")),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        (dir, store)
    })
}

/// Runs `lookout events` on the fixture store with extra arguments; returns the run and the
/// output path.
fn events(name: &str, extra: &[&str]) -> (Output, PathBuf) {
    let (dir, store) = fixture();
    let out = dir.join(name);
    let mut args = vec!["events", "--store", path(store), "--out", path(&out)];
    args.extend_from_slice(extra);
    (lookout(&args), out)
}

/// One CSV row split into its 17 columns. Only `details` (JSON, quoted) can hold commas or
/// quotes in these tests, so the 13 columns before it are split from the left and the 3 after
/// it from the right.
fn split_row(line: &str) -> Vec<String> {
    let mut head: Vec<String> = line.splitn(14, ',').map(str::to_owned).collect();
    let rest = head.pop().unwrap();
    let mut tail: Vec<String> = rest.rsplitn(4, ',').map(str::to_owned).collect();
    let details = tail.pop().unwrap();
    tail.reverse();
    let details = details
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .map(|d| d.replace("\"\"", "\""))
        .unwrap_or(details);
    head.push(details);
    head.extend(tail);
    head
}

/// The CSV's header and rows.
fn read_csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = fs::read_to_string(p).unwrap();
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    (header, lines.map(split_row).collect())
}

fn types_of(rows: &[Vec<String>]) -> BTreeSet<String> {
    rows.iter().map(|r| r[1].clone()).collect()
}

fn unix(rfc3339: &str) -> i64 {
    lookout_core::time::parse_time(rfc3339).unwrap()
}

/// The column names of the "Output columns" table of `docs/events.md`, in order.
fn documented_columns() -> Vec<String> {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/events.md"))
            .unwrap();
    let section = doc.split("## Output columns").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            let cell = l.split('|').nth(1).unwrap().to_owned();
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn csv_follows_the_column_contract_and_finds_the_scripted_events() {
    let (o, out) = events("all.csv", &["--areas", path(&scenario())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, rows) = read_csv(&out);
    assert_eq!(header, COLUMNS);
    assert_eq!(COLUMNS.to_vec(), documented_columns());
    assert!(rows.len() >= 10, "{} rows", rows.len());
    // The summary on stderr counts what was written.
    assert!(
        stderr(&o).contains(&format!("; {} events {{", rows.len())),
        "{}",
        stderr(&o)
    );
    for r in &rows {
        assert_eq!(r.len(), 17, "{r:?}");
        let (kind, mmsi, other) = (&r[1], &r[2], &r[3]);
        let (start, end) = (unix(&r[4]), unix(&r[5]));
        assert!(r[4].ends_with('Z') && r[5].ends_with('Z'), "{r:?}");
        assert!(start <= end, "{r:?}");
        // event_id = <type>-<mmsi>[-<other_mmsi>]-<start unix seconds>
        let id = if other.is_empty() {
            format!("{kind}-{mmsi}-{}", start / 1000)
        } else {
            format!("{kind}-{mmsi}-{other}-{}", start / 1000)
        };
        assert_eq!(r[0], id);
        let confidence: f64 = r[12].parse().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{r:?}");
        let details: Value = serde_json::from_str(&r[13]).unwrap();
        assert!(details.is_object(), "{r:?}");
        let n: u64 = r[14].parse().unwrap();
        assert!(n >= 1, "{r:?}");
        assert!(unix(&r[15]) <= unix(&r[16]), "{r:?}");
        for c in [6, 7, 8, 9] {
            assert!(r[c].is_empty() || r[c].parse::<f64>().is_ok(), "{r:?}");
        }
    }
    // The scripted meeting at sea: TANKER (273000002) and RECEIVER (445000003), 09:00-15:00.
    let enc: Vec<_> = rows.iter().filter(|r| r[1] == "encounter").collect();
    assert_eq!(enc.len(), 1, "{enc:?}");
    assert_eq!(
        (enc[0][2].as_str(), enc[0][3].as_str()),
        ("273000002", "445000003")
    );
    assert!(unix(&enc[0][4]) <= unix("2023-10-01T09:30:00Z"));
    assert!(unix(&enc[0][5]) >= unix("2023-10-01T14:30:00Z"));
    // Port visits name the scenario's ports.
    let ports: BTreeSet<&str> = ["Rajin", "Vostochny", "Nakhodka", "Vladivostok"].into();
    let visits: Vec<_> = rows.iter().filter(|r| r[1] == "port_visit").collect();
    assert!(visits.len() >= 5);
    assert!(
        visits.iter().all(|r| ports.contains(r[10].as_str())),
        "{visits:?}"
    );
    // The day also has a dark leg, spoofing and the RECEIVER's identity change.
    for t in ["gap", "spoofing", "identity_change", "loitering"] {
        assert!(types_of(&rows).contains(t), "no {t}");
    }
}

#[test]
fn geojson_and_parquet_carry_the_same_events() {
    let (o, csv) = events("same.csv", &["--areas", path(&scenario())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&csv);
    let (o, geo) = events("same.geojson", &["--areas", path(&scenario())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fc: Value = serde_json::from_str(&fs::read_to_string(&geo).unwrap()).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), rows.len());
    for (f, r) in features.iter().zip(&rows) {
        let props = f["properties"].as_object().unwrap();
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut want = COLUMNS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(props["event_id"], r[0].as_str());
        assert_eq!(props["start_time"], r[4].as_str());
        let kind = f["geometry"]["type"].as_str().unwrap_or("none");
        assert!(["Point", "LineString", "none"].contains(&kind), "{f}");
        if kind == "Point" {
            // GeoJSON order is [lon, lat].
            let c = f["geometry"]["coordinates"].as_array().unwrap();
            let lon: f64 = r[7].parse().unwrap_or(c[0].as_f64().unwrap());
            assert!((c[0].as_f64().unwrap() - lon).abs() < 1e-5, "{f} {r:?}");
        }
    }
    let (o, pq) = events("same.parquet", &["--areas", path(&scenario())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = fs::read(&pq).unwrap();
    assert!(bytes.len() > 1000 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // Written under a temporary name, renamed when complete: nothing of this test's outputs is
    // left behind (other tests write their own files into the same folder at the same time).
    let dir = pq.parent().unwrap();
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("same.") && name.ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn types_window_and_threshold_flags() {
    // --types keeps only the listed types.
    let (o, out) = events(
        "types.csv",
        &["--areas", path(&scenario()), "--types", "encounter,gap"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert_eq!(
        types_of(&rows),
        ["encounter", "gap"].map(String::from).into()
    );
    // An unknown type is a usage error naming the valid ones.
    let (o, _) = events("bad-type.csv", &["--types", "meeting"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("port_visit"), "{}", stderr(&o));

    // --from/--to: only data of the window; the 09:00-15:00 meeting is outside 00:00-08:00.
    let (o, out) = events(
        "window.csv",
        &[
            "--areas",
            path(&scenario()),
            "--from",
            "2023-10-01T00:00:00Z",
            "--to",
            "2023-10-01T08:00:00Z",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[1] != "encounter"));
    assert!(rows
        .iter()
        .all(|r| unix(&r[15]) <= unix("2023-10-01T08:00:00Z")));

    // --config overrides a threshold: a meeting must now last 8 h, the scripted one lasts 6.
    let (dir, _) = fixture();
    let cfg = dir.join("long-meetings.toml");
    fs::write(&cfg, "[encounter]\nmin_hours = 8\n").unwrap();
    let (o, out) = events(
        "config.csv",
        &["--areas", path(&scenario()), "--config", path(&cfg)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert!(rows.iter().all(|r| r[1] != "encounter"));
    assert!(types_of(&rows).contains("port_visit"));
    // An unknown key is an error that names it.
    fs::write(&cfg, "[encounter]\nmin_hourz = 8\n").unwrap();
    let (o, _) = events("config-bad.csv", &["--config", path(&cfg)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("min_hourz"), "{}", stderr(&o));
}

#[test]
fn without_areas_the_meeting_at_sea_stays_and_berths_side_by_side_go() {
    let (o, out) = events("no-areas.csv", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    // No areas, no port visits.
    assert!(rows.iter().all(|r| r[1] != "port_visit"));
    let enc: Vec<_> = rows.iter().filter(|r| r[1] == "encounter").collect();
    assert_eq!(enc.len(), 1, "{enc:?}");
    assert_eq!(
        (enc[0][2].as_str(), enc[0][3].as_str()),
        ("273000002", "445000003")
    );
    // With the port rules switched off, ships berthed side by side in port are encounters
    // too: the check above can fail.
    let (dir, _) = fixture();
    let cfg = dir.join("no-port-rules.toml");
    fs::write(
        &cfg,
        "[encounter]\nmin_shore_km = 0\nno_ports_min_shore_km = 0\n[anchorage]\ninfer = false\n",
    )
    .unwrap();
    let (o, out) = events(
        "no-rules.csv",
        &["--config", path(&cfg), "--types", "encounter"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert!(rows.len() > 1, "{rows:?}");
}

#[test]
fn errors_name_the_file_and_exit_2() {
    let (dir, _) = fixture();
    // Missing store.
    let missing = dir.join("no-such-store");
    let out = dir.join("err.csv");
    let o = lookout(&["events", "--store", path(&missing), "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not exist") && stderr(&o).contains("no-such-store"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // Missing and malformed areas files.
    let (o, out) = events("err-areas.csv", &["--areas", "/no/such/areas.geojson"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/areas.geojson"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    let bad = dir.join("bad.geojson");
    fs::write(&bad, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    let (o, _) = events("err-areas2.csv", &["--areas", path(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.geojson") && stderr(&o).contains("GeoJSON"),
        "{}",
        stderr(&o)
    );
    let unnamed = dir.join("unnamed.geojson");
    fs::write(
        &unnamed,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"radius_km":3},"geometry":{"type":"Point","coordinates":[130.3,42.2]}}]}"#,
    )
    .unwrap();
    let (o, _) = events("err-areas3.csv", &["--areas", path(&unnamed)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("name"), "{}", stderr(&o));
    // Unreadable config and land files.
    let (o, _) = events("err-config.csv", &["--config", "/no/such/config.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/config.toml"),
        "{}",
        stderr(&o)
    );
    let (o, _) = events("err-land.csv", &["--land", path(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("land"), "{}", stderr(&o));
    // An output format that does not exist.
    let (o, out) = events("events.txt", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".csv"), "{}", stderr(&o));
    assert!(!out.exists());
    // Missing required argument: clap's usage error.
    let o = lookout(&["events", "--out", path(&dir.join("x.csv"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--store"), "{}", stderr(&o));
}

/// The real exactEarth capture of 2012-01-31..02-02 (`amsa-risky/exact-earth-augmented*.txt`):
/// two superyachts and a third transmitter lie moored side by side in Auckland's Viaduct
/// Harbour for 14 h. Without areas (and outside the bundled land polygons) the anchorage
/// inferred from the other vessels stopped there must keep them from being encounters. The
/// third transmitter's MMSI is not a ship station's (ITU-R M.585, `[identity]`), so it makes no
/// vessel: one pair is left, the two yachts (319009500, 319024000).
#[test]
fn real_capture_moored_side_by_side_in_port_is_no_encounter() {
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/ais/amsa-risky"
    ));
    let dir = scratch("auckland");
    let store = dir.join("store");
    let mut args = vec!["ingest".to_owned(), "-q".into(), "--store".into()];
    args.push(path(&store).to_owned());
    for f in [
        "exact-earth-augmented.txt",
        "exact-earth-augmented-2.txt",
        "exact-earth-augmented-3.txt",
    ] {
        args.push(path(&shared.join(f)).to_owned());
    }
    let o = Command::new(BIN).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    let out = dir.join("events.csv");
    let o = lookout(&["events", "--store", path(&store), "--out", path(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert!(rows.len() > 100, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r[1] != "encounter"));
    assert!(
        stderr(&o).contains("\"encounter_in_anchorage\":1"),
        "{}",
        stderr(&o)
    );

    // With anchorage inference off, the moored pair comes back: the test can fail.
    let cfg = dir.join("no-anchorages.toml");
    fs::write(&cfg, "[anchorage]\ninfer = false\n").unwrap();
    let o = lookout(&[
        "events",
        "--store",
        path(&store),
        "--config",
        path(&cfg),
        "--types",
        "encounter",
        "--out",
        path(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = read_csv(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0][2].as_str(), rows[0][3].as_str()),
        ("319009500", "319024000")
    );
    for r in &rows {
        let (lat, lon): (f64, f64) = (r[6].parse().unwrap(), r[7].parse().unwrap());
        assert!(
            (lat + 36.842).abs() < 0.01 && (lon - 174.760).abs() < 0.01,
            "{r:?}"
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn threads_give_the_same_events_byte_for_byte() {
    let (one, out_one) = events("threads1.csv", &["--threads", "1"]);
    let (two, out_two) = events("threads2.csv", &["--threads", "2"]);
    assert!(
        one.status.success() && two.status.success(),
        "{}",
        stderr(&two)
    );
    let (a, b) = (fs::read(out_one).unwrap(), fs::read(out_two).unwrap());
    assert!(
        a.iter().filter(|&&c| c == b'\n').count() > 3,
        "events written"
    );
    assert!(a == b, "the same events with one and two threads");
    assert_eq!(stderr(&one), stderr(&two), "the same summary");
}

/// The real satellite and tag-block captures of `tests/data/ais` (AMSA's exactEarth files and
/// GFW's samples, 2012) in one store, as in docs/events.md ("On the real captures"): feed
/// artefacts are not reported as ships' doing. The satellite passes' timing makes no spoofing,
/// placeholder MMSIs (`MID000000`) make no vessel, and a satellite station, silent between
/// captures weeks apart, is no receiver outage (before that rule: one `receiver_outage` gap).
#[test]
fn real_captures_give_no_spoofing_and_no_satellite_outage() {
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/ais"));
    let mut inputs = Vec::new();
    for (dir, exts) in [
        ("amsa-risky", &["txt", "gz"][..]),
        ("gfw-ais-tools", &["nmea"][..]),
    ] {
        for e in fs::read_dir(data.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
                inputs.push(p);
            }
        }
    }
    inputs.sort();
    assert!(inputs.len() > 10, "{inputs:?}");
    let dir = scratch("real-captures");
    let store = dir.join("store");
    let mut args = vec!["ingest", "-q", "--store", path(&store)];
    args.extend(inputs.iter().map(|p| path(p)));
    let o = lookout(&args);
    assert!(o.status.success(), "{}", stderr(&o));

    let out = dir.join("events.csv");
    let o = lookout(&["events", "--store", path(&store), "--out", path(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let log = stderr(&o);
    let (_, rows) = read_csv(&out);
    let gaps: Vec<Value> = rows
        .iter()
        .filter(|r| r[1] == "gap")
        .map(|r| serde_json::from_str(&r[13]).unwrap())
        .collect();
    assert!(gaps.len() > 1000, "{} gaps", gaps.len());
    assert!(rows.iter().all(|r| r[1] != "spoofing"), "{log}");
    // The satellite jumps are set aside with their reason, the placeholders counted.
    assert!(log.contains("\"jump_satellite_timing\":"), "{log}");
    assert!(log.contains("\"mid_then_zeros\":"), "{log}");
    for g in &gaps {
        let station = g["reason_evidence"]["outage"]["station"].as_str();
        assert!(
            !station.is_some_and(|s| s.contains("AIS_S")),
            "a satellite's silence taken for an outage: {g}"
        );
    }
    let _ = fs::remove_dir_all(&dir);
}
