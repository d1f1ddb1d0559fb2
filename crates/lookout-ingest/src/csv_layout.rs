//! Decoded AIS CSV exports: the Danish Maritime Authority (DMA) layout and the US
//! MarineCadastre (NOAA/BOEM) layout, with column names as those publishers use them, and any
//! other export through a [`CsvMapping`].

use std::sync::Arc;

use anyhow::{bail, Result};
use lookout_store::StaticRow;

use crate::csv_mapping::{CsvMapping, FIELDS};
use crate::rows::{self, Fix};

/// A known CSV layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Danish Maritime Authority (`# Timestamp`, `Type of mobile`, `MMSI`, ...).
    Dma,
    /// US MarineCadastre (`MMSI`, `BaseDateTime`, `LAT`, `LON`, ...).
    MarineCadastre,
    /// The columns a [`CsvMapping`] names.
    Mapped,
}

/// Columns the ingest reads, per layout; alternatives for the same column are separated by `|`.
const DMA: &[&str] = &[
    "# Timestamp|Timestamp",
    "Type of mobile",
    "MMSI",
    "Latitude",
    "Longitude",
    "Navigational status",
    "SOG",
    "COG",
    "Heading",
    "IMO",
    "Callsign",
    "Name",
    "Ship type",
    "Width",
    "Length",
    "Draught",
    "Destination",
    "ETA",
    "A",
    "B",
    "C",
    "D",
];

const MARINE_CADASTRE: &[&str] = &[
    "MMSI",
    "BaseDateTime",
    "LAT",
    "LON",
    "SOG",
    "COG",
    "Heading",
    "VesselName",
    "IMO",
    "CallSign",
    "VesselType",
    "Status",
    "Length",
    "Width",
    "Draft",
];

impl Layout {
    /// Name used in messages and as the rows' `source`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Dma => "dma",
            Layout::MarineCadastre => "marinecadastre",
            Layout::Mapped => "mapped",
        }
    }

    fn columns(self) -> &'static [&'static str] {
        match self {
            Layout::Dma => DMA,
            Layout::MarineCadastre => MARINE_CADASTRE,
            Layout::Mapped => &[],
        }
    }
}

/// True if a first line looks like a CSV header (it names an MMSI column, or the mapping's).
pub fn is_header(line: &[u8], mapping: Option<&CsvMapping>) -> bool {
    let line = String::from_utf8_lossy(line);
    let mmsi = mapping.map_or("mmsi", |m| m.columns.mmsi.name());
    line.contains(',')
        && line.split(',').any(|c| {
            let c = c.trim().trim_matches('"');
            c.eq_ignore_ascii_case("mmsi") || c == mmsi
        })
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect()
}

/// How much a header column looks like a wanted one (0 to 1): one name abbreviating the other
/// (`LON`, `Longitude`) counts as close, otherwise edit distance of the normalised names.
fn likeness(want: &str, found: &str) -> f64 {
    let (a, b) = (normalise(want), normalise(found));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() >= 3 && long.starts_with(short.as_str()) {
        return 0.9;
    }
    strsim::normalized_levenshtein(&a, &b)
}

/// Column indexes of a header matched against a layout.
#[derive(Clone, Debug)]
pub struct Columns {
    /// The layout matched.
    pub layout: Layout,
    idx: Vec<usize>,
    mapping: Option<Arc<CsvMapping>>,
}

impl Columns {
    /// The rows' source: the layout's name, or the mapping's.
    pub fn source_name(&self) -> &str {
        self.mapping
            .as_ref()
            .map_or(self.layout.name(), |m| &m.name)
    }

    /// The column a reject reason is about (`bad_mmsi`, `bad_time`), with its header name.
    pub fn column_for(&self, reason: &str, header: &csv::StringRecord) -> Option<(usize, String)> {
        let field = match (self.layout, reason) {
            (Layout::Dma, "bad_mmsi") => 2,
            (Layout::Dma, "bad_time") => 0,
            (_, "bad_mmsi") => 0,
            (_, "bad_time") => 1,
            _ => return None,
        };
        let i = *self.idx.get(field)?;
        Some((i, header.get(i)?.trim().to_owned()))
    }
}

