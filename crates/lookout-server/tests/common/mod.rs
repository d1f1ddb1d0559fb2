//! Small projects for the server tests: the bundled dprk-russia-simulated folder (ledger draws
//! lowered) with a store of two vessels' positions and an events file, and the public-record
//! example without AIS; served on a loopback port.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use lookout_events::output::EventWriter;
use lookout_events::{Event, EventType};
use lookout_store::{PositionRow, StaticRow, StoreWriter, TimeSource, WriteOptions};

/// ANGARA's MMSI in the example watchlist.
pub const ANGARA: u32 = 273_900_101;
/// A vessel that is not watched.
pub const OTHER: u32 = 440_000_001;
/// 2023-08-20T00:00:00Z.
pub const T0: i64 = 1_692_489_600_000;
/// Start of ANGARA's gap towards Dunai (its event id is `gap-273900101-SECONDS`).
pub const GAP_START: i64 = T0 + 36_000_000;

/// The bundled simulated example project.
pub fn example() -> PathBuf {
    examples().join("dprk-russia-simulated")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Copies the bundled example `name` into `dir` with `draws = 200`.
fn copy_example(name: &str, dir: &Path) {
    let from = examples().join(name);
    std::fs::create_dir_all(dir).unwrap();
    for f in ["observations.csv", "claims.csv", "sanctions.ftm.jsonl"] {
        std::fs::copy(from.join(f), dir.join(f)).unwrap();
    }
    let corridor = std::fs::read_to_string(from.join("corridor.toml")).unwrap();
    assert!(corridor.contains("draws = 4000"));
    std::fs::write(
        dir.join("corridor.toml"),
        corridor.replace("draws = 4000", "draws = 200"),
    )
    .unwrap();
}

/// The public-record example (no simulated input) without AIS. Returns (project dir, out dir:
/// empty).
pub fn public_fixture(root: &Path) -> (PathBuf, PathBuf) {
    let project = root.join("public");
    copy_example("dprk-russia-public", &project);
    (project, root.join("public-out"))
}

/// Copies the simulated example project and writes an analysis folder beside it.
/// Returns (project dir, out dir).
pub fn fixture(root: &Path) -> (PathBuf, PathBuf) {
    let project = root.join("project");
    copy_example("dprk-russia-simulated", &project);
    let out = root.join("out");
    let mut w = StoreWriter::open(out.join("store"), WriteOptions::default()).unwrap();
    // ANGARA zigzags from Rajin towards Dunai over 10 hours, one report a minute.
    for (mmsi, lat0, lon0) in [(ANGARA, 42.233, 130.3), (OTHER, 35.0, 129.0)] {
        for i in 0..600i64 {
            let zig = if (i / 60) % 2 == 0 { 0.0 } else { 0.05 };
            w.push_position(PositionRow {
                mmsi,
                time: T0 + i * 60_000,
                time_source: TimeSource::Rx,
                lat: lat0 + i as f64 * 0.001 + zig,
                lon: lon0 + i as f64 * 0.003,
                sog: Some(10.0),
                cog: None,
                heading: None,
                nav_status: None,
                msg_type: 1,
                prov: Default::default(),
            });
        }
        w.push_static(StaticRow {
            mmsi,
            time: T0,
            msg_type: 5,
            imo: Some(if mmsi == ANGARA { 9179842 } else { 9876543 }),
            name: Some(if mmsi == ANGARA { "ANGARA" } else { "SEA STAR" }.into()),
            time_source: TimeSource::Rx,
            ..Default::default()
        });
    }
    w.flush().unwrap();
    let mut visit = Event::new(
        EventType::PortVisit,
        ANGARA,
        T0 - 86_400_000,
        T0,
        (42.233, 130.3),
        (42.233, 130.3),
    );
    visit.area = Some("Rajin (Najin) port".into());
    let mut gap = Event::new(
        EventType::Gap,
        ANGARA,
        GAP_START,
        T0 + 3 * 86_400_000,
        (42.8, 132.1),
        (42.88, 132.33),
    );
    gap.other_area = Some("Dunai (Dunay) naval facility, Primorye".into());
    let loiter = Event::new(
        EventType::Loitering,
        OTHER,
        T0,
        T0 + 3_600_000,
        (35.0, 129.0),
        (35.0, 129.0),
    );
    let mut ew = EventWriter::create(&out.join("events.csv")).unwrap();
    ew.write(&[visit, gap, loiter]).unwrap();
    ew.finish().unwrap();
    (project, out)
}

/// A server over the fixture on 127.0.0.1:0; returns its base URL.
pub async fn start(project: &Path, out: &Path, token: Option<&str>) -> String {
    let data = lookout_server::Dataset::load(project, out).unwrap();
    let state = lookout_server::AppState::new(data, token.map(str::to_owned)).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(lookout_server::serve(listener, lookout_server::app(state)));
    format!("http://{addr}")
}
