//! Files read on several threads: `threads - 1` decode threads take the files in turn, each
//! decoding its file's lines into batches ([`Batch`], one per [`BATCH_LINES`] lines) while the
//! calling thread applies the batches to the store writer, file after file in the inputs'
//! order. The writer thus gets the same rows in the same order, committing at the same points,
//! as a serial ingest: the store's files hold the same rows. Multi-part messages are
//! assembled per file by that file's decoder, as in the serial ingest. CSV files go back to
//! the writer's thread, whose serial reader keeps state across files (the last static fields
//! per MMSI).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Result};

use crate::batch::{Batch, Dating};
use crate::csv_layout;
use crate::csv_mapping::CsvMapping;
use crate::ingest::{decode_lines, first_line, Ingest};
use crate::input;

/// Batches a decode thread may run ahead of the writer, per file.
const AHEAD: usize = 8;

/// What a decode thread sends about its file.
enum Piece {
    /// The next lines' rows and counts.
    Rows(Batch),
    /// A CSV file: the writer's thread reads it.
    Csv,
    /// The file is done; the error it ended with, if any.
    End(Option<anyhow::Error>),
}

/// Reads `files` (path, name) with `ingest.opts().threads - 1` decode threads.
pub(crate) fn run_files(ingest: &mut Ingest, files: &[(PathBuf, String)]) -> Result<()> {
    let workers = (ingest.opts().threads - 1).clamp(1, files.len().max(1));
    let (senders, receivers): (Vec<_>, Vec<_>) = files
        .iter()
        .map(|_| sync_channel::<Piece>(AHEAD))
        .map(|(tx, rx)| (Some(tx), rx))
        .unzip();
    let senders = Mutex::new(senders);
    let next = AtomicUsize::new(0);
    let count = Arc::new(AtomicU64::new(0));
    let datings: Vec<Dating> = files.iter().map(|(p, _)| ingest.dating(Some(p))).collect();
    let mapping = ingest.csv_mapping();
    let stop = ingest.stop_flag();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (senders, next, count, datings) = (&senders, &next, &count, &datings);
            let (mapping, stop) = (mapping.clone(), stop.clone());
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= files.len() {
                    break;
                }
                let tx = senders.lock().expect("not poisoned")[i]
                    .take()
                    .expect("each file taken once");
                if stop.load(Ordering::Relaxed) {
                    continue; // dropping `tx` tells the writer
                }
                let (path, name) = &files[i];
                let end = decode_file(
                    path,
                    name,
                    &datings[i],
                    mapping.as_deref(),
                    count,
                    &stop,
                    &tx,
                );
                if let Some(end) = end {
                    let _ = tx.send(Piece::End(end.err()));
                }
            });
        }
        let result = write_files(ingest, files, &receivers, &count);
        // An early end (an error, the stop flag) drops the receivers: the decode threads'
        // next sends fail and they stop.
        drop(receivers);
        result
    })
}

/// A decode thread's work on one file; `None` if the writer is gone or the file is CSV.
fn decode_file(
    path: &std::path::Path,
    name: &str,
    dating: &Dating,
    mapping: Option<&CsvMapping>,
    count: &Arc<AtomicU64>,
    stop: &std::sync::atomic::AtomicBool,
    tx: &SyncSender<Piece>,
) -> Option<Result<()>> {
    let mut reader = match input::open_file(path, count.clone()) {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    let first = match first_line(&mut *reader, name) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    if csv_layout::is_header(&first, mapping) {
        let _ = tx.send(Piece::Csv);
        return None;
    }
    let mut gone = false;
    let mut send = |batch: &mut Batch| {
        gone = tx.send(Piece::Rows(std::mem::take(batch))).is_err();
        Ok(!gone)
    };
    let result = decode_lines(&mut *reader, &first, dating, name, stop, &mut send);
    (!gone).then_some(result)
}

/// The writer's side: each file's batches in the inputs' order.
fn write_files(
    ingest: &mut Ingest,
    files: &[(PathBuf, String)],
    receivers: &[Receiver<Piece>],
    count: &AtomicU64,
) -> Result<()> {
    for ((path, name), rx) in files.iter().zip(receivers) {
        if ingest.stopped() {
            break;
        }
        let mut input_id = None;
        loop {
            let piece = rx
                .recv()
                .map_err(|_| anyhow!("{name}: the decode thread ended without finishing it"));
            match piece {
                Ok(Piece::Csv) => {
                    ingest.file_or_fail(path, name);
                    break;
                }
                Ok(Piece::Rows(mut batch)) => {
                    let id = match input_id {
                        Some(id) => id,
                        None => *input_id.insert(ingest.register(name, Some(path))?.input_id),
                    };
                    ingest.apply(&mut batch, id)?;
                    ingest.progress(count);
                }
                Ok(Piece::End(error)) => {
                    if input_id.is_none() {
                        ingest.register(name, Some(path))?;
                    }
                    if let Some(e) = error {
                        ingest.fail(name.clone(), format!("{e:#}"));
                    }
                    break;
                }
                Err(e) if ingest.stopped() => {
                    drop(e); // the decode thread saw the stop flag first
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    ingest.progress(count);
    Ok(())
}