/// Matches a header to the mapping's columns; the error names each missing column with the
/// field it is mapped to and a header column that looks like it.
fn match_mapping(names: &[&str], mapping: Arc<CsvMapping>) -> Result<Columns> {
    let mut idx = Vec::new();
    let mut missing = Vec::new();
    for (field, col) in FIELDS.iter().zip(mapping.columns.fields()) {
        match col {
            None => idx.push(usize::MAX),
            Some(col) => match names.iter().position(|n| *n == col.name()) {
                Some(i) => idx.push(i),
                None => {
                    idx.push(usize::MAX);
                    missing.push(format!(
                        "\"{}\" ({field}){}",
                        col.name(),
                        renamed(col.name(), names, &[])
                    ));
                }
            },
        }
    }
    if !missing.is_empty() {
        bail!(
            "line 1: the CSV header lacks column(s) {} named by the {:?} mapping",
            missing.join(", "),
            mapping.name
        );
    }
    Ok(Columns {
        layout: Layout::Mapped,
        idx,
        mapping: Some(mapping),
    })
}

/// `" (renamed to \"X\"?)"` for the unused header column most like `want`, if any.
fn renamed(want: &str, names: &[&str], used: &[usize]) -> String {
    names
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, n)| (likeness(want, n), n))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or(String::new(), |(_, n)| format!(" (renamed to \"{n}\"?)"))
}

/// Matches a header to a layout (the mapping's when one is given). The error names the missing
/// columns and, for each, a header column that looks like a renamed version of it.
pub fn match_header(
    header: &csv::StringRecord,
    mapping: Option<Arc<CsvMapping>>,
) -> Result<Columns> {
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    if let Some(mapping) = mapping {
        return match_mapping(&names, mapping);
    }
    let find = |alts: &str| {
        alts.split('|')
            .find_map(|a| names.iter().position(|n| *n == a))
    };
    let mut best: Option<(usize, Layout)> = None;
    for layout in [Layout::Dma, Layout::MarineCadastre] {
        let found = layout
            .columns()
            .iter()
            .filter(|c| find(c).is_some())
            .count();
        if best.is_none_or(|(n, _)| found > n) {
            best = Some((found, layout));
        }
    }
    let (found, layout) = best.expect("two layouts");
    if found < 3 {
        bail!(
            "CSV header matches no known layout (DMA: {}; MarineCadastre: {}); found columns: {}",
            DMA[..5].join(", "),
            MARINE_CADASTRE[..5].join(", "),
            names.join(", ")
        );
    }
    let mut idx = Vec::new();
    let mut missing = Vec::new();
    for col in layout.columns() {
        match find(col) {
            Some(i) => idx.push(i),
            None => missing.push(*col),
        }
    }
    if missing.is_empty() {
        return Ok(Columns {
            layout,
            idx,
            mapping: None,
        });
    }
    let described: Vec<String> = missing
        .iter()
        .map(|col| {
            let want = col.split('|').next().unwrap_or(col);
            format!("\"{want}\"{}", renamed(want, &names, &idx))
        })
        .collect();
    bail!(
        "CSV header looks like the {} layout but lacks column(s) {}",
        match layout {
            Layout::Dma => "Danish Maritime Authority",
            _ => "MarineCadastre",
        },
        described.join(", ")
    )
}

/// One CSV record, parsed.
#[derive(Debug, Default)]
pub struct Record {
    /// MMSI.
    pub mmsi: u32,
    /// Time, ms since the epoch.
    pub time: i64,
    /// Position, if the record has a valid one.
    pub fix: Option<Fix>,
    /// Static fields (mmsi, time and provenance still to be set); empty if none.
    pub statics: StaticRow,
    /// False for base stations, whose positions are not vessel tracks.
    pub is_vessel: bool,
}

fn opt_f(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn opt_text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && !s.eq_ignore_ascii_case("unknown") && !s.eq_ignore_ascii_case("undefined"))
        .then(|| s.to_owned())
}

fn opt_u16(s: &str) -> Option<u16> {
    opt_f(s)
        .filter(|v| *v > 0.0 && *v < 65536.0)
        .map(|v| v as u16)
}

