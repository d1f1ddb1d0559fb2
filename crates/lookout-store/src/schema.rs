//! Row types of the two tables and their Arrow schemas (the documented contract in `docs/store.md`).

use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use anyhow::{anyhow, Context, Result};
use arrow_array::builder::{
    Float32Builder, Float64Builder, StringBuilder, TimestampMillisecondBuilder, UInt16Builder,
    UInt32Builder, UInt64Builder, UInt8Builder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, TimestampMillisecondType, UInt16Type, UInt32Type, UInt64Type,
    UInt8Type,
};
use arrow_array::{Array, ArrayRef, PrimitiveArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// How a row's `time` was obtained.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeSource {
    /// Receive time given by the input: tag block, `$PGHP`, trailing epoch, or a CSV time column.
    #[default]
    Rx,
    /// Clock of the ingesting machine when the line arrived on a live TCP or UDP stream that
    /// carried no receive time of its own.
    Arrival,
    /// Taken from the input's file name (`--time-from-file-name`).
    FileName,
    /// Set by the user (`--assume-time`).
    Assumed,
}

impl TimeSource {
    /// The value stored in the `time_source` column.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeSource::Rx => "rx",
            TimeSource::Arrival => "arrival",
            TimeSource::FileName => "file_name",
            TimeSource::Assumed => "assumed",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "rx" => Ok(TimeSource::Rx),
            "arrival" => Ok(TimeSource::Arrival),
            "file_name" => Ok(TimeSource::FileName),
            "assumed" => Ok(TimeSource::Assumed),
            other => Err(anyhow!("unknown time_source {other:?}")),
        }
    }
}

/// Where a row came from: the input (an id listed in the store's manifest) and its line number
/// (for streams: the line count since the stream was opened).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Provenance {
    /// Receiving station or publisher (tag block `s:`, `$PGHP` station, CSV layout), if known.
    pub source: Option<Arc<str>>,
    /// Input id, see [`crate::Manifest::inputs`].
    pub input_id: u32,
    /// 1-based line number within the input.
    pub input_line: u64,
}

/// One position report (`positions` table).
#[derive(Clone, Debug, PartialEq)]
pub struct PositionRow {
    /// Maritime Mobile Service Identity.
    pub mmsi: u32,
    /// Receive time, milliseconds since the Unix epoch (UTC).
    pub time: i64,
    /// How `time` was obtained.
    pub time_source: TimeSource,
    /// Latitude, degrees WGS 84.
    pub lat: f64,
    /// Longitude, degrees WGS 84.
    pub lon: f64,
    /// Speed over ground, knots.
    pub sog: Option<f32>,
    /// Course over ground, degrees.
    pub cog: Option<f32>,
    /// True heading, degrees.
    pub heading: Option<u16>,
    /// Navigational status code (ITU-R M.1371 table 48), class A only.
    pub nav_status: Option<u8>,
    /// AIS message type, or 0 for rows from decoded CSV exports (which do not say).
    pub msg_type: u8,
    /// Where the row came from.
    pub prov: Provenance,
}

/// One static and voyage report (`statics` table). Fields a message does not carry are `None`
/// (a type 24 part A holds only the name, part B the rest).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StaticRow {
    /// Maritime Mobile Service Identity.
    pub mmsi: u32,
    /// Receive time, milliseconds since the Unix epoch (UTC).
    pub time: i64,
    /// How `time` was obtained.
    pub time_source: TimeSource,
    /// AIS message type, or 0 for rows from decoded CSV exports.
    pub msg_type: u8,
    /// IMO number.
    pub imo: Option<u32>,
    /// Call sign.
    pub callsign: Option<String>,
    /// Vessel name.
    pub name: Option<String>,
    /// Ship and cargo type code (ITU-R M.1371 table 53).
    pub ship_type: Option<u8>,
    /// Distance from the reference point to the bow, metres.
    pub to_bow: Option<u16>,
    /// Distance from the reference point to the stern, metres.
    pub to_stern: Option<u16>,
    /// Distance from the reference point to port, metres.
    pub to_port: Option<u16>,
    /// Distance from the reference point to starboard, metres.
    pub to_starboard: Option<u16>,
    /// Overall length, metres (`to_bow + to_stern` for AIS reports; CSV exports give it alone).
    pub length: Option<u16>,
    /// Beam, metres (`to_port + to_starboard` for AIS reports).
    pub width: Option<u16>,
    /// Draught, metres.
    pub draught: Option<f32>,
    /// Destination as typed by the crew.
    pub destination: Option<String>,
    /// Estimated time of arrival, milliseconds since the Unix epoch (UTC).
    pub eta: Option<i64>,
    /// Where the row came from.
    pub prov: Provenance,
}

