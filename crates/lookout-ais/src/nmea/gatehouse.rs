//! Gatehouse `$PGHP,1,...` headers: a receive time for the next AIS sentence.

use super::time::{plausible_ms, unix_ms_from_civil};

/// Reads the receive time from the body of a `$PGHP` sentence (the text between `$` and `*`,
/// checksum already verified): `PGHP,1,2010,6,11,11,46,11,929,...`. Returns `None` when it
/// is not a type-1 header or a date field is out of range.
pub fn receive_time_ms(body: &[u8]) -> Option<i64> {
    let mut fields = body.split(|&b| b == b',');
    if fields.next()? != b"PGHP" || fields.next()? != b"1" {
        return None;
    }
    let mut numbers = [0u32; 7];
    for slot in &mut numbers {
        let field = fields.next()?;
        if field.is_empty() || field.len() > 4 || !field.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *slot = field
            .iter()
            .fold(0, |acc, &b| acc * 10 + u32::from(b - b'0'));
    }
    let [year, month, day, hour, minute, second, millis] = numbers;
    let ms = unix_ms_from_civil(year.into(), month, day, hour, minute, second, millis)?;
    plausible_ms(ms).then_some(ms)
}

/// The receiving station named by a `$PGHP,1` header: its fields after the date and time
/// (country MID, region, the station's MMSI and the online-data field, as in
/// `PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,51`: `316,2,316000002,1AIS_S`), verbatim.
/// `None` when those four fields are all empty or hold anything but ASCII letters, digits, `_`
/// and `-` (the text must stay printable: `docs/decoder.md`).
pub fn station(body: &[u8]) -> Option<&[u8]> {
    // Skip `PGHP`, `1` and the seven date and time fields.
    let mut start = 0;
    for _ in 0..9 {
        start += body[start..].iter().position(|&b| b == b',')? + 1;
    }
    let mut end = start;
    for k in 0..4 {
        if k > 0 {
            if body.get(end) != Some(&b',') {
                break;
            }
            end += 1;
        }
        end += body[end..]
            .iter()
            .position(|&b| b == b',')
            .unwrap_or(body.len() - end);
    }
    let name = &body[start..end];
    let ok = name
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b','));
    (ok && name.iter().any(|&b| b != b',')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_dma_header() {
        // dma-aislib/stream_example.txt
        let body = b"PGHP,1,2010,6,11,11,46,11,929,219,0,2190047,1,72";
        assert_eq!(receive_time_ms(body), Some(1_276_256_771_929));
    }

    #[test]
    fn reads_the_station_fields() {
        let dma = b"PGHP,1,2010,6,11,11,46,11,929,219,0,2190047,1,72";
        assert_eq!(station(dma), Some(&b"219,0,2190047,1"[..]));
        // exactEarth satellite data (AMSA capture): the online-data field says `AIS_S`.
        let ee = b"PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,51";
        assert_eq!(station(ee), Some(&b"316,2,316000002,1AIS_S"[..]));
        assert_eq!(station(b"PGHP,1,2010,6,11,11,46,11,929,,,,"), None);
        assert_eq!(station(b"PGHP,1,2010,6,11,11,46,11,929"), None);
        assert_eq!(station(b"PGHP,1,2010,6,11,11,46,11,929,2 19,0,1,1,7"), None);
    }

    #[test]
    fn rejects_other_headers_and_bad_dates() {
        assert_eq!(receive_time_ms(b"PGHP,2,2010,6,11,11,46,11,929"), None);
        assert_eq!(receive_time_ms(b"PGHP,1,2010,13,11,11,46,11,929"), None);
        assert_eq!(receive_time_ms(b"GPRMC,1,2,3"), None);
    }
}
