//! Link management and acknowledgements: types 7/13, 10, 15, 16, 20, 22 and 23.

use super::{family, layout};
use crate::bits::Bits;

layout! {
    /// Types 7 and 13: binary / safety acknowledge (one to four acknowledged MMSIs).
    pub struct BinaryAck [168] {
        /// 7 or 13.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// First acknowledged MMSI.
        mmsi1: u32 as Int(30),
        /// Its sequence number.
        mmsiseq1: u8 as Int(2),
        /// Second acknowledged MMSI (absent in a 72-bit message).
        mmsi2: u32 as Int(30),
        /// Its sequence number.
        mmsiseq2: u8 as Int(2),
        /// Third acknowledged MMSI.
        mmsi3: u32 as Int(30),
        /// Its sequence number.
        mmsiseq3: u8 as Int(2),
        /// Fourth acknowledged MMSI.
        mmsi4: u32 as Int(30),
        /// Its sequence number.
        mmsiseq4: u8 as Int(2),
    }
}

layout! {
    /// Type 10: UTC/date inquiry.
    pub struct UtcInquiry [72] {
        /// Always 10.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// Spare.
        spare_2: u8 as Spare(2),
    }
}

layout! {
    /// Type 15: interrogation.
    pub struct Interrogation [160] {
        /// Always 15.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// First interrogated MMSI.
        mmsi1: u32 as Int(30),
        /// First message type requested from it.
        type1_1: u8 as Int(6),
        /// Slot offset.
        offset1_1: u16 as Int(12),
        /// Spare.
        spare_2: u8 as Spare(2),
        /// Second message type requested from it.
        type1_2: u8 as Int(6),
        /// Slot offset.
        offset1_2: u16 as Int(12),
        /// Spare.
        spare_3: u8 as Spare(2),
        /// Second interrogated MMSI.
        mmsi2: u32 as Int(30),
        /// Message type requested from it.
        type2_1: u8 as Int(6),
        /// Slot offset.
        offset2_1: u16 as Int(12),
        /// Spare.
        spare_4: u8 as Spare(2),
    }
}

layout! {
    /// Type 16 for one station (96 bits).
    pub struct AssignmentCommandOne [96] {
        /// Always 16.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Destination MMSI.
        mmsi1: u32 as Int(30),
        /// Slot offset.
        offset1: u16 as Int(12),
        /// Increment.
        increment1: u16 as Int(10),
        /// Spare.
        spare_2: u8 as Spare(4),
    }
}

layout! {
    /// Type 16 for two stations (144 bits).
    pub struct AssignmentCommandTwo [144] {
        /// Always 16.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// First destination MMSI.
        mmsi1: u32 as Int(30),
        /// Slot offset.
        offset1: u16 as Int(12),
        /// Increment.
        increment1: u16 as Int(10),
        /// Second destination MMSI.
        mmsi2: u32 as Int(30),
        /// Slot offset.
        offset2: u16 as Int(12),
        /// Increment.
        increment2: u16 as Int(10),
    }
}

family! {
    /// Type 16: assignment mode command; more than 96 bits means two stations (as pyais).
    pub enum AssignmentCommand {
        /// One station.
        One(AssignmentCommandOne),
        /// Two stations.
        Two(AssignmentCommandTwo),
    }
}

impl AssignmentCommand {
    pub(crate) fn read(b: &Bits) -> Self {
        if b.len() > 96 {
            AssignmentCommand::Two(AssignmentCommandTwo::read(b))
        } else {
            AssignmentCommand::One(AssignmentCommandOne::read(b))
        }
    }
}

layout! {
    /// Type 20: data link management (one to four slot reservations).
    pub struct DataLinkManagement [160] {
        /// Always 20.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Reservation 1: offset.
        offset1: u16 as Int(12),
        /// Reservation 1: number of slots.
        number1: u8 as Int(4),
        /// Reservation 1: timeout in minutes.
        timeout1: u8 as Int(3),
        /// Reservation 1: increment.
        increment1: u16 as Int(11),
        /// Reservation 2: offset.
        offset2: u16 as Int(12),
        /// Reservation 2: number of slots.
        number2: u8 as Int(4),
        /// Reservation 2: timeout.
        timeout2: u8 as Int(3),
        /// Reservation 2: increment.
        increment2: u16 as Int(11),
        /// Reservation 3: offset.
        offset3: u16 as Int(12),
        /// Reservation 3: number of slots.
        number3: u8 as Int(4),
        /// Reservation 3: timeout.
        timeout3: u8 as Int(3),
        /// Reservation 3: increment.
        increment3: u16 as Int(11),
        /// Reservation 4: offset.
        offset4: u16 as Int(12),
        /// Reservation 4: number of slots.
        number4: u8 as Int(4),
        /// Reservation 4: timeout.
        timeout4: u8 as Int(3),
        /// Reservation 4: increment.
        increment4: u16 as Int(11),
    }
}