/// Identity of a row for de-duplication: MMSI, time and a hash of the payload fields
/// (everything but provenance and time source).
pub type DedupKey = (u32, i64, u64);

/// The payload hash of [`DedupKey`]: a multiply-rotate hash (the rustc "Fx" scheme) with a
/// final avalanche, several times cheaper than SipHash per row. Keys never leave the process
/// (they are rebuilt from the stored rows when needed), so the hash may change between versions.
#[derive(Default)]
pub(crate) struct PayloadHasher(u64);

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

impl Hasher for PayloadHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
    fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(MIX);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn finish(&self) -> u64 {
        // splitmix64's finaliser: every input bit reaches every output bit.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl PositionRow {
    /// De-duplication key of this row.
    pub fn dedup_key(&self) -> DedupKey {
        let mut h = PayloadHasher::default();
        (self.lat.to_bits(), self.lon.to_bits()).hash(&mut h);
        (self.sog.map(f32::to_bits), self.cog.map(f32::to_bits)).hash(&mut h);
        (self.heading, self.nav_status, self.msg_type).hash(&mut h);
        (self.mmsi, self.time, h.finish())
    }
}

impl StaticRow {
    /// De-duplication key of this row.
    pub fn dedup_key(&self) -> DedupKey {
        let mut h = PayloadHasher::default();
        (
            self.msg_type,
            self.imo,
            &self.callsign,
            &self.name,
            self.ship_type,
        )
            .hash(&mut h);
        (self.to_bow, self.to_stern, self.to_port, self.to_starboard).hash(&mut h);
        (self.length, self.width).hash(&mut h);
        (self.draught.map(f32::to_bits), &self.destination, self.eta).hash(&mut h);
        (self.mmsi, self.time, h.finish())
    }

    /// True if the row carries no identity or voyage field at all.
    pub fn is_empty(&self) -> bool {
        self.imo.is_none()
            && self.callsign.is_none()
            && self.name.is_none()
            && self.ship_type.is_none()
            && self.to_bow.is_none()
            && self.to_stern.is_none()
            && self.to_port.is_none()
            && self.to_starboard.is_none()
            && self.length.is_none()
            && self.width.is_none()
            && self.draught.is_none()
            && self.destination.is_none()
            && self.eta.is_none()
    }
}

fn time_type() -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()))
}

fn provenance_fields() -> [Field; 3] {
    [
        Field::new("source", DataType::Utf8, true),
        Field::new("input_id", DataType::UInt32, false),
        Field::new("input_line", DataType::UInt64, false),
    ]
}

/// Arrow schema of `positions/date=YYYY-MM-DD/*.parquet`.
pub fn positions_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let mut fields = vec![
                Field::new("mmsi", DataType::UInt32, false),
                Field::new("time", time_type(), false),
                Field::new("lat", DataType::Float64, false),
                Field::new("lon", DataType::Float64, false),
                Field::new("sog", DataType::Float32, true),
                Field::new("cog", DataType::Float32, true),
                Field::new("heading", DataType::UInt16, true),
                Field::new("nav_status", DataType::UInt8, true),
                Field::new("msg_type", DataType::UInt8, false),
                Field::new("time_source", DataType::Utf8, false),
            ];
            fields.extend(provenance_fields());
            Arc::new(Schema::new(fields))
        })
        .clone()
}

