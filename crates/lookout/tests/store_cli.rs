//! The real `lookout` binary against the store: `kill -9` in the middle of an ingest, the
//! track and vessels commands, and the pyarrow interop check (tests/interop/read_store.py).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use lookout_store::{vessels, Store, Table};

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/ais")).join(rel)
}

/// An empty folder for one test under cargo's `target/tmp`: runs reuse it (nothing piles up in
/// `/tmp`) and a failed test's files stay there for a look.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookout-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A MarineCadastre-layout CSV with `rows` distinct positions of 500 vessels.
fn big_csv(path: &Path, rows: usize) {
    let mut s = String::from(
        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n",
    );
    for i in 0..rows {
        let m = 273_000_000 + (i % 500);
        let secs = i / 500 * 10;
        let (h, mi, se) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
        let day = 1 + secs / 86_400;
        writeln!(
            s,
            "{m},2024-03-{day:02}T{h:02}:{mi:02}:{se:02},{:.5},{:.5},10.1,45.0,44,SHIP {},IMO9{:06},UB{},70,0,120,20,7.5,70,A",
            42.0 + (i % 500) as f64 * 0.01 + secs as f64 * 1e-5,
            131.0 + secs as f64 * 1e-5,
            i % 500,
            i % 500,
            i % 500
        )
        .unwrap();
    }
    fs::write(path, s).unwrap();
}

fn committed_files(store: &Path) -> usize {
    fs::read(store.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|m| m["files"].as_array().map(Vec::len))
        .unwrap_or(0)
}

