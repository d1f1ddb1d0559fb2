//! End-to-end ingest checks on real captures and realistic exports: files, compression damage,
//! CSV layouts, time rules, and live TCP/UDP feeds on loopback.

use std::fs;
use std::io::Write;
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use lookout_ingest::{Ingest, IngestOptions, Source, Summary, TimeRule};
use lookout_store::{track, vessels, Store, StoreWriter, TimeRange, TimeSource};

fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/ais")).join(rel)
}

fn data(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).join(rel)
}

fn ingest_with(store: &Path, sources: &[Source], opts: IngestOptions) -> Summary {
    let writer = StoreWriter::open(store, Default::default()).unwrap();
    let mut ingest = Ingest::new(writer, opts);
    ingest.run(sources).unwrap();
    ingest.finish().unwrap()
}

fn ingest(store: &Path, files: &[PathBuf]) -> Summary {
    let sources: Vec<Source> = files.iter().cloned().map(Source::File).collect();
    ingest_with(store, &sources, IngestOptions::default())
}

fn stored_positions(store: &Path) -> u64 {
    let s = Store::open(store).unwrap();
    s.files(lookout_store::Table::Positions)
        .map(|f| f.rows)
        .sum()
}

#[test]
fn nmea_files_then_reingest_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        shared("dma-aislib/stream_example.txt"),
        shared("aisdb/test_data_20211101.nm4"),
        shared("libais/tagblock.nmea"),
    ];
    let first = ingest(dir.path(), &files);
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    // stream_example.txt: 4033 messages, aisdb: 979, tagblock: 4 (SOURCES.md counts).
    assert!(first.messages >= 5000, "{first:?}");
    assert!(first.positions > 3500 && first.statics > 400, "{first:?}");
    assert_eq!(first.positions, stored_positions(dir.path()));
    let again = ingest(dir.path(), &files);
    assert_eq!((again.positions, again.statics), (0, 0), "{again:?}");
    assert_eq!(
        again.duplicates,
        first.positions + first.statics + first.duplicates
    );
    assert_eq!(first.positions, stored_positions(dir.path()));
}

#[test]
fn messages_without_receive_time_follow_the_time_rules() {
    // ais-raw-messages.log has no tag blocks, PGHP or trailing times.
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("capture_20240301T1530.nmea");
    fs::copy(shared("gpsd/ais-raw-messages.log"), &named).unwrap();
    let store = dir.path().join("store");
    let s = ingest(&store, std::slice::from_ref(&named));
    assert_eq!(s.positions, 0);
    assert!(s.rejects["no_receive_time"] >= 90, "{s:?}");

    let opts = |time| IngestOptions {
        time,
        ..IngestOptions::default()
    };
    let s = ingest_with(
        &store,
        &[Source::File(named.clone())],
        opts(TimeRule {
            from_file_name: true,
            assume: None,
        }),
    );
    assert!(s.positions > 80, "{s:?}");
    assert!(!s.rejects.contains_key("no_receive_time"));
    let t = lookout_core::time::parse_time("2024-03-01T15:30:00Z").unwrap();
    assert_eq!((s.first_time, s.last_time), (Some(t), Some(t)));
    let st = Store::open(&store).unwrap();
    let any = st.files(lookout_store::Table::Positions).next().unwrap();
    assert_eq!(any.date, "2024-03-01");

    let assumed = lookout_core::time::parse_time("2023-06-01").unwrap();
    let store2 = dir.path().join("store2");
    let s = ingest_with(
        &store2,
        &[Source::File(named)],
        opts(TimeRule {
            from_file_name: false,
            assume: Some(assumed),
        }),
    );
    assert!(s.positions > 80);
    let st = Store::open(&store2).unwrap();
    let v = vessels(&st).unwrap();
    let (rows, _) = track(&st, v[0].mmsi, TimeRange::default()).unwrap();
    assert!(rows.iter().all(|r| r.time_source == TimeSource::Assumed));
}

fn gzip(src: &Path, dst: &Path) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&fs::read(src).unwrap()).unwrap();
    let bytes = enc.finish().unwrap();
    fs::write(dst, &bytes).unwrap();
    bytes
}

