//! The message layer: an armored AIS payload to a typed [`AisMessage`] (ITU-R M.1371 types 1
//! to 27), and back (see [`crate::encode`]).
//!
//! Struct fields keep the transmitted integers (lat/lon in 1/10000 minute, speed in 1/10 knot,
//! and so on), so decoding is exact and re-encoding reproduces the bits; helper methods give
//! scaled values with "not available" sentinels as `None`. Serializing a message (serde) gives
//! the same keys, order, units and rounding as pyais 3.3.1's `decode(..).asdict()`: scaled
//! floats, enums as integers, spare bits left out, and `null` for fields that a short message
//! does not reach.

use serde::Serialize;

use crate::bits::{Bits, UnarmorError};

mod codec;
mod text;

mod base_station;
mod binary;
mod management;
mod position;
mod safety;
mod static_data;

pub use base_station::BaseStationReport;
pub use binary::{
    AreaNotice, AreaNoticeAddressed, BerthingData, BerthingDataBroadcast, BinaryAddressed,
    BinaryAddressedRaw, BinaryBroadcast, BinaryBroadcastRaw, BroadcastText,
    ClearanceTimeToEnterPort, DangerousCargo, DgnssBroadcast, EmmaWarning, EnvironmentalReports,
    ExtendedShipStaticData, InlandStaticData, MarineTrafficSignal, MetHydro, MetHydroLegacy,
    MultiSlotAddressedStructured, MultiSlotAddressedUnstructured, MultiSlotBinary,
    MultiSlotBroadcastStructured, MultiSlotBroadcastUnstructured, PersonsOnBoard,
    PersonsOnBoardShort, RouteInformation, SignalStatus, SingleSlotAddressedStructured,
    SingleSlotAddressedUnstructured, SingleSlotBinary, SingleSlotBroadcastStructured,
    SingleSlotBroadcastUnstructured, SyntheticTargets, TextDescription, UsEnvironmental,
    VtsTargets, WaterLevels, WeatherObservation,
};
pub use management::{
    AssignmentCommand, AssignmentCommandOne, AssignmentCommandTwo, BinaryAck, ChannelManagement,
    ChannelManagementAddressed, ChannelManagementBroadcast, DataLinkManagement, GroupAssignment,
    Interrogation, UtcInquiry,
};
pub use position::{
    deg_to_min10, deg_to_min1e4, AidToNavigationReport, ClassBPositionReport,
    ExtendedClassBPositionReport, LongRangeBroadcast, PositionReport, SarAircraftReport, LAT_NA,
    LON_NA,
};
pub use safety::{AddressedSafety, SafetyBroadcast};
pub use static_data::{
    is_auxiliary_craft, StaticAndVoyageData, StaticDataPartA, StaticDataPartB, StaticDataPartBAux,
    StaticDataReport,
};
pub use text::{AisString, BinData};

/// Shortest message accepted, in bits: message type, repeat indicator and the whole MMSI.
pub const MIN_BITS: usize = 38;

/// Why a payload was not decoded. [`MessageError::reason`] gives a stable label for
/// statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageError {
    /// The payload field was empty.
    EmptyPayload,
    /// A character outside the six-bit armor alphabet.
    BadPayloadChar,
    /// More than [`crate::bits::MAX_PAYLOAD_CHARS`] characters.
    PayloadTooLong,
    /// Fill bits above 6, or not fewer than the payload's bits.
    BadFillBits,
    /// Message type 0 or above 27.
    UnknownMessageType(u8),
    /// Fewer than [`MIN_BITS`] bits: no complete MMSI.
    BadBitLength {
        /// Message type.
        msg_type: u8,
        /// Bits in the payload.
        bits: usize,
    },
    /// Type 24 with part number 2 or 3 (only A = 0 and B = 1 exist).
    UnknownPartNumber(u8),
}

impl MessageError {
    /// Stable snake_case label used in reject statistics.
    pub fn reason(&self) -> &'static str {
        match self {
            MessageError::EmptyPayload => "empty_payload",
            MessageError::BadPayloadChar => "bad_payload_char",
            MessageError::PayloadTooLong => "payload_too_long",
            MessageError::BadFillBits => "bad_fill_bits",
            MessageError::UnknownMessageType(_) => "unknown_message_type",
            MessageError::BadBitLength { .. } => "bad_bit_length",
            MessageError::UnknownPartNumber(_) => "unknown_part_number",
        }
    }
}

