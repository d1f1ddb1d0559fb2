//! The real `lookout risk` and `lookout vessels` binaries on a small project: the ranked CSV and
//! its columns, the JSON breakdown with evidence, the evaluation against designations after the
//! date, rows of events.csv set aside with their line, the `risk` column appended to `lookout
//! vessels`, and the errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lookout_events::output::EventWriter;
use lookout_events::{Event, EventType};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

fn lookout(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run lookout")
}

/// `lookout risk --project P --events E` with more arguments.
fn risk(p: &Path, events: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["risk", "--project", s(p), "--events", s(events)];
    args.extend_from_slice(extra);
    lookout(&args)
}

/// An empty folder for one test under cargo's `target/tmp`: runs reuse it (nothing piles up in
/// `/tmp`) and a failed test's files stay there for a look.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookout-risk-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const CORRIDOR: &str = r#"
name = "risk test"
[[areas]]
name = "Rajin"
kind = "port"
centre = [42.233333, 130.3]
radius_km = 4
[[areas]]
name = "Dunai"
kind = "naval"
centre = [42.88028, 132.3375]
radius_km = 3
[[corridors]]
name = "Rajin -> Dunai"
mode = "sea"
origins = ["Rajin"]
destinations = ["Dunai"]
unit = "containers"
cycle_days = 12
max_speed_kn = 18
[corridors.prior]
low = 100
central = 230
high = 350
source = "test"
[[watchlist]]
name = "MARIA"
mmsi = [273900102]
flag = "RU"
"#;

const SANCTIONS: &str = r#"{"id":"v-maria","schema":"Vessel","properties":{"name":["MARIA"],"flag":["ru"]}}
{"id":"s-maria","schema":"Sanction","properties":{"entity":["v-maria"],"authority":["US Department of State"],"startDate":["2023-12-12"]}}
{"id":"v-tanker","schema":"Vessel","properties":{"name":["DARK TANKER"],"mmsi":["445000001"],"flag":["kp"]}}
{"id":"s-tanker","schema":"Sanction","properties":{"entity":["v-tanker"],"authority":["UN"],"startDate":["2023-03-01"]}}
"#;

fn t(s: &str) -> i64 {
    lookout_core::time::parse_time(s).unwrap()
}

fn gap(mmsi: u32, start: &str, hours: i64, area: &str) -> Event {
    let nan = (f64::NAN, f64::NAN);
    let mut e = Event::new(
        EventType::Gap,
        mmsi,
        t(start),
        t(start) + hours * 3_600_000,
        nan,
        nan,
    );
    e.area = Some(area.into());
    e
}

/// A project folder and an events.csv with one row that cannot be read (line 5).
fn project(name: &str) -> (PathBuf, PathBuf, Vec<Event>) {
    let dir = scratch(name);
    let p = dir.join("project");
    fs::create_dir_all(&p).unwrap();
    fs::write(p.join("corridor.toml"), CORRIDOR).unwrap();
    fs::write(p.join("sanctions.ftm.jsonl"), SANCTIONS).unwrap();
    let nan = (f64::NAN, f64::NAN);
    let mut meet = Event::new(
        EventType::Encounter,
        273_900_102,
        t("2023-10-10"),
        t("2023-10-10") + 6 * 3_600_000,
        nan,
        nan,
    );
    meet.other_mmsi = Some(445_000_001);
    let events = vec![
        gap(273_900_102, "2023-10-01", 40, "Rajin"),
        meet,
        gap(440_000_003, "2023-10-05", 10, "Busan"),
    ];
    let path = dir.join("events.csv");
    let mut w = EventWriter::create(&path).unwrap();
    w.write(&events).unwrap();
    w.finish().unwrap();
    let mut csv = fs::read_to_string(&path).unwrap();
    csv.push_str(
        "gap-1-1,gap,not-an-mmsi,,2023-10-01T00:00:00Z,2023-10-01T00:00:00Z,,,,,,,1,,0,,\n",
    );
    fs::write(&path, csv).unwrap();
    (p, path, events)
}

