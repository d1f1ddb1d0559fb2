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
        let bytes =
            crate::cbor::into_writer(value, file.as_file()).context("encoding the checkpoint")?;
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
    /// A look at the snapshot process encoding it (Linux; `None` when encoded inline or when
    /// its `/proc` file cannot be opened).
    #[cfg(target_os = "linux")]
    pub fn probe(&self) -> Option<Probe> {
        match &self.inner {
            PendingInner::Child { pid, .. } => {
                let smaps = File::open(format!("/proc/{pid}/smaps_rollup")).ok()?;
                Some(Probe {
                    pid: *pid,
                    smaps,
                    text: String::new(),
                })
            }
            PendingInner::Done(_) => None,
        }
    }

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
    widen_affinity();
    // SAFETY: descriptors 3 and 4 are the child's own (dup2 above).
    let (file, mut pipe) = unsafe { (File::from_raw_fd(3), File::from_raw_fd(4)) };
    let encoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::cbor::into_writer(value, &file).ok()
    }));
    let mut report = [0u8; REPORT];
    match encoded {
        Ok(Some(bytes)) => {
            let private_kb = std::fs::read_to_string("/proc/self/smaps_rollup")
                .ok()
                .and_then(|s| private_kb(&s))
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

/// The private memory in a `/proc/PID/smaps_rollup` text, kB (`Private_Clean` +
/// `Private_Dirty` + ...): for a snapshot process, the pages the watch changed since the fork
/// (copied on write) and its own buffers.
#[cfg(target_os = "linux")]
fn private_kb(smaps_rollup: &str) -> Option<u64> {
    smaps_rollup
        .lines()
        .filter(|l| l.starts_with("Private_"))
        .map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .sum::<Option<u64>>()
}

/// Lets the snapshot process run on every CPU the system allows (those of process 1, else all
/// configured), not only on those the watch is pinned to (`taskset`): an encoding that shares
/// the watch's one core takes several times longer, and every page the watch changes
/// meanwhile is copied. It keeps the watch's scheduling priority for the same reason.
#[cfg(target_os = "linux")]
fn widen_affinity() {
    // SAFETY: cpu_set_t is plain data; the calls get and set the affinity of process 1 (read
    // only) and of this process, with the set's own size.
    unsafe {
        let size = std::mem::size_of::<libc::cpu_set_t>();
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(1, size, &mut set) == 0
            && libc::sched_setaffinity(0, size, &set) == 0
        {
            return;
        }
        let mut all: libc::cpu_set_t = std::mem::zeroed();
        let n = libc::sysconf(libc::_SC_NPROCESSORS_CONF).clamp(1, libc::CPU_SETSIZE as i64);
        for cpu in 0..n as usize {
            libc::CPU_SET(cpu, &mut all);
        }
        libc::sched_setaffinity(0, size, &all);
    }
}

/// A look at a snapshot process from the watch while it encodes ([`Pending::probe`]): its
/// private memory, and a wait for its end, so the watch can bound what a snapshot costs
/// (`[watch] snapshot_max_mb`).
#[cfg(target_os = "linux")]
pub struct Probe {
    pid: libc::pid_t,
    /// `/proc/PID/smaps_rollup`, opened at the fork: it stays the snapshot process's (reads
    /// fail once it has ended), whatever process later gets the number.
    smaps: File,
    text: String,
}

#[cfg(target_os = "linux")]
impl Probe {
    /// The snapshot process's private memory now, kB; `None` once it has ended.
    pub fn private_kb(&mut self) -> Option<u64> {
        use std::io::{Read, Seek};
        self.text.clear();
        self.smaps.rewind().ok()?;
        self.smaps.read_to_string(&mut self.text).ok()?;
        private_kb(&self.text).filter(|_| !self.text.is_empty())
    }

    /// Waits until the snapshot process has ended (without reaping it: the checkpoint writer
    /// does, in [`Pending::wait`]).
    pub fn wait_end(&mut self) {
        loop {
            // SAFETY: waitid on our own child with WNOWAIT (it stays waitable for the writer),
            // writing into a zeroed siginfo_t.
            let r = unsafe {
                let mut info: libc::siginfo_t = std::mem::zeroed();
                libc::waitid(
                    libc::P_PID,
                    self.pid as libc::id_t,
                    &mut info,
                    libc::WEXITED | libc::WNOWAIT,
                )
            };
            if r == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                return;
            }
        }
    }
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

    /// A value whose encoding waits until `gate` exists (in the snapshot process).
    #[cfg(target_os = "linux")]
    struct Gated<'a> {
        gate: &'a Path,
        value: &'a Vec<u64>,
    }

    #[cfg(target_os = "linux")]
    impl Serialize for Gated<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let t0 = Instant::now();
            while !self.gate.exists() && t0.elapsed().as_secs() < 120 {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            self.value.serialize(s)
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_probe_sees_the_pages_the_snapshot_copies_and_waits_for_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.cbor");
        let gate = dir.path().join("gate");
        // 64 MB of state.
        let taken: Vec<u64> = (0..8_000_000).collect();
        let mut state = taken.clone();
        let pending = Encoded::snapshot(
            &path,
            &Gated {
                gate: &gate,
                value: &state,
            },
        )
        .unwrap();
        let mut probe = pending.probe().expect("a snapshot process on Linux");
        let at_fork = probe.private_kb().expect("still encoding");
        // The watch changes every page of the state: each is copied once, and the copies
        // (the state as it was) are the snapshot process's own.
        for v in state.iter_mut() {
            *v += 1;
        }
        let copied = probe.private_kb().expect("still encoding");
        assert!(
            copied >= at_fork + 60_000,
            "{copied} kB private after changing 64 MB, {at_fork} kB at the fork"
        );
        std::fs::write(&gate, b"").unwrap();
        probe.wait_end();
        assert_eq!(probe.private_kb(), None, "ended");
        let (encoded, cost) = pending.wait().unwrap();
        assert!(cost.private_kb >= 60_000, "{cost:?}");
        encoded.persist().unwrap();
        let back: Vec<u64> = ciborium::from_reader(File::open(&path).unwrap()).unwrap();
        assert!(back == taken, "the state of when it was taken");
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