#[test]
fn truncated_and_corrupted_gzip_keep_what_was_readable() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("stream.txt.gz");
    let bytes = gzip(&shared("dma-aislib/stream_example.txt"), &gz);
    let full = ingest(&dir.path().join("full"), std::slice::from_ref(&gz));
    assert!(full.failed.is_empty());

    let truncated = dir.path().join("truncated.txt.gz");
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let t = ingest(&dir.path().join("t"), &[truncated]);
    assert_eq!(t.failed.len(), 1, "{t:?}");
    assert!(t.failed[0].1.contains("read error"), "{:?}", t.failed);
    assert_eq!(t.rejects["input_read_error"], 1);
    assert!(t.positions > 0 && t.positions < full.positions, "{t:?}");

    let corrupted = dir.path().join("corrupted.txt.gz");
    let mut bad = bytes.clone();
    let mid = bad.len() / 3;
    for b in &mut bad[mid..mid + 64] {
        *b ^= 0x5a;
    }
    fs::write(&corrupted, &bad).unwrap();
    // A later good file is still read.
    let c = ingest(
        &dir.path().join("c"),
        &[corrupted, shared("libais/tagblock.nmea")],
    );
    assert_eq!(c.failed.len(), 1, "{c:?}");
    assert!(c.positions < full.positions);
    assert_eq!(c.inputs, 2);
}

#[test]
fn zstd_input() {
    let dir = tempfile::tempdir().unwrap();
    let zst = dir.path().join("feed.nm4.zst");
    let raw = fs::read(shared("aisdb/test_data_20211101.nm4")).unwrap();
    fs::write(&zst, zstd::encode_all(&raw[..], 3).unwrap()).unwrap();
    let a = ingest(&dir.path().join("a"), &[zst]);
    let b = ingest(
        &dir.path().join("b"),
        &[shared("aisdb/test_data_20211101.nm4")],
    );
    assert!(a.positions > 800);
    assert_eq!((a.positions, a.statics), (b.positions, b.statics));
}

#[test]
fn dma_csv() {
    let dir = tempfile::tempdir().unwrap();
    let s = ingest(dir.path(), &[data("dma_sample.csv")]);
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!((s.positions, s.statics), (5, 4), "{s:?}");
    for reason in [
        "base_station_position",
        "position_not_available",
        "bad_time",
        "bad_mmsi",
    ] {
        assert_eq!(s.rejects.get(reason), Some(&1), "{reason}: {:?}", s.rejects);
    }
    let store = Store::open(dir.path()).unwrap();
    let (rows, _) = track(&store, 219_000_123, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 3);
    let r = &rows[0];
    assert_eq!((r.lat, r.lon), (55.694523, 12.614307));
    assert_eq!(
        (r.sog, r.cog, r.heading, r.nav_status),
        (Some(11.2), Some(135.4), Some(134), Some(0))
    );
    assert_eq!(r.prov.input_line, 2);
    assert_eq!(r.prov.source.as_deref(), Some("dma"));
    let v = vessels(&store).unwrap();
    let maria = v.iter().find(|v| v.mmsi == 273_456_789).unwrap();
    assert_eq!(maria.names, vec![("MARIA".to_string(), 1)]);
    assert_eq!(maria.imos, vec![(9_876_543, 1)]);
    assert_eq!(maria.ship_types, vec![(80, 1)]);
    let nordic = v.iter().find(|v| v.mmsi == 219_000_123).unwrap();
    assert_eq!(nordic.statics, 2, "stored again when the draught changed");
}

#[test]
fn marine_cadastre_csv() {
    let dir = tempfile::tempdir().unwrap();
    let s = ingest(dir.path(), &[shared("aisdb/test_data_noaa_20230101.csv")]);
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!(s.messages, 1000);
    assert_eq!(s.positions, 1000);
    let store = Store::open(dir.path()).unwrap();
    // 636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,...
    let (rows, _) = track(&store, 636_021_061, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].lat, rows[0].lon, rows[0].sog),
        (26.09241, -80.04806, Some(8.8))
    );
    assert_eq!(rows[0].nav_status, Some(8));
    let v = vessels(&store).unwrap();
    let msc = v.iter().find(|v| v.mmsi == 636_021_061).unwrap();
    assert_eq!(msc.names[0].0, "MSC NAISHA III");
    assert_eq!(msc.imos[0].0, 9_307_839);
    assert_eq!(msc.callsigns[0].0, "5LCB4");
}

#[test]
fn csv_with_missing_or_renamed_columns_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let src = fs::read_to_string(shared("aisdb/test_data_noaa_20230101.csv")).unwrap();
    let renamed = dir.path().join("renamed.csv");
    let body = src.replacen("LAT,LON", "Latitude,Long", 1);
    fs::write(&renamed, body).unwrap();
    let missing = dir.path().join("missing.csv");
    fs::write(
        &missing,
        src.replacen(",Draft,", ",", 1)
            .lines()
            .take(3)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let s = ingest(&dir.path().join("store"), &[renamed, missing]);
    assert_eq!(s.failed.len(), 2);
    let e0 = &s.failed[0].1;
    assert!(e0.contains("\"LAT\" (renamed to \"Latitude\"?)"), "{e0}");
    assert!(e0.contains("\"LON\" (renamed to \"Long\"?)"), "{e0}");
    let e1 = &s.failed[1].1;
    assert!(e1.contains("lacks column(s) \"Draft\""), "{e1}");
    assert_eq!(s.positions, 0);
}

