//! `run.json`: what produced an output folder, written beside the outputs (as Global Fishing
//! Watch writes its parameters with every table): the Lookout version, every input with its
//! size and SHA-256, and every setting used, defaults included.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One input file.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputRecord {
    /// Path as given (project-relative paths stay relative).
    pub path: String,
    /// What the file is (`corridor`, `observations`, `ais`, ...).
    pub role: String,
    /// Size, bytes.
    pub bytes: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

impl InputRecord {
    /// Hashes a file, streaming.
    pub fn of_file(path: &Path, shown_as: &str, role: &str) -> io::Result<Self> {
        let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut bytes = 0u64;
        loop {
            let n = reader.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            bytes += n as u64;
        }
        let sha256 = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Self {
            path: shown_as.to_owned(),
            role: role.to_owned(),
            bytes,
            sha256,
        })
    }
}

/// The record of one run.
#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    /// `lookout` and its version.
    pub lookout_version: String,
    /// The command (`analyze`, `simulate`, ...).
    pub command: String,
    /// Inputs read.
    pub inputs: Vec<InputRecord>,
    /// Every setting used, by stage (`events`, `ledger`, `corridors`, `seed`, ...).
    pub settings: serde_json::Map<String, Value>,
}

impl RunRecord {
    /// A record for `command` with no inputs or settings yet.
    pub fn new(command: &str) -> Self {
        Self {
            lookout_version: env!("CARGO_PKG_VERSION").to_owned(),
            command: command.to_owned(),
            inputs: Vec::new(),
            settings: serde_json::Map::new(),
        }
    }

    /// Adds a setting (anything serializable).
    pub fn setting(&mut self, name: &str, value: impl Serialize) {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        self.settings.insert(name.to_owned(), value);
    }

    /// Writes `DIR/run.json` atomically (temporary file, then rename).
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let tmp = dir.join("run.json.tmp");
        let mut f = File::create(&tmp)?;
        serde_json::to_writer_pretty(&mut f, self)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(tmp, dir.join("run.json"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_published_sha256_of_abc() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, "abc").unwrap();
        let input = InputRecord::of_file(&path, "abc.txt", "test").unwrap();
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            input.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(input.bytes, 3);
        let mut run = RunRecord::new("test");
        run.inputs.push(input);
        run.setting("seed", 7);
        run.write(dir.path()).unwrap();
        let back: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("run.json")).unwrap())
                .unwrap();
        assert_eq!(back["settings"]["seed"], 7);
        assert_eq!(back["inputs"][0]["role"], "test");
        assert!(!dir.path().join("run.json.tmp").exists());
    }
}
