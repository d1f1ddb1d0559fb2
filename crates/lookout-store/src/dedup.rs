//! De-duplication keys in bounded memory.
//!
//! A row is a duplicate when the store already holds a row with the same MMSI, time and payload
//! ([`DedupKey`]). Two kinds of day partitions are checked differently:
//!
//! - **Window** (a day the store did not hold when the writer opened, the normal case of a
//!   fresh ingest): the keys of the rows written in this run are kept only while their time is
//!   within [`WriteOptions::dedup_window_ms`](crate::WriteOptions::dedup_window_ms) of the
//!   newest row time written so far (the watermark), in one-minute buckets. Memory is the
//!   window's traffic, not the day's.
//! - **Exact** (a day the store held before the writer opened: a re-ingest, a resumed ingest,
//!   another feed of the same day; or a window day that received a row older than the window,
//!   whose older keys are gone): the keys of every row of the day, loaded from its files, as
//!   many such days as `dedup_partitions` allows (least recently used dropped and reloaded
//!   when needed).
//!
//! Both give the same result: a row older than the window never meets an evicted key, because
//! its day turns exact first. Only the memory differs: an input in time order (every feed and
//! capture file; the simulator's output) keeps its days in window mode.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use crate::schema::DedupKey;

/// A [`DedupKey`] packed into 128 bits: time (64), MMSI (32) and the low 32 bits of the payload
/// hash. Two rows of one vessel at the same millisecond with different payloads collide with
/// probability 2^-32 (one such pair is itself rare: two transmitters sharing an MMSI).
pub(crate) type Key = u128;

pub(crate) fn pack((mmsi, time, payload): DedupKey) -> Key {
    (u128::from(time as u64) << 64) | (u128::from(mmsi) << 32) | u128::from(payload as u32)
}

/// Hashes a [`Key`] (already well mixed in its payload bits) with one multiply.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u128(&mut self, k: u128) {
        let (hi, lo) = ((k >> 64) as u64, k as u64);
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type KeySet = HashSet<Key, BuildHasherDefault<KeyHasher>>;

/// Width of a bucket of the window, ms.
const BUCKET_MS: i64 = 60_000;

/// De-duplication state of one table.
#[derive(Default)]
pub(crate) struct TableKeys {
    /// Exact days' keys, least recently used first in `order`.
    pub exact: HashMap<i64, KeySet>,
    pub order: VecDeque<i64>,
    /// Days checked exactly: held by the store at open, or reached by a row older than the
    /// window.
    exact_days: HashSet<i64>,
    /// Dates (`YYYY-MM-DD`) the store held when the writer opened.
    pub preexisting: BTreeSet<String>,
    /// Window days' keys by one-minute bucket of their time.
    window: BTreeMap<i64, KeySet>,
    /// Newest row time flushed so far.
    watermark: Option<i64>,
}

impl TableKeys {
    /// After a failed write of `day`: its keys (which name rows not written) are reloaded
    /// from its files when rows for it come again.
    pub fn forget(&mut self, day: i64) {
        self.exact.remove(&day);
        self.order.retain(|d| *d != day);
        self.exact_days.insert(day);
    }

    /// True if `day` is checked against all its rows: it was in the store at open, or it
    /// was, or now is, reached by a row older than the window (`times` are the rows' times).
    pub fn is_exact(
        &mut self,
        day: i64,
        date: &str,
        mut times: impl Iterator<Item = i64>,
        window_ms: i64,
    ) -> bool {
        if self.exact_days.contains(&day) || self.preexisting.contains(date) {
            self.exact_days.insert(day);
            return true;
        }
        let Some(cutoff) = self.watermark.map(|w| w.saturating_sub(window_ms)) else {
            return false;
        };
        if times.any(|t| t < cutoff) {
            self.exact_days.insert(day);
            return true;
        }
        false
    }

    /// Inserts a window day's key; false if it was already there.
    pub fn insert_window(&mut self, time: i64, key: Key) -> bool {
        self.window
            .entry(time.div_euclid(BUCKET_MS))
            .or_default()
            .insert(key)
    }

    /// Moves the watermark to `newest` (if later) and drops the window's buckets wholly older
    /// than the window.
    pub fn advance(&mut self, newest: Option<i64>, window_ms: i64) {
        let Some(newest) = newest else { return };
        let w = self.watermark.map_or(newest, |w| w.max(newest));
        self.watermark = Some(w);
        let cutoff = w.saturating_sub(window_ms);
        // Bucket b holds times in [b * BUCKET_MS, (b + 1) * BUCKET_MS).
        while let Some(entry) = self.window.first_entry() {
            if (*entry.key() + 1).saturating_mul(BUCKET_MS) <= cutoff {
                entry.remove();
            } else {
                break;
            }
        }
    }

    /// Keys held (window and exact days), for tests and memory figures.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.window.values().map(HashSet::len).sum::<usize>()
            + self.exact.values().map(HashSet::len).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn window_drops_old_buckets_and_turns_days_exact_for_late_rows() {
        let mut k = TableKeys::default();
        let window = 30 * MIN;
        let day = 0;
        assert!(!k.is_exact(day, "1970-01-01", [0, 10 * MIN].into_iter(), window));
        assert!(k.insert_window(0, pack((1, 0, 7))));
        assert!(!k.insert_window(0, pack((1, 0, 7))), "same key twice");
        assert!(k.insert_window(0, pack((1, 0, 8))), "another payload");
        k.advance(Some(10 * MIN), window);
        assert_eq!(k.len(), 2, "within the window");
        k.advance(Some(31 * MIN), window);
        assert_eq!(k.len(), 0, "bucket [0, 1 min) is older than 31 - 30 min");
        // A row at 5 min is within the window (31 - 30 min); one at 30 s is older: its day
        // becomes exact, for good.
        assert!(!k.is_exact(day, "1970-01-01", [5 * MIN].into_iter(), window));
        assert!(k.is_exact(day, "1970-01-01", [MIN / 2].into_iter(), window));
        assert!(k.is_exact(day, "1970-01-01", [40 * MIN].into_iter(), window));
        // Days the store held at open are exact from the start.
        k.preexisting.insert("1970-01-02".into());
        assert!(k.is_exact(1, "1970-01-02", std::iter::empty(), window));
    }

    #[test]
    fn packed_keys_keep_mmsi_time_and_payload_apart() {
        let keys = [(1, 0, 0), (2, 0, 0), (1, 1, 0), (1, 0, 1), (1, -1, 0)];
        let packed: HashSet<Key> = keys.iter().map(|k| pack(*k)).collect();
        assert_eq!(packed.len(), keys.len());
    }
}
