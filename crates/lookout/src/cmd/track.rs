//! `lookout track`: one vessel's positions from the store, as GeoJSON or CSV.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use lookout_core::time::{format_time_ms, parse_time};
use lookout_store::{track, PositionRow, Store, TimeRange};
use serde_json::{json, Value};

/// Output formats of `lookout track`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A FeatureCollection: the track as a LineString (with `coordTimes`), then one Point per fix.
    Geojson,
    /// One row per fix.
    Csv,
}

/// Arguments of `lookout track`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, value_name = "DIR")]
    store: std::path::PathBuf,
    /// The vessel's MMSI.
    #[arg(long)]
    mmsi: u32,
    /// Earliest time (RFC 3339, `YYYY-MM-DD` or Unix seconds), inclusive.
    #[arg(long, value_parser = parse_time)]
    from: Option<i64>,
    /// Latest time, inclusive.
    #[arg(long, value_parser = parse_time)]
    to: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Geojson)]
    format: Format,
}

/// Runs `lookout track`; exit status 1 if the vessel has no position in the range.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = Store::open(&args.store)?;
    let range = TimeRange {
        from: args.from,
        to: args.to,
    };
    let (rows, _) = track(&store, args.mmsi, range)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Geojson => {
            serde_json::to_writer(&mut out, &geojson(args.mmsi, &rows, &store))?;
            writeln!(out)?;
        }
        Format::Csv => csv(&mut out, &rows, &store)?,
    }
    out.flush()?;
    Ok(if rows.is_empty() {
        eprintln!(
            "lookout track: no positions for MMSI {} in that range",
            args.mmsi
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn geojson(mmsi: u32, rows: &[PositionRow], store: &Store) -> Value {
    let coords: Vec<Value> = rows.iter().map(|r| json!([r.lon, r.lat])).collect();
    let mut features = Vec::with_capacity(rows.len() + 1);
    if !rows.is_empty() {
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {
                "mmsi": mmsi,
                "points": rows.len(),
                "start": format_time_ms(rows[0].time),
                "end": format_time_ms(rows[rows.len() - 1].time),
                "coordTimes": rows.iter().map(|r| format_time_ms(r.time)).collect::<Vec<_>>(),
            }
        }));
    }
    for r in rows {
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {
                "mmsi": r.mmsi,
                "time": format_time_ms(r.time),
                "time_source": r.time_source.as_str(),
                "sog": r.sog,
                "cog": r.cog,
                "heading": r.heading,
                "nav_status": r.nav_status,
                "msg_type": r.msg_type,
                "source": r.prov.source.as_deref(),
                "input": store.input_name(r.prov.input_id),
                "input_line": r.prov.input_line,
            }
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn csv(out: &mut impl Write, rows: &[PositionRow], store: &Store) -> Result<()> {
    writeln!(
        out,
        "mmsi,time,lat,lon,sog,cog,heading,nav_status,msg_type,time_source,source,input,input_line"
    )?;
    for r in rows {
        let input = store.input_name(r.prov.input_id).unwrap_or("");
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}",
            r.mmsi,
            format_time_ms(r.time),
            r.lat,
            r.lon,
            opt(r.sog),
            opt(r.cog),
            opt(r.heading),
            opt(r.nav_status),
            r.msg_type,
            r.time_source.as_str(),
            quote(r.prov.source.as_deref().unwrap_or("")),
            quote(input),
            r.prov.input_line
        )?;
    }
    Ok(())
}

/// CSV field quoting (RFC 4180) for free text.
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
