//! Decoded AIS messages (typed, or the decoder's JSON lines) to store rows: [`extract`] takes a
//! message's fields, [`to_rows`] dates them into rows (one rule for every input).

use lookout_ais::message::StaticDataReport;
use lookout_ais::AisMessage;
use lookout_core::time::{civil, parse_time, ymd_hms, DAY_MS};
use lookout_store::{PositionRow, Provenance, StaticRow, TimeSource};
use serde_json::Value;

/// Payload fields of a position, before time and provenance are attached.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Speed over ground, knots.
    pub sog: Option<f32>,
    /// Course over ground, degrees.
    pub cog: Option<f32>,
    /// True heading, degrees.
    pub heading: Option<u16>,
    /// Navigational status.
    pub nav_status: Option<u8>,
}

impl Fix {
    /// The position row for this fix.
    pub fn row(
        self,
        mmsi: u32,
        msg_type: u8,
        time: (i64, TimeSource),
        prov: Provenance,
    ) -> PositionRow {
        PositionRow {
            mmsi,
            time: time.0,
            time_source: time.1,
            lat: self.lat,
            lon: self.lon,
            sog: self.sog,
            cog: self.cog,
            heading: self.heading,
            nav_status: self.nav_status,
            msg_type,
            prov,
        }
    }
}

/// What one message contributes: a position, a static report, both, or neither.
#[derive(Debug, Default)]
pub struct Extracted {
    /// `Some(None)` for a position message whose position is "not available".
    pub fix: Option<Option<Fix>>,
    /// Static fields, with `mmsi`, `time` and provenance still to be set.
    pub statics: Option<StaticRow>,
    /// ETA as (month, day, hour, minute), resolved against the message time later.
    pub eta: Option<(u8, u8, u8, u8)>,
}

fn fix(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    Some((lat?, lon?))
}

/// True when text that would be stored (the station, a name, call sign or destination) holds a
/// control character (C0, DEL or C1): the record is rejected as `control_character` instead.
/// AIS six-bit text cannot hold one, and the decoder drops tag-block fields that do.
pub fn holds_control_character(statics: Option<&StaticRow>, source: Option<&str>) -> bool {
    let control = |t: Option<&str>| t.is_some_and(|t| t.contains(char::is_control));
    control(source)
        || statics.is_some_and(|s| {
            control(s.name.as_deref())
                || control(s.callsign.as_deref())
                || control(s.destination.as_deref())
        })
}

fn text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn nonzero<T: Default + PartialEq>(v: T) -> Option<T> {
    (v != T::default()).then_some(v)
}

fn dims(bow: u16, stern: u16, port: u8, starboard: u8, row: &mut StaticRow) {
    row.to_bow = nonzero(bow);
    row.to_stern = nonzero(stern);
    row.to_port = nonzero(u16::from(port));
    row.to_starboard = nonzero(u16::from(starboard));
    row.length = nonzero(bow + stern);
    row.width = nonzero(u16::from(port) + u16::from(starboard));
}

