//! The watch's files in its state folder (`PROJECT/watch/` by default): the checkpoint
//! (`checkpoint.cbor`: engine state, driver state, feed positions, written with a temporary
//! file, fsync and rename, so a crash leaves the previous one or the new one, never a mix), the
//! events detected so far (`events.csv`, the `lookout events` columns, appended; cut back to the
//! checkpoint's length on restart, since what followed is detected again). The store is the
//! project's (`PROJECT_DIR/store` by default), not in the state folder.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
#[cfg(target_os = "linux")]
use std::time::Instant;

use anyhow::{bail, Context, Result};
use lookout_core::event::{Event, COLUMNS};
use serde::{Deserialize, Serialize};

#[cfg(target_os = "linux")]
use crate::writer::lower_priority;

/// Version of the checkpoint layout (2: the engine state holds the reception model, interference
/// onsets and areas, spoofing episodes; issue 15).
pub const VERSION: u32 = 2;

/// Paths inside the state folder.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The folder.
    pub dir: PathBuf,
    /// The store the watch appends to: the project's (`[ais] store`, default
    /// `PROJECT_DIR/store`) unless `--store` names another.
    pub store: PathBuf,
}

impl Paths {
    /// `checkpoint.cbor`.
    pub fn checkpoint(&self) -> PathBuf {
        self.dir.join("checkpoint.cbor")
    }
    /// `events.csv`.
    pub fn events(&self) -> PathBuf {
        self.dir.join("events.csv")
    }
    /// The store.
    pub fn store(&self) -> PathBuf {
        self.store.clone()
    }
    /// `acks.jsonl`.
    pub fn acks(&self) -> PathBuf {
        self.dir.join("acks.jsonl")
    }
    /// `sinks/NAME.cursor`.
    pub fn cursor(&self, sink: &str) -> PathBuf {
        self.dir.join("sinks").join(format!("{sink}.cursor"))
    }
}

/// A checkpoint: `E` and `D` are the engine and driver state (references when writing).
#[derive(Serialize, Deserialize)]
pub struct Checkpoint<E, D> {
    /// [`VERSION`].
    pub version: u32,
    /// Hash of what the engine state depends on (event thresholds, areas): a checkpoint made
    /// with others is refused.
    pub fingerprint: String,
    /// Machine time when written, ms.
    pub saved_at: i64,
    /// Bytes of `events.csv` covered.
    pub events_len: u64,
    /// The event engine.
    pub engine: E,
    /// The driver.
    pub driver: D,
}

/// Prefix of the temporary file a checkpoint is encoded into, next to `checkpoint.cbor`.
const TEMP_PREFIX: &str = ".checkpoint-";

/// A checkpoint encoded into a temporary file next to its final path, not yet durable:
/// [`Encoded::persist`] fsyncs it and renames it into place. Encoding streams to the file (the
/// page cache), so the encoded checkpoint is never held in memory.
pub struct Encoded {
    file: tempfile::NamedTempFile,
    path: PathBuf,
    /// Bytes written.
    pub bytes: u64,
}

impl Encoded {
    /// Encodes `value` (CBOR) into a temporary file in the folder of `path`.
    pub fn new(path: &Path, value: &impl Serialize) -> Result<Encoded> {
        let dir = path.parent().context("checkpoint path has no folder")?;
        let file = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        let mut out = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 20, file.as_file()),
            bytes: 0,
        };
        ciborium::into_writer(value, &mut out).context("encoding the checkpoint")?;
        out.flush().context("writing the checkpoint")?;
        let bytes = out.bytes;
        drop(out);
        Ok(Encoded {
            file,
            path: path.to_owned(),
            bytes,
        })
    }

    /// Makes it durable and the checkpoint: fsync, rename over `path`, fsync of the folder.
    pub fn persist(self) -> Result<u64> {
        let dir = self
            .path
            .parent()
            .context("checkpoint path has no folder")?;
        self.file.as_file().sync_all()?;
        self.file
            .persist(&self.path)
            .with_context(|| format!("renaming into {}", self.path.display()))?;
        File::open(dir)?.sync_all()?;
        Ok(self.bytes)
    }
}