impl std::fmt::Display for MessageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MessageError::EmptyPayload => f.write_str("empty payload"),
            MessageError::BadPayloadChar => {
                f.write_str("character outside the six-bit armor alphabet")
            }
            MessageError::PayloadTooLong => write!(
                f,
                "payload longer than {} characters",
                crate::bits::MAX_PAYLOAD_CHARS
            ),
            MessageError::BadFillBits => f.write_str("fill bits out of range"),
            MessageError::UnknownMessageType(t) => write!(f, "unknown message type {t}"),
            MessageError::BadBitLength { msg_type, bits } => {
                write!(
                    f,
                    "type {msg_type} message of {bits} bits is too short (minimum {MIN_BITS})"
                )
            }
            MessageError::UnknownPartNumber(p) => {
                write!(f, "type 24 part number {p} is not A (0) or B (1)")
            }
        }
    }
}

impl std::error::Error for MessageError {}

impl From<UnarmorError> for MessageError {
    fn from(e: UnarmorError) -> Self {
        match e {
            UnarmorError::Empty => MessageError::EmptyPayload,
            UnarmorError::TooLong => MessageError::PayloadTooLong,
            UnarmorError::BadChar => MessageError::BadPayloadChar,
            UnarmorError::BadFill => MessageError::BadFillBits,
        }
    }
}

/// Common accessors of every message struct.
pub trait Header {
    /// Message type (1..=27).
    fn msg_type(&self) -> u8;
    /// Source MMSI.
    fn mmsi(&self) -> u32;
    /// Number of bits the message was decoded from.
    fn bit_len(&self) -> u16;
    /// Standard length of the layout in bits (without any variable-length tail).
    fn standard_bits(&self) -> u16;
}