/// Arrow schema of `statics/date=YYYY-MM-DD/*.parquet`.
pub fn statics_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let mut fields = vec![
                Field::new("mmsi", DataType::UInt32, false),
                Field::new("time", time_type(), false),
                Field::new("msg_type", DataType::UInt8, false),
                Field::new("imo", DataType::UInt32, true),
                Field::new("callsign", DataType::Utf8, true),
                Field::new("name", DataType::Utf8, true),
                Field::new("ship_type", DataType::UInt8, true),
                Field::new("to_bow", DataType::UInt16, true),
                Field::new("to_stern", DataType::UInt16, true),
                Field::new("to_port", DataType::UInt16, true),
                Field::new("to_starboard", DataType::UInt16, true),
                Field::new("length", DataType::UInt16, true),
                Field::new("width", DataType::UInt16, true),
                Field::new("draught", DataType::Float32, true),
                Field::new("destination", DataType::Utf8, true),
                Field::new("eta", time_type(), true),
                Field::new("time_source", DataType::Utf8, false),
            ];
            fields.extend(provenance_fields());
            Arc::new(Schema::new(fields))
        })
        .clone()
}

struct ProvenanceBuilders {
    source: StringBuilder,
    input_id: UInt32Builder,
    input_line: UInt64Builder,
}

impl ProvenanceBuilders {
    fn new(n: usize) -> Self {
        Self {
            source: StringBuilder::with_capacity(n, n * 8),
            input_id: UInt32Builder::with_capacity(n),
            input_line: UInt64Builder::with_capacity(n),
        }
    }
    fn append(&mut self, p: &Provenance) {
        self.source.append_option(p.source.as_deref());
        self.input_id.append_value(p.input_id);
        self.input_line.append_value(p.input_line);
    }
    fn finish(mut self, columns: &mut Vec<ArrayRef>) {
        columns.push(Arc::new(self.source.finish()));
        columns.push(Arc::new(self.input_id.finish()));
        columns.push(Arc::new(self.input_line.finish()));
    }
}

/// The `time` and `time_source` columns, filled in the same pass as the others.
struct TimeBuilders {
    time: TimestampMillisecondBuilder,
    source: StringBuilder,
}

impl TimeBuilders {
    fn new(n: usize) -> Self {
        Self {
            time: TimestampMillisecondBuilder::with_capacity(n).with_timezone("UTC"),
            source: StringBuilder::with_capacity(n, n * 2),
        }
    }
    fn append(&mut self, time: i64, source: TimeSource) {
        self.time.append_value(time);
        self.source.append_value(source.as_str());
    }
}

/// How many rows ahead [`Gather`] asks the CPU to fetch a row into its cache.
const PREFETCH_AHEAD: usize = 16;

/// Asks the CPU to fetch the cache lines of `v` (no effect on other architectures).
#[inline(always)]
fn prefetch<T>(v: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let p = (v as *const T).cast::<i8>();
        // SAFETY: a prefetch is a hint that never faults nor reads into the program's state;
        // its only requirement, SSE, is part of every x86_64 target.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p);
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(std::mem::size_of::<T>().max(1) - 1));
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = v;
}

/// `rows[i]` for each `i` of `order`, fetching rows [`PREFETCH_AHEAD`] places ahead (and,
/// with `heap`, what a row points to half as far ahead): in sorted order every row of a large
/// buffer is a cache miss, and this lets the misses of several rows overlap.
struct Gather<'a, R> {
    rows: &'a [R],
    order: &'a [u32],
    next: usize,
    heap: fn(&R),
}

impl<'a, R> Gather<'a, R> {
    fn new(rows: &'a [R], order: &'a [u32], heap: fn(&R)) -> Self {
        for &i in order.iter().take(PREFETCH_AHEAD) {
            prefetch(&rows[i as usize]);
        }
        Gather {
            rows,
            order,
            next: 0,
            heap,
        }
    }
}

