//! Binary messages: types 6 (addressed), 8 (broadcast), 17 (DGNSS), 25 (single slot) and 26
//! (multiple slot). The application data is kept as raw bits ([`BinData`]).

use super::text::{AisString, BinData};
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

layout! {
    /// Type 6, DAC 1 FID 18 (IMO289): clearance time to enter port.
    pub struct ClearanceTimeToEnterPort [360] {
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
        /// Designated area code (1).
        dac: u16 as Int(10),
        /// Function identifier.
        fid: u8 as Int(6),
        /// Message linkage ID.
        linkage: u16 as Int(10),
        /// Clearance month (0 = not available).
        month: u8 as Int(4),
        /// Clearance day (0 = not available).
        day: u8 as Int(5),
        /// Clearance hour (24 = not available).
        hour: u8 as Int(5),
        /// Clearance minute (60 = not available).
        minute: u8 as Int(6),
        /// Port name (20 characters).
        port_name: AisString<20> as Text(120),
        /// Destination UN/LOCODE (5 characters).
        destination: AisString<5> as Text(30),
        /// Longitude in 1/1000 minute. JSON: degrees.
        lon: i32 as Deg60000(25),
        /// Latitude in 1/1000 minute. JSON: degrees.
        lat: i32 as Deg60000(24),
        /// Spare.
        spare_2: u64 as Spare(43),
    }
}

family! {
    /// Type 6: addressed binary message. Application payloads that pyais decodes and that
    /// occur in the reference captures are decoded; the others keep their data raw.
    pub enum BinaryAddressed {
        /// Application data kept raw.
        Raw(BinaryAddressedRaw),
        /// DAC 1, FID 18: clearance time to enter port.
        ClearanceTimeToEnterPort(ClearanceTimeToEnterPort),
    }
}

