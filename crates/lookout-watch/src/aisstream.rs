//! aisstream.io websocket messages (`{"MessageType", "MetaData", "Message": {TYPE: {...}}}`,
//! field names of aisstream's published models, `aisstream/ais-message-models`
//! `type-definition.yaml`) mapped to the fields the NMEA decoder's messages give
//! ([`lookout_ingest::rows::Extracted`]), so both kinds of feed make the same store rows and
//! records. `MetaData.time_utc` (`2022-12-29 18:22:32.318353 +0000 UTC`) is the receive time;
//! `MetaData.latitude/longitude` (the vessel's last known position, also on static messages)
//! is never taken as a position.

use lookout_ingest::rows::{Extracted, Fix};
use lookout_store::StaticRow;
use serde_json::Value;

/// One message's fields, before they are dated and stored.
#[derive(Debug)]
pub struct Message {
    /// AIS message type (`MessageID`).
    pub msg_type: u8,
    /// MMSI (`UserID`, else `MetaData.MMSI`).
    pub mmsi: u32,
    /// `MetaData.time_utc`, ms.
    pub time: Option<i64>,
    /// Position and static fields.
    pub extracted: Extracted,
}

/// Parses one message. `Ok(None)` for a type that carries neither a position nor static
/// fields (base stations, binary and safety messages, ...); `Err` is the reject reason.
pub fn parse(line: &[u8]) -> Result<Option<Message>, &'static str> {
    let v: Value = serde_json::from_slice(line).map_err(|_| "bad_json")?;
    let kind = v["MessageType"]
        .as_str()
        .ok_or("aisstream_missing_message_type")?;
    let m = &v["Message"][kind];
    if !m.is_object() {
        return Err("aisstream_missing_message");
    }
    if m["Valid"] == Value::Bool(false) {
        return Err("aisstream_invalid_message");
    }
    let meta = &v["MetaData"];
    let mmsi = m["UserID"]
        .as_u64()
        .or_else(|| meta["MMSI"].as_u64())
        .ok_or("aisstream_missing_mmsi")? as u32;
    let time = match meta["time_utc"].as_str() {
        None => None,
        Some(s) => Some(time_utc(s).ok_or("aisstream_bad_time")?),
    };
    let msg_type = m["MessageID"].as_u64().unwrap_or(0) as u8;
    let mut e = Extracted::default();
    match kind {
        "PositionReport" => {
            e.fix = Some(fix(m, 102.3, 360.0, Some(m["NavigationalStatus"].as_u64())));
        }
        "StandardClassBPositionReport" => e.fix = Some(fix(m, 102.3, 360.0, None)),
        "ExtendedClassBPositionReport" => {
            e.fix = Some(fix(m, 102.3, 360.0, None));
            let mut s = StaticRow {
                name: text(&m["Name"]),
                ship_type: positive(&m["Type"]).map(|t| t as u8),
                ..StaticRow::default()
            };
            dimensions(&m["Dimension"], &mut s);
            e.statics = Some(s);
        }
        "StandardSearchAndRescueAircraftReport" => e.fix = Some(fix(m, 1023.0, 360.0, None)),
        "LongRangeAisBroadcastMessage" => {
            e.fix = Some(fix(m, 63.0, 511.0, Some(m["NavigationalStatus"].as_u64())));
        }
        "AidsToNavigationReport" => {
            e.fix = Some(fix(m, 0.0, 0.0, None));
            let mut s = StaticRow {
                name: text(&m["Name"]),
                ..StaticRow::default()
            };
            dimensions(&m["Dimension"], &mut s);
            e.statics = Some(s);
        }
        "ShipStaticData" => {
            let mut s = StaticRow {
                imo: positive(&m["ImoNumber"]).map(|i| i as u32),
                callsign: text(&m["CallSign"]),
                name: text(&m["Name"]),
                ship_type: positive(&m["Type"]).map(|t| t as u8),
                draught: m["MaximumStaticDraught"]
                    .as_f64()
                    .filter(|d| *d > 0.0)
                    .map(|d| d as f32),
                destination: text(&m["Destination"]),
                ..StaticRow::default()
            };
            dimensions(&m["Dimension"], &mut s);
            let eta = &m["Eta"];
            let part = |k: &str| eta[k].as_u64().map(|x| x as u8);
            e.eta = (|| {
                let t = (part("Month")?, part("Day")?, part("Hour")?, part("Minute")?);
                ((1..=12).contains(&t.0) && t.1 >= 1 && t.2 < 24 && t.3 < 60).then_some(t)
            })();
            e.statics = Some(s);
        }
        "StaticDataReport" => {
            let mut s = StaticRow::default();
            let (a, b) = (&m["ReportA"], &m["ReportB"]);
            if a["Valid"] == Value::Bool(true) {
                s.name = text(&a["Name"]);
            }
            if b["Valid"] == Value::Bool(true) {
                s.ship_type = positive(&b["ShipType"]).map(|t| t as u8);
                s.callsign = text(&b["CallSign"]);
                dimensions(&b["Dimension"], &mut s);
            }
            e.statics = Some(s);
        }
        _ => return Ok(None),
    }
    Ok(Some(Message {
        msg_type,
        mmsi,
        time,
        extracted: e,
    }))
}