impl<'a, R> Iterator for Gather<'a, R> {
    type Item = &'a R;

    #[inline]
    fn next(&mut self) -> Option<&'a R> {
        let k = self.next;
        let &i = self.order.get(k)?;
        self.next = k + 1;
        if let Some(&j) = self.order.get(k + PREFETCH_AHEAD) {
            prefetch(&self.rows[j as usize]);
        }
        if let Some(&j) = self.order.get(k + PREFETCH_AHEAD / 2) {
            (self.heap)(&self.rows[j as usize]);
        }
        Some(&self.rows[i as usize])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.order.len() - self.next;
        (n, Some(n))
    }
}

impl<R> ExactSizeIterator for Gather<'_, R> {}

/// Builds a `positions` record batch.
pub fn positions_to_batch(rows: &[PositionRow]) -> Result<RecordBatch> {
    positions_batch(rows.iter())
}

/// Builds a `positions` record batch of `rows[i]` for each `i` of `order`.
pub(crate) fn positions_batch_at(rows: &[PositionRow], order: &[u32]) -> Result<RecordBatch> {
    positions_batch(Gather::new(rows, order, |r| {
        if let Some(s) = &r.prov.source {
            prefetch(s.as_bytes().first().unwrap_or(&0));
        }
    }))
}

fn positions_batch<'a, I>(rows: I) -> Result<RecordBatch>
where
    I: ExactSizeIterator<Item = &'a PositionRow>,
{
    let n = rows.len();
    let mut mmsi = UInt32Builder::with_capacity(n);
    let mut lat = Float64Builder::with_capacity(n);
    let mut lon = Float64Builder::with_capacity(n);
    let mut sog = Float32Builder::with_capacity(n);
    let mut cog = Float32Builder::with_capacity(n);
    let mut heading = UInt16Builder::with_capacity(n);
    let mut nav_status = UInt8Builder::with_capacity(n);
    let mut msg_type = UInt8Builder::with_capacity(n);
    let mut prov = ProvenanceBuilders::new(n);
    let mut time = TimeBuilders::new(n);
    for r in rows {
        mmsi.append_value(r.mmsi);
        time.append(r.time, r.time_source);
        lat.append_value(r.lat);
        lon.append_value(r.lon);
        sog.append_option(r.sog);
        cog.append_option(r.cog);
        heading.append_option(r.heading);
        nav_status.append_option(r.nav_status);
        msg_type.append_value(r.msg_type);
        prov.append(&r.prov);
    }
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(mmsi.finish()),
        Arc::new(time.time.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(sog.finish()),
        Arc::new(cog.finish()),
        Arc::new(heading.finish()),
        Arc::new(nav_status.finish()),
        Arc::new(msg_type.finish()),
        Arc::new(time.source.finish()),
    ];
    prov.finish(&mut columns);
    Ok(RecordBatch::try_new(positions_schema(), columns)?)
}

/// Builds a `statics` record batch of `rows[i]` for each `i` of `order`.
pub(crate) fn statics_batch_at(rows: &[StaticRow], order: &[u32]) -> Result<RecordBatch> {
    statics_batch(Gather::new(rows, order, |r| {
        for s in [&r.callsign, &r.name, &r.destination].into_iter().flatten() {
            prefetch(s.as_bytes().first().unwrap_or(&0));
        }
        if let Some(s) = &r.prov.source {
            prefetch(s.as_bytes().first().unwrap_or(&0));
        }
    }))
}

