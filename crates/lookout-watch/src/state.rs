//! The watch's files in its state folder (`PROJECT/watch/` by default): the checkpoint
//! (`checkpoint.cbor`: engine state, driver state, feed positions, written with a temporary
//! file, fsync and rename, so a crash leaves the previous one or the new one, never a mix), the
//! events detected so far (`events.csv`, the `lookout events` columns, appended; cut back to the
//! checkpoint's length on restart, since what followed is detected again). The store is the
//! project's (`PROJECT_DIR/store` by default), not in the state folder.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

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
