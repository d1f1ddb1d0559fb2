//! `lookout vessels`: identity per vessel as seen in the store.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use lookout_core::time::format_time_ms;
use lookout_store::{vessels, Store, Vessel};

/// Output formats of `lookout vessels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per MMSI; lists are `|`-separated, most reported first.
    Csv,
    /// One JSON object per MMSI, with report counts for each name, IMO and call sign.
    Jsonl,
}

/// Arguments of `lookout vessels`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, value_name = "DIR")]
    store: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// The flag state's Maritime Identification Digits of a ship MMSI (`MIDxxxxxx`), if it is one.
fn mid(mmsi: u32) -> Option<u32> {
    (200_000_000..800_000_000)
        .contains(&mmsi)
        .then_some(mmsi / 1_000_000)
}

fn join<T: ToString>(v: &[(T, u64)]) -> String {
    v.iter()
        .map(|(x, _)| x.to_string())
        .collect::<Vec<_>>()
        .join("|")
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Runs `lookout vessels`.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = Store::open(&args.store)?;
    let all = vessels(&store)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == Format::Csv {
        writeln!(
            out,
            "mmsi,mid,names,imos,callsigns,ship_types,positions,statics,first_seen,last_seen"
        )?;
    }
    for v in &all {
        write_vessel(&mut out, v, args.format)?;
    }
    out.flush()?;
    eprintln!("{} vessels", all.len());
    Ok(ExitCode::SUCCESS)
}

fn write_vessel(out: &mut impl Write, v: &Vessel, format: Format) -> Result<()> {
    match format {
        Format::Csv => writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            v.mmsi,
            mid(v.mmsi).map(|m| m.to_string()).unwrap_or_default(),
            quote(&join(&v.names)),
            join(&v.imos),
            quote(&join(&v.callsigns)),
            join(&v.ship_types),
            v.positions,
            v.statics,
            format_time_ms(v.first_seen),
            format_time_ms(v.last_seen)
        )?,
        Format::Jsonl => {
            let pairs = |v: Vec<serde_json::Value>| serde_json::Value::Array(v);
            let obj = serde_json::json!({
                "mmsi": v.mmsi,
                "mid": mid(v.mmsi),
                "names": pairs(v.names.iter().map(|(n, c)| serde_json::json!({"name": n, "reports": c})).collect()),
                "imos": pairs(v.imos.iter().map(|(n, c)| serde_json::json!({"imo": n, "reports": c})).collect()),
                "callsigns": pairs(v.callsigns.iter().map(|(n, c)| serde_json::json!({"callsign": n, "reports": c})).collect()),
                "ship_types": v.ship_types.iter().map(|(t, _)| t).collect::<Vec<_>>(),
                "positions": v.positions,
                "statics": v.statics,
                "first_seen": format_time_ms(v.first_seen),
                "last_seen": format_time_ms(v.last_seen),
            });
            serde_json::to_writer(&mut *out, &obj)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
