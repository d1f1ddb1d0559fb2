//! Round trip, de-duplication, crash recovery and pruning of the store.

use std::fs;
use std::sync::Arc;

use lookout_store::{
    track, vessels, PositionRow, Provenance, StaticRow, Store, StoreWriter, Table, TimeRange,
    TimeSource, WriteOptions,
};

const DAY: i64 = 86_400_000;
const T0: i64 = 1_700_006_400_000; // 2023-11-15T00:00:00Z

fn pos(mmsi: u32, time: i64, input_line: u64) -> PositionRow {
    PositionRow {
        mmsi,
        time,
        time_source: TimeSource::Rx,
        lat: 42.25 + f64::from(mmsi % 100) * 1e-3 + (time - T0) as f64 * 1e-9,
        lon: 130.5 - (time - T0) as f64 * 1e-9,
        sog: Some(10.5),
        cog: Some(181.2),
        heading: if mmsi.is_multiple_of(2) {
            Some(180)
        } else {
            None
        },
        nav_status: Some(0),
        msg_type: 1,
        prov: Provenance {
            source: Some(Arc::from("rORBCOMM008")),
            input_id: 0,
            input_line,
        },
    }
}

fn stat(mmsi: u32, time: i64, name: &str) -> StaticRow {
    StaticRow {
        mmsi,
        time,
        msg_type: 5,
        imo: Some(9_000_000 + mmsi % 1000),
        callsign: Some("UBCD7".into()),
        name: Some(name.into()),
        ship_type: Some(70),
        to_bow: Some(80),
        to_stern: Some(20),
        to_port: Some(8),
        to_starboard: Some(8),
        draught: Some(6.4),
        destination: Some("VOSTOCHNY".into()),
        eta: Some(T0 + 3 * DAY),
        ..StaticRow::default()
    }
}

/// 20 vessels, a fix every 10 minutes over two days.
fn sample() -> (Vec<PositionRow>, Vec<StaticRow>) {
    let mut p = Vec::new();
    let mut s = Vec::new();
    let mut line = 0;
    for k in 0..288 {
        for m in 0..20u32 {
            line += 1;
            p.push(pos(
                273_000_000 + m,
                T0 + k * 600_000 + i64::from(m) * 1000,
                line,
            ));
        }
    }
    for m in 0..20u32 {
        s.push(stat(273_000_000 + m, T0 + 5_000, "ANGARA"));
        s.push(stat(273_000_000 + m, T0 + DAY + 5_000, "LADY R"));
    }
    (p, s)
}

fn write_all(dir: &std::path::Path, opts: WriteOptions) -> lookout_store::FlushStats {
    let (p, s) = sample();
    let mut w = StoreWriter::open(dir, opts).unwrap();
    assert_eq!(w.register_input("sample.nmea").unwrap(), 0);
    // Shuffled order in: the writer sorts by (mmsi, time).
    for r in p.into_iter().rev() {
        w.push_position(r);
    }
    for r in s {
        w.push_static(r);
    }
    w.flush().unwrap()
}

#[test]
fn round_trip_partitions_and_sorts() {
    let dir = tempfile::tempdir().unwrap();
    let stats = write_all(dir.path(), WriteOptions::default());
    assert_eq!(
        (stats.positions, stats.statics, stats.duplicates),
        (5760, 40, 0)
    );
    assert_eq!(stats.files, 4, "two days x two tables");
    for d in ["2023-11-15", "2023-11-16"] {
        assert!(dir.path().join(format!("positions/date={d}")).is_dir());
        assert!(dir.path().join(format!("statics/date={d}")).is_dir());
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.input_name(0), Some("sample.nmea"));
    let (rows, _) = track(&store, 273_000_007, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 288);
    assert!(rows.windows(2).all(|w| w[0].time < w[1].time));
    let (expected, _) = sample();
    let want: Vec<_> = expected
        .into_iter()
        .filter(|r| r.mmsi == 273_000_007)
        .collect();
    assert_eq!(rows, want);
}

#[test]
fn rows_pushed_as_batches_are_stored_as_rows_pushed_one_by_one() {
    // Batches of one day (moved in whole), of one day already buffered, and across midnight.
    let (p, s) = sample();
    let one_by_one = tempfile::tempdir().unwrap();
    write_all(one_by_one.path(), WriteOptions::default());
    let batched = tempfile::tempdir().unwrap();
    let mut w = StoreWriter::open(batched.path(), WriteOptions::default()).unwrap();
    assert_eq!(w.register_input("sample.nmea").unwrap(), 0);
    let mut p = p.into_iter().rev().collect::<Vec<_>>();
    let (midnight, second_day) = (p.len() / 2 - 7, p.split_off(p.len() / 2 + 7));
    let across = p.split_off(midnight);
    assert!(across.iter().any(|r| r.time >= T0 + DAY) && across.iter().any(|r| r.time < T0 + DAY));
    w.push_positions(second_day);
    w.push_positions(across);
    w.push_positions(p);
    w.push_statics(s);
    assert_eq!(w.pending(), 5800);
    let stats = w.flush().unwrap();
    assert_eq!((stats.positions, stats.statics, stats.files), (5760, 40, 4));
    let (a, b) = (
        Store::open(one_by_one.path()).unwrap(),
        Store::open(batched.path()).unwrap(),
    );
    for mmsi in [273_000_000, 273_000_007, 273_000_019] {
        let rows = |store: &Store| track(store, mmsi, TimeRange::default()).unwrap().0;
        assert_eq!(rows(&a).len(), 288);
        assert_eq!(rows(&a), rows(&b));
    }
}

