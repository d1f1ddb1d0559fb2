//! Shared by the watch's tests: a project folder made from the bundled corridor example with
//! chosen feeds and rules, the simulated Rajin departures (`tests/data/rajin-departures.toml`),
//! and a watch started on it with its routes served.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lookout_project::Project;
use lookout_watch::config::AlertsConfig;
use lookout_watch::{Options, Watch};
use serde_json::Value;

/// The bundled example project.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated")
}

/// A copy of the example project in `dir` whose `[[feed]]`s are `feeds` (TOML) and whose
/// `alerts.toml` is the example's followed by `extra`.
pub fn project(dir: &Path, feeds: &str, extra: &str) -> PathBuf {
    let p = dir.join("project");
    std::fs::create_dir_all(&p).unwrap();
    for f in ["observations.csv", "claims.csv", "sanctions.ftm.jsonl"] {
        std::fs::copy(example().join(f), p.join(f)).unwrap();
    }
    let corridor = std::fs::read_to_string(example().join("corridor.toml")).unwrap();
    let start = corridor.find("[[feed]]").unwrap();
    let end = corridor[start..].find("[ledger]").unwrap() + start;
    let corridor = format!("{}{feeds}\n\n{}", &corridor[..start], &corridor[end..]);
    std::fs::write(p.join("corridor.toml"), corridor).unwrap();
    let alerts = std::fs::read_to_string(example().join("alerts.toml")).unwrap();
    std::fs::write(p.join("alerts.toml"), format!("{alerts}\n{extra}\n")).unwrap();
    p
}

/// aisstream.io position reports (aisstream's published message shape) for one vessel.
pub fn aisstream_positions(mmsi: u32, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let lat = 42.80 + i as f64 * 0.001;
            format!(
                r#"{{"Message":{{"PositionReport":{{"Cog":45.0,"CommunicationState":0,"Latitude":{lat},"Longitude":132.9,"MessageID":1,"NavigationalStatus":0,"PositionAccuracy":true,"Raim":false,"RateOfTurn":0,"RepeatIndicator":0,"Sog":8.5,"Spare":0,"SpecialManoeuvreIndicator":0,"Timestamp":1,"TrueHeading":44,"UserID":{mmsi},"Valid":true}}}},"MessageType":"PositionReport","MetaData":{{"MMSI":{mmsi},"MMSI_String":{mmsi},"ShipName":"WS TEST","latitude":{lat},"longitude":132.9,"time_utc":"2023-10-01 0{h}:{m:02}:00.5 +0000 UTC"}}}}"#,
                h = i / 60,
                m = i % 60
            )
        })
        .collect()
}

/// Adds `settings` (TOML lines) to the `[watch]` table of the project's `alerts.toml`.
pub fn watch_settings(project: &Path, settings: &str) {
    let path = project.join("alerts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\n[watch]\n"),
        "no [watch] table in {}",
        path.display()
    );
    std::fs::write(
        &path,
        text.replacen("\n[watch]\n", &format!("\n[watch]\n{settings}\n"), 1),
    )
    .unwrap();
}

/// The Rajin departures scenario simulated for `days` into `dir/ais.nmea`; returns its lines.
pub fn rajin_departures(dir: &Path, days: f64) -> Vec<Vec<u8>> {
    use lookout_sim::scenario::Scenario;
    use lookout_sim::sim::{NmeaWriter, Options, Simulation};
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rajin-departures.toml"),
    )
    .unwrap();
    let scenario = Scenario::from_toml(&text).unwrap();
    let land = lookout_core::land::Land::east_asia();
    let sim = Simulation::new(
        scenario,
        &land,
        &Options {
            days: Some(days),
            ..Default::default()
        },
    )
    .unwrap();
    let mut out = NmeaWriter::new(Vec::new());
    sim.run(&mut out).unwrap();
    let bytes = out.into_inner();
    std::fs::File::create(dir.join("ais.nmea"))
        .unwrap()
        .write_all(&bytes)
        .unwrap();
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// A project in `dir` following one `file:` feed named `rajin` of a day of the Rajin
/// departures (`dir/ais.nmea`); returns the project folder and the file's lines.
pub fn rajin_project(dir: &Path) -> (PathBuf, u64) {
    let lines = rajin_departures(dir, 1.0);
    let feeds = format!(
        "[[feed]]\nname = \"rajin\"\nurl = \"file:{}\"\n",
        dir.join("ais.nmea").display()
    );
    (project(dir, &feeds, ""), lines.len() as u64)
}

/// Starts a watch over `project`, waits until its feed `rajin` has read `total` lines, stops
/// it (which writes a last checkpoint) and returns the last status.
pub async fn watch_to_end(project: &Path, total: u64) -> Value {
    let (watch, base) = start(project, None).await;
    let s = wait_for(&base, Duration::from_secs(300), |s| {
        feed(s, "rajin")["lines"].as_u64() == Some(total)
    })
    .await;
    watch.stop().await.unwrap();
    s
}

/// A started watch over `project`, its routes served on a free port; returns the base URL.
pub async fn start(project: &Path, token: Option<&str>) -> (Watch, String) {
    let p = Project::load(project).unwrap();
    let alerts = AlertsConfig::load(&p).unwrap();
    let options = Options {
        state_dir: project.join("watch"),
        store_dir: None,
        token: token.map(str::to_owned),
    };
    let mut watch = Watch::start(p, alerts, Default::default(), options, Box::new(|_| {})).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = watch.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (watch, base)
}

/// `GET base + path` as JSON.
pub async fn get(base: &str, path: &str) -> Value {
    let body = reqwest::get(format!("{base}{path}"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The status of the feed named `name` (null before the first status).
pub fn feed<'a>(status: &'a Value, name: &str) -> &'a Value {
    static NONE: Value = Value::Null;
    status["feeds"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == name))
        .unwrap_or(&NONE)
}

/// Polls `GET /api/v1/watch` until `done` holds (panics with the last status after `limit`).
pub async fn wait_for(base: &str, limit: Duration, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let s = get(base, "/api/v1/watch").await;
        if done(&s) {
            return s;
        }
        assert!(start.elapsed() < limit, "timed out; last status:\n{s:#}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
