//! Runs the claims extractor over every file of a folder (any text, not only news) and prints
//! how many bytes it read, how many rows it gave, which rows the corridor rule keeps (each
//! printed with its file and sentence, so an unrelated text that yields one can be read), the
//! longest time one file took and the wall time. For robustness and throughput checks
//! (docs/performance.md, "Claims"):
//!
//! ```sh
//! cargo run --release -p lookout-claims --example throughput -- DIR
//! ```

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: throughput DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(1);
        }
    };
    files.sort();
    let (mut bytes, mut rows, mut on, mut unreadable) = (0usize, 0usize, 0usize, 0usize);
    let mut slowest = (0f64, String::new());
    let start = Instant::now();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            unreadable += 1;
            continue;
        };
        let t = Instant::now();
        let out = lookout_claims::extract(&text);
        let dt = t.elapsed().as_secs_f64();
        if dt > slowest.0 {
            slowest = (dt, format!("{} ({} bytes)", f.display(), text.len()));
        }
        bytes += text.len();
        rows += out.len();
        for r in out.iter().filter(|r| lookout_claims::is_on_topic(r)) {
            on += 1;
            println!(
                "corridor row: {} sentence {}: {:?} {} | {}",
                f.display(),
                r.sentence,
                r.quantity,
                r.unit,
                r.statement_summary
            );
        }
    }
    let wall = start.elapsed().as_secs_f64();
    println!(
        "files {} (unreadable as UTF-8: {unreadable}), {bytes} bytes, {rows} rows, {on} corridor rows, \
         {wall:.1} s wall, {:.2} MB/s; slowest file {:.2} s: {}",
        files.len(),
        bytes as f64 / 1e6 / wall,
        slowest.0,
        slowest.1
    );
}