#[test]
fn reingest_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), WriteOptions::default());
    let again = write_all(dir.path(), WriteOptions::default());
    assert_eq!((again.positions, again.statics, again.files), (0, 0, 0));
    assert_eq!(again.duplicates, 5800);
    // Within one batch too, and with a changed payload kept.
    let mut w = StoreWriter::open(dir.path(), WriteOptions::default()).unwrap();
    w.push_position(pos(1, T0, 1));
    w.push_position(pos(1, T0, 2));
    let mut moved = pos(1, T0, 3);
    moved.lat += 0.001;
    w.push_position(moved);
    let s = w.flush().unwrap();
    assert_eq!((s.positions, s.duplicates), (2, 1));
}

#[test]
fn dedup_keys_reload_after_eviction() {
    let dir = tempfile::tempdir().unwrap();
    let opts = WriteOptions {
        dedup_partitions: 1,
        ..WriteOptions::default()
    };
    write_all(dir.path(), opts.clone());
    let again = write_all(dir.path(), opts);
    assert_eq!((again.positions, again.statics), (0, 0));
}

/// The sample in time order, one flush per hour of rows, as an ingest of a feed commits.
fn write_in_time_order(w: &mut StoreWriter, background: bool) -> lookout_store::FlushStats {
    let (mut p, s) = sample();
    p.sort_by_key(|r| r.time);
    let mut total = lookout_store::FlushStats::default();
    for r in s {
        w.push_static(r);
    }
    let mut hour = p[0].time / 3_600_000;
    for r in p {
        if r.time / 3_600_000 != hour {
            hour = r.time / 3_600_000;
            total += if background {
                w.flush_background().unwrap()
            } else {
                w.flush().unwrap()
            };
        }
        w.push_position(r);
    }
    total += w.flush().unwrap();
    total
}

#[test]
fn rows_older_than_the_window_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let opts = WriteOptions {
        dedup_window_ms: 30 * 60_000,
        ..WriteOptions::default()
    };
    let mut w = StoreWriter::open(dir.path(), opts).unwrap();
    let first = write_in_time_order(&mut w, false);
    assert_eq!(
        (first.positions, first.statics, first.duplicates),
        (5760, 40, 0)
    );
    // The same rows again in the same run: 47 hours older than the newest row, far outside
    // the window, and every one of them is found (their days turn to the exact check).
    for r in sample().0 {
        w.push_position(r);
    }
    let again = w.flush().unwrap();
    assert_eq!((again.positions, again.duplicates), (0, 5760));
    // A changed payload at a time already stored is kept.
    let mut moved = sample().0.remove(3);
    moved.lat += 0.001;
    w.push_position(moved);
    assert_eq!(w.flush().unwrap().positions, 1);
}

#[test]
fn background_flushes_write_the_same_files() {
    let read = |dir: &std::path::Path| {
        let store = Store::open(dir).unwrap();
        let files: Vec<(String, u64)> = store
            .manifest()
            .files
            .iter()
            .map(|f| (f.date.clone(), f.rows))
            .collect();
        let (rows, _) = track(&store, 273_000_004, TimeRange::default()).unwrap();
        (files, rows)
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut wa = StoreWriter::open(a.path(), WriteOptions::default()).unwrap();
    let sa = write_in_time_order(&mut wa, false);
    let mut wb = StoreWriter::open(b.path(), WriteOptions::default()).unwrap();
    let sb = write_in_time_order(&mut wb, true);
    assert_eq!(sa, sb);
    drop((wa, wb));
    let (fa, ra) = read(a.path());
    assert_eq!(
        fa.len(),
        48 + 2,
        "an hour of positions per file, a day of statics per file"
    );
    assert_eq!((fa, ra), read(b.path()));
}

#[test]
fn crash_leftovers_are_recovered() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), WriteOptions::default());
    // Crash between rename and manifest update: a committed file the manifest does not list.
    let manifest_path = dir.path().join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    let files = manifest["files"].as_array_mut().unwrap();
    let dropped = files.remove(0);
    fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    // Crash during a write: a half-written temporary file.
    let part = dir.path().join("positions/date=2023-11-15");
    let tmp = part.join(".part-1-1-0001.parquet.tmp");
    fs::write(&tmp, b"PAR1 half a file").unwrap();

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.adopted(), 1);
    assert!(store
        .manifest()
        .files
        .iter()
        .any(|f| f.path == dropped["path"]));
    let (rows, _) = track(&store, 273_000_003, TimeRange::default()).unwrap();
    assert_eq!(rows.len(), 288);

    let w = StoreWriter::open(dir.path(), WriteOptions::default()).unwrap();
    assert!(!tmp.exists(), "temporary removed by the writer");
    drop(w);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.adopted(), 0, "adoption was persisted");
    assert_eq!(store.files(Table::Positions).count(), 2);
}

