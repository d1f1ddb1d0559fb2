//! Column mappings for AIS CSV exports that are not in a built-in layout (Spire, MarineTraffic /
//! Kpler, a national authority's export): a TOML file names the export's column for each field,
//! with an optional scale and time format. Format and examples in `docs/imports.md`.
//!
//! ```toml
//! name = "marinetraffic"              # the rows' source in the store
//! time_format = "%Y-%m-%dT%H:%M:%S"  # optional; default RFC 3339, "YYYY-MM-DD HH:MM:SS" or Unix s
//! [columns]
//! mmsi = "MMSI"
//! time = "TIMESTAMP"
//! lat = "LAT"
//! lon = "LON"
//! sog = { column = "SPEED", scale = 0.1 }   # MarineTraffic: knots x10
//! cog = "COURSE"
//! ```

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use lookout_core::time::{parse_strftime, parse_time};
use serde::Deserialize;

/// One export's columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvMapping {
    /// Name of the export, stored as the rows' source.
    pub name: String,
    /// `strftime` format of the time column (UTC), `unix` or `unix_ms`; by default RFC 3339,
    /// `YYYY-MM-DD HH:MM:SS[.fff]` (UTC) or Unix seconds.
    #[serde(default)]
    pub time_format: Option<String>,
    /// The export's column for each field.
    pub columns: MappedColumns,
}

/// A field's column: its name, or `{ column = "NAME", scale = 0.1 }` for a value written in
/// other units.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Column {
    /// The column's name.
    Name(String),
    /// The column's name and the factor its numbers are multiplied by.
    Scaled {
        /// The column's name.
        column: String,
        /// Factor.
        scale: f64,
    },
}

impl Column {
    /// The column's name.
    pub fn name(&self) -> &str {
        match self {
            Column::Name(n) | Column::Scaled { column: n, .. } => n,
        }
    }

    /// The factor its numbers are multiplied by.
    pub fn scale(&self) -> f64 {
        match self {
            Column::Name(_) => 1.0,
            Column::Scaled { scale, .. } => *scale,
        }
    }
}

/// Fields a mapping can fill: the four required, the rest optional.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct MappedColumns {
    pub mmsi: Column,
    pub time: Column,
    pub lat: Column,
    pub lon: Column,
    pub sog: Option<Column>,
    pub cog: Option<Column>,
    pub heading: Option<Column>,
    pub nav_status: Option<Column>,
    pub imo: Option<Column>,
    pub name: Option<Column>,
    pub callsign: Option<Column>,
    pub ship_type: Option<Column>,
    pub length: Option<Column>,
    pub width: Option<Column>,
    pub draught: Option<Column>,
    pub destination: Option<Column>,
}

/// Field names in [`MappedColumns::fields`] order.
pub const FIELDS: [&str; 16] = [
    "mmsi",
    "time",
    "lat",
    "lon",
    "sog",
    "cog",
    "heading",
    "nav_status",
    "imo",
    "name",
    "callsign",
    "ship_type",
    "length",
    "width",
    "draught",
    "destination",
];

impl MappedColumns {
    /// Every field's column, in `FIELDS` order.
    pub fn fields(&self) -> [Option<&Column>; 16] {
        [
            Some(&self.mmsi),
            Some(&self.time),
            Some(&self.lat),
            Some(&self.lon),
            self.sog.as_ref(),
            self.cog.as_ref(),
            self.heading.as_ref(),
            self.nav_status.as_ref(),
            self.imo.as_ref(),
            self.name.as_ref(),
            self.callsign.as_ref(),
            self.ship_type.as_ref(),
            self.length.as_ref(),
            self.width.as_ref(),
            self.draught.as_ref(),
            self.destination.as_ref(),
        ]
    }
}

impl CsvMapping {
    /// Reads a mapping file; errors name the file and line.
    pub fn from_path(path: &Path) -> Result<CsvMapping> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read CSV mapping {}", path.display()))?;
        Self::from_toml(&text).map_err(|e| anyhow!("{}:{e}", path.display()))
    }

    /// Parses a mapping; the error starts with the line (`12: ...`).
    pub fn from_toml(text: &str) -> Result<CsvMapping, String> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            format!("{line}: {}", e.message())
        })
    }

    /// The time in a cell, ms since the epoch.
    pub fn time(&self, s: &str) -> Option<i64> {
        let s = s.trim();
        match self.time_format.as_deref() {
            Some("unix") => s.parse::<f64>().ok().map(|x| (x * 1000.0).round() as i64),
            Some("unix_ms") => s.parse::<i64>().ok(),
            Some(fmt) => parse_strftime(s, fmt).ok(),
            None => parse_time(s).ok().or_else(|| {
                ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
                    .iter()
                    .find_map(|f| parse_strftime(s, f).ok())
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_files_and_their_errors() {
        let m = CsvMapping::from_toml(
            "name = \"mt\"\n[columns]\nmmsi = \"MMSI\"\ntime = \"TIMESTAMP\"\nlat = \"LAT\"\nlon = \"LON\"\nsog = { column = \"SPEED\", scale = 0.1 }\n",
        )
        .unwrap();
        assert_eq!(m.columns.sog.as_ref().unwrap().scale(), 0.1);
        assert_eq!(m.columns.fields()[4].unwrap().name(), "SPEED");
        assert_eq!(m.time("2023-09-05T01:02:03"), Some(1_693_875_723_000));
        assert_eq!(m.time("2023-09-05 01:02:03.5"), Some(1_693_875_723_500));
        assert_eq!(m.time("2023-09-05T01:02:03Z"), Some(1_693_875_723_000));
        let err =
            CsvMapping::from_toml("name = \"x\"\n[columns]\nmmsi = \"MMSI\"\nspeed = \"S\"\n")
                .unwrap_err();
        assert!(err.starts_with("4: unknown field `speed`"), "{err}");
        let err = CsvMapping::from_toml("name = \"x\"\n[columns]\nmmsi = \"MMSI\"\n").unwrap_err();
        assert!(err.contains("missing field `time`"), "{err}");
    }
}