#[test]
fn decoder_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("decoded.jsonl");
    fs::write(
        &f,
        concat!(
            r#"{"msg_type":1,"mmsi":273353180,"lat":42.9,"lon":131.5,"speed":11.5,"course":12.5,"heading":13,"status":0,"rx_time":"2023-09-05T01:02:03Z","source":"rORBCOMM"}"#,
            "\n",
            r#"{"msg_type":5,"mmsi":273353180,"imo":9127045,"callsign":"UBFG8","shipname":"ANGARA","ship_type":70,"to_bow":90,"to_stern":30,"to_port":10,"to_starboard":8,"draught":6.1,"destination":"DUNAI","month":9,"day":7,"hour":8,"minute":0,"rx_time":"2023-09-05T01:05:00Z"}"#,
            "\n",
            r#"{"msg_type":4,"mmsi":2734450,"rx_time":"2023-09-05T01:05:00Z"}"#,
            "\n",
            "{broken\n",
        ),
    )
    .unwrap();
    let s = ingest(&dir.path().join("store"), &[f]);
    assert_eq!((s.messages, s.positions, s.statics), (3, 1, 1), "{s:?}");
    assert_eq!(s.rejects["bad_json"], 1);
    let store = Store::open(dir.path().join("store")).unwrap();
    let v = vessels(&store).unwrap();
    assert_eq!(v[0].names[0].0, "ANGARA");
}