fn statics_batch<'a, I>(rows: I) -> Result<RecordBatch>
where
    I: ExactSizeIterator<Item = &'a StaticRow>,
{
    let n = rows.len();
    let mut mmsi = UInt32Builder::with_capacity(n);
    let mut msg_type = UInt8Builder::with_capacity(n);
    let mut imo = UInt32Builder::with_capacity(n);
    let mut callsign = StringBuilder::with_capacity(n, n * 7);
    let mut name = StringBuilder::with_capacity(n, n * 20);
    let mut ship_type = UInt8Builder::with_capacity(n);
    let mut dims: [UInt16Builder; 6] = std::array::from_fn(|_| UInt16Builder::with_capacity(n));
    let mut draught = Float32Builder::with_capacity(n);
    let mut destination = StringBuilder::with_capacity(n, n * 20);
    let mut eta = TimestampMillisecondBuilder::with_capacity(n).with_timezone("UTC");
    let mut prov = ProvenanceBuilders::new(n);
    let mut time = TimeBuilders::new(n);
    for r in rows {
        mmsi.append_value(r.mmsi);
        time.append(r.time, r.time_source);
        msg_type.append_value(r.msg_type);
        imo.append_option(r.imo);
        callsign.append_option(r.callsign.as_deref());
        name.append_option(r.name.as_deref());
        ship_type.append_option(r.ship_type);
        for (b, v) in dims.iter_mut().zip([
            r.to_bow,
            r.to_stern,
            r.to_port,
            r.to_starboard,
            r.length,
            r.width,
        ]) {
            b.append_option(v);
        }
        draught.append_option(r.draught);
        destination.append_option(r.destination.as_deref());
        eta.append_option(r.eta);
        prov.append(&r.prov);
    }
    let [mut bow, mut stern, mut port, mut starboard, mut length, mut width] = dims;
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(mmsi.finish()),
        Arc::new(time.time.finish()),
        Arc::new(msg_type.finish()),
        Arc::new(imo.finish()),
        Arc::new(callsign.finish()),
        Arc::new(name.finish()),
        Arc::new(ship_type.finish()),
        Arc::new(bow.finish()),
        Arc::new(stern.finish()),
        Arc::new(port.finish()),
        Arc::new(starboard.finish()),
        Arc::new(length.finish()),
        Arc::new(width.finish()),
        Arc::new(draught.finish()),
        Arc::new(destination.finish()),
        Arc::new(eta.finish()),
        Arc::new(time.source.finish()),
    ];
    prov.finish(&mut columns);
    Ok(RecordBatch::try_new(statics_schema(), columns)?)
}

/// Typed access to the columns of a batch read back from the store (possibly projected).
struct Columns<'a>(&'a RecordBatch);

impl<'a> Columns<'a> {
    fn prim<T: arrow_array::ArrowPrimitiveType>(
        &self,
        name: &str,
    ) -> Result<&'a PrimitiveArray<T>> {
        let col = self
            .0
            .column_by_name(name)
            .with_context(|| format!("column {name} missing"))?;
        col.as_primitive_opt::<T>()
            .with_context(|| format!("column {name} has type {}", col.data_type()))
    }
    fn string(&self, name: &str) -> Result<&'a StringArray> {
        let col = self
            .0
            .column_by_name(name)
            .with_context(|| format!("column {name} missing"))?;
        col.as_string_opt::<i32>()
            .with_context(|| format!("column {name} has type {}", col.data_type()))
    }
}

fn opt<T: arrow_array::ArrowPrimitiveType>(a: &PrimitiveArray<T>, i: usize) -> Option<T::Native> {
    a.is_valid(i).then(|| a.value(i))
}

fn opt_str(a: &StringArray, i: usize) -> Option<String> {
    a.is_valid(i).then(|| a.value(i).to_owned())
}

/// Shares one `Arc<str>` between consecutive rows with the same source.
fn source_at(a: &StringArray, i: usize, last: &mut Option<Arc<str>>) -> Option<Arc<str>> {
    if !a.is_valid(i) {
        return None;
    }
    let s = a.value(i);
    match last {
        Some(l) if &**l == s => Some(l.clone()),
        _ => {
            *last = Some(Arc::from(s));
            last.clone()
        }
    }
}

