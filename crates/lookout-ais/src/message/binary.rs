//! Binary messages: types 6 (addressed), 8 (broadcast), 17 (DGNSS), 25 (single slot) and 26
//! (multiple slot). The application data is kept as raw bits ([`BinData`]).

use super::text::BinData;
use super::{family, layout};
use crate::bits::Bits;

layout! {
    /// Type 6 with its application data kept raw.
    pub struct BinaryAddressedRaw [88] {
        /// Always 6.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Sequence number.
        seqno: u8 as Int(2),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// Retransmit flag.
        retransmit: bool as Flag(1),
        /// Spare.
        spare_1: u8 as Spare(1),
        /// Designated area code.
        dac: u16 as Int(10),
        /// Function identifier.
        fid: u8 as Int(6),
        /// Application data (up to 920 bits). JSON: base64.
        data: BinData as Data(920),
    }
}

family! {
    /// Type 6: addressed binary message.
    pub enum BinaryAddressed {
        /// Application data kept raw.
        Raw(BinaryAddressedRaw),
    }
}

impl BinaryAddressed {
    pub(crate) fn read(b: &Bits) -> Self {
        BinaryAddressed::Raw(BinaryAddressedRaw::read(b))
    }
}

layout! {
    /// Type 8 with its application data kept raw.
    pub struct BinaryBroadcastRaw [56] {
        /// Always 8.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Designated area code.
        dac: u16 as Int(10),
        /// Function identifier.
        fid: u8 as Int(6),
        /// Application data (up to 952 bits). JSON: base64.
        data: BinData as Data(952),
    }
}

family! {
    /// Type 8: binary broadcast message.
    pub enum BinaryBroadcast {
        /// Application data kept raw.
        Raw(BinaryBroadcastRaw),
    }
}

impl BinaryBroadcast {
    pub(crate) fn read(b: &Bits) -> Self {
        BinaryBroadcast::Raw(BinaryBroadcastRaw::read(b))
    }
}

layout! {
    /// Type 17: DGNSS broadcast binary message. The reference position is in 1/10 minute;
    /// pyais reads it unsigned and shows it divided by 10 (minutes), and JSON follows.
    pub struct DgnssBroadcast [80] {
        /// Always 17.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Reference station longitude, 1/10 minute (signed).
        lon: i32 as UnsignedTenth(18),
        /// Reference station latitude, 1/10 minute (signed).
        lat: i32 as UnsignedTenth(17),
        /// Spare.
        spare_2: u8 as Spare(5),
        /// DGNSS correction data (up to 736 bits). JSON: base64.
        data: BinData as Data(736),
    }
}

layout! {
    /// Type 25 addressed, structured.
    pub struct SingleSlotAddressedStructured [86] {
        /// Always 25.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (true).
        addressed: bool as Flag(1),
        /// Structured flag (true).
        structured: bool as Flag(1),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// Application ID (DAC and FID).
        app_id: u16 as Int(16),
        /// Data (up to 82 bits). JSON: base64.
        data: BinData as Data(82),
    }
}

layout! {
    /// Type 25 broadcast, structured.
    pub struct SingleSlotBroadcastStructured [56] {
        /// Always 25.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (false).
        addressed: bool as Flag(1),
        /// Structured flag (true).
        structured: bool as Flag(1),
        /// Application ID (DAC and FID).
        app_id: u16 as Int(16),
        /// Data (up to 112 bits). JSON: base64.
        data: BinData as Data(112),
    }
}

layout! {
    /// Type 25 addressed, unstructured.
    pub struct SingleSlotAddressedUnstructured [70] {
        /// Always 25.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (true).
        addressed: bool as Flag(1),
        /// Structured flag (false).
        structured: bool as Flag(1),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// Data (up to 98 bits). JSON: base64.
        data: BinData as Data(98),
    }
}

layout! {
    /// Type 25 broadcast, unstructured.
    pub struct SingleSlotBroadcastUnstructured [40] {
        /// Always 25.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (false).
        addressed: bool as Flag(1),
        /// Structured flag (false).
        structured: bool as Flag(1),
        /// Data (up to 128 bits). JSON: base64.
        data: BinData as Data(128),
    }
}

