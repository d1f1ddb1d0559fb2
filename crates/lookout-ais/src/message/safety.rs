//! Safety-related text: types 12 (addressed) and 14 (broadcast).

use super::layout;
use super::text::AisString;

layout! {
    /// Type 12: addressed safety-related message.
    pub struct AddressedSafety [72] {
        /// Always 12.
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
        /// Text, up to 156 characters.
        text: AisString<156> as VarText(936),
    }
}

layout! {
    /// Type 14: safety-related broadcast message.
    pub struct SafetyBroadcast [40] {
        /// Always 14.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Text, up to 161 characters.
        text: AisString<162> as VarText(968),
    }
}
