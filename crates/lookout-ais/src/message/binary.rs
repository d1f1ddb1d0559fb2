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

layout! {
    /// Type 6, DAC 1 FID 16 (IMO236) in its short, unaddressed form (72 bits or less).
    pub struct PersonsOnBoardShort [72] {
        /// Always 6.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Designated area code (1).
        dac: u16 as Int(10),
        /// Function identifier (16).
        fid: u8 as Int(6),
        /// Number of persons on board.
        persons: u16 as Int(13),
        /// Spare.
        spare_2: u8 as Spare(3),
    }
}

layout! {
    /// Type 6, DAC 1 FID 16 (IMO236): number of persons on board.
    pub struct PersonsOnBoard [136] {
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
        /// Number of persons on board.
        persons: u16 as Int(13),
        /// Spare.
        spare_2: u64 as Spare(35),
    }
}

layout! {
    /// Type 6, DAC 1 FID 20 (IMO289): berthing data.
    pub struct BerthingData [360] {
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
        /// Berth length in metres.
        berth_length: u16 as Int(9),
        /// Water depth at berth in 1/10 m. JSON: metres.
        berth_depth: u8 as Tenth(8),
        /// Mooring position.
        position: u8 as Int(3),
        /// Month.
        month: u8 as Int(4),
        /// Day.
        day: u8 as Int(5),
        /// Hour.
        hour: u8 as Int(5),
        /// Minute.
        minute: u8 as Int(6),
        /// Services availability flag.
        availability: bool as Flag(1),
        /// Agent service availability.
        agent: u8 as Int(2),
        /// Fuel service availability.
        fuel: u8 as Int(2),
        /// Chandler service availability.
        chandler: u8 as Int(2),
        /// Stevedore service availability.
        stevedore: u8 as Int(2),
        /// Electrical service availability.
        electrical: u8 as Int(2),
        /// Water service availability.
        water: u8 as Int(2),
        /// Customs service availability.
        customs: u8 as Int(2),
        /// Cartage service availability.
        cartage: u8 as Int(2),
        /// Crane service availability.
        crane: u8 as Int(2),
        /// Lift service availability.
        lift: u8 as Int(2),
        /// Medical service availability.
        medical: u8 as Int(2),
        /// Navrepair service availability.
        navrepair: u8 as Int(2),
        /// Provisions service availability.
        provisions: u8 as Int(2),
        /// Shiprepair service availability.
        shiprepair: u8 as Int(2),
        /// Surveyor service availability.
        surveyor: u8 as Int(2),
        /// Steam service availability.
        steam: u8 as Int(2),
        /// Tugs service availability.
        tugs: u8 as Int(2),
        /// Solidwaste service availability.
        solidwaste: u8 as Int(2),
        /// Liquidwaste service availability.
        liquidwaste: u8 as Int(2),
        /// Hazardouswaste service availability.
        hazardouswaste: u8 as Int(2),
        /// Ballast service availability.
        ballast: u8 as Int(2),
        /// Additional service availability.
        additional: u8 as Int(2),
        /// Regional1 service availability.
        regional1: u8 as Int(2),
        /// Regional2 service availability.
        regional2: u8 as Int(2),
        /// Future1 service availability.
        future1: u8 as Int(2),
        /// Future2 service availability.
        future2: u8 as Int(2),
        /// Berth name.
        berth_name: AisString<20> as Text(120),
        /// Berth longitude in 1/1000 minute. JSON: degrees.
        berth_lon: i32 as Deg60000(25),
        /// Berth latitude in 1/1000 minute. JSON: degrees.
        berth_lat: i32 as Deg60000(24),
    }
}

