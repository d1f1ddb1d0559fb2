//! Helpers shared by the general-forms tests.

use lookout_project::ClaimRow;

/// The row of a text with that number.
#[allow(dead_code)]
pub fn row(text: &str, quantity: f64) -> ClaimRow {
    lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}"))
}

/// A row's period start, period end and date.
#[allow(dead_code)]
pub fn when(r: &ClaimRow) -> (&str, &str, &str) {
    (&r.period_start, &r.period_end, &r.date)
}

/// A row's speaker and organization.
#[allow(dead_code)]
pub fn who(text: &str, quantity: f64) -> (String, String) {
    let r = row(text, quantity);
    (r.speaker, r.organization)
}

/// A speaker and organization, owned.
#[allow(dead_code)]
pub fn pair(speaker: &str, org: &str) -> (String, String) {
    (speaker.to_owned(), org.to_owned())
}

/// The rows of a text that are about the corridor.
#[allow(dead_code)]
pub fn on_topic(text: &str) -> Vec<ClaimRow> {
    lookout_claims::extract(text)
        .into_iter()
        .filter(lookout_claims::is_on_topic)
        .collect()
}

/// Some row counts that number (its quantity or the low end of its range).
#[allow(dead_code)]
pub fn has(rows: &[ClaimRow], quantity: f64) -> bool {
    rows.iter()
        .any(|r| r.quantity == Some(quantity) || r.quantity_low == Some(quantity))
}
