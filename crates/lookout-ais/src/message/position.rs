//! Position reports: types 1, 2, 3 (Class A), 9 (SAR aircraft), 18, 19 (Class B), 21 (aid to
//! navigation) and 27 (long range).

use super::codec::{deg_10, deg_1e4};
use super::layout;
use super::text::AisString;

/// Longitude "not available": 181° in 1/10000 minute.
pub const LON_NA: i32 = 108_600_000;
/// Latitude "not available": 91° in 1/10000 minute.
pub const LAT_NA: i32 = 54_600_000;

/// Degrees to 1/10000 minute, rounded (for building messages).
pub fn deg_to_min1e4(deg: f64) -> i32 {
    (deg * 600_000.0).round() as i32
}

/// Degrees to 1/10 minute, rounded (type 27).
pub fn deg_to_min10(deg: f64) -> i32 {
    (deg * 600.0).round() as i32
}

fn lon_1e4(v: i32) -> Option<f64> {
    (v != LON_NA && (-108_000_000..=108_000_000).contains(&v)).then(|| deg_1e4(v.into()))
}

fn lat_1e4(v: i32) -> Option<f64> {
    (v != LAT_NA && (-54_000_000..=54_000_000).contains(&v)).then(|| deg_1e4(v.into()))
}

/// Speed in 1/10 knot to knots; 1023 is "not available" (1022 means 102.2 kn or more).
fn sog_tenth(v: u16) -> Option<f64> {
    (v < 1023).then(|| f64::from(v) / 10.0)
}

/// Course in 1/10 degree to degrees; 3600 and above are "not available".
fn cog_tenth(v: u16) -> Option<f64> {
    (v < 3600).then(|| f64::from(v) / 10.0)
}

/// Heading in degrees; 511 (and anything above 359) is "not available".
fn heading(v: u16) -> Option<u16> {
    (v < 360).then_some(v)
}

/// Sentinel-aware accessors shared by the reports with 1/10000-minute positions; `sog` adds
/// the 1/10-knot speed and the heading.
macro_rules! position_accessors {
    ($name:ident, sog) => {
        position_accessors!($name);
        impl $name {
            /// Speed over ground in knots; `None` when not available (1023).
            pub fn speed_knots(&self) -> Option<f64> {
                sog_tenth(self.speed)
            }
            /// True heading in degrees; `None` when not available (511).
            pub fn heading_deg(&self) -> Option<u16> {
                heading(self.heading)
            }
        }
    };
    ($name:ident) => {
        impl $name {
            /// Longitude in degrees; `None` for 181 (not available) or out of range.
            pub fn lon_deg(&self) -> Option<f64> {
                lon_1e4(self.lon)
            }
            /// Latitude in degrees; `None` for 91 (not available) or out of range.
            pub fn lat_deg(&self) -> Option<f64> {
                lat_1e4(self.lat)
            }
            /// Course over ground in degrees; `None` when not available (3600).
            pub fn course_deg(&self) -> Option<f64> {
                cog_tenth(self.course)
            }
        }
    };
}

layout! {
    /// Types 1, 2 and 3: Class A position report.
    pub struct PositionReport [168] {
        /// 1, 2 (SOTDMA) or 3 (ITDMA).
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Navigational status (0..=15; 15 = not defined).
        status: u8 as Int(4),
        /// Rate of turn, ROT_AIS (-128 = not available, ±127 = turning faster than 5°/30 s
        /// with no turn indicator). JSON: pyais's degrees per minute.
        turn: i8 as Turn(8),
        /// Speed over ground in 1/10 knot (1023 = not available). JSON: knots.
        speed: u16 as Tenth(10),
        /// Position accuracy flag (true = high, better than 10 m).
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute (181° = not available). JSON: degrees, 6 decimals.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute (91° = not available). JSON: degrees, 6 decimals.
        lat: i32 as Deg(27),
        /// Course over ground in 1/10 degree (3600 = not available). JSON: degrees.
        course: u16 as Tenth(12),
        /// True heading in degrees (511 = not available).
        heading: u16 as Int(9),
        /// UTC second of the fix (60 = not available, 61..=63 = special).
        second: u8 as Int(6),
        /// Special manoeuvre indicator (0 = not available).
        maneuver: u8 as Int(2),
        /// Spare.
        spare_1: u8 as Spare(3),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Radio status (SOTDMA or ITDMA communication state).
        radio: u32 as Int(19),
    }
}
position_accessors!(PositionReport, sog);