#[test]
fn kill_9_during_ingest_leaves_a_store_that_opens_and_keeps_every_commit() {
    let dir = scratch("kill9");
    let csv = dir.join("big.csv");
    let rows = 120_000;
    big_csv(&csv, rows);
    let store = dir.join("store");
    let mut child = Command::new(BIN)
        .args(["ingest", "--quiet", "--batch-rows", "2000", "--store"])
        .arg(&store)
        .arg(&csv)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while committed_files(&store) < 3 {
        assert!(started.elapsed() < Duration::from_secs(120), "no commits");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before the kill"
        );
        thread::sleep(Duration::from_millis(5));
    }
    let seen = committed_files(&store);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let opened = Store::open(&store).unwrap();
    assert!(opened.warnings().is_empty(), "{:?}", opened.warnings());
    let files: Vec<_> = opened.files(Table::Positions).cloned().collect();
    assert!(opened.manifest().files.len() >= seen);
    let stored: u64 = files.iter().map(|f| f.rows).sum();
    assert!(stored > 0 && (stored as usize) < rows, "{stored}");
    // Every committed row reads back.
    let v = vessels(&opened).unwrap();
    assert_eq!(v.iter().map(|v| v.positions).sum::<u64>(), stored);

    // Resuming completes the store without duplicates.
    let out = Command::new(BIN)
        .args(["ingest", "--quiet", "--store"])
        .arg(&store)
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reopened = Store::open(&store).unwrap();
    let total: u64 = reopened.files(Table::Positions).map(|f| f.rows).sum();
    assert_eq!(total, rows as u64);
    let leftovers = walk(&store)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
    fs::remove_dir_all(&dir).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn lookout(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ingest_track_vessels_and_pyarrow_interop() {
    let dir = scratch("interop");
    let store = dir.join("store");
    let store_s = store.to_str().unwrap();
    let inputs = [
        shared("dma-aislib/stream_example.txt"),
        shared("aisdb/test_data_20211101.nm4"),
        shared("aisdb/test_data_noaa_20230101.csv"),
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../lookout-ingest/tests/data/dma_sample.csv"
        ))
        .to_path_buf(),
    ];
    let mut args = vec!["ingest", "--quiet", "--store", store_s];
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (ok, _, err) = lookout(&args);
    assert!(ok, "{err}");
    assert!(err.contains("positions"), "{err}");

    // 636021061 is MSC NAISHA III in the MarineCadastre sample.
    let (ok, csv, _) = lookout(&[
        "track",
        "--store",
        store_s,
        "--mmsi",
        "636021061",
        "--format",
        "csv",
    ]);
    assert!(ok);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("636021061,2023-01-11T00:00:00.000Z,26.09241,-80.04806,8.8,"));
    let (ok, gj, _) = lookout(&[
        "track",
        "--store",
        store_s,
        "--mmsi",
        "219000123",
        "--from",
        "2024-03-01T00:00:05Z",
    ]);
    assert!(ok);
    let gj: serde_json::Value = serde_json::from_str(&gj).unwrap();
    let features = gj["features"].as_array().unwrap();
    assert_eq!(features[0]["geometry"]["type"], "LineString");
    assert_eq!(features[0]["properties"]["points"], 2);
    assert_eq!(features.len(), 3);
    let (ok, _, _) = lookout(&["track", "--store", store_s, "--mmsi", "123"]);
    assert!(!ok, "no positions is exit status 1");
    let (ok, vs, _) = lookout(&["vessels", "--store", store_s]);
    assert!(ok);
    assert!(
        vs.lines()
            .any(|l| l.starts_with("273456789,273,MARIA,9876543,UBXY7,80,")),
        "{vs}"
    );

    let have_pyarrow = Command::new("python3")
        .args(["-c", "import pyarrow"])
        .status()
        .is_ok_and(|s| s.success());
    if !have_pyarrow {
        assert!(std::env::var_os("CI").is_none(), "CI must install pyarrow");
        eprintln!("pyarrow not installed: interop check skipped");
        return;
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/interop/read_store.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("passed, 0 failed"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_feed_commits_every_flush_secs_and_on_sigterm() {
    let dir = scratch("stdin");
    let store = dir.join("store");
    let mut child = Command::new(BIN)
        .args(["ingest", "--quiet", "--flush-secs", "1", "--store"])
        .arg(&store)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = fs::read(shared("aisdb/test_data_20211101.nm4")).unwrap();
    std::io::Write::write_all(&mut stdin, &text).unwrap();
    // stdin stays open: rows must be committed by the timer, not by EOF.
    let started = Instant::now();
    while committed_files(&store) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no periodic commit"
        );
        thread::sleep(Duration::from_millis(50));
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("925 positions"), "{err}");
    let opened = Store::open(&store).unwrap();
    let rows: u64 = opened.files(Table::Positions).map(|f| f.rows).sum();
    assert_eq!(rows, 925);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn decoder_jsonl_ingests_to_the_same_positions_as_its_nmea() {
    let dir = scratch("jsonl");
    let nmea = shared("aisdb/test_data_20211101.nm4");
    let out = Command::new(BIN)
        .args(["decode", "--format", "jsonl"])
        .arg(&nmea)
        .output()
        .unwrap();
    assert!(out.status.success());
    let jsonl = dir.join("decoded.jsonl");
    fs::write(&jsonl, &out.stdout).unwrap();
    let rows = |input: &Path, name: &str| {
        let store = dir.join(name);
        let (ok, _, err) = lookout(&[
            "ingest",
            "--quiet",
            "--store",
            store.to_str().unwrap(),
            input.to_str().unwrap(),
        ]);
        assert!(ok, "{err}");
        let s = Store::open(&store).unwrap();
        let mut all = Vec::new();
        lookout_store::for_each_position(&s, Default::default(), |r| {
            all.push((
                r.mmsi,
                r.time,
                r.lat.to_bits(),
                r.lon.to_bits(),
                r.sog,
                r.cog,
                r.heading,
                r.nav_status,
            ))
        })
        .unwrap();
        all.sort_by(|a, b| a.partial_cmp(b).unwrap());
        all
    };
    let from_nmea = rows(&nmea, "nmea");
    let from_json = rows(&jsonl, "json");
    assert_eq!(from_nmea.len(), 925);
    assert_eq!(from_json, from_nmea);
    fs::remove_dir_all(&dir).unwrap();
}
