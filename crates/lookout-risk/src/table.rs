//! The ranked fleet as CSV: one row per vessel with the points of every signal and the top
//! evidence ids (`lookout risk --format csv`, `risk.csv` of `lookout analyze`; columns in
//! docs/sanctions.md).

use std::io::{self, Write};

use crate::score::{Assessment, Signal};

/// The signal names, in output order.
fn signal_names(all: &[Assessment]) -> Vec<&'static str> {
    all.first()
        .map(|a| a.signals.iter().map(|s| s.signal).collect())
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The evidence column: up to three `signal:id` per signal with points, highest points first.
fn top_evidence(a: &Assessment) -> Vec<String> {
    let mut top: Vec<&Signal> = a.signals.iter().filter(|s| s.points > 0.0).collect();
    top.sort_by(|x, y| y.points.total_cmp(&x.points));
    top.iter()
        .flat_map(|s| {
            s.evidence
                .iter()
                .take(3)
                .map(move |e| format!("{}:{}", s.signal, e.id))
        })
        .collect()
}

/// Writes the ranked fleet (`all` as [`Sources::assess`](crate::Sources::assess) returns it).
pub fn write_csv(out: &mut impl Write, all: &[Assessment]) -> io::Result<()> {
    let names = signal_names(all);
    writeln!(
        out,
        "rank,vessel,imo,mmsis,watched,score,{},sanctions_status,matched_by,evidence",
        names.join(",")
    )?;
    for (i, a) in all.iter().enumerate() {
        let v = &a.vessel;
        let points: Vec<String> = a.signals.iter().map(|s| format!("{}", s.points)).collect();
        let mmsis: Vec<String> = v.mmsis.iter().map(u32::to_string).collect();
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            i + 1,
            csv_field(&v.name),
            v.imo.map(|x| x.to_string()).unwrap_or_default(),
            mmsis.join("|"),
            v.watched,
            a.score,
            points.join(","),
            a.sanctions.as_ref().map_or("", |s| s.status),
            a.sanctions
                .as_ref()
                .and_then(|s| s.matched_by)
                .unwrap_or_default(),
            csv_field(&top_evidence(a).join("|")),
        )?;
    }
    Ok(())
}