layout! {
    /// Type 22 addressed to two stations.
    pub struct ChannelManagementAddressed [168] {
        /// Always 22.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Channel A number.
        channel_a: u16 as Int(12),
        /// Channel B number.
        channel_b: u16 as Int(12),
        /// Tx/Rx mode.
        txrx: u8 as Int(4),
        /// Low power flag.
        power: bool as Flag(1),
        /// First addressed MMSI.
        dest1: u32 as Int(30),
        /// Unused bits after it.
        empty_1: u8 as Int(5),
        /// Second addressed MMSI.
        dest2: u32 as Int(30),
        /// Unused bits after it.
        empty_2: u8 as Int(5),
        /// Addressed flag (true here).
        addressed: bool as Flag(1),
        /// Channel A bandwidth flag.
        band_a: bool as Flag(1),
        /// Channel B bandwidth flag.
        band_b: bool as Flag(1),
        /// Transitional zone size.
        zonesize: u8 as Int(3),
        /// Spare.
        spare_2: u32 as Spare(23),
    }
}

layout! {
    /// Type 22 broadcast to an area. Corners are in 1/10 minute (JSON: pyais shows them
    /// divided by 10, i.e. in minutes, not degrees).
    pub struct ChannelManagementBroadcast [168] {
        /// Always 22.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Channel A number.
        channel_a: u16 as Int(12),
        /// Channel B number.
        channel_b: u16 as Int(12),
        /// Tx/Rx mode.
        txrx: u8 as Int(4),
        /// Low power flag.
        power: bool as Flag(1),
        /// North-east corner longitude, 1/10 minute.
        ne_lon: i32 as Tenth(18),
        /// North-east corner latitude, 1/10 minute.
        ne_lat: i32 as Tenth(17),
        /// South-west corner longitude, 1/10 minute.
        sw_lon: i32 as Tenth(18),
        /// South-west corner latitude, 1/10 minute.
        sw_lat: i32 as Tenth(17),
        /// Addressed flag (false here).
        addressed: bool as Flag(1),
        /// Channel A bandwidth flag.
        band_a: bool as Flag(1),
        /// Channel B bandwidth flag.
        band_b: bool as Flag(1),
        /// Transitional zone size.
        zonesize: u8 as Int(3),
        /// Spare.
        spare_2: u32 as Spare(23),
    }
}

family! {
    /// Type 22: channel management, addressed or broadcast according to bit 139.
    pub enum ChannelManagement {
        /// Addressed to two MMSIs.
        Addressed(ChannelManagementAddressed),
        /// Broadcast to a rectangular area.
        Broadcast(ChannelManagementBroadcast),
    }
}

impl ChannelManagement {
    pub(crate) fn read(b: &Bits) -> Self {
        if b.uint(139, 1) != 0 {
            ChannelManagement::Addressed(ChannelManagementAddressed::read(b))
        } else {
            ChannelManagement::Broadcast(ChannelManagementBroadcast::read(b))
        }
    }
}

layout! {
    /// Type 23: group assignment command. Corners in 1/10 minute (JSON: minutes, as pyais).
    pub struct GroupAssignment [160] {
        /// Always 23.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// North-east corner longitude, 1/10 minute.
        ne_lon: i32 as Tenth(18),
        /// North-east corner latitude, 1/10 minute.
        ne_lat: i32 as Tenth(17),
        /// South-west corner longitude, 1/10 minute.
        sw_lon: i32 as Tenth(18),
        /// South-west corner latitude, 1/10 minute.
        sw_lat: i32 as Tenth(17),
        /// Station type. JSON: pyais's enum mapping.
        station_type: u8 as StationType(4),
        /// Ship and cargo type. JSON: pyais's enum mapping.
        ship_type: u8 as ShipType(8),
        /// Spare.
        spare_2: u32 as Spare(22),
        /// Tx/Rx mode.
        txrx: u8 as Int(2),
        /// Reporting interval. JSON: pyais's enum mapping.
        interval: u8 as Interval(4),
        /// Quiet time in minutes.
        quiet: u8 as Int(4),
        /// Spare.
        spare_3: u8 as Spare(6),
    }
}