/// Positions from types 1, 2, 3, 9, 18, 19, 21 and 27; static rows from types 5, 19, 21 and 24.
pub fn extract(msg: &AisMessage) -> Extracted {
    let mut out = Extracted {
        fix: msg.reported_fix().map(|f| {
            f.map(|f| Fix {
                lat: f.lat,
                lon: f.lon,
                sog: f.speed.map(|v| v as f32),
                cog: f.course.map(|v| v as f32),
                heading: f.heading,
                nav_status: f.status,
            })
        }),
        ..Extracted::default()
    };
    match msg {
        AisMessage::ExtendedClassBPositionReport(m) => {
            let mut s = StaticRow {
                name: text(m.shipname.as_str()),
                ship_type: nonzero(m.ship_type),
                ..StaticRow::default()
            };
            dims(m.to_bow, m.to_stern, m.to_port, m.to_starboard, &mut s);
            out.statics = Some(s);
        }
        AisMessage::AidToNavigationReport(m) => {
            let mut s = StaticRow {
                name: text(&m.full_name()),
                ..StaticRow::default()
            };
            dims(m.to_bow, m.to_stern, m.to_port, m.to_starboard, &mut s);
            out.statics = Some(s);
        }
        AisMessage::StaticAndVoyageData(m) => {
            let mut s = StaticRow {
                imo: nonzero(m.imo),
                callsign: text(m.callsign.as_str()),
                name: text(m.shipname.as_str()),
                ship_type: nonzero(m.ship_type),
                draught: m.draught_m().map(|d| d as f32),
                destination: text(m.destination.as_str()),
                ..StaticRow::default()
            };
            dims(m.to_bow, m.to_stern, m.to_port, m.to_starboard, &mut s);
            out.eta = m.eta();
            out.statics = Some(s);
        }
        AisMessage::StaticDataReport(r) => {
            let mut s = StaticRow::default();
            match r {
                StaticDataReport::PartA(m) => s.name = text(m.shipname.as_str()),
                StaticDataReport::PartB(m) => {
                    s.ship_type = nonzero(m.ship_type);
                    s.callsign = text(m.callsign.as_str());
                    dims(m.to_bow, m.to_stern, m.to_port, m.to_starboard, &mut s);
                }
                StaticDataReport::PartBAux(m) => {
                    s.ship_type = nonzero(m.ship_type);
                    s.callsign = text(m.callsign.as_str());
                }
            }
            out.statics = Some(s);
        }
        _ => {}
    }
    out
}

/// The store rows of one message dated `time`, and why part of it could not be stored.
#[derive(Debug, Default)]
pub struct Rows {
    /// The position row, if the message carried an available position.
    pub position: Option<PositionRow>,
    /// The static row, if the message carried static fields.
    pub statics: Option<StaticRow>,
    /// Reject reason for what was not kept: `mmsi_zero` (nothing kept) or
    /// `position_not_available` (a position message without a position).
    pub reject: Option<&'static str>,
}

/// The rows every input stores for one message: a position row for an available position, a
/// static row for non-empty static fields (with the ETA resolved against `time`).
pub fn to_rows(
    mmsi: u32,
    msg_type: u8,
    time: (i64, TimeSource),
    e: Extracted,
    prov: Provenance,
) -> Rows {
    if mmsi == 0 {
        return Rows {
            reject: Some("mmsi_zero"),
            ..Rows::default()
        };
    }
    let mut rows = Rows::default();
    match e.fix {
        Some(Some(fix)) => rows.position = Some(fix.row(mmsi, msg_type, time, prov.clone())),
        Some(None) => rows.reject = Some("position_not_available"),
        None => {}
    }
    if let Some(mut s) = e.statics.filter(|s| !s.is_empty() || e.eta.is_some()) {
        s.mmsi = mmsi;
        s.time = time.0;
        s.time_source = time.1;
        s.msg_type = msg_type;
        s.eta = e.eta.and_then(|eta| eta_ms(eta, time.0));
        s.prov = prov;
        rows.statics = Some(s);
    }
    rows
}

/// Resolves an AIS ETA (no year) against the message time: the year of the message, or the
/// next one if that would put the ETA more than half a year in the past.
pub fn eta_ms((month, day, hour, minute): (u8, u8, u8, u8), time_ms: i64) -> Option<i64> {
    let (year, ..) = civil(time_ms);
    let at = |year: i32| ymd_hms(year, month, day, hour, minute, 0);
    let this = at(year)?;
    if this < time_ms - 183 * DAY_MS {
        at(year + 1)
    } else {
        Some(this)
    }
}

/// One line of `lookout decode --format jsonl` (pyais field names and units, plus `rx_time`).
pub struct JsonMessage {
    /// Message type.
    pub msg_type: u8,
    /// MMSI.
    pub mmsi: u32,
    /// Receive time, ms since the epoch.
    pub rx_time: Option<i64>,
    /// Receiving station.
    pub source: Option<String>,
    /// What it contributes.
    pub extracted: Extracted,
}