/// Declares a flat message layout: the struct, its decoder, encoder, pyais-compatible
/// `Serialize` and [`Header`].
///
/// `name: Type as Codec(width)` lists the fields in transmission order; an optional
/// `extra key = method;` after the body appends a computed JSON value (pyais properties such as
/// type 21's `full_name`). The struct gets a
/// `bit_len` field: fields that start at or after it serialize as `null` (pyais's behaviour for
/// short messages).
macro_rules! layout {
    (
        $(#[$meta:meta])*
        pub struct $name:ident [$bits:expr] {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty as $codec:ident ($width:expr) ),* $(,)?
        }
        $( extra $ekey:ident = $extra:ident; )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            /// Number of bits the message was decoded from ([`Self::BITS`] for a message built in
            /// code). Fields that start at or after it are absent: `null` in JSON, as in pyais,
            /// and not encoded (a variable-length tail is encoded as stored).
            pub bit_len: u16,
        }

        impl $name {
            /// Standard length in bits (for layouts that end in variable-length text or data, the
            /// length without it).
            pub const BITS: u16 = $bits;

            #[inline]
            // `off + $width <= BITS` reads naturally for 1-bit fields too.
            #[allow(clippy::int_plus_one)]
            pub(crate) fn read(b: &$crate::bits::Bits) -> Self {
                use $crate::message::codec::Codec;
                let mut off = 0usize;
                if b.len() >= usize::from(Self::BITS) {
                    // Every field of the standard layout is there: no length checks.
                    $(
                        let $field = if off + $width <= usize::from(Self::BITS) {
                            <$crate::message::codec::$codec as Codec<$ty>>::read_full(b, off, $width)
                        } else {
                            <$crate::message::codec::$codec as Codec<$ty>>::read(b, off, $width)
                        };
                        off += $width;
                    )*
                    let _ = off;
                    return $name { $($field,)* bit_len: b.len() as u16 };
                }
                $(
                    let $field = <$crate::message::codec::$codec as Codec<$ty>>::read(b, off, $width);
                    off += $width;
                )*
                let _ = off;
                $name { $($field,)* bit_len: b.len() as u16 }
            }

            /// Appends the fields that start before `bit_len` (a field cut by `bit_len` with only
            /// the bits that were there), then any variable-length tail as stored.
            /// `Err(field name)` for a value too wide for its field.
            pub(crate) fn write(&self, w: &mut $crate::bits::BitWriter) -> Result<(), &'static str> {
                use $crate::message::codec::Codec;
                let end = usize::from(self.bit_len);
                let mut off = 0usize;
                $(
                    let width = if off < end {
                        Some(<$crate::message::codec::$codec as Codec<$ty>>::write_width(($width as usize).min(end - off), end - off))
                    } else if <$crate::message::codec::$codec as Codec<$ty>>::VARIABLE {
                        Some($width)
                    } else {
                        None
                    };
                    if let Some(width) = width {
                        if !<$crate::message::codec::$codec as Codec<$ty>>::write(&self.$field, w, width) {
                            return Err(stringify!($field));
                        }
                    }
                    off += $width;
                )*
                let _ = off;
                Ok(())
            }
        }

        impl $crate::message::Header for $name {
            fn msg_type(&self) -> u8 {
                self.msg_type
            }
            fn mmsi(&self) -> u32 {
                self.mmsi
            }
            fn bit_len(&self) -> u16 {
                self.bit_len
            }
            fn standard_bits(&self) -> u16 {
                $bits
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                use $crate::message::codec::Codec;
                let n = 0 $( + usize::from(!<$crate::message::codec::$codec as Codec<$ty>>::SKIP) )*
                    $( + { let _ = stringify!($ekey); 1 } )?;
                let mut st = s.serialize_struct(stringify!($name), n)?;
                let end = usize::from(self.bit_len);
                let mut off = 0usize;
                $(
                    if !<$crate::message::codec::$codec as Codec<$ty>>::SKIP {
                        if off < end {
                            <$crate::message::codec::$codec as Codec<$ty>>::ser(&self.$field, &mut st, $crate::message::codec::key(stringify!($field)), ($width as usize).min(end - off))?;
                        } else {
                            $crate::message::codec::ser_absent(&mut st, $crate::message::codec::key(stringify!($field)))?;
                        }
                    }
                    off += $width;
                )*
                let _ = off;
                $( st.serialize_field(stringify!($ekey), &self.$extra())?; )?
                st.end()
            }
        }

        impl $name {
            /// Appends the message as a JSON object: the same JSON as `Serialize` (keys, order,
            /// values), written directly with constant keys.
            pub fn write_json(&self, out: &mut Vec<u8>) {
                use $crate::message::codec::Codec;
                let end = usize::from(self.bit_len);
                let mut off = 0usize;
                let mut sep = b'{';
                $(
                    if !<$crate::message::codec::$codec as Codec<$ty>>::SKIP {
                        out.push(sep);
                        sep = b',';
                        if stringify!($field).starts_with("r#") {
                            out.push(b'"');
                            out.extend_from_slice($crate::message::codec::key(stringify!($field)).as_bytes());
                            out.extend_from_slice(b"\":");
                        } else {
                            out.extend_from_slice(concat!("\"", stringify!($field), "\":").as_bytes());
                        }
                        if off < end {
                            <$crate::message::codec::$codec as Codec<$ty>>::json(&self.$field, out, ($width as usize).min(end - off));
                        } else {
                            out.extend_from_slice(b"null");
                        }
                    }
                    off += $width;
                )*
                let _ = off;
                $(
                    out.extend_from_slice(concat!(",\"", stringify!($ekey), "\":").as_bytes());
                    $crate::message::codec::JsonValue::write_json(&self.$extra(), out);
                )?
                let _ = sep;
                out.push(b'}');
            }
        }
    };
}
pub(crate) use layout;

/// Declares a family enum over several layouts of one message type, with untagged
/// serialization and [`Header`].
macro_rules! family {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($inner:ty) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($inner), )*
        }

        impl $name {
            pub(crate) fn write(&self, w: &mut $crate::bits::BitWriter) -> Result<(), &'static str> {
                match self {
                    $( $name::$variant(m) => m.write(w), )*
                }
            }

            /// Appends the message as a JSON object (see [`crate::AisMessage::write_json`]).
            pub fn write_json(&self, out: &mut Vec<u8>) {
                match self {
                    $( $name::$variant(m) => m.write_json(out), )*
                }
            }
        }

        impl $crate::message::Header for $name {
            fn msg_type(&self) -> u8 {
                match self {
                    $( $name::$variant(m) => m.msg_type(), )*
                }
            }
            fn mmsi(&self) -> u32 {
                match self {
                    $( $name::$variant(m) => m.mmsi(), )*
                }
            }
            fn bit_len(&self) -> u16 {
                match self {
                    $( $name::$variant(m) => m.bit_len(), )*
                }
            }
            fn standard_bits(&self) -> u16 {
                match self {
                    $( $name::$variant(m) => m.standard_bits(), )*
                }
            }
        }
    };
}
pub(crate) use family;

