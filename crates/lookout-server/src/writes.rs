//! Writes to the project folder's `observations.csv` and `claims.csv`: a change is applied to
//! the file's rows, the result is validated by loading a staged copy of the project with the
//! ledger crate's own loader, then the file is replaced atomically (temporary file, fsync,
//! rename) and the change is appended to `audit.jsonl` with the rows before and after.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use lookout_project::{Project, ProjectError};
use lookout_project::{CLAIM_COLUMNS, OBSERVATION_COLUMNS};
use serde_json::{json, Map, Value};

/// The editable tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `observations.csv`, ids `obs:LINE`.
    Observations,
    /// `claims.csv`, ids `claim:LINE`.
    Claims,
}

impl Table {
    /// File name in the project folder.
    pub fn file(self) -> &'static str {
        match self {
            Table::Observations => "observations.csv",
            Table::Claims => "claims.csv",
        }
    }
    /// Evidence id prefix (`obs`, `claim`).
    pub fn prefix(self) -> &'static str {
        match self {
            Table::Observations => "obs",
            Table::Claims => "claim",
        }
    }
    fn columns(self) -> Vec<String> {
        match self {
            Table::Observations => OBSERVATION_COLUMNS.iter().map(|s| s.to_string()).collect(),
            Table::Claims => CLAIM_COLUMNS.iter().map(|s| s.to_string()).collect(),
        }
    }
    /// The line number an id such as `obs:12` names.
    pub fn line_of(self, id: &str) -> Option<usize> {
        id.strip_prefix(self.prefix())?
            .strip_prefix(':')?
            .parse()
            .ok()
    }
}

/// A change to one table.
#[derive(Debug)]
pub enum Change {
    /// Append a row (fields by column name).
    Create(Map<String, Value>),
    /// Replace the row at a line.
    Update(usize, Map<String, Value>),
    /// Remove the row at a line.
    Delete(usize),
}

/// Why a write was refused.
#[derive(Debug)]
pub enum WriteError {
    /// No row at that line.
    NotFound(String),
    /// The row breaks the project's rules: messages with their field.
    Invalid(Vec<(String, String)>),
    /// File system or CSV trouble.
    Io(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for WriteError {
    fn from(e: E) -> Self {
        WriteError::Io(e.into())
    }
}

/// A write that was applied.
#[derive(Debug)]
pub struct Applied {
    /// The project as now on disk.
    pub project: Project,
    /// Id of the created or updated row (none for a delete).
    pub id: Option<String>,
    /// The row before (update, delete).
    pub before: Option<Map<String, Value>>,
    /// The row after (create, update).
    pub after: Option<Map<String, Value>>,
}

struct Rows {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn read_rows(path: &Path, table: Table) -> Result<Rows, WriteError> {
    if !path.exists() {
        return Ok(Rows {
            header: table.columns(),
            rows: Vec::new(),
        });
    }
    let mut r = csv::Reader::from_path(path)?;
    let header = r.headers()?.iter().map(|h| h.trim().to_owned()).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        rows.push((line, rec.iter().map(str::to_owned).collect()));
    }
    Ok(Rows { header, rows })
}

fn encode(rows: &Rows) -> Result<Vec<u8>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&rows.header)?;
    for (_, r) in &rows.rows {
        w.write_record(r)?;
    }
    w.into_inner()
        .map_err(|e| WriteError::Io(anyhow::anyhow!("{e}")))
}

fn as_map(header: &[String], row: &[String]) -> Map<String, Value> {
    header
        .iter()
        .zip(row)
        .map(|(h, v)| (h.clone(), Value::String(v.clone())))
        .collect()
}

/// The row for `fields` in the file's column order; unknown columns and non-scalar values are
/// problems.
fn record(header: &[String], fields: &Map<String, Value>) -> Result<Vec<String>, WriteError> {
    let mut problems = Vec::new();
    for (k, v) in fields {
        if !header.contains(k) {
            problems.push((
                k.clone(),
                format!("unknown field (columns: {})", header.join(", ")),
            ));
        } else if matches!(v, Value::Array(_) | Value::Object(_) | Value::Bool(_)) {
            problems.push((k.clone(), "must be a string, a number or null".into()));
        }
    }
    if !problems.is_empty() {
        return Err(WriteError::Invalid(problems));
    }
    Ok(header
        .iter()
        .map(|h| match fields.get(h) {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        })
        .collect())
}