impl PositionReport {
    /// Rate of turn in degrees per minute, `(ROT_AIS / 4.733)²` with its sign, unrounded;
    /// `None` when not available (-128) or when only the direction is known (±127).
    pub fn turn_deg_per_min(&self) -> Option<f64> {
        match self.turn {
            -128 | -127 | 127 => None,
            t => {
                let x = f64::from(t) / 4.733;
                Some((x * x).copysign(f64::from(t)))
            }
        }
    }
}

impl Default for PositionReport {
    /// A type 1 report with every field "not available" (position 181/91, speed 1023,
    /// course 3600, heading 511, second 60, turn -128, status 15).
    fn default() -> Self {
        PositionReport {
            msg_type: 1,
            repeat: 0,
            mmsi: 0,
            status: 15,
            turn: -128,
            speed: 1023,
            accuracy: false,
            lon: LON_NA,
            lat: LAT_NA,
            course: 3600,
            heading: 511,
            second: 60,
            maneuver: 0,
            spare_1: 0,
            raim: false,
            radio: 0,
            bit_len: Self::BITS,
        }
    }
}

layout! {
    /// Type 9: standard SAR aircraft position report.
    pub struct SarAircraftReport [168] {
        /// Always 9.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Altitude in metres (4095 = not available).
        alt: u16 as Int(12),
        /// Speed over ground in whole knots (1023 = not available). JSON: a float, as pyais.
        speed: u16 as Float(10),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute.
        lat: i32 as Deg(27),
        /// Course over ground in 1/10 degree.
        course: u16 as Tenth(12),
        /// UTC second.
        second: u8 as Int(6),
        /// Altitude sensor (pyais: `reserved_1`).
        reserved_1: u8 as Int(8),
        /// Data terminal ready flag.
        dte: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(3),
        /// Assigned mode flag.
        assigned: bool as Flag(1),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Radio status.
        radio: u32 as Int(20),
    }
}
position_accessors!(SarAircraftReport);

layout! {
    /// Type 18: standard Class B CS position report.
    pub struct ClassBPositionReport [168] {
        /// Always 18.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Regional reserved bits.
        reserved_1: u8 as Int(8),
        /// Speed over ground in 1/10 knot (1023 = not available). JSON: knots.
        speed: u16 as Tenth(10),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute. JSON: degrees.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute. JSON: degrees.
        lat: i32 as Deg(27),
        /// Course over ground in 1/10 degree. JSON: degrees.
        course: u16 as Tenth(12),
        /// True heading in degrees (511 = not available).
        heading: u16 as Int(9),
        /// UTC second.
        second: u8 as Int(6),
        /// Regional reserved bits.
        reserved_2: u8 as Int(2),
        /// Carrier-sense unit flag.
        cs: bool as Flag(1),
        /// Display flag.
        display: bool as Flag(1),
        /// DSC flag.
        dsc: bool as Flag(1),
        /// Band flag.
        band: bool as Flag(1),
        /// Message 22 flag.
        msg22: bool as Flag(1),
        /// Assigned mode flag.
        assigned: bool as Flag(1),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Radio status.
        radio: u32 as Int(20),
    }
}
position_accessors!(ClassBPositionReport, sog);