/// A decoded AIS message: one variant per message family of ITU-R M.1371.
///
/// Serializes (untagged) to pyais's `asdict()` layout for the message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AisMessage {
    /// Types 1, 2, 3: Class A position report.
    PositionReport(PositionReport),
    /// Types 4 and 11: base station report, UTC/date response.
    BaseStationReport(BaseStationReport),
    /// Type 5: Class A static and voyage related data.
    StaticAndVoyageData(StaticAndVoyageData),
    /// Type 6: addressed binary message.
    BinaryAddressed(BinaryAddressed),
    /// Types 7 and 13: binary / safety acknowledge.
    BinaryAck(BinaryAck),
    /// Type 8: binary broadcast message.
    BinaryBroadcast(BinaryBroadcast),
    /// Type 9: SAR aircraft position report.
    SarAircraftReport(SarAircraftReport),
    /// Type 10: UTC/date inquiry.
    UtcInquiry(UtcInquiry),
    /// Type 12: addressed safety-related message.
    AddressedSafety(AddressedSafety),
    /// Type 14: safety-related broadcast message.
    SafetyBroadcast(SafetyBroadcast),
    /// Type 15: interrogation.
    Interrogation(Interrogation),
    /// Type 16: assignment mode command.
    AssignmentCommand(AssignmentCommand),
    /// Type 17: DGNSS broadcast binary message.
    DgnssBroadcast(DgnssBroadcast),
    /// Type 18: Class B position report.
    ClassBPositionReport(ClassBPositionReport),
    /// Type 19: extended Class B position report.
    ExtendedClassBPositionReport(ExtendedClassBPositionReport),
    /// Type 20: data link management.
    DataLinkManagement(DataLinkManagement),
    /// Type 21: aid-to-navigation report.
    AidToNavigationReport(AidToNavigationReport),
    /// Type 22: channel management.
    ChannelManagement(ChannelManagement),
    /// Type 23: group assignment command.
    GroupAssignment(GroupAssignment),
    /// Type 24: Class B static data report (part A or B).
    StaticDataReport(StaticDataReport),
    /// Type 25: single slot binary message.
    SingleSlotBinary(SingleSlotBinary),
    /// Type 26: multiple slot binary message.
    MultiSlotBinary(MultiSlotBinary),
    /// Type 27: long-range AIS broadcast.
    LongRangeBroadcast(LongRangeBroadcast),
}

macro_rules! each_variant {
    ($self:expr, $m:ident => $e:expr) => {
        match $self {
            AisMessage::PositionReport($m) => $e,
            AisMessage::BaseStationReport($m) => $e,
            AisMessage::StaticAndVoyageData($m) => $e,
            AisMessage::BinaryAddressed($m) => $e,
            AisMessage::BinaryAck($m) => $e,
            AisMessage::BinaryBroadcast($m) => $e,
            AisMessage::SarAircraftReport($m) => $e,
            AisMessage::UtcInquiry($m) => $e,
            AisMessage::AddressedSafety($m) => $e,
            AisMessage::SafetyBroadcast($m) => $e,
            AisMessage::Interrogation($m) => $e,
            AisMessage::AssignmentCommand($m) => $e,
            AisMessage::DgnssBroadcast($m) => $e,
            AisMessage::ClassBPositionReport($m) => $e,
            AisMessage::ExtendedClassBPositionReport($m) => $e,
            AisMessage::DataLinkManagement($m) => $e,
            AisMessage::AidToNavigationReport($m) => $e,
            AisMessage::ChannelManagement($m) => $e,
            AisMessage::GroupAssignment($m) => $e,
            AisMessage::StaticDataReport($m) => $e,
            AisMessage::SingleSlotBinary($m) => $e,
            AisMessage::MultiSlotBinary($m) => $e,
            AisMessage::LongRangeBroadcast($m) => $e,
        }
    };
}

impl AisMessage {
    /// Message type (1..=27).
    pub fn msg_type(&self) -> u8 {
        each_variant!(self, m => m.msg_type())
    }

    /// Source MMSI.
    pub fn mmsi(&self) -> u32 {
        each_variant!(self, m => m.mmsi())
    }