/// NMEA lines with tag-block receive times (aisdb capture), for the live tests.
fn tagged_lines() -> Vec<String> {
    fs::read_to_string(shared("aisdb/test_data_20211101.nm4"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn tcp_feed_survives_a_dropped_connection() {
    let lines = tagged_lines();
    // Break at a single-sentence line so only that message is lost.
    let cut = (400..lines.len())
        .find(|&i| lines[i].contains("!AIVDM,1,1,") && lines[i].contains(",A,1"))
        .or_else(|| (400..lines.len()).find(|&i| lines[i].contains("!AIVDM,1,1,")))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The same input minus the broken line, read from a file, is the reference.
    let reference = dir.path().join("reference.nm4");
    let mut expected: Vec<&str> = lines.iter().map(String::as_str).collect();
    expected.remove(cut);
    fs::write(&reference, expected.join("\n") + "\n").unwrap();
    let want = ingest(&dir.path().join("ref"), &[reference]);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let writer = StoreWriter::open(dir.path().join("live"), Default::default()).unwrap();
    let mut ingest = Ingest::new(
        writer,
        IngestOptions {
            flush_every: Duration::from_millis(300),
            ..IngestOptions::default()
        },
    );
    let stop = ingest.stop_flag();
    let server_lines = lines.clone();
    let server = thread::spawn(move || {
        let (mut c, _) = listener.accept().unwrap();
        let first = server_lines[..cut].join("\n") + "\n";
        c.write_all(first.as_bytes()).unwrap();
        let broken = &server_lines[cut];
        c.write_all(&broken.as_bytes()[..broken.len() / 2]).unwrap();
        c.flush().unwrap();
        drop(c); // mid-sentence
        thread::sleep(Duration::from_millis(200));
        let (mut c, _) = listener.accept().unwrap();
        let rest = server_lines[cut + 1..].join("\n") + "\n";
        for chunk in rest.as_bytes().chunks(1000) {
            c.write_all(chunk).unwrap();
        }
        drop(c);
        // A third connection proves the client read everything before reconnecting.
        let (_c, _) = listener.accept().unwrap();
        stop.store(true, Ordering::Relaxed);
    });
    let started = Instant::now();
    ingest.run(&[Source::Tcp(addr)]).unwrap();
    assert!(started.elapsed() < Duration::from_secs(30));
    server.join().unwrap();
    let got = ingest.finish().unwrap();
    assert_eq!(got.rejects.get("broken_at_disconnect"), Some(&1), "{got:?}");
    assert_eq!(got.lines, want.lines + 1, "the broken line is a line");
    assert!(got.connections >= 3);
    assert_eq!(
        (got.positions, got.statics),
        (want.positions, want.statics),
        "{got:?} vs {want:?}"
    );
    assert_eq!(got.messages, want.messages);
}

#[test]
fn udp_listener() {
    let lines = tagged_lines();
    let port = UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let writer = StoreWriter::open(dir.path(), Default::default()).unwrap();
    let mut ingest = Ingest::new(writer, IngestOptions::default());
    let stop = ingest.stop_flag();
    let target = addr.clone();
    let sender = thread::spawn(move || {
        thread::sleep(Duration::from_millis(300));
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        for chunk in lines[..200].chunks(5) {
            s.send_to((chunk.join("\r\n") + "\r\n").as_bytes(), &target)
                .unwrap();
            thread::sleep(Duration::from_millis(2));
        }
        thread::sleep(Duration::from_millis(500));
        stop.store(true, Ordering::Relaxed);
    });
    ingest.run(&[Source::Udp(addr)]).unwrap();
    sender.join().unwrap();
    let s = ingest.finish().unwrap();
    assert!(s.positions > 150, "{s:?}");
    // Tag-block times win over arrival times.
    let store = Store::open(dir.path()).unwrap();
    let v = vessels(&store).unwrap();
    let (rows, _) = track(&store, v[0].mmsi, TimeRange::default()).unwrap();
    assert!(rows.iter().all(|r| r.time_source == TimeSource::Rx));
}

/// A tag block around the README's position report (MMSI 367380120), checksum computed as a
/// recorder would (a NUL leaves the XOR unchanged).
fn tagged_sentence(block: &[u8]) -> Vec<u8> {
    let mut line = b"\\".to_vec();
    line.extend_from_slice(block);
    line.extend_from_slice(format!("*{:02X}\\", lookout_ais::nmea::checksum(block)).as_bytes());
    line.extend_from_slice(b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05\n");
    line
}

#[test]
fn control_characters_never_reach_the_store() {
    let dir = tempfile::tempdir().unwrap();
    // NMEA: the station name holds a NUL; the message is stored with its time, without it.
    let nmea = dir.path().join("nul.nmea");
    fs::write(&nmea, tagged_sentence(b"s:KR-DONG\0HAE,c:1693875723")).unwrap();
    // Decoder JSON lines: a NUL in `source`, an escape sequence in a name, one clean line.
    let jsonl = dir.path().join("decoded.jsonl");
    fs::write(
        &jsonl,
        concat!(
            r#"{"msg_type":1,"mmsi":273353180,"lat":42.9,"lon":131.5,"rx_time":"2023-09-05T01:02:03Z","source":"KR\u0000X"}"#,
            "\n",
            r#"{"msg_type":5,"mmsi":273353180,"shipname":"ANGARA\u001b[2J","rx_time":"2023-09-05T01:05:00Z"}"#,
            "\n",
            r#"{"msg_type":1,"mmsi":273353180,"lat":42.91,"lon":131.5,"rx_time":"2023-09-05T01:03:03Z","source":"rORBCOMM"}"#,
            "\n",
        ),
    )
    .unwrap();
    // DMA CSV: a bell in a ship's name.
    let csv = dir.path().join("dma.csv");
    let sample = fs::read_to_string(data("dma_sample.csv")).unwrap();
    let mut rows = sample.lines().take(2).collect::<Vec<_>>().join("\n") + "\n";
    rows = rows.replacen("NORDIC STAR", "NORDIC\u{7}STAR", 1);
    fs::write(&csv, rows).unwrap();

    let store = dir.path().join("store");
    let s = ingest(&store, &[nmea, jsonl, csv]);
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!(s.rejects.get("control_character"), Some(&3), "{s:?}");
    assert_eq!(s.positions, 2, "{s:?}");
    let opened = Store::open(&store).unwrap();
    let (rows, _) = track(&opened, 367_380_120, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].time, 1_693_875_723_000,
        "the tag block's time is kept"
    );
    assert_eq!(rows[0].prov.source, None, "its station is not");
    let (rows, _) = track(&opened, 273_353_180, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].prov.source.as_deref(), Some("rORBCOMM"));
    for v in vessels(&opened).unwrap() {
        for (text, _) in v.names.iter().chain(&v.callsigns) {
            assert!(!text.contains(char::is_control), "{text:?} stored");
        }
    }
}

#[test]
fn a_csv_record_over_the_line_limit_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let src = fs::read_to_string(shared("aisdb/test_data_noaa_20230101.csv")).unwrap();
    let lines: Vec<&str> = src.lines().take(3).collect();
    // Between two real rows, the second row again with a quoted name of 20,000 lines (100 KB).
    let long_name = format!("\"{}\"", "xxxx\n".repeat(20_000));
    let long = lines[2].replacen("MSC NAISHA III", &long_name, 1);
    let csv = dir.path().join("long.csv");
    fs::write(
        &csv,
        [lines[0], lines[1], &long, lines[2]].join("\n") + "\n",
    )
    .unwrap();
    let s = ingest(&dir.path().join("store"), &[csv]);
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!(s.lines, 3, "a record counts as a line: {s:?}");
    assert_eq!(s.rejects.get("line_too_long"), Some(&1), "{s:?}");
    assert_eq!(s.positions, 2, "{s:?}");
    let store = Store::open(dir.path().join("store")).unwrap();
    let (rows, _) = track(&store, 636_021_061, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].prov.input_line, 20_004, "the line the row is on");
}
