//! [`Fix`]: the position, speed and course of a mobile station, from whichever message type
//! carried them.

use crate::message::AisMessage;

/// A position report reduced to what tracks need. Values are scaled (degrees, knots) and
/// "not available" sentinels are `None`; a message without a usable position has no fix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    /// Latitude in degrees (WGS 84).
    pub lat: f64,
    /// Longitude in degrees (WGS 84).
    pub lon: f64,
    /// Speed over ground in knots.
    pub speed: Option<f64>,
    /// Course over ground in degrees.
    pub course: Option<f64>,
    /// True heading in degrees.
    pub heading: Option<u16>,
    /// Navigational status (types 1-3 and 27; 15 = not defined is kept as 15).
    pub status: Option<u8>,
    /// Position accuracy flag: better than 10 m.
    pub high_accuracy: bool,
}

/// What a position-reporting message says, before "not available" values are dropped.
struct Reported {
    lat: Option<f64>,
    lon: Option<f64>,
    speed: Option<f64>,
    course: Option<f64>,
    heading: Option<u16>,
    status: Option<u8>,
    high_accuracy: bool,
}

impl AisMessage {
    /// The message's own position report, for every type that carries one: 1, 2, 3 (Class A),
    /// 9 (SAR aircraft), 18, 19 (Class B), 21 (aid to navigation) and 27 (long range). `None`
    /// for other types; `Some(None)` when the latitude or longitude is "not available" or out
    /// of range. This is the one table of which field means what in which type: [`fix`] and
    /// the store's rows both read it.
    ///
    /// [`fix`]: AisMessage::fix
    pub fn reported_fix(&self) -> Option<Option<Fix>> {
        let r = match self {
            AisMessage::PositionReport(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: m.speed_knots(),
                course: m.course_deg(),
                heading: m.heading_deg(),
                status: Some(m.status),
                high_accuracy: m.accuracy,
            },
            AisMessage::SarAircraftReport(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: (m.speed < 1023).then(|| f64::from(m.speed)),
                course: m.course_deg(),
                heading: None,
                status: None,
                high_accuracy: m.accuracy,
            },
            AisMessage::ClassBPositionReport(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: m.speed_knots(),
                course: m.course_deg(),
                heading: m.heading_deg(),
                status: None,
                high_accuracy: m.accuracy,
            },
            AisMessage::ExtendedClassBPositionReport(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: m.speed_knots(),
                course: m.course_deg(),
                heading: m.heading_deg(),
                status: None,
                high_accuracy: m.accuracy,
            },
            AisMessage::AidToNavigationReport(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: None,
                course: None,
                heading: None,
                status: None,
                high_accuracy: m.accuracy,
            },
            AisMessage::LongRangeBroadcast(m) => Reported {
                lat: m.lat_deg(),
                lon: m.lon_deg(),
                speed: m.speed_knots(),
                course: m.course_deg(),
                heading: None,
                status: Some(m.status),
                high_accuracy: m.accuracy,
            },
            _ => return None,
        };
        Some(r.lat.zip(r.lon).map(|(lat, lon)| Fix {
            lat,
            lon,
            speed: r.speed,
            course: r.course,
            heading: r.heading,
            status: r.status,
            high_accuracy: r.high_accuracy,
        }))
    }

    /// The position fix of a mobile station: types 1, 2, 3 (Class A), 9 (SAR aircraft),
    /// 18, 19 (Class B) and 27 (long range). Base stations (4, 11) and aids to navigation
    /// (21) are fixed stations and give none; neither does a report whose latitude or
    /// longitude is "not available" or out of range.
    pub fn fix(&self) -> Option<Fix> {
        match self {
            AisMessage::AidToNavigationReport(_) => None,
            _ => self.reported_fix().flatten(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::message::decode;

    #[test]
    fn class_a_fix_is_scaled() {
        // pyais: lat 37.806948, lon -122.404333, speed 0.1, course 245.2, heading 511 (n/a).
        let m = decode(b"15NG6V0P01G?cFhE`R2IU?wn28R>", 0).unwrap();
        let fix = m.fix().unwrap();
        assert!((fix.lat - 37.806948).abs() < 1e-6 && (fix.lon + 122.404333).abs() < 1e-6);
        assert_eq!(
            (fix.speed, fix.course, fix.heading, fix.status),
            (Some(0.1), Some(245.2), None, Some(0))
        );
    }

    #[test]
    fn aids_to_navigation_report_a_position_but_give_no_fix() {
        // DMA ais250.txt line 56: type 21 (aid to navigation), 2 fill bits.
        let aton = decode(b"ENkb9OI9R@10dh0`8@9R@@@@@@@;kaCw9EE>`00003vP000", 2).unwrap();
        assert_eq!(aton.msg_type(), 21);
        assert!(aton.fix().is_none());
        let reported = aton.reported_fix().expect("type 21 reports a position");
        assert!(reported.is_some());
        let position = decode(b"15NG6V0P01G?cFhE`R2IU?wn28R>", 0).unwrap();
        assert_eq!(position.reported_fix(), Some(position.fix()));
    }

    #[test]
    fn base_stations_and_unavailable_positions_have_no_fix() {
        // gpsd sample.aivdm type 4 base station.
        let base = decode(b"403OviQuMGCqWrRO9>E6fE700@GO", 0).unwrap();
        assert_eq!(base.msg_type(), 4);
        assert!(base.fix().is_none());
        let unavailable = crate::message::PositionReport::default();
        assert!(crate::AisMessage::PositionReport(unavailable)
            .fix()
            .is_none());
    }
}