/// Parses one JSON line; `Err` carries the reject reason.
pub fn from_json(line: &[u8]) -> Result<JsonMessage, &'static str> {
    let v: Value = serde_json::from_slice(line).map_err(|_| "bad_json")?;
    let int = |k: &str| v.get(k).and_then(Value::as_u64);
    let float = |k: &str| v.get(k).and_then(Value::as_f64);
    let string = |k: &str| v.get(k).and_then(Value::as_str).and_then(text);
    let msg_type = int("msg_type").ok_or("json_missing_msg_type")? as u8;
    let mmsi = int("mmsi").ok_or("json_missing_mmsi")? as u32;
    let rx_time = match v.get("rx_time") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(parse_time(s).map_err(|_| "bad_rx_time")?),
        Some(_) => return Err("bad_rx_time"),
    };
    let mut extracted = Extracted::default();
    if matches!(msg_type, 1 | 2 | 3 | 9 | 18 | 19 | 21 | 27) {
        let lat = float("lat").filter(|l| l.abs() <= 90.0);
        let lon = float("lon").filter(|l| l.abs() <= 180.0);
        let sog_na = if msg_type == 27 { 63.0 } else { 102.3 };
        let cog_na = if msg_type == 27 { 511.0 } else { 360.0 };
        extracted.fix = Some(fix(lat, lon).map(|(lat, lon)| Fix {
            lat,
            lon,
            sog: float("speed").filter(|s| *s < sog_na).map(|s| s as f32),
            cog: float("course").filter(|c| *c < cog_na).map(|c| c as f32),
            heading: int("heading").filter(|h| *h < 360).map(|h| h as u16),
            nav_status: int("status").map(|s| s as u8),
        }));
    }
    if matches!(msg_type, 5 | 19 | 21 | 24) {
        let dim = |k: &str| int(k).filter(|d| *d > 0).map(|d| d as u16);
        let mut s = StaticRow {
            imo: int("imo").filter(|i| *i > 0).map(|i| i as u32),
            callsign: string("callsign"),
            name: string(if msg_type == 21 { "name" } else { "shipname" }),
            ship_type: int("ship_type").filter(|t| *t > 0).map(|t| t as u8),
            to_bow: dim("to_bow"),
            to_stern: dim("to_stern"),
            to_port: dim("to_port"),
            to_starboard: dim("to_starboard"),
            draught: float("draught").filter(|d| *d > 0.0).map(|d| d as f32),
            destination: string("destination"),
            ..StaticRow::default()
        };
        s.length = s.to_bow.zip(s.to_stern).map(|(a, b)| a + b);
        s.width = s.to_port.zip(s.to_starboard).map(|(a, b)| a + b);
        if msg_type == 5 {
            let part = |k: &str| int(k).map(|x| x as u8);
            extracted.eta = (|| {
                let eta = (part("month")?, part("day")?, part("hour")?, part("minute")?);
                ((1..=12).contains(&eta.0) && eta.1 >= 1 && eta.2 < 24 && eta.3 < 60).then_some(eta)
            })();
        }
        extracted.statics = Some(s);
    }
    let source = string("source");
    if holds_control_character(extracted.statics.as_ref(), source.as_deref()) {
        return Err("control_character");
    }
    Ok(JsonMessage {
        msg_type,
        mmsi,
        rx_time,
        source,
        extracted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_rolls_into_next_year() {
        let t = |s: &str| parse_time(s).unwrap();
        let dec = t("2023-12-20T00:00:00Z");
        assert_eq!(eta_ms((1, 5, 12, 0), dec), Some(t("2024-01-05T12:00:00Z")));
        assert_eq!(
            eta_ms((12, 24, 6, 30), dec),
            Some(t("2023-12-24T06:30:00Z"))
        );
        assert_eq!(eta_ms((2, 30, 0, 0), dec), None);
    }

    #[test]
    fn json_line_to_rows() {
        let line = br#"{"msg_type":1,"mmsi":273353180,"lat":42.9,"lon":131.5,"speed":102.3,"course":12.5,"heading":511,"status":5,"rx_time":"2023-09-05T01:02:03.456Z","source":"rORBCOMM"}"#;
        let m = from_json(line).unwrap();
        assert_eq!(m.rx_time, Some(1_693_875_723_456));
        let f = m.extracted.fix.unwrap().unwrap();
        assert_eq!(
            (f.sog, f.cog, f.heading, f.nav_status),
            (None, Some(12.5), None, Some(5))
        );
        assert_eq!(
            from_json(b"{\"mmsi\":1}").err(),
            Some("json_missing_msg_type")
        );
        assert_eq!(from_json(b"not json").err(), Some("bad_json"));
    }
}
