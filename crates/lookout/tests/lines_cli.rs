//! `lookout decode` and `lookout ingest` read lines the same way: a line over
//! `lookout_ais::MAX_LINE` bytes is skipped in bounded memory and counted as `line_too_long`,
//! every line counts in `lines`, and the lines after it keep their numbers.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lookout_store::{for_each_position, Store};

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

/// A position report (MMSI 367380120) from the NMEA 0183 examples in the decoder's README.
const SENTENCE: &[u8] = b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05\n";

/// An empty folder for one test under cargo's `target/tmp`: runs reuse it (nothing piles up in
/// `/tmp`) and a failed test's files stay there for a look.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookout-lines-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `sh -c script` with `input` on stdin, written from another thread (a write error, when
/// the command ends early, is left to the command's own status).
fn sh_with_stdin(
    script: &str,
    input: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + Send + 'static,
) -> Output {
    let mut child = Command::new("sh")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || input(&mut stdin));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join().unwrap();
    out
}

/// The value of `key: value` in `--stats` output.
fn stat(stats: &str, key: &str) -> Option<u64> {
    stats
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(": ")?.parse().ok())
}

/// `lines` and `line_too_long` from `lookout decode --stats`.
fn decode_counts(input: &Path) -> (u64, Option<u64>) {
    let out = Command::new(BIN)
        .args(["decode", "--stats", "--format", "none"])
        .arg(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stats = String::from_utf8(out.stderr).unwrap();
    (
        stat(&stats, "lines").unwrap(),
        stat(&stats, "reject.line_too_long"),
    )
}

/// `lines` and `line_too_long` from `lookout ingest`'s summary, and the stored positions'
/// `input_line`s. `input` is a file, or `-` with `stdin`.
fn ingest_counts(dir: &Path, input: &str, stdin: Option<&Path>) -> (u64, Option<u64>, Vec<u64>) {
    let store = dir.join(format!("store-{}", input.replace(['/', '.'], "_")));
    let mut cmd = Command::new(BIN);
    cmd.args([
        "ingest",
        "--quiet",
        "--assume-time",
        "2024-03-01",
        "--store",
    ])
    .arg(&store)
    .arg(input);
    if let Some(path) = stdin {
        cmd.stdin(fs::File::open(path).unwrap());
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    let lines = err
        .split(", ")
        .find_map(|part| {
            part.strip_suffix(" lines")?
                .rsplit(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no line count in {err}"));
    let too_long = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("line_too_long: ")?.parse().ok());
    let mut input_lines = Vec::new();
    for_each_position(&Store::open(&store).unwrap(), Default::default(), |r| {
        input_lines.push(r.prov.input_line)
    })
    .unwrap();
    (lines, too_long, input_lines)
}

#[test]
fn decode_and_ingest_count_a_long_line_the_same_way() {
    let dir = scratch("count");
    // NMEA: a 2 MB line, then a sentence.
    let nmea = dir.join("long.nmea");
    let mut text = vec![b'A'; 2_000_000];
    text.push(b'\n');
    text.extend_from_slice(SENTENCE);
    fs::write(&nmea, &text).unwrap();
    assert_eq!(decode_counts(&nmea), (2, Some(1)));
    for (input, stdin) in [(nmea.to_str().unwrap(), None), ("-", Some(nmea.as_path()))] {
        assert_eq!(
            ingest_counts(&dir, input, stdin),
            (2, Some(1), vec![2]),
            "ingest {input}: 2 lines, one too long, the sentence stored from line 2"
        );
    }
    // The decoder's JSON lines around a long line.
    let out = Command::new(BIN)
        .args(["decode", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(SENTENCE)?;
            child.wait_with_output()
        })
        .unwrap();
    let json = out.stdout;
    assert!(json.starts_with(b"{\"msg_type\":1"), "{json:?}");
    let jsonl = dir.join("long.jsonl");
    let mut text = json.clone();
    text.extend(vec![b' '; 100_000]);
    text.push(b'\n');
    text.extend_from_slice(&json);
    fs::write(&jsonl, &text).unwrap();
    assert_eq!(decode_counts(&jsonl), (3, Some(1)));
    let (lines, too_long, stored) = ingest_counts(&dir, jsonl.to_str().unwrap(), None);
    assert_eq!((lines, too_long), (3, Some(1)));
    assert_eq!(stored.len(), 1, "the same position twice is stored once");
    fs::remove_dir_all(&dir).unwrap();
}

/// Address space allowed to the commands below (`ulimit -v`, KiB): under half of what holding
/// a 200 MB line takes, twice what they need for small inputs.
const LIMIT_KIB: u64 = 128 * 1024;

/// `lookout decode` skips a 200 MB line on stdin in bounded memory: under [`LIMIT_KIB`] it
/// decodes the sentence after it and counts the line.
#[cfg(target_os = "linux")]
#[test]
fn decode_skips_a_huge_line_in_bounded_memory() {
    let script = format!("ulimit -v {LIMIT_KIB}; exec '{BIN}' decode --stats --format csv -");
    let out = sh_with_stdin(&script, |stdin| {
        let chunk = vec![b'A'; 1 << 20];
        for _ in 0..200 {
            stdin.write_all(&chunk)?;
        }
        stdin.write_all(b"\n")?;
        stdin.write_all(SENTENCE)
    });
    let stats = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stats}");
    assert_eq!(stat(&stats, "lines"), Some(2), "{stats}");
    assert_eq!(stat(&stats, "reject.line_too_long"), Some(1), "{stats}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv.lines().nth(1).expect("one position row");
    assert!(row.starts_with("2,,,1,367380120,"), "{row}");
}

/// `lookout ingest` skips a CSV record of 200 MB the same way, under the same limit.
#[cfg(target_os = "linux")]
#[test]
fn ingest_skips_a_huge_csv_record_in_bounded_memory() {
    let dir = scratch("csv");
    let csv = dir.join("huge.csv");
    let mut file = std::io::BufWriter::new(fs::File::create(&csv).unwrap());
    file.write_all(b"MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n367752440,2024-03-01T00:00:00,43.07917,-70.75733,0.0,360.0,95.0,\"").unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..200 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\",,WDI9818,31,0.0,,,,52.0,A\n636021061,2024-03-01T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A\n").unwrap();
    drop(file);
    let store = dir.join("store");
    let script = format!(
        "ulimit -v {LIMIT_KIB}; exec '{BIN}' ingest --quiet --store '{}' '{}'",
        store.display(),
        csv.display()
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(": 2 lines,"), "{err}");
    assert!(err.contains("line_too_long: 1"), "{err}");
    assert!(err.contains("1 positions"), "{err}");
    fs::remove_dir_all(&dir).unwrap();
}
