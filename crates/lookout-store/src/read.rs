//! Readers: one vessel's track with file and row-group pruning, and a per-vessel identity summary.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{TimestampMillisecondType, UInt32Type};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use parquet::file::metadata::RowGroupMetaData;

use crate::schema::{positions_from_batch, statics_from_batch, PositionRow};
use crate::store::{mmsi_range, time_range, Store, Table};

/// Inclusive time range in ms since the epoch; `None` bounds are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeRange {
    /// Earliest time kept.
    pub from: Option<i64>,
    /// Latest time kept.
    pub to: Option<i64>,
}

impl TimeRange {
    /// True if `[lo, hi]` overlaps the range.
    pub fn overlaps(&self, lo: i64, hi: i64) -> bool {
        self.from.is_none_or(|f| hi >= f) && self.to.is_none_or(|t| lo <= t)
    }

    /// True if `t` is in the range.
    pub fn contains(&self, t: i64) -> bool {
        self.overlaps(t, t)
    }
}

/// Opens one Parquet file, keeping only row groups accepted by `keep` and, if given, the named
/// leaf columns.
pub(crate) fn read_file(
    path: &Path,
    keep: Option<&mut dyn FnMut(&RowGroupMetaData) -> bool>,
    columns: Option<&[usize]>,
) -> Result<ParquetRecordBatchReader> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("reading {}", path.display()))?
        .with_batch_size(16 * 1024);
    if let Some(keep) = keep {
        let groups = (0..builder.metadata().num_row_groups())
            .filter(|&i| keep(builder.metadata().row_group(i)))
            .collect();
        builder = builder.with_row_groups(groups);
    }
    if let Some(columns) = columns {
        let mask = ProjectionMask::leaves(builder.parquet_schema(), columns.iter().copied());
        builder = builder.with_projection(mask);
    }
    Ok(builder.build()?)
}

/// Counters of the last track query, to show how much pruning skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Files in the table.
    pub files: usize,
    /// Files opened (the others were skipped by manifest statistics).
    pub files_read: usize,
    /// Row groups in the files opened.
    pub row_groups: usize,
    /// Row groups decoded (the others were skipped by row-group statistics).
    pub row_groups_read: usize,
}

/// Positions of one vessel in a time range, sorted by time. Reads only files and row groups
/// whose MMSI and time statistics can hold matching rows.
pub fn track(store: &Store, mmsi: u32, range: TimeRange) -> Result<(Vec<PositionRow>, ScanStats)> {
    let mut out = Vec::new();
    let mut stats = ScanStats::default();
    let keep = |rg: &RowGroupMetaData| {
        let m = mmsi_range(rg.column(0).statistics());
        let t = time_range(rg.column(1).statistics());
        m.is_none_or(|(lo, hi)| lo <= mmsi && mmsi <= hi)
            && t.is_none_or(|(lo, hi)| range.overlaps(lo, hi))
    };
    for f in store.files(Table::Positions) {
        stats.files += 1;
        if mmsi < f.min_mmsi || mmsi > f.max_mmsi || !range.overlaps(f.min_time, f.max_time) {
            continue;
        }
        stats.files_read += 1;
        let path = store.root().join(&f.path);
        let mut counter = |rg: &RowGroupMetaData| {
            let k = keep(rg);
            stats.row_groups += 1;
            stats.row_groups_read += usize::from(k);
            k
        };
        let reader = read_file(&path, Some(&mut counter), None)?;
        for batch in reader {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            out.extend(
                positions_from_batch(&batch)?
                    .into_iter()
                    .filter(|r| r.mmsi == mmsi && range.contains(r.time)),
            );
        }
    }
    out.sort_by_key(|r| r.time);
    Ok((out, stats))
}

