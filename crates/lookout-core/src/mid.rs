//! The ITU table of Maritime Identification Digits (`data/mid.csv`, ITU-R M.585): the first
//! three digits of a ship station's MMSI and the flag they are allocated to. Read by the event
//! engine (which MMSIs are a ship's) and the risk score (an MMSI's flag).

const TABLE: &str = include_str!("../data/mid.csv");

/// Every allocated MID with its flag (ISO 3166-1 alpha-2, lower case), in the table's order.
pub fn allocations() -> impl Iterator<Item = (u16, &'static str)> {
    TABLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with("mid") && !l.is_empty())
        .filter_map(|l| {
            let (mid, flag) = l.split_once(',')?;
            Some((mid.trim().parse().ok()?, flag.trim()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_ship_station_range_only() {
        let all: Vec<_> = allocations().collect();
        assert!(all.len() > 250, "{} MIDs", all.len());
        assert!(all
            .iter()
            .all(|(m, f)| (200..800).contains(m) && f.len() == 2));
        assert!(all.contains(&(445, "kp")) && all.contains(&(273, "ru")));
    }
}
