//! The checkpoint writer: one thread, off the detection thread, that commits the store's rows,
//! makes `events.csv` durable and writes the checkpoint, in that order, for each checkpoint the
//! driver hands it.
//!
//! The driver takes a checkpoint in two steps. On its own thread it encodes its state and the
//! engine's (CBOR, in memory: the state cannot change while it is encoded) and takes the store
//! rows buffered since the last checkpoint; then it sends both to this thread over a channel
//! of one [`Job`] and goes back to detection. This thread commits the rows to the store
//! (Parquet, the expensive part), fsyncs `events.csv` up to the length the checkpoint covers,
//! and only then renames the new checkpoint into place. A crash at any moment leaves the
//! previous checkpoint, with the store holding at least its rows (the driver drops rows handled
//! again after a restart through the store's de-duplication) and `events.csv` cut back to its
//! length on restart; or the new checkpoint with everything it covers durable.
//!
//! One job is written at a time. While one is being written, the driver does not start another
//! (it keeps detecting and buffering rows) unless the rows waiting reach its bound
//! (`MAX_PENDING_ROWS`) or it stops: then it waits for the one in flight, which bounds memory.
//! The thread runs at a lower scheduling priority (nice +10 on Linux) so that on a shared core
//! detection goes first.

use std::fs::File;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::thread::JoinHandle;
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use lookout_store::{PositionRow, StaticRow, StoreWriter};

use crate::state::write_bytes_atomic;

/// One checkpoint to make durable.
pub struct Job {
    /// Position rows received since the previous checkpoint.
    pub positions: Vec<PositionRow>,
    /// Static rows received since the previous checkpoint.
    pub statics: Vec<StaticRow>,
    /// `events.csv` (a handle of the driver's appending file) to fsync.
    pub events: File,
    /// The encoded checkpoint.
    pub checkpoint: Vec<u8>,
}

/// What writing a job took.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Store commit, fsync and rename, ms.
    pub took_ms: u64,
    /// Bytes of the checkpoint.
    pub bytes: u64,
    /// Rows committed to the store (after de-duplication).
    pub rows: u64,
}

/// The driver's handle on the writer thread.
pub struct Writer {
    jobs: Option<SyncSender<Job>>,
    done: Receiver<Result<Done>>,
    thread: Option<JoinHandle<()>>,
    in_flight: bool,
}

impl Writer {
    /// Starts the thread; it owns `store` and writes checkpoints to `path`.
    pub fn start(store: StoreWriter, path: PathBuf) -> Result<Writer> {
        let (jobs, rx) = mpsc::sync_channel::<Job>(1);
        let (tx, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("lookout-checkpoint".into())
            .spawn(move || run(store, path, rx, tx))
            .context("starting the checkpoint writer")?;
        Ok(Writer {
            jobs: Some(jobs),
            done,
            thread: Some(thread),
            in_flight: false,
        })
    }

    /// A checkpoint is being written.
    pub fn busy(&self) -> bool {
        self.in_flight
    }

    /// Hands a job over (the caller made sure none is in flight).
    pub fn send(&mut self, job: Job) -> Result<()> {
        debug_assert!(!self.in_flight);
        self.jobs
            .as_ref()
            .context("the checkpoint writer is stopped")?
            .send(job)
            .map_err(|_| anyhow!("the checkpoint writer stopped"))?;
        self.in_flight = true;
        Ok(())
    }

    /// The job in flight, if it finished (an error if it failed).
    pub fn poll(&mut self) -> Result<Option<Done>> {
        if !self.in_flight {
            return Ok(None);
        }
        match self.done.try_recv() {
            Ok(r) => {
                self.in_flight = false;
                r.map(Some)
            }
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(anyhow!("the checkpoint writer stopped")),
        }
    }

    /// Waits for the job in flight, if any.
    pub fn wait(&mut self) -> Result<Option<Done>> {
        if !self.in_flight {
            return Ok(None);
        }
        let r = self
            .done
            .recv()
            .map_err(|_| anyhow!("the checkpoint writer stopped"))?;
        self.in_flight = false;
        r.map(Some)
    }

    /// Waits for the job in flight and stops the thread.
    pub fn finish(&mut self) -> Result<Option<Done>> {
        let done = self.wait();
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        done
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    mut store: StoreWriter,
    path: PathBuf,
    jobs: Receiver<Job>,
    done: mpsc::Sender<Result<Done>>,
) {
    lower_priority();
    while let Ok(job) = jobs.recv() {
        let result = write(&mut store, &path, job);
        let failed = result.is_err();
        if done.send(result).is_err() || failed {
            return;
        }
    }
}

fn write(store: &mut StoreWriter, path: &std::path::Path, job: Job) -> Result<Done> {
    let t0 = Instant::now();
    for p in job.positions {
        store.push_position(p);
    }
    for s in job.statics {
        store.push_static(s);
    }
    let stats = store.flush().context("committing the store")?;
    job.events.sync_data().context("syncing events.csv")?;
    let bytes = write_bytes_atomic(path, &job.checkpoint)?;
    Ok(Done {
        took_ms: t0.elapsed().as_millis() as u64,
        bytes,
        rows: stats.positions + stats.statics,
    })
}

/// Lowers the calling thread's scheduling priority (nice +10), so that on a shared core the
/// detection thread goes first (the checkpoint writer, the ledger refresh). Linux only (a
/// thread is a task there); elsewhere nothing.
pub(crate) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority on the calling thread, no pointers involved.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}