impl Default for ClassBPositionReport {
    /// A type 18 report with every field "not available", CS unit flag set.
    fn default() -> Self {
        ClassBPositionReport {
            msg_type: 18,
            repeat: 0,
            mmsi: 0,
            reserved_1: 0,
            speed: 1023,
            accuracy: false,
            lon: LON_NA,
            lat: LAT_NA,
            course: 3600,
            heading: 511,
            second: 60,
            reserved_2: 0,
            cs: true,
            display: false,
            dsc: false,
            band: false,
            msg22: false,
            assigned: false,
            raim: false,
            radio: 0,
            bit_len: Self::BITS,
        }
    }
}

layout! {
    /// Type 19: extended Class B position report.
    pub struct ExtendedClassBPositionReport [312] {
        /// Always 19.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Regional reserved bits.
        reserved_1: u8 as Int(8),
        /// Speed over ground in 1/10 knot. JSON: knots.
        speed: u16 as Tenth(10),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute. JSON: degrees.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute. JSON: degrees.
        lat: i32 as Deg(27),
        /// Course over ground in 1/10 degree. JSON: degrees.
        course: u16 as Tenth(12),
        /// True heading in degrees (511 = not available).
        heading: u16 as Int(9),
        /// UTC second.
        second: u8 as Int(6),
        /// Regional reserved bits.
        reserved_2: u8 as Int(4),
        /// Ship name (20 characters).
        shipname: AisString<20> as Text(120),
        /// Ship and cargo type. JSON: pyais's enum mapping.
        ship_type: u8 as ShipType(8),
        /// Distance from the reference point to the bow, metres.
        to_bow: u16 as Int(9),
        /// Distance to the stern, metres.
        to_stern: u16 as Int(9),
        /// Distance to port, metres.
        to_port: u8 as Int(6),
        /// Distance to starboard, metres.
        to_starboard: u8 as Int(6),
        /// Position fixing device. JSON: pyais's enum mapping.
        epfd: u8 as Epfd(4),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Data terminal ready flag.
        dte: bool as Flag(1),
        /// Assigned mode flag.
        assigned: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(4),
    }
}
position_accessors!(ExtendedClassBPositionReport, sog);

layout! {
    /// Type 21: aid-to-navigation report.
    pub struct AidToNavigationReport [272] {
        /// Always 21.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Type of aid to navigation.
        aid_type: u8 as Int(5),
        /// Name (first 20 characters; see `name_ext`).
        name: AisString<20> as Text(120),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute. JSON: degrees.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute. JSON: degrees.
        lat: i32 as Deg(27),
        /// Distance to the bow, metres.
        to_bow: u16 as Int(9),
        /// Distance to the stern, metres.
        to_stern: u16 as Int(9),
        /// Distance to port, metres.
        to_port: u8 as Int(6),
        /// Distance to starboard, metres.
        to_starboard: u8 as Int(6),
        /// Position fixing device. JSON: pyais's enum mapping.
        epfd: u8 as Epfd(4),
        /// UTC second.
        second: u8 as Int(6),
        /// Off-position indicator.
        off_position: bool as Flag(1),
        /// Regional reserved bits.
        reserved_1: u8 as Int(8),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Virtual aid flag.
        virtual_aid: bool as Flag(1),
        /// Assigned mode flag.
        assigned: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(1),
        /// Name extension (up to 14 characters), present when the name is longer than 20.
        name_ext: AisString<15> as VarText(88),
    }
    extra full_name = full_name_json;
}

impl AidToNavigationReport {
    /// Longitude in degrees; `None` for 181 (not available) or out of range.
    pub fn lon_deg(&self) -> Option<f64> {
        lon_1e4(self.lon)
    }
    /// Latitude in degrees; `None` for 91 (not available) or out of range.
    pub fn lat_deg(&self) -> Option<f64> {
        lat_1e4(self.lat)
    }
    /// Name and name extension joined, as pyais's `full_name` (empty when the name is).
    pub fn full_name(&self) -> String {
        self.full_name_json().to_string()
    }

    fn full_name_json(&self) -> FullName<'_> {
        FullName(self.name.as_str(), self.name_ext.as_str())
    }
}

