//! `lookout vessels`: identity per vessel as seen in the store; with a project, events or
//! sanctions files, also each vessel's risk score on a date (`lookout risk`), as a last column.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use lookout_core::time::format_time_ms;
use lookout_risk::Assessment;
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
    /// Inputs of the risk score; any of them adds a `risk` column (CSV) or object (JSONL).
    #[command(flatten)]
    risk: super::risk::Inputs,
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
    // Risk per MMSI: the score of the ship the MMSI belongs to.
    let mut risk: HashMap<u32, Assessment> = HashMap::new();
    let loaded = if args.risk.given() {
        let last = all.iter().map(|v| v.last_seen).max();
        let loaded = args.risk.load(None, last)?;
        for a in loaded.assess(&lookout_pipeline::risk_seen(all.clone())) {
            for &m in &a.vessel.mmsis {
                risk.insert(m, a.clone());
            }
        }
        Some(loaded)
    } else {
        None
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == Format::Csv {
        write!(
            out,
            "mmsi,mid,names,imos,callsigns,ship_types,positions,statics,first_seen,last_seen"
        )?;
        writeln!(out, "{}", if loaded.is_some() { ",risk" } else { "" })?;
    }
    for v in &all {
        let r = loaded.as_ref().map(|_| risk.get(&v.mmsi));
        write_vessel(&mut out, v, r, args.format)?;
    }
    out.flush()?;
    if let Some(l) = &loaded {
        eprintln!("{}", l.summary());
    }
    eprintln!("{} vessels", all.len());
    Ok(ExitCode::SUCCESS)
}

/// `risk` is None without risk inputs, `Some(None)` for an MMSI the score did not reach.
fn write_vessel(
    out: &mut impl Write,
    v: &Vessel,
    risk: Option<Option<&Assessment>>,
    format: Format,
) -> Result<()> {
    match format {
        Format::Csv => write!(
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
        )
        .and_then(|()| match risk {
            Some(r) => writeln!(
                out,
                ",{}",
                r.map(|a| a.score.to_string()).unwrap_or_default()
            ),
            None => writeln!(out),
        })?,
        Format::Jsonl => {
            let pairs = |v: Vec<serde_json::Value>| serde_json::Value::Array(v);
            let mut obj = serde_json::json!({
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
            if let Some(r) = risk {
                obj["risk"] = r.map_or(serde_json::Value::Null, |a| {
                    let points: serde_json::Map<String, serde_json::Value> = a
                        .signals
                        .iter()
                        .map(|s| (s.signal.to_owned(), s.points.into()))
                        .collect();
                    serde_json::json!({"score": a.score, "date": a.date, "vessel": a.vessel.name, "points": points})
                });
            }
            serde_json::to_writer(&mut *out, &obj)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
