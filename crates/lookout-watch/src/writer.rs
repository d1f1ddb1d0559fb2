//! The checkpoint writer: one thread, off the detection thread, that commits the store's rows,
//! makes `events.csv` durable and writes the checkpoint, in that order, for each checkpoint the
//! driver hands it; and commits rows alone when the driver's row buffer fills between
//! checkpoints.
//!
//! The driver takes a checkpoint in two steps. It starts the encoding of its state and the
//! engine's (CBOR, streamed into a temporary file next to `checkpoint.cbor` by a snapshot
//! process that sees the state as it was at the fork, so the state may change meanwhile:
//! [`crate::state::Encoded::snapshot`]) and takes the store rows buffered since the last job;
//! then it sends both to this thread over a channel of one [`Job`] and goes back to detection.
//! This thread commits the rows to the store (Parquet, the expensive part), fsyncs `events.csv`
//! up to the length the checkpoint covers, waits for the snapshot process, and only then fsyncs
//! the checkpoint and renames it into place. A crash at any moment leaves the
//! previous checkpoint, with the store holding at least its rows (the store's de-duplication
//! drops rows handled again after a restart) and `events.csv` cut back to its length on
//! restart; or the new checkpoint with everything it covers durable.
//!
//! When the rows waiting reach the driver's bound (`max_pending_rows`) before a checkpoint is
//! due, the driver hands them over alone (a job without a checkpoint): the store may then hold
//! rows the last checkpoint does not cover, which is the case above (handled again after a
//! crash, dropped by the de-duplication), and no state is encoded for them.
//!
//! One job is written at a time. While one is being written, the driver does not start another
//! (it keeps detecting and buffering rows) unless the rows waiting reach its bound or it stops:
//! then it waits for the one in flight, which bounds memory. The thread runs at a lower
//! scheduling priority (nice +10 on Linux) so that on a shared core detection goes first.

use std::fs::File;
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::thread::JoinHandle;
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use lookout_store::{PositionRow, StaticRow, StoreWriter};

use crate::state::{EncodeCost, Pending};

/// Store rows to commit, and the checkpoint that covers them, if any.
pub struct Job {
    /// Position rows received since the previous job.
    pub positions: Vec<PositionRow>,
    /// Static rows received since the previous job.
    pub statics: Vec<StaticRow>,
    /// The checkpoint (being encoded into its temporary file by the snapshot process) and
    /// `events.csv` (a handle of the driver's appending file) to fsync before it; `None` for a
    /// commit of rows only.
    pub checkpoint: Option<(Pending, File)>,
}

/// What writing a job took.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Store commit, fsync and rename, ms.
    pub took_ms: u64,
    /// Bytes of the checkpoint (0 for a commit of rows only).
    pub bytes: u64,
    /// Rows committed to the store (after de-duplication).
    pub rows: u64,
    /// The job had a checkpoint.
    pub checkpoint: bool,
    /// What the snapshot process took to encode it, ms.
    pub snapshot_ms: u64,
    /// Private memory of the snapshot process at its end, kB (see `EncodeCost`).
    pub snapshot_kb: u64,
}

/// The driver's handle on the writer thread.
pub struct Writer {
    jobs: Option<SyncSender<Job>>,
    done: Receiver<Result<Done>>,
    thread: Option<JoinHandle<()>>,
    in_flight: bool,
}

impl Writer {
    /// Starts the thread; it owns `store`.
    pub fn start(store: StoreWriter) -> Result<Writer> {
        let (jobs, rx) = mpsc::sync_channel::<Job>(1);
        let (tx, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("lookout-checkpoint".into())
            .spawn(move || run(store, rx, tx))
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

fn run(mut store: StoreWriter, jobs: Receiver<Job>, done: mpsc::Sender<Result<Done>>) {
    lower_priority();
    while let Ok(job) = jobs.recv() {
        let result = write(&mut store, job);
        // The batch's rows and Parquet buffers were freed on this thread, into its own malloc
        // arena: give the free pages back rather than keep them resident beside the
        // detection thread's growing state.
        release_free_memory();
        let failed = result.is_err();
        if done.send(result).is_err() || failed {
            return;
        }
    }
}

fn write(store: &mut StoreWriter, job: Job) -> Result<Done> {
    let t0 = Instant::now();
    // The rows move into the store's buffers (not copied: one batch in memory, not two).
    store.push_positions(job.positions);
    store.push_statics(job.statics);
    let stats = store.flush().context("committing the store")?;
    let checkpoint = job.checkpoint.is_some();
    let (mut bytes, mut cost) = (0, EncodeCost::default());
    if let Some((pending, events)) = job.checkpoint {
        events.sync_data().context("syncing events.csv")?;
        let (encoded, c) = pending.wait()?;
        cost = c;
        bytes = encoded.persist()?;
    }
    Ok(Done {
        took_ms: t0.elapsed().as_millis() as u64,
        bytes,
        rows: stats.positions + stats.statics,
        checkpoint,
        snapshot_ms: cost.ms,
        snapshot_kb: cost.private_kb,
    })
}

/// Returns the allocator's free pages to the system (glibc's `malloc_trim`, every arena; pages
/// still in use are untouched). Called after the bursts of the writer and ledger threads: what
/// they free sits in their own arenas, which the detection thread does not reuse, so without it
/// the watch's resident memory is its state plus those threads' last peaks
/// (`docs/performance.md`, "The watch's own memory"). Elsewhere nothing.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers; glibc locks each arena while it trims it.
    unsafe {
        libc::malloc_trim(0);
    }
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