/// What the snapshot process reports on its pipe: a status byte (0 ok), the bytes written, the
/// milliseconds it took, and its private memory at the end (kB), each as 8 little-endian bytes.
#[cfg(target_os = "linux")]
const REPORT: usize = 1 + 8 * 3;

/// A checkpoint being encoded by a snapshot process (see [`Encoded::snapshot`]); [`wait`]
/// gives the [`Encoded`] file once it is done.
///
/// [`wait`]: Pending::wait
pub struct Pending {
    inner: PendingInner,
}

enum PendingInner {
    /// Encoded already (on the caller's thread).
    Done(Encoded),
    /// A child process encodes into `file` and reports on `report`.
    #[cfg(target_os = "linux")]
    Child {
        file: tempfile::NamedTempFile,
        path: PathBuf,
        pid: libc::pid_t,
        report: File,
    },
}

/// What encoding a checkpoint cost, off the detection thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct EncodeCost {
    /// Time the snapshot process took to encode, ms (0 when encoded inline).
    pub ms: u64,
    /// Private memory of the snapshot process at its end, kB: pages the watch changed while it
    /// encoded (copied on write) plus the encoder's buffers; the memory the snapshot cost.
    pub private_kb: u64,
}

impl Pending {
    /// Waits for the encoding; the encoded file and what it cost.
    pub fn wait(self) -> Result<(Encoded, EncodeCost)> {
        match self.inner {
            PendingInner::Done(e) => Ok((e, EncodeCost::default())),
            #[cfg(target_os = "linux")]
            PendingInner::Child {
                file,
                path,
                pid,
                mut report,
            } => {
                use std::io::Read;
                let mut buf = [0u8; REPORT];
                let read = report.read_exact(&mut buf);
                let mut status = 0;
                // SAFETY: waitpid on our own child, with a valid pointer to `status`.
                unsafe { libc::waitpid(pid, &mut status, 0) };
                let word = |i: usize| {
                    u64::from_le_bytes(buf[1 + 8 * i..9 + 8 * i].try_into().expect("8 bytes"))
                };
                if read.is_err() || buf[0] != 0 {
                    bail!(
                        "the checkpoint's snapshot process failed (status {status}, report {})",
                        buf[0]
                    );
                }
                Ok((
                    Encoded {
                        file,
                        path,
                        bytes: word(0),
                    },
                    EncodeCost {
                        ms: word(1),
                        private_kb: word(2),
                    },
                ))
            }
        }
    }
}

impl Encoded {
    /// Encodes `value` (CBOR) into a temporary file next to `path` without holding the calling
    /// thread for the encoding: on Linux the process forks, and the child, which sees the
    /// memory as it was at the fork (copy on write), encodes it, reports on a pipe and exits;
    /// the caller goes on at once and [`Pending::wait`]s for it later (the checkpoint writer
    /// does). The pause is the fork's (copying the page tables). Memory: the pages the caller
    /// changes while the child encodes are copied once ([`EncodeCost::private_kb`]).
    /// Elsewhere, or when the fork fails, it encodes here, as [`Encoded::new`].
    ///
    /// The child does nothing but encode: it closes every inherited descriptor but the
    /// temporary file and its pipe (the server's listening socket, the feeds), dies with the
    /// thread that forked it (`PR_SET_PDEATHSIG`: a `kill -9` of the watch ends it too) and
    /// leaves with `_exit`, running no destructor and no handler of the parent.
    pub fn snapshot(path: &Path, value: &impl Serialize) -> Result<Pending> {
        #[cfg(target_os = "linux")]
        if let Some(pending) = fork_encode(path, value)? {
            return Ok(pending);
        }
        Ok(Pending {
            inner: PendingInner::Done(Encoded::new(path, value)?),
        })
    }
}