fn position(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    let (lat, lon) = (lat?, lon?);
    (lat.abs() <= 90.0 && lon.abs() <= 180.0).then_some((lat, lon))
}

fn time(s: &str, fmt: &str) -> Option<i64> {
    lookout_core::time::parse_strftime(s, fmt).ok()
}

/// DMA navigational status text to the ITU-R M.1371 code.
fn dma_status(s: &str) -> Option<u8> {
    let s = s.trim().to_ascii_lowercase();
    Some(match s.as_str() {
        "under way using engine" => 0,
        "at anchor" => 1,
        "not under command" => 2,
        "restricted manoeuverability" | "restricted maneuverability" => 3,
        "constrained by her draught" => 4,
        "moored" => 5,
        "aground" => 6,
        "engaged in fishing" => 7,
        "under way sailing" => 8,
        "reserved for future amendment [hsc]" => 9,
        "reserved for future amendment [wig]" => 10,
        "power-driven vessel towing astern" => 11,
        "power-driven vessel pushing ahead or towing alongside" => 12,
        "reserved for future use" => 13,
        "ais-sart" => 14,
        "unknown value" => 15,
        _ => return None,
    })
}

/// DMA ship type text to the ITU-R M.1371 code of its class (first code of the range).
fn dma_ship_type(s: &str) -> Option<u8> {
    let s = s.trim().to_ascii_lowercase();
    Some(match s.as_str() {
        "wig" => 20,
        "fishing" => 30,
        "towing" => 31,
        "towing long/wide" => 32,
        "dredging" => 33,
        "diving" => 34,
        "military" => 35,
        "sailing" => 36,
        "pleasure" => 37,
        "hsc" => 40,
        "pilot" => 50,
        "sar" => 51,
        "tug" => 52,
        "port tender" => 53,
        "anti-pollution" => 54,
        "law enforcement" => 55,
        "medical" => 58,
        "not party to conflict" => 59,
        "passenger" => 60,
        "cargo" => 70,
        "tanker" => 80,
        "other" => 90,
        _ => return None,
    })
}

/// Parses one record; `Err` is the reject reason.
pub fn parse(cols: &Columns, rec: &csv::StringRecord) -> Result<Record, &'static str> {
    let f = |i: usize| rec.get(cols.idx[i]).unwrap_or("");
    let mmsi = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|m| *m > 0)
            .ok_or("bad_mmsi")
    };
    let mut r = Record::default();
    match cols.layout {
        Layout::Dma => {
            // Column order as in the DMA list above.
            r.mmsi = mmsi(f(2))?;
            r.time = time(f(0), "%d/%m/%Y %H:%M:%S").ok_or("bad_time")?;
            r.is_vessel = !f(1).trim().eq_ignore_ascii_case("base station");
            r.fix = position(opt_f(f(3)), opt_f(f(4))).map(|(lat, lon)| Fix {
                lat,
                lon,
                sog: opt_f(f(6)).filter(|v| *v < 102.3).map(|v| v as f32),
                cog: opt_f(f(7)).filter(|v| *v < 360.0).map(|v| v as f32),
                heading: opt_f(f(8)).filter(|v| *v < 360.0).map(|v| v as u16),
                nav_status: dma_status(f(5)),
            });
            let s = &mut r.statics;
            s.imo = f(9).trim().parse::<u32>().ok().filter(|i| *i > 0);
            s.callsign = opt_text(f(10));
            s.name = opt_text(f(11));
            s.ship_type = dma_ship_type(f(12));
            s.width = opt_u16(f(13));
            s.length = opt_u16(f(14));
            s.draught = opt_f(f(15)).filter(|d| *d > 0.0).map(|d| d as f32);
            s.destination = opt_text(f(16));
            s.eta = time(f(17), "%d/%m/%Y %H:%M:%S");
            s.to_bow = opt_u16(f(18));
            s.to_stern = opt_u16(f(19));
            s.to_port = opt_u16(f(20));
            s.to_starboard = opt_u16(f(21));
        }
        Layout::MarineCadastre => {
            r.mmsi = mmsi(f(0))?;
            r.time = time(f(1), "%Y-%m-%dT%H:%M:%S")
                .or_else(|| time(f(1), "%Y-%m-%d %H:%M:%S"))
                .ok_or("bad_time")?;
            r.is_vessel = true;
            r.fix = position(opt_f(f(2)), opt_f(f(3))).map(|(lat, lon)| Fix {
                lat,
                lon,
                sog: opt_f(f(4)).filter(|v| *v < 102.3).map(|v| v as f32),
                cog: opt_f(f(5)).filter(|v| *v < 360.0).map(|v| v as f32),
                heading: opt_f(f(6)).filter(|v| *v < 360.0).map(|v| v as u16),
                nav_status: opt_f(f(11)).filter(|v| *v < 16.0).map(|v| v as u8),
            });
            let s = &mut r.statics;
            s.name = opt_text(f(7));
            s.imo = f(8)
                .trim()
                .trim_start_matches("IMO")
                .parse::<u32>()
                .ok()
                .filter(|i| *i > 0);
            s.callsign = opt_text(f(9));
            s.ship_type = opt_f(f(10))
                .filter(|t| *t > 0.0 && *t < 256.0)
                .map(|t| t as u8);
            s.length = opt_u16(f(12));
            s.width = opt_u16(f(13));
            s.draught = opt_f(f(14)).filter(|d| *d > 0.0).map(|d| d as f32);
        }
        Layout::Mapped => mapped(cols, rec, &mut r)?,
    }
    if rows::holds_control_character(Some(&r.statics), None) {
        return Err("control_character");
    }
    Ok(r)
}