/// Calls `each` with every position in a time range, file by file (each file in (mmsi, time)
/// order); files and row groups outside the range are skipped.
pub fn for_each_position(
    store: &Store,
    range: TimeRange,
    mut each: impl FnMut(PositionRow),
) -> Result<()> {
    let mut keep = |rg: &RowGroupMetaData| {
        time_range(rg.column(1).statistics()).is_none_or(|(lo, hi)| range.overlaps(lo, hi))
    };
    for f in store.files(Table::Positions) {
        if !range.overlaps(f.min_time, f.max_time) {
            continue;
        }
        let path = store.root().join(&f.path);
        for batch in read_file(&path, Some(&mut keep), None)? {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            positions_from_batch(&batch)?
                .into_iter()
                .filter(|r| range.contains(r.time))
                .for_each(&mut each);
        }
    }
    Ok(())
}

/// Identity of one vessel as seen in the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vessel {
    /// MMSI.
    pub mmsi: u32,
    /// Names reported, most frequent first, with the number of reports.
    pub names: Vec<(String, u64)>,
    /// IMO numbers reported, most frequent first.
    pub imos: Vec<(u32, u64)>,
    /// Call signs reported, most frequent first.
    pub callsigns: Vec<(String, u64)>,
    /// Ship type codes reported, most frequent first.
    pub ship_types: Vec<(u8, u64)>,
    /// Number of position rows.
    pub positions: u64,
    /// Number of static rows.
    pub statics: u64,
    /// Earliest time in either table, ms since the epoch.
    pub first_seen: i64,
    /// Latest time in either table, ms since the epoch.
    pub last_seen: i64,
}

#[derive(Default)]
struct Tally {
    names: HashMap<String, u64>,
    imos: HashMap<u32, u64>,
    callsigns: HashMap<String, u64>,
    ship_types: HashMap<u8, u64>,
    v: Vessel,
}

impl Tally {
    fn seen(&mut self, t: i64) {
        if self.v.positions + self.v.statics == 0 {
            self.v.first_seen = t;
            self.v.last_seen = t;
        }
        self.v.first_seen = self.v.first_seen.min(t);
        self.v.last_seen = self.v.last_seen.max(t);
    }
}

fn ranked<K: Ord + Clone>(m: HashMap<K, u64>) -> Vec<(K, u64)> {
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Every vessel in the store, by MMSI: identities reported in `statics`, counts, first and last
/// seen. Reads only `mmsi` and `time` of the positions.
pub fn vessels(store: &Store) -> Result<Vec<Vessel>> {
    let mut tallies: BTreeMap<u32, Tally> = BTreeMap::new();
    for f in store.files(Table::Positions) {
        let path = store.root().join(&f.path);
        for batch in read_file(&path, None, Some(&[0, 1]))? {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            let mmsi = batch.column(0).as_primitive::<UInt32Type>();
            let time = batch.column(1).as_primitive::<TimestampMillisecondType>();
            for (m, t) in mmsi.values().iter().zip(time.values().iter()) {
                let tally = tallies.entry(*m).or_default();
                tally.seen(*t);
                tally.v.positions += 1;
            }
        }
    }
    for f in store.files(Table::Statics) {
        let path = store.root().join(&f.path);
        for batch in read_file(&path, None, None)? {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            for r in statics_from_batch(&batch)? {
                let tally = tallies.entry(r.mmsi).or_default();
                tally.seen(r.time);
                tally.v.statics += 1;
                if let Some(n) = r.name.filter(|n| !n.is_empty()) {
                    *tally.names.entry(n).or_default() += 1;
                }
                if let Some(c) = r.callsign.filter(|c| !c.is_empty()) {
                    *tally.callsigns.entry(c).or_default() += 1;
                }
                if let Some(i) = r.imo {
                    *tally.imos.entry(i).or_default() += 1;
                }
                if let Some(s) = r.ship_type {
                    *tally.ship_types.entry(s).or_default() += 1;
                }
            }
        }
    }
    Ok(tallies
        .into_iter()
        .map(|(mmsi, t)| Vessel {
            mmsi,
            names: ranked(t.names),
            imos: ranked(t.imos),
            callsigns: ranked(t.callsigns),
            ship_types: ranked(t.ship_types),
            ..t.v
        })
        .collect())
}
