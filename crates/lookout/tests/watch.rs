//! `lookout watch` and `lookout replay` as processes, over simulated AIS replayed live:
//! - killed with SIGKILL at random moments (many times) while a replay feeds it, the watch
//!   writes the same `alerts.jsonl` (each notification once, none lost) and `events.csv` as an
//!   uninterrupted run, and its webhook gets every notification at least once;
//! - on the Rajin departures scenario, every scripted dark departure from Rajin of a
//!   watchlist ship raises its "dark-near-rajin" alert, and nothing else does;
//! - on the bundled corridor scenario replayed over TCP, and on the Rajin departures, the alerts
//!   are the ones the batch pipeline's events imply for the same rules;
//! - rule errors stop the watch with their file, line and field.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use lookout_core::event::{Event, EventType};
use lookout_project::Project;
use lookout_watch::config::AlertsConfig;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

/// An empty folder for one test under cargo's `target/tmp`: runs reuse it (nothing piles up in
/// `/tmp`) and a failed test's files stay there for a look.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookout-watch-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated")
}

fn run(args: &[&str]) {
    let o = Command::new(BIN).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "lookout {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `lookout simulate` into `dir/sim`; returns the NMEA path.
fn simulate(dir: &Path, scenario: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("sim");
    let mut args = vec![
        "simulate",
        "--scenario",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args);
    out.join("ais.nmea")
}

/// A copy of the example project whose feed URL is `url`, with `extra` appended to its
/// `alerts.toml`.
fn project(dir: &Path, url: &str, extra: &str) -> PathBuf {
    let p = dir.join("project");
    std::fs::create_dir_all(&p).unwrap();
    for f in ["observations.csv", "claims.csv", "sanctions.ftm.jsonl"] {
        std::fs::copy(example().join(f), p.join(f)).unwrap();
    }
    let corridor = std::fs::read_to_string(example().join("corridor.toml")).unwrap();
    let corridor = corridor.replace(
        "url = \"tcp://127.0.0.1:5631\"",
        &format!("url = \"{url}\""),
    );
    std::fs::write(p.join("corridor.toml"), corridor).unwrap();
    let alerts = std::fs::read_to_string(example().join("alerts.toml")).unwrap();
    // Checkpoints often, so that kills land between them.
    let alerts = alerts.replace("checkpoint_seconds = 10", "checkpoint_seconds = 0.5");
    std::fs::write(p.join("alerts.toml"), format!("{alerts}\n{extra}")).unwrap();
    p
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A body from a plain HTTP/1.1 GET, if the server answers.
fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    // Chunked bodies (axum's JSON is not chunked, but be safe): keep the JSON object only.
    let start = body.find('{')?;
    let end = body.rfind('}')?;
    Some(body[start..=end].to_owned())
}

/// A running `lookout watch`.
struct Watcher {
    child: Child,
    port: u16,
}

impl Watcher {
    fn start(project: &Path) -> Watcher {
        Watcher::with_args(project, &[])
    }

    fn with_args(project: &Path, extra: &[&str]) -> Watcher {
        let port = free_port();
        let child = Command::new(BIN)
            .args([
                "watch",
                project.to_str().unwrap(),
                "--addr",
                &format!("127.0.0.1:{port}"),
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        Watcher { child, port }
    }

    fn status(&self) -> Option<Value> {
        http_get(self.port, "/api/v1/watch").and_then(|b| serde_json::from_str(&b).ok())
    }

    /// Lines the feed has handled (none before the server answers).
    fn lines(&self) -> Option<u64> {
        self.status()?["feeds"][0]["lines"].as_u64()
    }

    /// Waits until the feed has handled `total` lines, then stops with SIGTERM (a checkpoint
    /// on the way out).
    fn finish(mut self, total: u64, limit: Duration) {
        let start = Instant::now();
        while self.lines() != Some(total) {
            assert!(
                start.elapsed() < limit,
                "watch stuck at {:?} of {total} lines",
                self.lines()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        // Let the last alerts be written and the status settle.
        std::thread::sleep(Duration::from_millis(600));
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert!(self.child.wait().unwrap().success());
    }

    /// SIGKILL.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// A `lookout replay` of `nmea` into `target`.
fn replay(nmea: &Path, target: &str, speed: &str) -> Child {
    Command::new(BIN)
        .args([
            "replay",
            nmea.to_str().unwrap(),
            "--to",
            target,
            "--speed",
            speed,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn lines_of(path: &Path) -> u64 {
    BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .count() as u64
}

/// The alert log without the machine-time field.
fn alert_log(project: &Path) -> Vec<Value> {
    std::fs::read_to_string(project.join("alerts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("raised_at");
            v
        })
        .collect()
}

/// The Rajin departures (11 days, simulated once per test run) and a watch that followed
/// their replay into a file without interruption: (scratch dir, NMEA, project).
fn rajin() -> &'static (PathBuf, PathBuf, PathBuf) {
    static RUN: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = scratch("rajin");
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../lookout-watch/tests/data/rajin-departures.toml");
        let nmea = simulate(&dir, &scenario, &[]);
        let live = dir.join("live.nmea");
        let project = project(&dir, &format!("file:{}", live.display()), "");
        let mut r = replay(&nmea, &format!("file:{}", live.display()), "100000");
        let w = Watcher::start(&project);
        assert!(r.wait().unwrap().success());
        w.finish(lines_of(&nmea), Duration::from_secs(300));
        (dir, nmea, project)
    })
}

/// A webhook receiver: every `Idempotency-Key` it gets, with how many times.
fn webhook() -> (u16, Arc<Mutex<HashMap<String, u32>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let keys: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let seen = keys.clone();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut s = s;
                loop {
                    let (mut key, mut len, mut line) = (None, 0usize, String::new());
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let l = line.trim_end();
                        if l.is_empty() {
                            break;
                        }
                        if let Some((name, value)) = l.split_once(':') {
                            match name.to_ascii_lowercase().as_str() {
                                "idempotency-key" => key = Some(value.trim().to_owned()),
                                "content-length" => len = value.trim().parse().unwrap_or(0),
                                _ => {}
                            }
                        }
                    }
                    let mut body = vec![0u8; len];
                    if r.read_exact(&mut body).is_err() {
                        return;
                    }
                    if let Some(k) = key {
                        *seen.lock().unwrap().entry(k).or_default() += 1;
                    }
                    if s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (port, keys)
}

/// A small deterministic generator for the kill times (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn killed_at_random_moments_the_watch_loses_no_alert_and_writes_none_twice() {
    let (_, nmea, reference) = rajin();
    let total = lines_of(nmea);
    let dir = scratch("kill");
    let live = dir.join("live.nmea");
    let (hook, received) = webhook();
    std::fs::write(dir.join("hook.secret"), "kill-test").unwrap();
    let extra = format!(
        "[[sink]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1:{hook}/\"\nsecret_file = \"{}\"\nbackoff_seconds = 0.05\n\n\
         [[rule]]\nname = \"every-gap-and-visit\"\nevents = [\"gap\", \"port_visit\"]\nvessels = \"any\"\nsinks = [\"hook\"]\n",
        dir.join("hook.secret").display()
    );
    let project = project(&dir, &format!("file:{}", live.display()), &extra);
    // Store rows committed alone (without a checkpoint) whenever 2,000 wait, so that kills
    // also land after a commit of rows the last checkpoint does not cover.
    let alerts = std::fs::read_to_string(project.join("alerts.toml")).unwrap();
    assert!(alerts.contains("\n[watch]\n"));
    let alerts = alerts.replacen("\n[watch]\n", "\n[watch]\nmax_pending_rows = 2000\n", 1);
    std::fs::write(project.join("alerts.toml"), alerts).unwrap();
    let mut r = replay(nmea, &format!("file:{}", live.display()), "20000");
    let seed = 0x5eed_cafe_u64;
    let mut rng = Rng(seed);
    let kills = 12;
    for k in 0..kills {
        let w = Watcher::start(&project);
        // Somewhere between before the server is up and well into the processing.
        std::thread::sleep(Duration::from_millis(300 + rng.below(5000)));
        eprintln!("kill {k} at {:?} of {total} lines", w.lines());
        w.kill();
    }
    assert!(r.wait().unwrap().success());
    Watcher::start(&project).finish(total, Duration::from_secs(300));

    // The alert log and the events are those of the uninterrupted run, each line once.
    let mut killed = alert_log(&project);
    killed.retain(|a| a["rule"] != "every-gap-and-visit");
    let whole = alert_log(reference);
    assert!(!whole.is_empty());
    let keys: Vec<&Value> = killed.iter().map(|a| &a["key"]).collect();
    assert_eq!(
        keys,
        whole.iter().map(|a| &a["key"]).collect::<Vec<_>>(),
        "seed {seed:#x}"
    );
    for (a, b) in killed.iter().zip(&whole) {
        let strip = |v: &Value| {
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("seq");
            v
        };
        assert_eq!(strip(a), strip(b), "seed {seed:#x}");
    }
    let events = |p: &Path| std::fs::read_to_string(p.join("watch/events.csv")).unwrap();
    assert_eq!(events(&project), events(reference), "seed {seed:#x}");
    // No temporary checkpoint a kill left behind remains (removed at start).
    let left: Vec<String> = std::fs::read_dir(project.join("watch"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".checkpoint-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The store holds every row of the uninterrupted run's, each once.
    let (killed_rows, whole_rows) = (store_rows(&project), store_rows(reference));
    assert!(
        whole_rows.0.len() > 10_000,
        "{} positions",
        whole_rows.0.len()
    );
    assert_eq!(killed_rows.0.len(), whole_rows.0.len(), "seed {seed:#x}");
    assert!(killed_rows == whole_rows, "seed {seed:#x}");
    // The webhook got every notification routed to it, at least once.
    let routed: Vec<String> = alert_log(&project)
        .into_iter()
        .filter(|a| a["rule"] == "every-gap-and-visit")
        .map(|a| a["key"].as_str().unwrap().to_owned())
        .collect();
    assert!(routed.len() > 20, "{} notifications", routed.len());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let got = received.lock().unwrap().clone();
        let missing: Vec<&String> = routed.iter().filter(|k| !got.contains_key(*k)).collect();
        if missing.is_empty() {
            let again = got.values().filter(|n| **n > 1).count();
            eprintln!(
                "webhook: {} notifications, {again} delivered more than once",
                routed.len()
            );
            break;
        }
        // The last run stopped with its deliveries; start it again to deliver the rest.
        assert!(Instant::now() < deadline, "never delivered: {missing:?}");
        Watcher::start(&project).finish(total, Duration::from_secs(60));
    }
}

/// The store keys (MMSI, time, payload) of every position of the project's store, sorted (a
/// duplicate stays twice), and its static rows.
fn store_rows(project: &Path) -> (Vec<(u32, i64, u64)>, u64) {
    let store = lookout_store::Store::open(project.join("store")).unwrap();
    let mut keys = Vec::new();
    lookout_store::for_each_position(&store, Default::default(), |p| keys.push(p.dedup_key()))
        .unwrap();
    keys.sort_unstable();
    let statics = store
        .files(lookout_store::Table::Statics)
        .map(|f| f.rows)
        .sum();
    (keys, statics)
}

/// Alert ids the events imply for the project's rules, for events starting before `until`.
fn implied(project: &Path, events: &[Event], until: i64) -> BTreeSet<String> {
    let p = Project::load(project).unwrap();
    let rules = AlertsConfig::load(&p).unwrap().rules;
    let mut ids = BTreeSet::new();
    let mut events: Vec<&Event> = events.iter().filter(|e| e.start_time < until).collect();
    events.sort_by_key(|e| e.start_time);
    let mut quiet: HashMap<(String, u32), i64> = HashMap::new();
    for e in events {
        for r in &rules {
            if !r.matches(e, &p, |_| (None, None)) {
                continue;
            }
            if r.quiet_ms > 0 {
                let key = (r.name.clone(), e.mmsi);
                if quiet
                    .get(&key)
                    .is_some_and(|&t| (e.start_time - t).abs() < r.quiet_ms)
                {
                    continue;
                }
                quiet.insert(key, e.start_time);
            }
            ids.insert(format!("{}/{}", r.name, e.event_id()));
        }
    }
    ids
}

/// The batch pipeline over the same NMEA: `lookout ingest` then `lookout events` over the
/// project's areas.
fn batch_events(dir: &Path, nmea: &Path, project: &Path) -> Vec<Event> {
    let store = dir.join("batch-store");
    let out = dir.join("batch-events.csv");
    run(&[
        "ingest",
        "--quiet",
        "--store",
        store.to_str().unwrap(),
        nmea.to_str().unwrap(),
    ]);
    let areas = project.join("corridor.toml");
    run(&[
        "events",
        "--store",
        store.to_str().unwrap(),
        "--areas",
        areas.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    lookout_core::event::read_csv_file(&out).unwrap().0
}

/// Live alert ids for events starting before `until`.
fn live_ids(project: &Path, until: i64) -> BTreeSet<String> {
    alert_log(project)
        .into_iter()
        .filter(|a| {
            lookout_core::time::parse_time(a["start_time"].as_str().unwrap()).unwrap() < until
        })
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Events starting in the last day are left out: at the end of the data the batch closes what
/// is still open (visits, silences), the live watch keeps waiting. So are gaps still open at
/// the end: the batch gives their reason then, when the reception around their start may be
/// forgotten (`gap.coverage_days`), the watch when the silence passed the gap threshold.
fn compare_with_batch(dir: &Path, nmea: &Path, project: &Path) -> usize {
    let events = batch_events(dir, nmea, project);
    let end = events.iter().map(|e| e.end_time).max().unwrap();
    let until = end - 86_400_000;
    let open: BTreeSet<String> = events
        .iter()
        .filter(|e| e.event_type == EventType::Gap && e.details.get("open") == Some(&true.into()))
        .map(Event::event_id)
        .collect();
    let closed = |id: &String| !open.contains(id.split_once('/').map_or("", |(_, e)| e));
    let want: BTreeSet<String> = implied(project, &events, until)
        .into_iter()
        .filter(closed)
        .collect();
    let got: BTreeSet<String> = live_ids(project, until)
        .into_iter()
        .filter(closed)
        .collect();
    assert_eq!(
        got, want,
        "live alerts differ from what the batch events imply"
    );
    want.len()
}

#[test]
fn every_dark_departure_from_rajin_of_a_watchlist_ship_raises_its_alert() {
    let (dir, nmea, project) = rajin();
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sim/truth.json")).unwrap())
            .unwrap();
    let p = Project::load(project).unwrap();
    let rajin = p
        .areas
        .all()
        .iter()
        .find(|a| a.name.starts_with("Rajin"))
        .unwrap();
    let alerts = alert_log(project);
    let dark: Vec<&Value> = alerts
        .iter()
        .filter(|a| a["rule"] == "dark-near-rajin" && a["state"] == "open")
        .collect();
    let mut expected = 0;
    for e in truth["events"].as_array().unwrap() {
        let (lat, lon) = (e["lat"].as_f64().unwrap(), e["lon"].as_f64().unwrap());
        let mmsi = e["mmsi"].as_u64().unwrap() as u32;
        let departure = e["event_type"] == "gap"
            && e["details"]["cause"] == "ais_off"
            && e["details"]["duration_h"].as_f64().unwrap() >= 6.0
            && rajin.distance_km(lat, lon) <= 20.0;
        if !departure || p.vessel_by_mmsi(mmsi).is_none() {
            continue;
        }
        expected += 1;
        // The alert starts at the last position received before the switch-off.
        let off = lookout_core::time::parse_time(e["start_time"].as_str().unwrap()).unwrap();
        let found = dark.iter().any(|a| {
            let t = lookout_core::time::parse_time(a["start_time"].as_str().unwrap()).unwrap();
            a["mmsi"] == mmsi && t <= off && off - t < 30 * 60_000
        });
        assert!(
            found,
            "no dark-near-rajin alert for {} going dark at {}",
            e["vessel"], e["start_time"]
        );
    }
    assert_eq!(expected, 3, "MAIA-1 twice and LADY R once leave Rajin dark");
    assert_eq!(dark.len(), expected, "{dark:#?}");
    // MARIA went dark off Vladivostok: watchlist-dark, not dark-near-rajin; VITYAZ is not watched.
    assert!(alerts
        .iter()
        .any(|a| a["rule"] == "watchlist-dark" && a["vessel"] == "MARIA"));
    assert!(!alerts
        .iter()
        .any(|a| a["mmsi"] == 273900105 && a["event_type"] == "gap"));
    let n = compare_with_batch(dir, nmea, project);
    assert!(n >= 10, "{n} alerts");
}

#[test]
fn the_corridor_scenario_replayed_over_tcp_alerts_as_the_batch_events_imply() {
    let dir = scratch("corridor");
    // Ten weeks of the bundled scenario with two background ships: LADY R and MAIA-1 go dark
    // at Vostochny and Vladivostok, MAIA-1 makes its first Rajin -> Vostochny runs. LADY R's
    // gap is still open at the end (left out of the comparison): port visits and draught
    // changes remain.
    let nmea = simulate(
        &dir,
        &example().join("scenario.toml"),
        &["--days", "70", "--background", "2"],
    );
    let port = free_port();
    let project = project(&dir, &format!("tcp://127.0.0.1:{port}"), "");
    let mut r = replay(&nmea, &format!("tcp://127.0.0.1:{port}"), "0");
    let w = Watcher::start(&project);
    assert!(r.wait().unwrap().success());
    w.finish(lines_of(&nmea), Duration::from_secs(600));
    let n = compare_with_batch(&dir, &nmea, &project);
    assert!(n >= 4, "{n} alerts");
}

#[test]
fn rule_errors_stop_the_watch_with_their_line_and_field() {
    let dir = scratch("errors");
    let project = project(
        &dir,
        "tcp://127.0.0.1:1",
        "[[rule]]\nname = \"x\"\nevents = [\"gap\"]\nareas = [\"Atlantis\"]\n",
    );
    let o = Command::new(BIN)
        .args(["watch", project.to_str().unwrap(), "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    let text = std::fs::read_to_string(project.join("alerts.toml")).unwrap();
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[rule]]")
        .last()
        .unwrap()
        .0
        + 1;
    assert!(
        err.contains(&format!(
            "alerts.toml:{line}: rule[7].areas: unknown area \"Atlantis\""
        )),
        "{err}"
    );
}

#[test]
fn the_alerts_panel_shows_a_replayed_alert_without_reloading() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "the browser test needs chromium at {chromium} (or CHROMIUM)"
    );
    assert!(
        web.join("node_modules/playwright-core").exists(),
        "run `npm ci` in {}",
        web.display()
    );
    let (_, nmea, _) = rajin();
    let dir = scratch("e2e");
    let live = dir.join("live.nmea");
    std::fs::write(&live, "").unwrap();
    let project = project(&dir, &format!("file:{}", live.display()), "");
    std::fs::write(dir.join("token"), "watch-e2e-token\n").unwrap();
    let mut w = Watcher::with_args(
        &project,
        &["--token-file", dir.join("token").to_str().unwrap()],
    );
    let start = Instant::now();
    while w.status().is_none() {
        // A port taken between free_port() and the watch binding it ends the watch: say so.
        let exited = w.child.try_wait().unwrap();
        assert!(
            exited.is_none(),
            "the watch exited ({exited:?}; its stderr is above)"
        );
        // A safety limit, not a timing check: a debug build loading the dashboard's data
        // beside the other watch tests on a busy machine has taken over 60 s.
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the watch did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    let mut node = Command::new("node")
        .arg("e2e/watch.mjs")
        .arg(format!("http://127.0.0.1:{}", w.port))
        .arg("watch-e2e-token")
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .current_dir(&web)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the browser test needs `node` (Node.js 18+) on the PATH");
    let mut out = String::new();
    let mut replaying = None;
    for line in BufReader::new(node.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if line == "READY" {
            replaying = Some(replay(nmea, &format!("file:{}", live.display()), "100000"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    let status = node.wait().unwrap();
    print!("{out}");
    if let Some(mut r) = replaying {
        r.wait().unwrap();
    }
    w.kill();
    assert!(status.success(), "browser checks failed:\n{out}");
    assert!(out.contains("ok   without reloading the page"), "{out}");
}