/// A record through a mapping: fields in [`FIELDS`] order, numbers times their column's scale.
fn mapped(cols: &Columns, rec: &csv::StringRecord, r: &mut Record) -> Result<(), &'static str> {
    let Some(m) = cols.mapping.as_deref() else {
        return Err("bad_csv_record");
    };
    let fields = m.columns.fields();
    let f = |i: usize| rec.get(cols.idx[i]).unwrap_or("");
    let n = |i: usize| opt_f(f(i)).map(|v| v * fields[i].map_or(1.0, |c| c.scale()));
    r.mmsi = f(0)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| *m > 0)
        .ok_or("bad_mmsi")?;
    r.time = m.time(f(1)).ok_or("bad_time")?;
    r.is_vessel = true;
    r.fix = position(n(2), n(3)).map(|(lat, lon)| Fix {
        lat,
        lon,
        sog: n(4).filter(|v| (0.0..102.3).contains(v)).map(|v| v as f32),
        cog: n(5).filter(|v| (0.0..360.0).contains(v)).map(|v| v as f32),
        heading: n(6).filter(|v| (0.0..360.0).contains(v)).map(|v| v as u16),
        nav_status: n(7).filter(|v| (0.0..16.0).contains(v)).map(|v| v as u8),
    });
    let s = &mut r.statics;
    s.imo = n(8).filter(|i| *i >= 1.0 && *i < 1e7).map(|i| i as u32);
    s.name = opt_text(f(9));
    s.callsign = opt_text(f(10));
    s.ship_type = n(11).filter(|t| *t > 0.0 && *t < 256.0).map(|t| t as u8);
    s.length = n(12).filter(|v| *v > 0.0 && *v < 65536.0).map(|v| v as u16);
    s.width = n(13).filter(|v| *v > 0.0 && *v < 65536.0).map(|v| v as u16);
    s.draught = n(14).filter(|d| *d > 0.0).map(|d| d as f32);
    s.destination = opt_text(f(15));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str) -> csv::StringRecord {
        csv::StringRecord::from(s.split(',').collect::<Vec<_>>())
    }

    #[test]
    fn renamed_and_missing_columns_are_named() {
        let err = match_header(
            &header(
                "MMSI,BaseDateTime,Lat,Longitude,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width",
            ),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("MarineCadastre"), "{err}");
        assert!(err.contains("\"LAT\" (renamed to \"Lat\"?)"), "{err}");
        assert!(err.contains("\"LON\" (renamed to \"Longitude\"?)"), "{err}");
        assert!(err.contains("\"Draft\""), "{err}");
        let err = match_header(&header("a,b,c"), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no known layout"), "{err}");
    }
}
