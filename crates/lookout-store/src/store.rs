//! The store directory: manifest, partition files, crash recovery on open.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::statistics::Statistics;
use serde::{Deserialize, Serialize};

/// Name of the manifest file at the store's root.
pub const MANIFEST: &str = "manifest.json";
/// Version of the layout and schema described in `docs/store.md`.
pub const FORMAT_VERSION: u32 = 1;

/// The two tables of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// `positions/`: one row per position report.
    Positions,
    /// `statics/`: one row per static or voyage report.
    Statics,
}

impl Table {
    /// Directory name of the table.
    pub fn dir(self) -> &'static str {
        match self {
            Table::Positions => "positions",
            Table::Statics => "statics",
        }
    }
}

/// One input ever ingested; rows name it by `input_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputEntry {
    /// Id stored in the `input_id` column.
    pub id: u32,
    /// File path as given, or the stream's URL (`tcp://...`, `udp://...`, `-`).
    pub name: String,
}

/// One committed Parquet file with the statistics used to skip it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Table the file belongs to.
    pub table: Table,
    /// Partition date, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Path relative to the store root, with `/` separators.
    pub path: String,
    /// Number of rows.
    pub rows: u64,
    /// Size in bytes.
    pub bytes: u64,
    /// Smallest MMSI in the file.
    pub min_mmsi: u32,
    /// Largest MMSI in the file.
    pub max_mmsi: u32,
    /// Earliest `time`, ms since the epoch.
    pub min_time: i64,
    /// Latest `time`, ms since the epoch.
    pub max_time: i64,
}

/// Contents of `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Inputs ingested so far.
    pub inputs: Vec<InputEntry>,
    /// Committed files.
    pub files: Vec<FileEntry>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            format_version: FORMAT_VERSION,
            inputs: Vec::new(),
            files: Vec::new(),
        }
    }
}

/// An opened store: its root and manifest (read-only; see [`crate::StoreWriter`] to write).
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    manifest: Manifest,
    /// Files found on disk but not in the manifest (a crash between rename and manifest update);
    /// they are complete and are read like committed files.
    adopted: usize,
    /// Temporary files of an interrupted flush.
    temporaries: Vec<PathBuf>,
    /// Problems found on open (unreadable files, manifest entries whose file is gone).
    warnings: Vec<String>,
}

impl Store {
    /// Opens the store at `root`. A missing manifest is an empty store; files renamed into place
    /// but not yet listed in the manifest (crash between the two steps) are adopted.
    pub fn open(root: impl AsRef<Path>) -> Result<Store> {
        let root = root.as_ref().to_path_buf();
        if !root.is_dir() {
            bail!("store {} does not exist", root.display());
        }
        let manifest_path = root.join(MANIFEST);
        let mut manifest = if manifest_path.exists() {
            let file = File::open(&manifest_path)
                .with_context(|| format!("opening {}", manifest_path.display()))?;
            let m: Manifest = serde_json::from_reader(BufReader::new(file))
                .with_context(|| format!("reading {}", manifest_path.display()))?;
            if m.format_version != FORMAT_VERSION {
                bail!(
                    "store {} has format version {}, this build reads {FORMAT_VERSION}",
                    root.display(),
                    m.format_version
                );
            }
            m
        } else {
            Manifest::default()
        };
        let mut warnings = Vec::new();
        manifest.files.retain(|f| {
            let exists = root.join(&f.path).is_file();
            if !exists {
                warnings.push(format!("{} is in the manifest but missing", f.path));
            }
            exists
        });
        let known: BTreeSet<String> = manifest.files.iter().map(|f| f.path.clone()).collect();
        let mut temporaries = Vec::new();
        let mut adopted = 0;
        for table in [Table::Positions, Table::Statics] {
            for (date, path) in partition_files(&root, table)? {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if name.starts_with('.') && name.ends_with(".tmp") {
                    temporaries.push(path);
                    continue;
                }
                if !name.ends_with(".parquet") {
                    continue;
                }
                let rel = relative(&root, &path);
                if known.contains(&rel) {
                    continue;
                }
                match file_entry(&root, table, &date, &rel) {
                    Ok(entry) => {
                        manifest.files.push(entry);
                        adopted += 1;
                    }
                    Err(e) => warnings.push(format!("skipping unreadable {rel}: {e:#}")),
                }
            }
        }
        Ok(Store {
            root,
            manifest,
            adopted,
            temporaries,
            warnings,
        })
    }