/// [`Encoded::snapshot`] on Linux: `None` when the process cannot fork (then the caller
/// encodes inline).
#[cfg(target_os = "linux")]
fn fork_encode(path: &Path, value: &impl Serialize) -> Result<Option<Pending>> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let dir = path.parent().context("checkpoint path has no folder")?;
    let file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into `fds`.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Ok(None);
    }
    // SAFETY: both descriptors were just created and are owned here.
    let (report, report_tx) = unsafe { (File::from_raw_fd(fds[0]), File::from_raw_fd(fds[1])) };
    // SAFETY: getpid has no preconditions.
    let parent = unsafe { libc::getpid() };
    // SAFETY: fork; the child only encodes into its descriptors and leaves with `_exit`
    // (`snapshot_child`). glibc's allocator is usable in the child of a multi-threaded parent
    // (its locks are taken around the fork); nothing else that another thread may hold (stdio,
    // the runtime) is touched there.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Ok(None);
    }
    if pid == 0 {
        snapshot_child(
            parent,
            file.as_file().as_raw_fd(),
            report_tx.as_raw_fd(),
            value,
        );
    }
    drop(report_tx);
    Ok(Some(Pending {
        inner: PendingInner::Child {
            file,
            path: path.to_owned(),
            pid,
            report,
        },
    }))
}

/// The snapshot process: encodes `value` into `fd`, reports on `report`, exits. Never returns.
#[cfg(target_os = "linux")]
fn snapshot_child(parent: libc::pid_t, fd: i32, report: i32, value: &impl Serialize) -> ! {
    use std::os::fd::FromRawFd;
    let t0 = Instant::now();
    // SAFETY: plain system calls on the child's own process and descriptors. The temporary
    // file and the pipe move to descriptors 3 and 4 (through copies above 100, whatever their
    // numbers were; dup2 closes what was there) and every other descriptor above 2 is closed,
    // so the child holds no socket of the parent.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() != parent {
            libc::_exit(2);
        }
        let (fd, report) = (
            libc::fcntl(fd, libc::F_DUPFD, 100),
            libc::fcntl(report, libc::F_DUPFD, 100),
        );
        if fd < 0 || report < 0 || libc::dup2(fd, 3) < 0 || libc::dup2(report, 4) < 0 {
            libc::_exit(2);
        }
        if libc::syscall(libc::SYS_close_range, 5u32, u32::MAX, 0u32) != 0 {
            for other in 5..4096 {
                libc::close(other);
            }
        }
    }
    lower_priority();
    // SAFETY: descriptors 3 and 4 are the child's own (dup2 above).
    let (file, mut pipe) = unsafe { (File::from_raw_fd(3), File::from_raw_fd(4)) };
    let encoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 20, &file),
            bytes: 0,
        };
        ciborium::into_writer(value, &mut out).ok()?;
        out.flush().ok()?;
        Some(out.bytes)
    }));
    let mut report = [0u8; REPORT];
    match encoded {
        Ok(Some(bytes)) => {
            let private_kb = std::fs::read_to_string("/proc/self/smaps_rollup")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .filter(|l| l.starts_with("Private_"))
                        .map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                        .sum::<Option<u64>>()
                })
                .unwrap_or(0);
            report[1..9].copy_from_slice(&bytes.to_le_bytes());
            report[9..17].copy_from_slice(&(t0.elapsed().as_millis() as u64).to_le_bytes());
            report[17..25].copy_from_slice(&private_kb.to_le_bytes());
        }
        _ => report[0] = 1,
    }
    let _ = pipe.write_all(&report);
    // SAFETY: leaves at once: no destructor, no atexit handler of the parent runs here.
    unsafe { libc::_exit(0) }
}

