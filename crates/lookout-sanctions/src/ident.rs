//! Vessel identifiers as lists write them: IMO numbers (with their check digit), MMSIs, and
//! names compared conservatively (letters and digits only, upper case).

/// True if a 7-digit IMO number passes its check digit (weights 7..2 over the first six digits;
/// the sum's last digit is the seventh).
pub fn imo_valid(imo: u32) -> bool {
    if !(1_000_000..=9_999_999).contains(&imo) {
        return false;
    }
    let digits: Vec<u32> = imo
        .to_string()
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let sum: u32 = digits[..6]
        .iter()
        .zip((2..=7).rev())
        .map(|(d, w)| d * w)
        .sum();
    sum % 10 == digits[6]
}

/// Parses `IMO9179842`, `9179842`, `IMO 9179842`.
pub fn parse_imo(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = t
        .strip_prefix("IMO")
        .or_else(|| t.strip_prefix("imo"))
        .unwrap_or(t)
        .trim();
    if t.len() == 7 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Parses a 9-digit MMSI.
pub fn parse_mmsi(text: &str) -> Option<u32> {
    let t = text.trim();
    (t.len() == 9 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Upper case, letters and digits only: `Maia-1` and `MAIA 1` both become `MAIA1`.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imo_check_digit() {
        assert!(imo_valid(9_179_842));
        assert!(imo_valid(9_161_003));
        assert!(imo_valid(9_124_043));
        assert!(!imo_valid(9_179_843));
        assert!(!imo_valid(123));
        assert_eq!(parse_imo("IMO9179842"), Some(9_179_842));
        assert_eq!(parse_imo("IMO 12345"), None);
    }

    #[test]
    fn mmsi_and_names() {
        assert_eq!(parse_mmsi(" 273900102 "), Some(273_900_102));
        assert_eq!(parse_mmsi("27390010"), None);
        assert_eq!(parse_mmsi("2739001O2"), None);
        assert_eq!(normalize_name("Maia-1"), normalize_name("MAIA 1"));
    }
}