/// A position from `Latitude`/`Longitude` (91/181 = not available), `Sog` below `sog_na`,
/// `Cog` below `cog_na`, `TrueHeading` below 360.
fn fix(m: &Value, sog_na: f64, cog_na: f64, nav_status: Option<Option<u64>>) -> Option<Fix> {
    let lat = m["Latitude"].as_f64().filter(|l| l.abs() <= 90.0)?;
    let lon = m["Longitude"].as_f64().filter(|l| l.abs() <= 180.0)?;
    Some(Fix {
        lat,
        lon,
        sog: m["Sog"].as_f64().filter(|s| *s < sog_na).map(|s| s as f32),
        cog: m["Cog"].as_f64().filter(|c| *c < cog_na).map(|c| c as f32),
        heading: m["TrueHeading"]
            .as_u64()
            .filter(|h| *h < 360)
            .map(|h| h as u16),
        nav_status: nav_status.flatten().map(|s| s as u8),
    })
}

fn positive(v: &Value) -> Option<u64> {
    v.as_u64().filter(|x| *x > 0)
}

fn text(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim_end_matches('@').trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `Dimension: {A: to bow, B: to stern, C: to port, D: to starboard}`.
fn dimensions(d: &Value, s: &mut StaticRow) {
    let dim = |k: &str| positive(&d[k]).map(|x| x.min(u64::from(u16::MAX)) as u16);
    s.to_bow = dim("A");
    s.to_stern = dim("B");
    s.to_port = dim("C");
    s.to_starboard = dim("D");
    s.length = s.to_bow.zip(s.to_stern).map(|(a, b)| a.saturating_add(b));
    s.width = s
        .to_port
        .zip(s.to_starboard)
        .map(|(a, b)| a.saturating_add(b));
}

/// `2022-12-29 18:22:32.318353 +0000 UTC` (Go's time format, up to nanoseconds) to ms.
fn time_utc(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace();
    let (date, clock, offset) = (parts.next()?, parts.next()?, parts.next()?);
    let offset = match offset {
        "+0000" | "-0000" => "Z".to_owned(),
        o if o.len() == 5 => format!("{}:{}", &o[..3], &o[3..]),
        _ => return None,
    };
    lookout_core::time::parse_time(&format!("{date}T{clock}{offset}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shape of aisstream's documented examples: position and static messages.
    const POSITION: &str = r#"{"Message":{"PositionReport":{"Cog":308,"CommunicationState":81982,"Latitude":66.02695,"Longitude":12.253821666666665,"MessageID":1,"NavigationalStatus":15,"PositionAccuracy":true,"Raim":false,"RateOfTurn":4,"RepeatIndicator":0,"Sog":0,"Spare":0,"SpecialManoeuvreIndicator":0,"Timestamp":31,"TrueHeading":235,"UserID":259000420,"Valid":true}},"MessageType":"PositionReport","MetaData":{"MMSI":259000420,"MMSI_String":259000420,"ShipName":"AUGUSTSON","latitude":66.02695,"longitude":12.253821666666665,"time_utc":"2022-12-29 18:22:32.318353 +0000 UTC"}}"#;
    const STATIC: &str = r#"{"Message":{"ShipStaticData":{"AisVersion":2,"CallSign":"UBMA9  ","Destination":"VOSTOCHNY@@@","Dimension":{"A":100,"B":30,"C":9,"D":10},"Dte":false,"Eta":{"Day":14,"Hour":6,"Minute":30,"Month":3},"FixType":1,"ImoNumber":9161003,"MaximumStaticDraught":6.4,"MessageID":5,"Name":"LADY R@@@@","RepeatIndicator":0,"Spare":false,"Type":70,"UserID":273900104,"Valid":true}},"MessageType":"ShipStaticData","MetaData":{"MMSI":273900104,"MMSI_String":273900104,"ShipName":"LADY R","latitude":42.75,"longitude":133.08,"time_utc":"2024-03-12 18:00:05.5 +0000 UTC"}}"#;

    #[test]
    fn position_report_maps_to_a_fix() {
        let m = parse(POSITION.as_bytes()).unwrap().unwrap();
        assert_eq!((m.mmsi, m.msg_type), (259000420, 1));
        assert_eq!(
            m.time,
            lookout_core::time::parse_time("2022-12-29T18:22:32.318Z").ok()
        );
        let f = m.extracted.fix.unwrap().unwrap();
        assert!((f.lat - 66.02695).abs() < 1e-12 && (f.lon - 12.253821666666665).abs() < 1e-12);
        assert_eq!(
            (f.sog, f.cog, f.heading, f.nav_status),
            (Some(0.0), Some(308.0), Some(235), Some(15))
        );
        assert!(m.extracted.statics.is_none());
    }

    #[test]
    fn static_data_maps_to_static_fields_and_never_a_position() {
        let m = parse(STATIC.as_bytes()).unwrap().unwrap();
        assert!(
            m.extracted.fix.is_none(),
            "MetaData's last known position is not a fix"
        );
        let s = m.extracted.statics.unwrap();
        assert_eq!(s.imo, Some(9161003));
        assert_eq!(s.name.as_deref(), Some("LADY R"));
        assert_eq!(s.callsign.as_deref(), Some("UBMA9"));
        assert_eq!(s.destination.as_deref(), Some("VOSTOCHNY"));
        assert_eq!(
            (s.ship_type, s.draught, s.length, s.width),
            (Some(70), Some(6.4), Some(130), Some(19))
        );
        assert_eq!(m.extracted.eta, Some((3, 14, 6, 30)));
    }

    #[test]
    fn unavailable_and_bad_inputs() {
        let na = POSITION.replace("\"Latitude\":66.02695", "\"Latitude\":91");
        let m = parse(na.as_bytes()).unwrap().unwrap();
        assert_eq!(m.extracted.fix, Some(None));
        assert_eq!(parse(b"{not json").err(), Some("bad_json"));
        assert_eq!(
            parse(br#"{"MessageType":"PositionReport","Message":{}}"#).err(),
            Some("aisstream_missing_message")
        );
        let bad_time = POSITION.replace("2022-12-29 18:22:32.318353 +0000 UTC", "yesterday");
        assert_eq!(parse(bad_time.as_bytes()).err(), Some("aisstream_bad_time"));
        let base = r#"{"MessageType":"BaseStationReport","Message":{"BaseStationReport":{"UserID":2190047,"Valid":true}},"MetaData":{}}"#;
        assert!(parse(base.as_bytes()).unwrap().is_none());
    }
}