family! {
    /// Type 25: single slot binary message, by its addressed and structured flags.
    pub enum SingleSlotBinary {
        /// Addressed, structured.
        AddressedStructured(SingleSlotAddressedStructured),
        /// Broadcast, structured.
        BroadcastStructured(SingleSlotBroadcastStructured),
        /// Addressed, unstructured.
        AddressedUnstructured(SingleSlotAddressedUnstructured),
        /// Broadcast, unstructured.
        BroadcastUnstructured(SingleSlotBroadcastUnstructured),
    }
}

impl SingleSlotBinary {
    pub(crate) fn read(b: &Bits) -> Self {
        match (b.uint(38, 1) != 0, b.uint(39, 1) != 0) {
            (true, true) => Self::AddressedStructured(SingleSlotAddressedStructured::read(b)),
            (false, true) => Self::BroadcastStructured(SingleSlotBroadcastStructured::read(b)),
            (true, false) => Self::AddressedUnstructured(SingleSlotAddressedUnstructured::read(b)),
            (false, false) => Self::BroadcastUnstructured(SingleSlotBroadcastUnstructured::read(b)),
        }
    }
}

layout! {
    /// Type 26 addressed, structured. As in pyais, `data` takes everything after the header
    /// (the communication state included) and `radio` is absent.
    pub struct MultiSlotAddressedStructured [86] {
        /// Always 26.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (true).
        addressed: bool as Flag(1),
        /// Structured flag (true).
        structured: bool as Flag(1),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// Application ID.
        app_id: u16 as Int(16),
        /// Data. JSON: base64.
        data: BinData as Data(958),
        /// Radio status (written after the data when encoding).
        radio: u32 as Int(20),
    }
}

layout! {
    /// Type 26 broadcast, structured (see [`MultiSlotAddressedStructured`] on `data`).
    pub struct MultiSlotBroadcastStructured [56] {
        /// Always 26.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (false).
        addressed: bool as Flag(1),
        /// Structured flag (true).
        structured: bool as Flag(1),
        /// Application ID.
        app_id: u16 as Int(16),
        /// Data. JSON: base64.
        data: BinData as Data(988),
        /// Radio status.
        radio: u32 as Int(20),
    }
}

layout! {
    /// Type 26 addressed, unstructured. pyais reads an application ID here too, and JSON
    /// follows.
    pub struct MultiSlotAddressedUnstructured [86] {
        /// Always 26.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (true).
        addressed: bool as Flag(1),
        /// Structured flag (false).
        structured: bool as Flag(1),
        /// Destination MMSI.
        dest_mmsi: u32 as Int(30),
        /// First 16 data bits (pyais calls them `app_id`).
        app_id: u16 as Int(16),
        /// Data. JSON: base64.
        data: BinData as Data(958),
        /// Radio status.
        radio: u32 as Int(20),
    }
}

layout! {
    /// Type 26 broadcast, unstructured.
    pub struct MultiSlotBroadcastUnstructured [40] {
        /// Always 26.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Addressed flag (false).
        addressed: bool as Flag(1),
        /// Structured flag (false).
        structured: bool as Flag(1),
        /// Data. JSON: base64.
        data: BinData as Data(1004),
        /// Radio status.
        radio: u32 as Int(20),
    }
}

family! {
    /// Type 26: multiple slot binary message, by its addressed and structured flags.
    pub enum MultiSlotBinary {
        /// Addressed, structured.
        AddressedStructured(MultiSlotAddressedStructured),
        /// Broadcast, structured.
        BroadcastStructured(MultiSlotBroadcastStructured),
        /// Addressed, unstructured.
        AddressedUnstructured(MultiSlotAddressedUnstructured),
        /// Broadcast, unstructured.
        BroadcastUnstructured(MultiSlotBroadcastUnstructured),
    }
}

impl MultiSlotBinary {
    pub(crate) fn read(b: &Bits) -> Self {
        match (b.uint(38, 1) != 0, b.uint(39, 1) != 0) {
            (true, true) => Self::AddressedStructured(MultiSlotAddressedStructured::read(b)),
            (false, true) => Self::BroadcastStructured(MultiSlotBroadcastStructured::read(b)),
            (true, false) => Self::AddressedUnstructured(MultiSlotAddressedUnstructured::read(b)),
            (false, false) => Self::BroadcastUnstructured(MultiSlotBroadcastUnstructured::read(b)),
        }
    }
}