impl BinaryAddressed {
    pub(crate) fn read(b: &Bits) -> Self {
        if b.len() > 72 && b.uint(72, 10) == 1 && b.uint(82, 6) == 18 {
            return BinaryAddressed::ClearanceTimeToEnterPort(ClearanceTimeToEnterPort::read(b));
        }
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

layout! {
    /// Type 8, DAC 1 FID 0: text broadcast in six-bit ASCII.
    pub struct BroadcastText [68] {
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
        /// Acknowledgement required flag.
        ack_required: bool as Flag(1),
        /// Text sequence number.
        text_sequence: u16 as Int(11),
        /// Text (up to 151 characters).
        text: AisString<151> as VarText(906),
    }
}

layout! {
    /// Type 8, DAC 1 FID 11 (IMO236, superseded by FID 31): meteorological and hydrological
    /// data.
    pub struct MetHydroLegacy [352] {
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
        /// Latitude in 1/1000 minute. JSON: degrees.
        lat: i32 as Deg60000(24),
        /// Longitude in 1/1000 minute. JSON: degrees.
        lon: i32 as Deg60000(25),
        /// UTC day.
        day: u8 as Int(5),
        /// UTC hour.
        hour: u8 as Int(5),
        /// UTC minute.
        minute: u8 as Int(6),
        /// Average wind speed in knots (127 = not available).
        wspeed: u8 as Int(7),
        /// Wind gust in knots.
        wgust: u8 as Int(7),
        /// Wind direction in degrees.
        wdir: u16 as Int(9),
        /// Wind gust direction in degrees.
        wgustdir: u16 as Int(9),
        /// Air temperature, `v * 0.1 - 60` °C.
        airtemp: u16 as AirTempLegacy(11),
        /// Relative humidity in percent.
        humidity: u8 as Int(7),
        /// Dew point, `v * 0.1 - 20` °C.
        dewpoint: u16 as DewPointLegacy(10),
        /// Air pressure, `v + 800` hPa.
        pressure: u16 as Pressure800(9),
        /// Pressure tendency.
        pressuretend: u8 as Int(2),
        /// Horizontal visibility in 1/10 nautical mile. JSON: nautical miles.
        visibility: u8 as Tenth(8),
        /// Water level, `v * 0.1 - 10` m.
        waterlevel: u16 as TenthMinus10(9),
        /// Water level trend.
        leveltrend: u8 as Int(2),
        /// Surface current speed in 1/10 knot. JSON: knots.
        cspeed: u8 as Tenth(8),
        /// Surface current direction in degrees.
        cdir: u16 as Int(9),
        /// Current 2 speed in 1/10 knot. JSON: knots.
        cspeed2: u8 as Tenth(8),
        /// Current 2 direction in degrees.
        cdir2: u16 as Int(9),
        /// Current 2 measuring depth in metres.
        cdepth2: u8 as Int(5),
        /// Current 3 speed in 1/10 knot. JSON: knots.
        cspeed3: u8 as Tenth(8),
        /// Current 3 direction in degrees.
        cdir3: u16 as Int(9),
        /// Current 3 measuring depth in metres.
        cdepth3: u8 as Int(5),
        /// Significant wave height in 1/10 m. JSON: metres.
        waveheight: u8 as Tenth(8),
        /// Wave period in seconds.
        waveperiod: u8 as Int(6),
        /// Wave direction in degrees.
        wavedir: u16 as Int(9),
        /// Swell height in 1/10 m. JSON: metres.
        swellheight: u8 as Tenth(8),
        /// Swell period in seconds.
        swellperiod: u8 as Int(6),
        /// Swell direction in degrees.
        swelldir: u16 as Int(9),
        /// Sea state (Beaufort).
        seastate: u8 as Int(4),
        /// Water temperature, `v * 0.1 - 10` °C.
        watertemp: u16 as TenthMinus10(10),
        /// Precipitation type.
        preciptype: u8 as Int(3),
        /// Salinity in 1/10 ‰. JSON: ‰.
        salinity: u16 as Tenth(9),
        /// Ice.
        ice: u8 as Int(2),
        /// Spare.
        spare_2: u8 as Spare(6),
    }
}

layout! {
    /// Type 8, DAC 1 FID 16: VTS-generated targets, kept raw as pyais does.
    pub struct VtsTargets [56] {
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
        /// The 120-bit target records. JSON: base64.
        target_data: BinData as Data(840),
    }
}

layout! {
    /// Type 8, DAC 1 FID 22 (IMO289): area notice; the sub-areas are kept raw as pyais does.
    pub struct AreaNotice [111] {
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
        /// Message linkage ID.
        linkage: u16 as Int(10),
        /// Notice description code.
        notice: u8 as Int(7),
        /// Start month.
        month: u8 as Int(4),
        /// Start day.
        day: u8 as Int(5),
        /// Start hour.
        hour: u8 as Int(5),
        /// Start minute.
        minute: u8 as Int(6),
        /// Duration in minutes (262143 = not available).
        duration: u32 as Int(18),
        /// The 87-bit sub-area records. JSON: base64.
        area_data: BinData as Data(870),
    }
}

layout! {
    /// Type 8, DAC 1 FID 31 (IMO289): meteorological and hydrological data.
    pub struct MetHydro [360] {
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
        /// Longitude in 1/1000 minute. JSON: degrees.
        lon: i32 as Deg60000(25),
        /// Latitude in 1/1000 minute. JSON: degrees.
        lat: i32 as Deg60000(24),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// UTC day.
        day: u8 as Int(5),
        /// UTC hour.
        hour: u8 as Int(5),
        /// UTC minute.
        minute: u8 as Int(6),
        /// Average wind speed in knots (127 = not available).
        wspeed: u8 as Int(7),
        /// Wind gust in knots.
        wgust: u8 as Int(7),
        /// Wind direction in degrees (360 = not available).
        wdir: u16 as Int(9),
        /// Wind gust direction in degrees.
        wgustdir: u16 as Int(9),
        /// Air temperature in 1/10 °C. JSON: °C.
        airtemp: i16 as Tenth(11),
        /// Relative humidity in percent.
        humidity: u8 as Int(7),
        /// Dew point in 1/10 °C. JSON: °C.
        dewpoint: i16 as Tenth(10),
        /// Air pressure, `v + 799` hPa.
        pressure: u16 as Pressure799(9),
        /// Pressure tendency.
        pressuretend: u8 as Int(2),
        /// Visibility greater than the value flag.
        visgreater: bool as Flag(1),
        /// Horizontal visibility in 1/10 nautical mile. JSON: nautical miles.
        visibility: u8 as Tenth(7),
        /// Water level, `v * 0.01 - 10` m.
        waterlevel: u16 as WaterLevel31(12),
        /// Water level trend.
        leveltrend: u8 as Int(2),
        /// Surface current speed in 1/10 knot. JSON: knots.
        cspeed: u8 as Tenth(8),
        /// Surface current direction in degrees.
        cdir: u16 as Int(9),
        /// Current 2 speed in 1/10 knot. JSON: knots.
        cspeed2: u8 as Tenth(8),
        /// Current 2 direction in degrees.
        cdir2: u16 as Int(9),
        /// Current 2 measuring depth in metres.
        cdepth2: u8 as Int(5),
        /// Current 3 speed in 1/10 knot. JSON: knots.
        cspeed3: u8 as Tenth(8),
        /// Current 3 direction in degrees.
        cdir3: u16 as Int(9),
        /// Current 3 measuring depth in metres.
        cdepth3: u8 as Int(5),
        /// Significant wave height in 1/10 m. JSON: metres.
        waveheight: u8 as Tenth(8),
        /// Wave period in seconds.
        waveperiod: u8 as Int(6),
        /// Wave direction in degrees.
        wavedir: u16 as Int(9),
        /// Swell height in 1/10 m. JSON: metres.
        swellheight: u8 as Tenth(8),
        /// Swell period in seconds.
        swellperiod: u8 as Int(6),
        /// Swell direction in degrees.
        swelldir: u16 as Int(9),
        /// Sea state (Beaufort).
        seastate: u8 as Int(4),
        /// Water temperature in 1/10 °C. JSON: °C.
        watertemp: i16 as Tenth(10),
        /// Precipitation type.
        preciptype: u8 as Int(3),
        /// Salinity in 1/10 ‰. JSON: ‰.
        salinity: u16 as Tenth(9),
        /// Ice.
        ice: u8 as Int(2),
        /// Spare.
        spare_2: u16 as Spare(10),
    }
}

layout! {
    /// Type 8, DAC 200 FID 10 (inland AIS): inland ship static and voyage related data.
    pub struct InlandStaticData [168] {
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
        /// European vessel identification number (8 characters).
        vin: AisString<8> as Text(48),
        /// Length in 1/10 m. JSON: metres.
        length: u16 as Tenth(13),
        /// Beam in 1/10 m. JSON: metres.
        beam: u16 as Tenth(10),
        /// ERI ship or convoy type.
        shiptype: u16 as Int(14),
        /// Number of blue cones/lights (5 = unknown).
        hazard: u8 as Int(3),
        /// Draught in 1/100 m. JSON: metres.
        draught: u16 as Hundredth(11),
        /// Loaded (1) or unloaded (2); 0 = not available.
        loaded: u8 as Int(2),
        /// Speed quality flag.
        speed_q: bool as Flag(1),
        /// Course quality flag.
        course_q: bool as Flag(1),
        /// Heading quality flag.
        heading_q: bool as Flag(1),
        /// Spare.
        spare: u8 as Spare(8),
    }
}

layout! {
    /// Type 8, DAC 367 FID 33: US environmental message; the sensor reports are kept raw as
    /// pyais does.
    pub struct UsEnvironmental [56] {
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
        /// The 112-bit sensor reports. JSON: base64.
        reports_data: BinData as Data(896),
    }
}

family! {
    /// Type 8: binary broadcast message. Application payloads that pyais decodes and that
    /// occur in the reference captures are decoded; the others keep their data raw.
    pub enum BinaryBroadcast {
        /// Application data kept raw.
        Raw(BinaryBroadcastRaw),
        /// DAC 1, FID 0: text.
        Text(BroadcastText),
        /// DAC 1, FID 11: meteorological and hydrological data (IMO236).
        MetHydroLegacy(MetHydroLegacy),
        /// DAC 1, FID 16: VTS targets.
        VtsTargets(VtsTargets),
        /// DAC 1, FID 22: area notice.
        AreaNotice(AreaNotice),
        /// DAC 1, FID 31: meteorological and hydrological data (IMO289).
        MetHydro(MetHydro),
        /// DAC 200, FID 10: inland ship static and voyage data.
        InlandStaticData(InlandStaticData),
        /// DAC 367, FID 33: US environmental message.
        UsEnvironmental(UsEnvironmental),
    }
}

impl BinaryBroadcast {
    pub(crate) fn read(b: &Bits) -> Self {
        match (b.uint(40, 10), b.uint(50, 6)) {
            (1, 0) => Self::Text(BroadcastText::read(b)),
            (1, 11) => Self::MetHydroLegacy(MetHydroLegacy::read(b)),
            (1, 16) => Self::VtsTargets(VtsTargets::read(b)),
            (1, 22) => Self::AreaNotice(AreaNotice::read(b)),
            (1, 31) => Self::MetHydro(MetHydro::read(b)),
            (200, 10) => Self::InlandStaticData(InlandStaticData::read(b)),
            (367, 33) => Self::UsEnvironmental(UsEnvironmental::read(b)),
            _ => Self::Raw(BinaryBroadcastRaw::read(b)),
        }
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