/// Writes `bytes` to `dir/name` atomically: a temporary file beside it, fsync, rename, fsync
/// of the folder.
fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut f = File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, dir.join(name))?;
    File::open(dir)?.sync_all()
}

/// Applies a change to a project folder: validate, replace the file, append to the audit log
/// (`audit.jsonl`). The caller serializes writes.
pub fn apply(dir: &Path, table: Table, change: Change) -> Result<Applied, WriteError> {
    let path = dir.join(table.file());
    let mut rows = read_rows(&path, table)?;
    let find = |rows: &Rows, line: usize| {
        rows.rows
            .iter()
            .position(|r| r.0 == line)
            .ok_or_else(|| WriteError::NotFound(format!("no {}:{line}", table.prefix())))
    };
    let old_id = |line: usize| Some(format!("{}:{line}", table.prefix()));
    let (action, index, target, before) = match change {
        Change::Create(fields) => {
            let rec = record(&rows.header, &fields)?;
            rows.rows.push((0, rec));
            ("create", Some(rows.rows.len() - 1), None, None)
        }
        Change::Update(line, fields) => {
            let i = find(&rows, line)?;
            let rec = record(&rows.header, &fields)?;
            let old = std::mem::replace(&mut rows.rows[i].1, rec);
            (
                "update",
                Some(i),
                old_id(line),
                Some(as_map(&rows.header, &old)),
            )
        }
        Change::Delete(line) => {
            let i = find(&rows, line)?;
            let (_, old) = rows.rows.remove(i);
            (
                "delete",
                None,
                old_id(line),
                Some(as_map(&rows.header, &old)),
            )
        }
    };
    let bytes = encode(&rows)?;
    validate(dir, table, &bytes)?;
    replace_file(dir, table.file(), &bytes)?;
    // Ids are line numbers in the file as written.
    let written = read_rows(&path, table)?;
    let (id, after) = match index {
        Some(i) => {
            let (line, row) = &written.rows[i];
            (
                Some(format!("{}:{line}", table.prefix())),
                Some(as_map(&written.header, row)),
            )
        }
        None => (None, None),
    };
    let entry = json!({
        "time": lookout_core::time::format_time(now_ms()),
        "action": action,
        "file": table.file(),
        "id": target,
        "new_id": id,
        "before": before,
        "after": after,
    });
    let mut audit = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("audit.jsonl"))?;
    audit.write_all(format!("{entry}\n").as_bytes())?;
    audit.sync_all()?;
    let project = Project::load(dir).map_err(|e| WriteError::Io(anyhow::anyhow!("{e}")))?;
    Ok(Applied {
        project,
        id,
        before,
        after,
    })
}

/// Loads a staged copy of the project (its `corridor.toml`, the other table, and the new
/// `bytes`) with the ledger crate's loader, so a write obeys exactly the rules a run does.
fn validate(dir: &Path, table: Table, bytes: &[u8]) -> Result<(), WriteError> {
    let stage = tempfile::tempdir()?;
    fs::copy(
        dir.join("corridor.toml"),
        stage.path().join("corridor.toml"),
    )?;
    for t in [Table::Observations, Table::Claims] {
        if t != table && dir.join(t.file()).exists() {
            fs::copy(dir.join(t.file()), stage.path().join(t.file()))?;
        }
    }
    fs::write(stage.path().join(table.file()), bytes)?;
    match Project::load(stage.path()) {
        Ok(_) => Ok(()),
        Err(ProjectError(problems)) => Err(WriteError::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    let at = if p.line > 0 {
                        format!("{}:{}", p.file, p.line)
                    } else {
                        p.file
                    };
                    (p.field, format!("{at}: {}", p.message))
                })
                .collect(),
        )),
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