    /// Number of bits the message was decoded from.
    pub fn bit_len(&self) -> u16 {
        each_variant!(self, m => m.bit_len())
    }

    /// True when the message had fewer bits than its layout's standard length, so that fields
    /// past the end are absent (for types 7, 13, 15 and 20 shorter forms with fewer groups are
    /// legitimate; a 160-bit type 24 part A lacks only its spare byte). Longer messages are not
    /// flagged: bits past the layout are ignored.
    pub fn is_short(&self) -> bool {
        each_variant!(self, m => m.bit_len() < m.standard_bits())
    }

    /// Appends the message as one JSON object: the same keys, order, values and number types
    /// as its `Serialize` output (pyais's `asdict()` layout), written directly without serde,
    /// about 2.5 times faster. Scaled values are written in fixed point (`0.000002`, where serde
    /// may write `2e-6`); the parsed values are identical. To add keys (receive time, source),
    /// pop the closing `}` and append `,"key":value}`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        each_variant!(self, m => m.write_json(out))
    }

    /// Appends the message's bits.
    pub(crate) fn write(&self, w: &mut crate::bits::BitWriter) -> Result<(), &'static str> {
        each_variant!(self, m => m.write(w))
    }
}

/// Decodes an armored payload (the concatenated payloads of all fragments) whose last
/// fragment had `fill_bits` fill bits.
///
/// Lengths: any message of at least [`MIN_BITS`] bits is decoded; fields past the end are
/// absent (see `bit_len` on each struct) and a field cut by the end keeps the bits that are
/// there, as in pyais; bits beyond the standard length are ignored.
pub fn decode(payload: &[u8], fill_bits: u8) -> Result<AisMessage, MessageError> {
    let mut b = Bits::empty();
    b.fill(payload, fill_bits)?;
    decode_bits(&b)
}

/// Decodes an unarmored message.
pub fn decode_bits(b: &Bits) -> Result<AisMessage, MessageError> {
    let msg_type = b.uint(0, 6) as u8;
    if !(1..=27).contains(&msg_type) {
        return Err(MessageError::UnknownMessageType(msg_type));
    }
    if b.len() < MIN_BITS {
        return Err(MessageError::BadBitLength {
            msg_type,
            bits: b.len(),
        });
    }
    Ok(match msg_type {
        1..=3 => AisMessage::PositionReport(PositionReport::read(b)),
        4 | 11 => AisMessage::BaseStationReport(BaseStationReport::read(b)),
        5 => AisMessage::StaticAndVoyageData(StaticAndVoyageData::read(b)),
        6 => AisMessage::BinaryAddressed(BinaryAddressed::read(b)),
        7 | 13 => AisMessage::BinaryAck(BinaryAck::read(b)),
        8 => AisMessage::BinaryBroadcast(BinaryBroadcast::read(b)),
        9 => AisMessage::SarAircraftReport(SarAircraftReport::read(b)),
        10 => AisMessage::UtcInquiry(UtcInquiry::read(b)),
        12 => AisMessage::AddressedSafety(AddressedSafety::read(b)),
        14 => AisMessage::SafetyBroadcast(SafetyBroadcast::read(b)),
        15 => AisMessage::Interrogation(Interrogation::read(b)),
        16 => AisMessage::AssignmentCommand(AssignmentCommand::read(b)),
        17 => AisMessage::DgnssBroadcast(DgnssBroadcast::read(b)),
        18 => AisMessage::ClassBPositionReport(ClassBPositionReport::read(b)),
        19 => AisMessage::ExtendedClassBPositionReport(ExtendedClassBPositionReport::read(b)),
        20 => AisMessage::DataLinkManagement(DataLinkManagement::read(b)),
        21 => AisMessage::AidToNavigationReport(AidToNavigationReport::read(b)),
        22 => AisMessage::ChannelManagement(ChannelManagement::read(b)),
        23 => AisMessage::GroupAssignment(GroupAssignment::read(b)),
        24 => AisMessage::StaticDataReport(StaticDataReport::read(b)?),
        25 => AisMessage::SingleSlotBinary(SingleSlotBinary::read(b)),
        26 => AisMessage::MultiSlotBinary(MultiSlotBinary::read(b)),
        _ => AisMessage::LongRangeBroadcast(LongRangeBroadcast::read(b)),
    })
}