#[test]
fn second_writer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _w = StoreWriter::open(dir.path(), WriteOptions::default()).unwrap();
    let err = StoreWriter::open(dir.path(), WriteOptions::default())
        .err()
        .unwrap();
    assert!(err.to_string().contains("another process"), "{err}");
}

#[test]
fn track_skips_row_groups_by_statistics() {
    let dir = tempfile::tempdir().unwrap();
    write_all(
        dir.path(),
        WriteOptions {
            row_group_rows: 144,
            ..WriteOptions::default()
        },
    );
    let store = Store::open(dir.path()).unwrap();
    let from = T0 + 6 * 3_600_000;
    let to = T0 + 12 * 3_600_000;
    let range = TimeRange {
        from: Some(from),
        to: Some(to),
    };
    let (rows, stats) = track(&store, 273_000_011, range).unwrap();
    assert_eq!(rows.len(), 36);
    assert!(rows.iter().all(|r| (from..=to).contains(&r.time)));
    assert_eq!(
        (stats.files, stats.files_read),
        (2, 1),
        "second day skipped"
    );
    // 20 vessels x 144 fixes on the first day, 144 rows per group: one vessel per group, and
    // only the group with the right vessel and times is decoded.
    assert_eq!(stats.row_groups, 20);
    assert_eq!(stats.row_groups_read, 1);
}

#[test]
fn vessels_summarise_identity() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), WriteOptions::default());
    let store = Store::open(dir.path()).unwrap();
    let v = vessels(&store).unwrap();
    assert_eq!(v.len(), 20);
    let a = &v[5];
    assert_eq!(a.mmsi, 273_000_005);
    assert_eq!(a.positions, 288);
    assert_eq!(a.statics, 2);
    assert_eq!(
        a.names,
        vec![("ANGARA".to_string(), 1), ("LADY R".to_string(), 1)]
    );
    assert_eq!(a.imos, vec![(9_000_005, 2)]);
    assert_eq!(a.first_seen, T0 + 5_000);
    assert_eq!(a.last_seen, T0 + 287 * 600_000 + 5_000);
}

#[test]
fn for_each_position_in_a_time_range() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), WriteOptions::default());
    let store = Store::open(dir.path()).unwrap();
    let range = TimeRange {
        from: Some(T0 + DAY),
        to: None,
    };
    let mut n = 0;
    lookout_store::for_each_position(&store, range, |r| {
        assert!(r.time >= T0 + DAY);
        n += 1;
    })
    .unwrap();
    assert_eq!(n, 144 * 20);
}

#[test]
fn in_memory_batches_hold_what_the_files_hold() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let (files_dir, mem_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let on_disk = write_all(files_dir.path(), WriteOptions::default());
    let opts = WriteOptions {
        in_memory: true,
        ..WriteOptions::default()
    };
    let (p, s) = sample();
    let mut w = StoreWriter::open(mem_dir.path(), opts).unwrap();
    w.register_input("sample.nmea").unwrap();
    for r in p.into_iter().rev() {
        w.push_position(r);
    }
    for r in s {
        w.push_static(r);
    }
    let in_memory = w.flush().unwrap();
    assert_eq!(
        (in_memory.positions, in_memory.statics),
        (on_disk.positions, on_disk.statics)
    );
    assert_eq!(in_memory.files, 0);
    let store = Store::open(files_dir.path()).unwrap();
    for table in [Table::Positions, Table::Statics] {
        let mut from_files = Vec::new();
        for f in store.files(table) {
            let file = fs::File::open(files_dir.path().join(&f.path)).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .unwrap()
                .build()
                .unwrap();
            from_files.extend(reader.map(Result::unwrap));
        }
        let batches = w.take_batches(table);
        let schema = batches[0].schema();
        let a = arrow_select_concat(&schema, &batches);
        let b = arrow_select_concat(&schema, &from_files);
        assert_eq!(a, b, "{table:?}");
        assert!(w.take_batches(table).is_empty(), "handed over once");
    }
    assert!(
        !mem_dir.path().join("positions").exists(),
        "no files written"
    );
}

/// The rows of `batches` as one list of column vectors (batches cut differently compare equal).
fn arrow_select_concat(
    schema: &arrow_schema::SchemaRef,
    batches: &[arrow_array::RecordBatch],
) -> Vec<Vec<String>> {
    (0..schema.fields().len())
        .map(|c| {
            batches
                .iter()
                .flat_map(|b| {
                    let col = b.column(c);
                    (0..b.num_rows())
                        .map(|i| format!("{:?}", col.slice(i, 1)))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect()
}