/// Removes the temporary files of checkpoints a crash interrupted (in `dir`).
pub fn remove_stale_temporaries(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("removing {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A writer that counts the bytes it passes on.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Reads a checkpoint, if there is one.
pub fn read_checkpoint<E, D>(path: &Path, fingerprint: &str) -> Result<Option<Checkpoint<E, D>>>
where
    E: for<'de> Deserialize<'de>,
    D: for<'de> Deserialize<'de>,
{
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("opening {}", path.display())),
    };
    let cp: Checkpoint<E, D> =
        ciborium::from_reader(std::io::BufReader::with_capacity(1 << 20, file)).with_context(
            || {
                format!(
                "{} is unreadable (made by another version?); remove it to start the watch over",
                path.display()
            )
            },
        )?;
    if cp.version != VERSION || cp.fingerprint != fingerprint {
        bail!(
            "{} was made with other event thresholds or areas (events.toml, corridor.toml); \
             remove it to start the watch over with the new ones",
            path.display()
        );
    }
    Ok(Some(cp))
}

/// `events.csv`: the events detected so far, appended as they come.
pub struct EventsLog {
    out: csv::Writer<File>,
    path: PathBuf,
}

impl EventsLog {
    /// Opens the log, cut to `keep` bytes (`None`: no checkpoint, only the header is kept).
    pub fn open(path: &Path, keep: Option<u64>) -> Result<EventsLog> {
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("opening {}", path.display()))?;
        let len = file.metadata()?.len();
        let header = format!("{}\n", COLUMNS.join(","));
        match keep {
            Some(k) if k <= len && k >= header.len() as u64 => file.set_len(k)?,
            _ => {
                file.set_len(0)?;
                file.write_all(header.as_bytes())?;
            }
        }
        file.sync_all()?;
        drop(file);
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(EventsLog {
            out: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(file),
            path: path.to_owned(),
        })
    }

    /// Appends events.
    pub fn append(&mut self, events: &[Event]) -> Result<()> {
        for e in events {
            self.out.write_record(e.csv_record())?;
        }
        Ok(())
    }

    /// Makes what was appended durable; returns the file's length.
    pub fn sync(&mut self) -> Result<u64> {
        let (len, file) = self.written()?;
        file.sync_data()?;
        Ok(len)
    }

    /// Hands what was appended to the file (not yet durable); returns the file's length and a
    /// handle to fsync it with (the checkpoint writer does, off the driver's thread).
    pub fn written(&mut self) -> Result<(u64, File)> {
        self.out.flush()?;
        let f = self.out.get_ref();
        Ok((f.metadata()?.len(), f.try_clone()?))
    }

    /// Every event in the log.
    pub fn read_all(&self) -> Result<Vec<Event>> {
        let (events, _) = lookout_core::event::read_csv_file(&self.path)?;
        Ok(events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_encodes_the_state_as_it_was_when_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.cbor");
        let taken: Vec<u64> = (0..300_000).collect();
        let mut state = taken.clone();
        let pending = Encoded::snapshot(&path, &state).unwrap();
        // The state changes while the snapshot is encoded (on Linux, by another process).
        for v in state.iter_mut() {
            *v = 7;
        }
        let (encoded, _) = pending.wait().unwrap();
        assert!(!path.exists(), "not in place before it is persisted");
        let bytes = encoded.bytes;
        assert_eq!(encoded.persist().unwrap(), bytes);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), bytes);
        let back: Vec<u64> = ciborium::from_reader(File::open(&path).unwrap()).unwrap();
        assert!(
            back == taken,
            "the checkpoint holds the state of when it was taken"
        );
        // Only the checkpoint is left in the folder (no temporary file).
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("checkpoint.cbor")]);
    }

    #[test]
    fn snapshots_one_after_another_replace_the_checkpoint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.cbor");
        for round in 0..5u32 {
            let value = (round, vec![round; 1000]);
            let (encoded, _) = Encoded::snapshot(&path, &value).unwrap().wait().unwrap();
            encoded.persist().unwrap();
            let back: (u32, Vec<u32>) = ciborium::from_reader(File::open(&path).unwrap()).unwrap();
            assert_eq!(back, value);
        }
    }
}