/// Name and name extension, joined without allocating when serialized.
struct FullName<'a>(&'a str, &'a str);

impl std::fmt::Display for FullName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.0.is_empty() {
            f.write_str(self.0)?;
            f.write_str(self.1)?;
        }
        Ok(())
    }
}

impl super::codec::JsonValue for FullName<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut s = arrayvec::ArrayString::<40>::new();
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{self}"));
        s.as_str().write_json(out)
    }
}

impl serde::Serialize for FullName<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

layout! {
    /// Type 27: long-range AIS broadcast (positions in 1/10 minute, speed and course in whole
    /// units).
    pub struct LongRangeBroadcast [96] {
        /// Always 27.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Navigational status.
        status: u8 as Int(4),
        /// Longitude in 1/10 minute (181° = 108600 = not available). JSON: degrees.
        lon: i32 as Deg600(18),
        /// Latitude in 1/10 minute (91° = 54600 = not available). JSON: degrees.
        lat: i32 as Deg600(17),
        /// Speed over ground in whole knots (63 = not available). JSON: a float.
        speed: u8 as Float(6),
        /// Course over ground in whole degrees (511 = not available). JSON: a float.
        course: u16 as Float(9),
        /// GNSS position latency flag (false = current GNSS position).
        gnss: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(1),
    }
}

impl LongRangeBroadcast {
    /// Longitude in degrees; `None` when not available (181°).
    pub fn lon_deg(&self) -> Option<f64> {
        (self.lon != 108_600 && (-108_000..=108_000).contains(&self.lon))
            .then(|| deg_10(self.lon.into()))
    }
    /// Latitude in degrees; `None` when not available (91°).
    pub fn lat_deg(&self) -> Option<f64> {
        (self.lat != 54_600 && (-54_000..=54_000).contains(&self.lat))
            .then(|| deg_10(self.lat.into()))
    }
    /// Speed over ground in knots; `None` when not available (63).
    pub fn speed_knots(&self) -> Option<f64> {
        (self.speed < 63).then(|| f64::from(self.speed))
    }
    /// Course over ground in degrees; `None` when not available (511).
    pub fn course_deg(&self) -> Option<f64> {
        (self.course < 360).then(|| f64::from(self.course))
    }
}

impl Default for LongRangeBroadcast {
    /// A type 27 report with every field "not available".
    fn default() -> Self {
        LongRangeBroadcast {
            msg_type: 27,
            repeat: 0,
            mmsi: 0,
            accuracy: false,
            raim: false,
            status: 15,
            lon: 108_600,
            lat: 54_600,
            speed: 63,
            course: 511,
            gnss: false,
            spare_1: 0,
            bit_len: Self::BITS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_available_sentinels_are_none() {
        let p = PositionReport::default();
        assert_eq!(
            (
                p.lat_deg(),
                p.lon_deg(),
                p.speed_knots(),
                p.course_deg(),
                p.heading_deg()
            ),
            (None, None, None, None, None)
        );
        assert_eq!(p.turn_deg_per_min(), None);
        let p = PositionReport {
            lat: deg_to_min1e4(42.25),
            lon: deg_to_min1e4(-130.5),
            speed: 1022,
            course: 3599,
            heading: 359,
            turn: -10,
            ..p
        };
        assert_eq!(p.lat_deg(), Some(42.25));
        assert_eq!(p.lon_deg(), Some(-130.5));
        assert_eq!(p.speed_knots(), Some(102.2));
        assert_eq!(p.course_deg(), Some(359.9));
        assert_eq!(p.heading_deg(), Some(359));
        assert!((p.turn_deg_per_min().unwrap() + 4.464).abs() < 1e-3);
        let l = LongRangeBroadcast::default();
        assert_eq!(
            (l.lat_deg(), l.lon_deg(), l.speed_knots(), l.course_deg()),
            (None, None, None, None)
        );
    }
}
