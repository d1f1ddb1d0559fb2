//! Types 4 (base station report) and 11 (UTC/date response).

use super::layout;

layout! {
    /// Types 4 and 11: base station report / UTC and date response.
    pub struct BaseStationReport [168] {
        /// 4 or 11.
        msg_type: u8 as Int(6),
        /// Repeat indicator.
        repeat: u8 as Int(2),
        /// Source MMSI.
        mmsi: u32 as Int(30),
        /// UTC year (0 = not available).
        year: u16 as Int(14),
        /// UTC month (0 = not available).
        month: u8 as Int(4),
        /// UTC day (0 = not available).
        day: u8 as Int(5),
        /// UTC hour (24 = not available).
        hour: u8 as Int(5),
        /// UTC minute (60 = not available).
        minute: u8 as Int(6),
        /// UTC second (60 = not available).
        second: u8 as Int(6),
        /// Position accuracy flag.
        accuracy: bool as Flag(1),
        /// Longitude in 1/10000 minute. JSON: degrees.
        lon: i32 as Deg(28),
        /// Latitude in 1/10000 minute. JSON: degrees.
        lat: i32 as Deg(27),
        /// Position fixing device. JSON: pyais's enum mapping.
        epfd: u8 as Epfd(4),
        /// Spare.
        spare_1: u16 as Spare(10),
        /// RAIM flag.
        raim: bool as Flag(1),
        /// Radio status (SOTDMA communication state).
        radio: u32 as Int(19),
    }
}

impl BaseStationReport {
    /// The UTC date and time as (year, month, day, hour, minute, second); `None` when any part
    /// is "not available" or out of range.
    pub fn utc(&self) -> Option<(u16, u8, u8, u8, u8, u8)> {
        let ok = self.year != 0
            && (1..=12).contains(&self.month)
            && (1..=31).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60;
        ok.then_some((
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
        ))
    }
}