/// Reads `positions` rows back from a batch with the full schema.
pub fn positions_from_batch(batch: &RecordBatch) -> Result<Vec<PositionRow>> {
    let c = Columns(batch);
    let mmsi = c.prim::<UInt32Type>("mmsi")?;
    let time = c.prim::<TimestampMillisecondType>("time")?;
    let lat = c.prim::<Float64Type>("lat")?;
    let lon = c.prim::<Float64Type>("lon")?;
    let sog = c.prim::<Float32Type>("sog")?;
    let cog = c.prim::<Float32Type>("cog")?;
    let heading = c.prim::<UInt16Type>("heading")?;
    let nav_status = c.prim::<UInt8Type>("nav_status")?;
    let msg_type = c.prim::<UInt8Type>("msg_type")?;
    let time_source = c.string("time_source")?;
    let source = c.string("source")?;
    let input_id = c.prim::<UInt32Type>("input_id")?;
    let input_line = c.prim::<UInt64Type>("input_line")?;
    let mut last = None;
    (0..batch.num_rows())
        .map(|i| {
            Ok(PositionRow {
                mmsi: mmsi.value(i),
                time: time.value(i),
                time_source: TimeSource::parse(time_source.value(i))?,
                lat: lat.value(i),
                lon: lon.value(i),
                sog: opt(sog, i),
                cog: opt(cog, i),
                heading: opt(heading, i),
                nav_status: opt(nav_status, i),
                msg_type: msg_type.value(i),
                prov: Provenance {
                    source: source_at(source, i, &mut last),
                    input_id: input_id.value(i),
                    input_line: input_line.value(i),
                },
            })
        })
        .collect()
}

/// Reads `statics` rows back from a batch with the full schema.
pub fn statics_from_batch(batch: &RecordBatch) -> Result<Vec<StaticRow>> {
    let c = Columns(batch);
    let mmsi = c.prim::<UInt32Type>("mmsi")?;
    let time = c.prim::<TimestampMillisecondType>("time")?;
    let msg_type = c.prim::<UInt8Type>("msg_type")?;
    let imo = c.prim::<UInt32Type>("imo")?;
    let callsign = c.string("callsign")?;
    let name = c.string("name")?;
    let ship_type = c.prim::<UInt8Type>("ship_type")?;
    let to_bow = c.prim::<UInt16Type>("to_bow")?;
    let to_stern = c.prim::<UInt16Type>("to_stern")?;
    let to_port = c.prim::<UInt16Type>("to_port")?;
    let to_starboard = c.prim::<UInt16Type>("to_starboard")?;
    let length = c.prim::<UInt16Type>("length")?;
    let width = c.prim::<UInt16Type>("width")?;
    let draught = c.prim::<Float32Type>("draught")?;
    let destination = c.string("destination")?;
    let eta = c.prim::<TimestampMillisecondType>("eta")?;
    let time_source = c.string("time_source")?;
    let source = c.string("source")?;
    let input_id = c.prim::<UInt32Type>("input_id")?;
    let input_line = c.prim::<UInt64Type>("input_line")?;
    let mut last = None;
    (0..batch.num_rows())
        .map(|i| {
            Ok(StaticRow {
                mmsi: mmsi.value(i),
                time: time.value(i),
                time_source: TimeSource::parse(time_source.value(i))?,
                msg_type: msg_type.value(i),
                imo: opt(imo, i),
                callsign: opt_str(callsign, i),
                name: opt_str(name, i),
                ship_type: opt(ship_type, i),
                to_bow: opt(to_bow, i),
                to_stern: opt(to_stern, i),
                to_port: opt(to_port, i),
                to_starboard: opt(to_starboard, i),
                length: opt(length, i),
                width: opt(width, i),
                draught: opt(draught, i),
                destination: opt_str(destination, i),
                eta: opt(eta, i),
                prov: Provenance {
                    source: source_at(source, i, &mut last),
                    input_id: input_id.value(i),
                    input_line: input_line.value(i),
                },
            })
        })
        .collect()
}
