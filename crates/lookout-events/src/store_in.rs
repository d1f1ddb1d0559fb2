//! Running the engine over a store: day by day, each day's records merged in (mmsi, time) order
//! by `lookout_store::records` and flushed at the day's end, so memory holds one day's active
//! vessels, never the whole store.

use lookout_store::records::days;
use lookout_store::Store;

use crate::output::OutputError;
use crate::{Engine, Event};

/// Runs the engine over the store's records in `[from, to]`; `sink` receives each batch of
/// events.
pub fn run_store(
    engine: &mut Engine,
    store: &Store,
    from: Option<i64>,
    to: Option<i64>,
    mut sink: impl FnMut(&[Event]) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let store_err = |e: anyhow::Error| OutputError::Store(format!("{e:#}"));
    for day in days(store, from, to) {
        for record in day.records().map_err(store_err)? {
            let record = record.map_err(store_err)?;
            let t = record.time();
            if from.is_some_and(|f| t < f) || to.is_some_and(|l| t > l) {
                continue;
            }
            engine.push(&record);
        }
        sink(&engine.flush(day.max_time + 1))?;
    }
    sink(&engine.finish())
}
