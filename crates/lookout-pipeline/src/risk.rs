//! The risk score's view of an AIS store: what each MMSI reported (names, IMO numbers), the
//! identities `lookout-risk` joins into one vessel per ship.

use lookout_risk::Seen;

/// The AIS store's identities, one per MMSI.
pub fn seen(stored: Vec<lookout_store::Vessel>) -> Vec<Seen> {
    stored
        .into_iter()
        .map(|v| Seen {
            mmsi: v.mmsi,
            names: v.names.into_iter().map(|(n, _)| n).collect(),
            imos: v.imos.into_iter().map(|(i, _)| i).collect(),
        })
        .collect()
}