layout! {
    /// Type 6, DAC 1 FID 23 (IMO289): area notice, addressed; sub-areas kept raw as pyais does.
    pub struct AreaNoticeAddressed [143] {
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
    /// Type 6, DAC 1 FID 25 (IMO289): dangerous cargo indication; cargo records kept raw as pyais does.
    pub struct DangerousCargo [100] {
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
        /// Unit of the amount.
        unit: u8 as Int(2),
        /// Amount.
        amount: u16 as Int(10),
        /// The 17-bit cargo records. JSON: base64.
        cargo_data: BinData as Data(476),
    }
}

family! {
    /// Type 6: addressed binary message. The application payloads that pyais decodes are
    /// decoded the same way; the others keep their data raw.
    pub enum BinaryAddressed {
        /// Application data kept raw.
        Raw(BinaryAddressedRaw),
        /// DAC 1, FID 16 in a short (72-bit) message: persons on board.
        PersonsOnBoardShort(PersonsOnBoardShort),
        /// DAC 1, FID 16: persons on board.
        PersonsOnBoard(PersonsOnBoard),
        /// DAC 1, FID 18: clearance time to enter port.
        ClearanceTimeToEnterPort(ClearanceTimeToEnterPort),
        /// DAC 1, FID 20: berthing data.
        BerthingData(BerthingData),
        /// DAC 1, FID 23: area notice, addressed.
        AreaNoticeAddressed(AreaNoticeAddressed),
        /// DAC 1, FID 25: dangerous cargo indication.
        DangerousCargo(DangerousCargo),
    }
}

impl BinaryAddressed {
    pub(crate) fn read(b: &Bits) -> Self {
        if b.len() <= 72 {
            // pyais: a message this short may be the unaddressed persons-on-board form.
            if (b.uint(40, 10), b.uint(50, 6)) == (1, 16) {
                return Self::PersonsOnBoardShort(PersonsOnBoardShort::read(b));
            }
            return Self::Raw(BinaryAddressedRaw::read(b));
        }
        match (b.uint(72, 10), b.uint(82, 6)) {
            (1, 16) => Self::PersonsOnBoard(PersonsOnBoard::read(b)),
            (1, 18) => Self::ClearanceTimeToEnterPort(ClearanceTimeToEnterPort::read(b)),
            (1, 20) => Self::BerthingData(BerthingData::read(b)),
            (1, 23) => Self::AreaNoticeAddressed(AreaNoticeAddressed::read(b)),
            (1, 25) => Self::DangerousCargo(DangerousCargo::read(b)),
            _ => Self::Raw(BinaryAddressedRaw::read(b)),
        }
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

layout! {
    /// Type 8, DAC 1 FID 17 (IMO236): VTS-generated/synthetic targets, kept raw as pyais does.
    pub struct SyntheticTargets [56] {
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
        target_data: BinData as Data(480),
    }
}

layout! {
    /// Type 8, DAC 1 FID 19 (IMO289): marine traffic signal.
    pub struct MarineTrafficSignal [360] {
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
        /// Name of the signal station.
        station: AisString<20> as Text(120),
        /// Longitude in 1/1000 minute. JSON: degrees.
        lon: i32 as Deg60000(25),
        /// Latitude in 1/1000 minute. JSON: degrees.
        lat: i32 as Deg60000(24),
        /// Status of the signal.
        status: u8 as Int(2),
        /// Signal in service.
        signal: u8 as Int(5),
        /// UTC hour of the next signal shift.
        hour: u8 as Int(5),
        /// UTC minute of the next signal shift.
        minute: u8 as Int(6),
        /// Expected next signal.
        nextsignal: u8 as Int(5),
        /// Spare (102 bits, written as zeros).
        spare_2: BinData as SpareData(102),
    }
}

layout! {
    /// Type 8, DAC 1 FID 20 (IMO289): berthing data, broadcast.
    pub struct BerthingDataBroadcast [328] {
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
        /// Berth length in metres.
        berth_length: u16 as Int(9),
        /// Water depth at berth in 1/10 m. JSON: metres.
        berth_depth: u8 as Tenth(8),
        /// Mooring position.
        position: u8 as Int(3),
        /// Month.
        month: u8 as Int(4),
        /// Day.
        day: u8 as Int(5),
        /// Hour.
        hour: u8 as Int(5),
        /// Minute.
        minute: u8 as Int(6),
        /// Services availability flag.
        availability: bool as Flag(1),
        /// Agent service availability.
        agent: u8 as Int(2),
        /// Fuel service availability.
        fuel: u8 as Int(2),
        /// Chandler service availability.
        chandler: u8 as Int(2),
        /// Stevedore service availability.
        stevedore: u8 as Int(2),
        /// Electrical service availability.
        electrical: u8 as Int(2),
        /// Water service availability.
        water: u8 as Int(2),
        /// Customs service availability.
        customs: u8 as Int(2),
        /// Cartage service availability.
        cartage: u8 as Int(2),
        /// Crane service availability.
        crane: u8 as Int(2),
        /// Lift service availability.
        lift: u8 as Int(2),
        /// Medical service availability.
        medical: u8 as Int(2),
        /// Navrepair service availability.
        navrepair: u8 as Int(2),
        /// Provisions service availability.
        provisions: u8 as Int(2),
        /// Shiprepair service availability.
        shiprepair: u8 as Int(2),
        /// Surveyor service availability.
        surveyor: u8 as Int(2),
        /// Steam service availability.
        steam: u8 as Int(2),
        /// Tugs service availability.
        tugs: u8 as Int(2),
        /// Solidwaste service availability.
        solidwaste: u8 as Int(2),
        /// Liquidwaste service availability.
        liquidwaste: u8 as Int(2),
        /// Hazardouswaste service availability.
        hazardouswaste: u8 as Int(2),
        /// Ballast service availability.
        ballast: u8 as Int(2),
        /// Additional service availability.
        additional: u8 as Int(2),
        /// Regional1 service availability.
        regional1: u8 as Int(2),
        /// Regional2 service availability.
        regional2: u8 as Int(2),
        /// Future1 service availability.
        future1: u8 as Int(2),
        /// Future2 service availability.
        future2: u8 as Int(2),
        /// Berth name.
        berth_name: AisString<20> as Text(120),
        /// Berth longitude in 1/1000 minute. JSON: degrees.
        berth_lon: i32 as Deg60000(25),
        /// Berth latitude in 1/1000 minute. JSON: degrees.
        berth_lat: i32 as Deg60000(24),
    }
}

layout! {
    /// Type 8, DAC 1 FID 21 (IMO289): weather observation from ship, non-WMO variant.
    pub struct WeatherObservation [360] {
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
        /// WMO variant flag (false here).
        wmo: bool as Flag(1),
        /// Geographic location.
        location: AisString<20> as Text(120),
        /// Longitude in 1/1000 minute. JSON: degrees.
        lon: i32 as Deg60000(25),
        /// Latitude in 1/1000 minute. JSON: degrees.
        lat: i32 as Deg60000(24),
        /// UTC day.
        day: u8 as Int(5),
        /// UTC hour.
        hour: u8 as Int(5),
        /// UTC minute.
        minute: u8 as Int(6),
        /// Present weather.
        weather: u8 as Int(4),
        /// Visibility limit flag.
        vislimit: bool as Flag(1),
        /// Horizontal visibility in 1/10 nautical mile. JSON: nautical miles.
        visibility: u8 as Tenth(7),
        /// Relative humidity in percent.
        humidity: u8 as Int(7),
        /// Average wind speed in knots.
        wspeed: u8 as Int(7),
        /// Wind direction in degrees.
        wdir: u16 as Int(9),
        /// Air pressure, `v + 799` hPa.
        pressure: u16 as Pressure799(9),
        /// Pressure tendency.
        pressuretend: u8 as Int(4),
        /// Air temperature in 1/10 °C. JSON: °C.
        airtemp: i16 as Tenth(11),
        /// Water temperature in 1/10 °C. JSON: °C.
        watertemp: i16 as Tenth(10),
        /// Wave period in seconds.
        waveperiod: u8 as Int(6),
        /// Wave height in 1/10 m. JSON: metres.
        waveheight: u8 as Tenth(8),
        /// Wave direction in degrees.
        wavedir: u16 as Int(9),
        /// Swell height in 1/10 m. JSON: metres.
        swellheight: u8 as Tenth(8),
        /// Swell direction in degrees.
        swelldir: u16 as Int(9),
        /// Swell period in seconds.
        swellperiod: u8 as Int(6),
        /// Spare.
        spare_2: u8 as Spare(3),
    }
}

layout! {
    /// Type 8, DAC 1 FID 24 (IMO289): extended ship static and voyage related data.
    pub struct ExtendedShipStaticData [360] {
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
        /// Air draught in 1/100 m. JSON: metres.
        airdraught: u16 as Hundredth(13),
        /// Last port of call (UN/LOCODE).
        lastport: AisString<5> as Text(30),
        /// Next port of call.
        nextport: AisString<5> as Text(30),
        /// Second port of call.
        secondport: AisString<5> as Text(30),
        /// ais equipment status.
        ais_state: u8 as Int(2),
        /// ata equipment status.
        ata_state: u8 as Int(2),
        /// bnwas equipment status.
        bnwas_state: u8 as Int(2),
        /// ecdisb equipment status.
        ecdisb_state: u8 as Int(2),
        /// chart equipment status.
        chart_state: u8 as Int(2),
        /// sounder equipment status.
        sounder_state: u8 as Int(2),
        /// epaid equipment status.
        epaid_state: u8 as Int(2),
        /// steer equipment status.
        steer_state: u8 as Int(2),
        /// gnss equipment status.
        gnss_state: u8 as Int(2),
        /// gyro equipment status.
        gyro_state: u8 as Int(2),
        /// lrit equipment status.
        lrit_state: u8 as Int(2),
        /// magcomp equipment status.
        magcomp_state: u8 as Int(2),
        /// navtex equipment status.
        navtex_state: u8 as Int(2),
        /// arpa equipment status.
        arpa_state: u8 as Int(2),
        /// sband equipment status.
        sband_state: u8 as Int(2),
        /// xband equipment status.
        xband_state: u8 as Int(2),
        /// hfradio equipment status.
        hfradio_state: u8 as Int(2),
        /// inmarsat equipment status.
        inmarsat_state: u8 as Int(2),
        /// mfradio equipment status.
        mfradio_state: u8 as Int(2),
        /// vhfradio equipment status.
        vhfradio_state: u8 as Int(2),
        /// grndlog equipment status.
        grndlog_state: u8 as Int(2),
        /// waterlog equipment status.
        waterlog_state: u8 as Int(2),
        /// thd equipment status.
        thd_state: u8 as Int(2),
        /// tcs equipment status.
        tcs_state: u8 as Int(2),
        /// vdr equipment status.
        vdr_state: u8 as Int(2),
        /// Spare.
        spare_2: u8 as Spare(2),
        /// Ice class. JSON: pyais's enum mapping.
        iceclass: u8 as IceClass(4),
        /// Shaft horse power (262143 = not available).
        horsepower: u32 as Int(18),
        /// VHF working channel.
        vhfchan: u16 as Int(12),
        /// Lloyd's ship type (7 characters).
        lshiptype: AisString<7> as Text(42),
        /// Gross tonnage (262143 = not available).
        tonnage: u32 as Int(18),
        /// Laden or ballast.
        lading: u8 as Int(2),
        /// Heavy fuel oil.
        heavyoil: u8 as Int(2),
        /// Light fuel oil.
        lightoil: u8 as Int(2),
        /// Diesel oil.
        dieseloil: u8 as Int(2),
        /// Total bunker oil in tonnes.
        totaloil: u16 as Int(14),
        /// Persons on board.
        persons: u16 as Int(13),
        /// Spare.
        spare_3: u16 as Spare(10),
    }
}

layout! {
    /// Type 8, DAC 1 FID 26 (IMO289): environmental sensor reports, kept raw as pyais does.
    pub struct EnvironmentalReports [56] {
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
        reports_data: BinData as Data(560),
    }
}

layout! {
    /// Type 8, DAC 1 FID 27 (IMO289): route information, broadcast; waypoints kept raw as pyais does.
    pub struct RouteInformation [117] {
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
        /// Sender classification.
        sender: u8 as Int(3),
        /// Route type.
        rtype: u8 as Int(5),
        /// Start month.
        month: u8 as Int(4),
        /// Start day.
        day: u8 as Int(5),
        /// Start hour.
        hour: u8 as Int(5),
        /// Start minute.
        minute: u8 as Int(6),
        /// Duration in minutes.
        duration: u32 as Int(18),
        /// Number of waypoints.
        waycount: u8 as Int(5),
        /// The 55-bit waypoints. JSON: base64.
        waypoints_data: BinData as Data(880),
    }
}

layout! {
    /// Type 8, DAC 1 FID 29 (IMO289): text description, broadcast.
    pub struct TextDescription [66] {
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
        /// Text.
        description: AisString<161> as VarText(966),
    }
}

layout! {
    /// Type 8, DAC 200 FID 23 (inland): EMMA weather warning.
    pub struct EmmaWarning [256] {
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
        /// Start year (since 2000).
        start_year: u8 as Int(8),
        /// Start month.
        start_month: u8 as Int(4),
        /// Start day.
        start_day: u8 as Int(5),
        /// End year.
        end_year: u8 as Int(8),
        /// End month.
        end_month: u8 as Int(4),
        /// End day.
        end_day: u8 as Int(5),
        /// Start hour.
        start_hour: u8 as Int(5),
        /// Start minute.
        start_minute: u8 as Int(6),
        /// End hour.
        end_hour: u8 as Int(5),
        /// End minute.
        end_minute: u8 as Int(6),
        /// Start longitude in 1/10000 minute. JSON: degrees.
        start_lon: i32 as Deg(28),
        /// Start latitude. JSON: degrees.
        start_lat: i32 as Deg(27),
        /// End longitude. JSON: degrees.
        end_lon: i32 as Deg(28),
        /// End latitude. JSON: degrees.
        end_lat: i32 as Deg(27),
        /// Warning type. JSON key `type`, pyais's enum mapping.
        r#type: u8 as EmmaType(4),
        /// Minimum value.
        min: i16 as Int(9),
        /// Maximum value.
        max: i16 as Int(9),
        /// Intensity.
        intensity: u8 as Int(2),
        /// Wind direction. JSON: pyais's enum mapping.
        wind: u8 as EmmaWinds(4),
        /// Spare.
        spare_2: u8 as Spare(6),
    }
}

layout! {
    /// Type 8, DAC 200 FID 24 (inland): water levels.
    pub struct WaterLevels [168] {
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
        /// Country code.
        country: AisString<2> as Text(12),
        /// Gauge 1 ID.
        gauge_id_1: u16 as Int(11),
        /// Gauge 1 water level in cm.
        water_level_1: i16 as Int(14),
        /// Gauge 2 ID.
        gauge_id_2: u16 as Int(11),
        /// Gauge 2 water level in cm.
        water_level_2: i16 as Int(14),
        /// Gauge 3 ID.
        gauge_id_3: u16 as Int(11),
        /// Gauge 3 water level in cm.
        water_level_3: i16 as Int(14),
        /// Gauge 4 ID.
        gauge_id_4: u16 as Int(11),
        /// Gauge 4 water level in cm.
        water_level_4: i16 as Int(14),
    }
}

layout! {
    /// Type 8, DAC 200 FID 40 (inland): signal status.
    pub struct SignalStatus [168] {
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
        /// Signal longitude in 1/10000 minute. JSON: degrees.
        lon: i32 as Deg(28),
        /// Signal latitude. JSON: degrees.
        lat: i32 as Deg(27),
        /// Signal form.
        form: u8 as Int(4),
        /// Orientation in degrees.
        facing: u16 as Int(9),
        /// Direction of impact. JSON: pyais's enum mapping.
        direction: u8 as SignalImpact(3),
        /// Light status (nine decimal digits).
        status_raw: u32 as Int(30),
        /// Spare.
        spare_2: u16 as Spare(11),
    }
}

family! {
    /// Type 8: binary broadcast message. The application payloads that pyais decodes are
    /// decoded the same way; the others keep their data raw.
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
        /// DAC 1, FID 17: synthetic targets.
        SyntheticTargets(SyntheticTargets),
        /// DAC 1, FID 19: marine traffic signal.
        MarineTrafficSignal(MarineTrafficSignal),
        /// DAC 1, FID 20: berthing data.
        BerthingData(BerthingDataBroadcast),
        /// DAC 1, FID 21: weather observation (non-WMO variant; the WMO variant stays raw).
        WeatherObservation(WeatherObservation),
        /// DAC 1, FID 24: extended ship static and voyage data.
        ExtendedShipStaticData(ExtendedShipStaticData),
        /// DAC 1, FID 26: environmental reports.
        EnvironmentalReports(EnvironmentalReports),
        /// DAC 1, FID 27: route information.
        RouteInformation(RouteInformation),
        /// DAC 1, FID 29: text description.
        TextDescription(TextDescription),
        /// DAC 200, FID 23: EMMA warning.
        EmmaWarning(EmmaWarning),
        /// DAC 200, FID 24: water levels.
        WaterLevels(WaterLevels),
        /// DAC 200, FID 40: signal status.
        SignalStatus(SignalStatus),
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
            (1, 17) => Self::SyntheticTargets(SyntheticTargets::read(b)),
            (1, 19) => Self::MarineTrafficSignal(MarineTrafficSignal::read(b)),
            (1, 20) => Self::BerthingData(BerthingDataBroadcast::read(b)),
            (1, 21) if b.uint(56, 1) == 0 => Self::WeatherObservation(WeatherObservation::read(b)),
            (1, 24) => Self::ExtendedShipStaticData(ExtendedShipStaticData::read(b)),
            (1, 26) => Self::EnvironmentalReports(EnvironmentalReports::read(b)),
            (1, 27) => Self::RouteInformation(RouteInformation::read(b)),
            (1, 29) => Self::TextDescription(TextDescription::read(b)),
            (200, 23) => Self::EmmaWarning(EmmaWarning::read(b)),
            (200, 24) => Self::WaterLevels(WaterLevels::read(b)),
            (200, 40) => Self::SignalStatus(SignalStatus::read(b)),
            _ => Self::Raw(BinaryBroadcastRaw::read(b)),
        }
    }
}

layout! {
    /// Type 17: DGNSS broadcast binary message. The reference position is signed, in 1/10
    /// minute; pyais reads it unsigned and shows it divided by 10, and JSON follows.
    pub struct DgnssBroadcast [80] {
        /// Always 17.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// Spare.
        spare_1: u8 as Spare(2),
        /// Reference station longitude in 1/10 minute (signed). JSON: pyais's unsigned reading
        /// divided by 10.
        lon: i32 as UnsignedTenth(18),
        /// Reference station latitude in 1/10 minute (signed). JSON: as `lon`.
        lat: i32 as UnsignedTenth(17),
        /// Spare.
        spare_2: u8 as Spare(5),
        /// DGNSS correction data (up to 736 bits). JSON: base64.
        data: BinData as Data(736),
    }
}

impl DgnssBroadcast {
    /// Reference station longitude in degrees; `None` when not available (181°).
    pub fn lon_deg(&self) -> Option<f64> {
        let v = self.lon;
        (v != 108_600 && (-108_000..=108_000).contains(&v)).then(|| f64::from(v) / 600.0)
    }
    /// Reference station latitude in degrees; `None` when not available (91°).
    pub fn lat_deg(&self) -> Option<f64> {
        let v = self.lat;
        (v != 54_600 && (-54_000..=54_000).contains(&v)).then(|| f64::from(v) / 600.0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dgnss_reference_position_is_signed() {
        let mut m = DgnssBroadcast::read(&Bits::unarmor(b"A0000000000000", 0).unwrap());
        m.lat = -7_500;
        m.lon = 108_600;
        assert_eq!(m.lat_deg(), Some(-12.5));
        assert_eq!(m.lon_deg(), None);
        // pyais reads the 17 bits unsigned: (2^17 - 7500) / 10.
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["lat"], 12357.2);
    }
}
