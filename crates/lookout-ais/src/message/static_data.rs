//! Static data: type 5 (Class A static and voyage related data) and type 24 (Class B static
//! data report, parts A and B).

use super::text::AisString;
use super::{family, layout, MessageError};
use crate::bits::Bits;

layout! {
    /// Type 5: static and voyage related data.
    pub struct StaticAndVoyageData [424] {
        /// Always 5.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// AIS version indicator.
        ais_version: u8 as Int(2),
        /// IMO number (0 = not available).
        imo: u32 as Int(30),
        /// Call sign (7 characters).
        callsign: AisString<7> as Text(42),
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
        /// ETA month (0 = not available).
        month: u8 as Int(4),
        /// ETA day (0 = not available).
        day: u8 as Int(5),
        /// ETA hour (24 = not available).
        hour: u8 as Int(5),
        /// ETA minute (60 = not available).
        minute: u8 as Int(6),
        /// Maximum present static draught in 1/10 metre (0 = not available). JSON: metres.
        draught: u8 as Tenth(8),
        /// Destination (20 characters).
        destination: AisString<20> as Text(120),
        /// Data terminal ready flag (false = available).
        dte: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(1),
    }
}

impl StaticAndVoyageData {
    /// Draught in metres; `None` when not available (0).
    pub fn draught_m(&self) -> Option<f64> {
        (self.draught != 0).then(|| f64::from(self.draught) / 10.0)
    }

    /// ETA as (month, day, hour, minute) with no year; `None` if month or day is not
    /// available (0) or any part is out of range. Hour 24 / minute 60 (not available) are
    /// also `None`.
    pub fn eta(&self) -> Option<(u8, u8, u8, u8)> {
        let ok = (1..=12).contains(&self.month)
            && (1..=31).contains(&self.day)
            && self.hour < 24
            && self.minute < 60;
        ok.then_some((self.month, self.day, self.hour, self.minute))
    }
}

impl Default for StaticAndVoyageData {
    /// A type 5 message with every field "not available" or empty.
    fn default() -> Self {
        StaticAndVoyageData {
            msg_type: 5,
            repeat: 0,
            mmsi: 0,
            ais_version: 0,
            imo: 0,
            callsign: AisString::new("").expect("empty text"),
            shipname: AisString::new("").expect("empty text"),
            ship_type: 0,
            to_bow: 0,
            to_stern: 0,
            to_port: 0,
            to_starboard: 0,
            epfd: 0,
            month: 0,
            day: 0,
            hour: 24,
            minute: 60,
            draught: 0,
            destination: AisString::new("").expect("empty text"),
            dte: false,
            spare_1: 0,
            bit_len: Self::BITS,
        }
    }
}

layout! {
    /// Type 24 part A: the ship name.
    pub struct StaticDataPartA [168] {
        /// Always 24.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Part number, 0.
        partno: u8 as Int(2),
        /// Ship name (20 characters).
        shipname: AisString<20> as Text(120),
        /// Spare (some transmitters send part A as 160 bits, without this byte).
        spare_1: u8 as Spare(8),
    }
}

layout! {
    /// Type 24 part B: type, vendor, call sign and dimensions.
    pub struct StaticDataPartB [168] {
        /// Always 24.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Part number, 1.
        partno: u8 as Int(2),
        /// Ship and cargo type (raw: pyais applies no enum mapping here).
        ship_type: u8 as Int(8),
        /// Vendor ID (3 characters).
        vendorid: AisString<3> as Text(18),
        /// Unit model code.
        model: u8 as Int(4),
        /// Serial number.
        serial: u32 as Int(20),
        /// Call sign (7 characters).
        callsign: AisString<7> as Text(42),
        /// Distance to the bow, metres.
        to_bow: u16 as Int(9),
        /// Distance to the stern, metres.
        to_stern: u16 as Int(9),
        /// Distance to port, metres.
        to_port: u8 as Int(6),
        /// Distance to starboard, metres.
        to_starboard: u8 as Int(6),
        /// Spare.
        spare_1: u8 as Spare(6),
    }
}

layout! {
    /// Type 24 part B from an auxiliary craft (MMSI 98xxxxxxx): the mothership MMSI replaces
    /// the dimensions.
    pub struct StaticDataPartBAux [168] {
        /// Always 24.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI (98xxxxxxx).
        mmsi: u32 as Int(30),
        /// Part number, 1.
        partno: u8 as Int(2),
        /// Ship and cargo type (raw).
        ship_type: u8 as Int(8),
        /// Vendor ID (3 characters).
        vendorid: AisString<3> as Text(18),
        /// Unit model code.
        model: u8 as Int(4),
        /// Serial number.
        serial: u32 as Int(20),
        /// Call sign (7 characters).
        callsign: AisString<7> as Text(42),
        /// MMSI of the mothership.
        mothership_mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(6),
    }
}

family! {
    /// Type 24: Class B static data report. Parts are told apart by the part number (bits
    /// 38-39); part B of an auxiliary craft (MMSI 98xxxxxxx) carries a mothership MMSI.
    pub enum StaticDataReport {
        /// Part A (part number 0).
        PartA(StaticDataPartA),
        /// Part B (part number 1).
        PartB(StaticDataPartB),
        /// Part B of an auxiliary craft.
        PartBAux(StaticDataPartBAux),
    }
}

/// True for an auxiliary craft MMSI (98xxxxxxx), as pyais's `is_auxiliary_craft`.
pub fn is_auxiliary_craft(mmsi: u32) -> bool {
    (980_000_000..990_000_000).contains(&mmsi)
}

impl StaticDataReport {
    pub(crate) fn read(b: &Bits) -> Result<Self, MessageError> {
        match b.uint(38, 2) as u8 {
            0 => Ok(StaticDataReport::PartA(StaticDataPartA::read(b))),
            1 if is_auxiliary_craft(b.uint(8, 30) as u32) => {
                Ok(StaticDataReport::PartBAux(StaticDataPartBAux::read(b)))
            }
            1 => Ok(StaticDataReport::PartB(StaticDataPartB::read(b))),
            p => Err(MessageError::UnknownPartNumber(p)),
        }
    }

    /// The part number: 0 for A, 1 for B.
    pub fn part_number(&self) -> u8 {
        match self {
            StaticDataReport::PartA(m) => m.partno,
            StaticDataReport::PartB(m) => m.partno,
            StaticDataReport::PartBAux(m) => m.partno,
        }
    }
}
