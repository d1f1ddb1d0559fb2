//! AIS inputs to the store's tables: `decode` (files or lines to Arrow tables: the rows
//! `lookout ingest` would store, duplicates dropped, kept in memory by the store writer)
//! and `ingest_part` (the distributed decode's task: files to Parquet part files placed in a
//! shared store's layout, their manifest entries returned for the driver to commit).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use arrow_pyarrow::{PyArrowType, Table};
use lookout_ingest::{Ingest, IngestOptions, Source, Summary};
use lookout_store::{InputEntry, Manifest, Store, StoreWriter, WriteOptions};
use pyo3::prelude::*;
use serde_json::{json, Value};

use crate::py_err;
use crate::store::{table, table_of};

/// Ingests `sources` into the store at `root`.
fn ingest_into(root: &Path, sources: &[Source]) -> Result<Summary> {
    let writer = StoreWriter::open(root, WriteOptions::default())?;
    let mut ingest = Ingest::new(writer, IngestOptions::default());
    ingest.run(sources)?;
    ingest.finish()
}

/// What an ingest read and what it set aside, by reason.
fn summary_json(s: &Summary) -> Value {
    json!({
        "inputs": s.inputs,
        "lines": s.lines,
        "messages": s.messages,
        "positions": s.positions,
        "statics": s.statics,
        "duplicates": s.duplicates,
        "vessels": s.vessels,
        "rejects": s.rejects,
        "failed": s.failed,
    })
}

/// Decodes files (NMEA plain/gz/zst, decoder JSON lines, DMA or MarineCadastre CSV) and `lines`
/// into the store's `positions` and `statics` tables; returns them with the ingest summary
/// as JSON.
#[pyfunction]
#[pyo3(signature = (paths, lines=None))]
#[allow(clippy::type_complexity)]
fn decode(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    lines: Option<Vec<String>>,
) -> PyResult<(PyArrowType<Table>, PyArrowType<Table>, String)> {
    py.detach(|| {
        let tmp = tempfile::tempdir()?;
        let mut sources: Vec<Source> = paths.into_iter().map(Source::File).collect();
        if let Some(lines) = lines {
            let path = tmp.path().join("lines.nmea");
            let mut f = std::io::BufWriter::new(fs::File::create(&path)?);
            for l in &lines {
                writeln!(f, "{}", l.trim_end_matches(['\r', '\n']))?;
            }
            f.flush()?;
            sources.push(Source::File(path));
        }
        // The rows a store would get, kept in memory: no Parquet written and read back.
        let writer = StoreWriter::open(
            tmp.path().join("store"),
            WriteOptions {
                in_memory: true,
                ..WriteOptions::default()
            },
        )?;
        let mut ingest = Ingest::new(writer, IngestOptions::default());
        ingest.run(&sources)?;
        let (summary, mut writer) = ingest.finish_with_writer()?;
        if let Some((name, error)) = summary.failed.first() {
            anyhow::bail!("{name}: {error}");
        }
        let mut out = Vec::new();
        for name in ["positions", "statics"] {
            let (which, schema) = table_of(name)?;
            out.push(table(writer.take_batches(which), schema)?);
        }
        let statics = out.pop().expect("two tables");
        let positions = out.pop().expect("two tables");
        Ok((positions, statics, summary_json(&summary).to_string()))
    })
    .map(|(p, s, j)| (PyArrowType(p), PyArrowType(s), j))
    .map_err(py_err)
}

/// One task of the distributed decode: ingests `files` ((input id, path) pairs; `inputs` names
/// every input of the whole job by id, so ids agree across tasks) into a store under
/// `work_dir`, then moves its Parquet files into `out_root`'s layout (names prefixed with
/// `part_prefix`, unique per task). Returns JSON: the ingest summary and the moved files'
/// manifest entries, which the driver commits to `out_root/manifest.json`.
#[pyfunction]
fn ingest_part(
    py: Python<'_>,
    files: Vec<(u32, PathBuf)>,
    inputs: Vec<String>,
    out_root: PathBuf,
    work_dir: PathBuf,
    part_prefix: &str,
) -> PyResult<String> {
    py.detach(|| {
        let tmp = tempfile::tempdir_in(&work_dir)
            .with_context(|| format!("work dir {}", work_dir.display()))?;
        let root = tmp.path();
        let manifest = job_manifest(&inputs, Vec::new());
        fs::write(
            root.join(lookout_store::MANIFEST),
            serde_json::to_vec(&manifest)?,
        )?;
        let mut sources = Vec::new();
        for (id, path) in &files {
            let name = inputs
                .get(*id as usize)
                .with_context(|| format!("input id {id} not in the job's inputs"))?;
            anyhow::ensure!(
                Path::new(name) == path,
                "input {id} is {name}, not {}",
                path.display()
            );
            sources.push(Source::File(path.clone()));
        }
        let summary = ingest_into(root, &sources)?;
        let store = Store::open(root)?;
        let mut entries = Vec::new();
        for f in &store.manifest().files {
            let (dir, name) = f
                .path
                .rsplit_once('/')
                .context("file outside a partition")?;
            let rel = format!("{dir}/{part_prefix}-{name}");
            place(&root.join(&f.path), &out_root.join(&rel))?;
            let mut entry = f.clone();
            entry.path = rel;
            entries.push(entry);
        }
        Ok(json!({"summary": summary_json(&summary), "files": entries}).to_string())
    })
    .map_err(py_err)
}

/// Moves a finished file to `to` (another file system too): a temporary name beside it,
/// then a rename, so readers never see half a file.
fn place(from: &Path, to: &Path) -> Result<()> {
    let dir = to.parent().context("no parent")?;
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = to.file_name().context("no file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp"));
    fs::copy(from, &tmp).with_context(|| format!("copying to {}", tmp.display()))?;
    fs::File::open(&tmp)?.sync_all()?;
    fs::rename(&tmp, to).with_context(|| format!("renaming to {}", to.display()))?;
    fs::remove_file(from)?;
    Ok(())
}

/// The manifest of a distributed decode: the job's inputs, numbered in order, and `files`.
fn job_manifest(inputs: &[String], files: Vec<lookout_store::FileEntry>) -> Manifest {
    Manifest {
        inputs: inputs
            .iter()
            .enumerate()
            .map(|(id, name)| InputEntry {
                id: id as u32,
                name: name.clone(),
            })
            .collect(),
        files,
        ..Manifest::default()
    }
}

/// Writes `manifest.json` for a store whose files were placed by `ingest_part` tasks: the
/// job's inputs and the entries the tasks returned (JSON list), atomically.
#[pyfunction]
fn commit_manifest(out_root: PathBuf, inputs: Vec<String>, files_json: &str) -> PyResult<()> {
    let run = || -> Result<()> {
        let files = serde_json::from_str(files_json).context("file entries")?;
        let manifest = job_manifest(&inputs, files);
        let tmp = out_root.join(format!(".{}.tmp", lookout_store::MANIFEST));
        fs::write(&tmp, serde_json::to_vec_pretty(&manifest)?)?;
        fs::File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, out_root.join(lookout_store::MANIFEST))?;
        Ok(())
    };
    run().map_err(py_err)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(ingest_part, m)?)?;
    m.add_function(wrap_pyfunction!(commit_manifest, m)?)?;
    Ok(())
}
