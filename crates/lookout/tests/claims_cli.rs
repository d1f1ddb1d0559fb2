//! The real `lookout claims extract` binary on the claims corpus of `lookout-claims`: a folder
//! and several files in one run, each row naming its file and sentence, off-topic rows left out
//! unless asked for, stdin, and an unreadable path reported with a failing exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

fn corpus(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lookout-claims/tests/corpus")
        .join(dir)
}

fn lookout(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run lookout")
}

/// Rows of a `--format jsonl` run.
fn rows(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn field<'a>(row: &'a serde_json::Value, name: &str) -> &'a str {
    row[name].as_str().unwrap_or("")
}

#[test]
fn folder_and_files_in_one_run() {
    let dev = corpus("dev");
    let extra = corpus("holdout").join("h13-blog-koepcke-furniture.txt");
    let (dev, extra) = (dev.to_str().unwrap(), extra.to_str().unwrap());
    // CSV: the claims.csv columns, the ledger's 13 first.
    let csv = lookout(&["claims", "extract", dev, extra]);
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let header = String::from_utf8_lossy(&csv.stdout)
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(header, lookout_project::CLAIM_COLUMNS.join(","));
    assert!(header.starts_with("date,speaker,organization,quantity,quantity_low,quantity_high,qualifier,unit,period_start,period_end,route,statement_summary,source_url,"));
    let out = lookout(&["claims", "extract", dev, extra, "--format", "jsonl"]);
    let rows = rows(&out);
    // Sentences are joined on one line, so each CSV row is one line.
    assert_eq!(
        rows.len() + 1,
        String::from_utf8_lossy(&csv.stdout).lines().count()
    );
    let files: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| field(r, "source_file")).collect();
    // Every dev text about the corridor, and the extra file.
    assert_eq!(files.len(), 23 + 1, "{files:?}");
    assert!(files
        .iter()
        .any(|f| f.ends_with("h13-blog-koepcke-furniture.txt")));
    assert!(rows
        .iter()
        .all(|r| field(r, "sentence").parse::<usize>().unwrap() >= 1));
    assert!(rows.iter().all(|r| field(r, "topic") == "corridor"));
    let koepcke = rows
        .iter()
        .find(|r| {
            r["quantity"] == 16500 && field(r, "source_file").ends_with("koepcke-furniture.txt")
        })
        .expect("16,500 containers");
    assert_eq!(field(koepcke, "speaker"), "Robert Koepcke");
    assert_eq!(field(koepcke, "period_start"), "2023-09");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("off topic (left out"), "{stderr}");
}

#[test]
fn off_topic_rows_only_when_asked() {
    let election = corpus("dev").join("17-offtopic-election.txt");
    let path = election.to_str().unwrap();
    assert!(rows(&lookout(&["claims", "extract", path, "--format", "jsonl"])).is_empty());
    let kept = rows(&lookout(&[
        "claims",
        "extract",
        path,
        "--keep-off-topic",
        "--format",
        "jsonl",
    ]));
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|r| field(r, "topic") == "off_topic"));
    assert!(kept
        .iter()
        .all(|r| field(r, "note").starts_with("off topic:")));
}

#[test]
fn stdin_and_unreadable_paths() {
    let mut child = Command::new(BIN)
        .args(["claims", "extract", "-", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SEOUL, March 18, 2024 -- North Korea has sent about 7,000 containers of munitions to Russia since last year, Defense Minister Shin Won-sik said on Monday.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(line["speaker"], "Shin Won-sik");
    assert_eq!(line["date"], "2024-03-18");
    let missing = lookout(&["claims", "extract", "/nonexistent/news.txt"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}
