//! Serde for the `&'static str` names the detectors keep in their state (anomaly and shape
//! kinds): written as strings, read back as the same static names.

use serde::de::Error;
use serde::{Deserialize, Deserializer, Serializer};

use crate::engine::KINDS;

/// A static name as a field type (the alias keeps serde's derive from borrowing it).
pub(crate) type Name = &'static str;

/// Names other than the spoofing kinds: interference onsets of gaps and of reports without a
/// position.
const OTHERS: [&str; 3] = ["gap_start", "not_available", "no_position"];

pub(crate) fn serialize<S: Serializer>(name: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(name)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(d)?;
    static_name(&name).ok_or_else(|| D::Error::custom(format!("unknown anomaly name {name:?}")))
}

/// The static name equal to `name`, if it is one.
pub(crate) fn static_name(name: &str) -> Option<&'static str> {
    KINDS.iter().chain(&OTHERS).find(|n| **n == name).copied()
}
