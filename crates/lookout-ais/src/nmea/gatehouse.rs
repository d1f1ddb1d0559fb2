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
    fn rejects_other_headers_and_bad_dates() {
        assert_eq!(receive_time_ms(b"PGHP,2,2010,6,11,11,46,11,929"), None);
        assert_eq!(receive_time_ms(b"PGHP,1,2010,13,11,11,46,11,929"), None);
        assert_eq!(receive_time_ms(b"GPRMC,1,2,3"), None);
    }
}