#[test]
fn ranked_csv_json_breakdown_and_evaluation() {
    let (p, events_csv, events) = project("rank");
    let o = risk(&p, &events_csv, &["--date", "2023-11-01"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "rank,vessel,imo,mmsis,watched,score,listed,network,dark,encounters,identity_changes,flag_changes,spoofing,port_calls,flag_of_convenience,fraudulent_registry,sanctions_status,matched_by,evidence"
    );
    // The listed tanker first (100), then MARIA (dark near Rajin, meeting the listed tanker).
    // The tanker is not in the AIS store: named from the list.
    assert!(
        lines[1].starts_with("1,DARK TANKER,,445000001,false,100,100,"),
        "{out}"
    );
    assert!(lines[2].starts_with("2,MARIA,,273900102,true,"), "{out}");
    assert!(
        lines[2].contains(&format!("dark:{}", events[0].event_id())),
        "{out}"
    );
    assert!(
        lines[2].contains(&format!("encounters:{}", events[1].event_id())),
        "{out}"
    );
    assert!(lines[2].contains(",not_yet_listed,name_flag,"), "{out}");
    // The Busan gap is not near a watched area; the vessel is scored 0.
    assert!(
        lines[3].starts_with("3,440000003,,440000003,false,0,"),
        "{out}"
    );
    assert!(err.contains("1 rows set aside, first line 5"), "{err}");

    let json = p.parent().unwrap().join("risk.json");
    let o = risk(
        &p,
        &events_csv,
        &[
            "--date",
            "2023-11-01",
            "--format",
            "json",
            "--out",
            s(&json),
            "--evaluate",
        ],
    );
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "evaluation: 1 designated after the date, 1 never listed, 1 left out; ROC AUC 1.000"
        ),
        "{err}"
    );
    let doc: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["evaluation"]["positives"][0]["vessel"], "MARIA");
    let maria = &doc["vessels"][1];
    assert_eq!(maria["vessel"]["name"], "MARIA");
    let dark = maria["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["signal"] == "dark")
        .unwrap();
    assert_eq!(dark["evidence"][0]["id"], events[0].event_id());
    assert_eq!(dark["evidence"][0]["kind"], "event");
    assert!(doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l.as_str().unwrap().starts_with("scored as of 2023-11-01")));
    // After MARIA's designation she is listed: 100.
    let o = risk(&p, &events_csv, &["--date", "2023-12-13"]);
    let (out, _) = text(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("1,MARIA,,273900102,true,100,100,")
                || l.starts_with("2,MARIA,,273900102,true,100,100,")),
        "{out}"
    );
}

#[test]
fn errors_name_the_problem() {
    let (p, events_csv, _) = project("errors");
    let o = lookout(&["risk"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("give --project"), "{}", text(&o).1);
    let cfg = p.parent().unwrap().join("bad.toml");
    fs::write(&cfg, "[dark]\nwieght = 3\n").unwrap();
    let o = risk(&p, &events_csv, &["--risk-config", s(&cfg)]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o).1;
    assert!(err.contains("bad.toml") && err.contains("wieght"), "{err}");
    let o = lookout(&["risk", "--project", s(&p)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("no --date"), "{}", text(&o).1);
}

#[test]
fn vessels_appends_a_risk_column() {
    let dir = scratch("vessels");
    let store = dir.join("store");
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ais/dma-stream-sample.nmea");
    let o = lookout(&["ingest", "--quiet", "--store", s(&store), s(&sample)]);
    assert!(o.status.success(), "{}", text(&o).1);
    let (plain, _) = text(&lookout(&["vessels", "--store", s(&store)]));
    assert!(plain.lines().count() > 100, "{plain}");
    let header = plain.lines().next().unwrap();
    assert_eq!(
        header,
        "mmsi,mid,names,imos,callsigns,ship_types,positions,statics,first_seen,last_seen"
    );
    // The first ship MMSI (9 digits) of the sample.
    let first: u32 = plain
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .find(|m| m.len() == 9)
        .unwrap()
        .parse()
        .unwrap();
    // A dark gap near a watched area for the first vessel.
    let events = dir.join("events.csv");
    let mut w = EventWriter::create(&events).unwrap();
    w.write(&[gap(first, "2010-06-10", 30, "Skagen")]).unwrap();
    w.finish().unwrap();
    let cfg = dir.join("risk.toml");
    fs::write(&cfg, "[areas]\ndark = [\"Skagen\"]\n").unwrap();
    let vessels = |extra: &[&str]| {
        let mut args = vec!["vessels", "--store", s(&store), "--events", s(&events)];
        args.extend_from_slice(&["--risk-config", s(&cfg)]);
        args.extend_from_slice(extra);
        lookout(&args)
    };
    let o = vessels(&[]);
    let (with, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let mut lines = with.lines();
    assert_eq!(lines.next().unwrap(), format!("{header},risk"));
    let rows: Vec<&str> = lines.collect();
    let plain_rows: Vec<&str> = plain.lines().skip(1).collect();
    assert_eq!(rows.len(), plain_rows.len());
    for (r, p) in rows.iter().zip(&plain_rows) {
        let (head, risk) = r.rsplit_once(',').unwrap();
        assert_eq!(head, *p, "existing columns unchanged");
        let risk: f64 = risk.parse().unwrap();
        let is_first = p.split(',').next() == Some(first.to_string().as_str());
        assert_eq!(risk > 0.0, is_first, "{r}");
    }
    let (jl, _) = text(&vessels(&["--format", "jsonl"]));
    let v = jl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["mmsi"] == first)
        .unwrap();
    assert!(v["risk"]["points"]["dark"].as_f64().unwrap() > 0.0, "{v}");
    fs::remove_dir_all(&dir).unwrap();
}
