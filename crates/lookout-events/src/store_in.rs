//! Running the engine over a store: day by day, each day's records merged in (mmsi, time) order
//! by `lookout_store::records` and flushed at the day's end, so memory holds one day's active
//! vessels, never the whole store. With more than one engine thread
//! ([`Engine::set_threads`]), a reader thread decodes the Parquet files and merges the records
//! while the engine runs the previous batch's vessels on the other threads
//! ([`Engine::push_batch`]); the events are the same, in the same order.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use lookout_core::record::Record;
use lookout_store::records::days;
use lookout_store::Store;

use crate::output::OutputError;
use crate::{Engine, Event};

/// Records handed from the reader thread to the engine at once.
const BATCH_RECORDS: usize = 64 * 1024;

/// What the reader thread sends.
enum Read {
    /// The next records of the current day, in (mmsi, time) order.
    Records(Vec<Record>),
    /// The day is complete; no later record is older than this watermark.
    DayEnd(i64),
}

/// Runs the engine over the store's records in `[from, to]`; `sink` receives each batch of
/// events.
pub fn run_store(
    engine: &mut Engine,
    store: &Store,
    from: Option<i64>,
    to: Option<i64>,
    mut sink: impl FnMut(&[Event]) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let in_range = |r: &Record| {
        let t = r.time();
        !(from.is_some_and(|f| t < f) || to.is_some_and(|l| t > l))
    };
    if engine.threads() < 2 {
        for day in days(store, from, to) {
            for record in day.records().map_err(store_err)? {
                let record = record.map_err(store_err)?;
                if in_range(&record) {
                    engine.push(&record);
                }
            }
            sink(&engine.flush(day.max_time + 1))?;
        }
        return sink(&engine.finish());
    }
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel(2);
        let reader = scope.spawn(move || read_days(store, from, to, in_range, tx));
        let result = consume(engine, &rx, &mut sink);
        // An engine or sink error drops the receiver, which ends the reader at its next send.
        drop(rx);
        let read = reader.join().expect("store reader thread panicked");
        result.and(read)
    })?;
    sink(&engine.finish())
}

fn store_err(e: anyhow::Error) -> OutputError {
    OutputError::Store(format!("{e:#}"))
}

/// The reader thread: the days' records in batches, each day followed by its watermark.
fn read_days(
    store: &Store,
    from: Option<i64>,
    to: Option<i64>,
    in_range: impl Fn(&Record) -> bool,
    tx: SyncSender<Read>,
) -> Result<(), OutputError> {
    for day in days(store, from, to) {
        let mut batch = Vec::with_capacity(BATCH_RECORDS);
        for record in day.records().map_err(store_err)? {
            let record = record.map_err(store_err)?;
            if !in_range(&record) {
                continue;
            }
            batch.push(record);
            if batch.len() == BATCH_RECORDS {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_RECORDS));
                if tx.send(Read::Records(full)).is_err() {
                    return Ok(());
                }
            }
        }
        if tx.send(Read::Records(batch)).is_err()
            || tx.send(Read::DayEnd(day.max_time + 1)).is_err()
        {
            return Ok(());
        }
    }
    Ok(())
}

/// The engine's side: pushes each batch, flushes at each day's end.
fn consume(
    engine: &mut Engine,
    rx: &Receiver<Read>,
    sink: &mut impl FnMut(&[Event]) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    for read in rx {
        match read {
            Read::Records(records) => engine.push_batch(&records),
            Read::DayEnd(watermark) => sink(&engine.flush(watermark))?,
        }
    }
    Ok(())
}