    /// Root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The manifest, including adopted files.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub(crate) fn manifest_mut(&mut self) -> &mut Manifest {
        &mut self.manifest
    }

    /// Number of files adopted on open.
    pub fn adopted(&self) -> usize {
        self.adopted
    }

    pub(crate) fn take_temporaries(&mut self) -> Vec<PathBuf> {
        std::mem::take(&mut self.temporaries)
    }

    /// Problems found on open.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Committed files of one table, in commit order.
    pub fn files(&self, table: Table) -> impl Iterator<Item = &FileEntry> {
        self.manifest.files.iter().filter(move |f| f.table == table)
    }

    /// Name of an input by id.
    pub fn input_name(&self, id: u32) -> Option<&str> {
        self.manifest
            .inputs
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.as_str())
    }

    /// Writes the manifest atomically: temporary file, fsync, rename, fsync of the directory.
    pub(crate) fn save_manifest(&self) -> Result<()> {
        let tmp = self.root.join(format!(".{MANIFEST}.tmp"));
        let mut file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        file.write_all(&serde_json::to_vec_pretty(&self.manifest)?)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, self.root.join(MANIFEST))?;
        sync_dir(&self.root)
    }
}

/// Makes a rename or file creation in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))
}

pub(crate) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `root/<table>/date=YYYY-MM-DD/`, with its date.
fn partition_files(root: &Path, table: Table) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(table.dir());
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for part in fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let part = part?;
        let name = part.file_name().to_string_lossy().into_owned();
        let Some(date) = name.strip_prefix("date=") else {
            continue;
        };
        if !part.file_type()?.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = fs::read_dir(part.path())?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        files.sort();
        out.extend(files.into_iter().map(|p| (date.to_owned(), p)));
    }
    Ok(out)
}

/// Reads a file's footer and builds its manifest entry from the row-group statistics.
pub(crate) fn file_entry(root: &Path, table: Table, date: &str, rel: &str) -> Result<FileEntry> {
    let path = root.join(rel);
    let file = File::open(&path)?;
    let bytes = file.metadata()?.len();
    let reader = SerializedFileReader::new(file)?;
    let meta = reader.metadata();
    let mut entry = FileEntry {
        table,
        date: date.to_owned(),
        path: rel.to_owned(),
        rows: meta.file_metadata().num_rows().max(0) as u64,
        bytes,
        min_mmsi: u32::MAX,
        max_mmsi: 0,
        min_time: i64::MAX,
        max_time: i64::MIN,
    };
    for rg in meta.row_groups() {
        let (lo, hi) = mmsi_range(rg.column(0).statistics())
            .with_context(|| format!("{rel}: no mmsi statistics"))?;
        let (tlo, thi) = time_range(rg.column(1).statistics())
            .with_context(|| format!("{rel}: no time statistics"))?;
        entry.min_mmsi = entry.min_mmsi.min(lo);
        entry.max_mmsi = entry.max_mmsi.max(hi);
        entry.min_time = entry.min_time.min(tlo);
        entry.max_time = entry.max_time.max(thi);
    }
    Ok(entry)
}

/// MMSI range of a row group (`UInt32` is stored as INT32 with an unsigned logical type).
pub(crate) fn mmsi_range(stats: Option<&Statistics>) -> Option<(u32, u32)> {
    match stats? {
        Statistics::Int32(s) => Some((*s.min_opt()? as u32, *s.max_opt()? as u32)),
        _ => None,
    }
}

/// Time range of a row group, ms since the epoch.
pub(crate) fn time_range(stats: Option<&Statistics>) -> Option<(i64, i64)> {
    match stats? {
        Statistics::Int64(s) => Some((*s.min_opt()?, *s.max_opt()?)),
        _ => None,
    }
}
