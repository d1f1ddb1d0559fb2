//! Loads FtM files and prints what was kept, for the streaming measurement in
//! `docs/performance.md`:
//!
//! `cargo run --release -p lookout-sanctions --example load_ftm -- FILE... [--keep-hops N]`
//!
//! Without `--keep-hops` every entity is kept. Then asks, for every vessel, which sanctioned
//! entities lie within 3 relations on 2024-01-01.

use std::path::PathBuf;
use std::time::Instant;

use lookout_sanctions::{LinkKind, SanctionsList};

fn main() {
    let mut paths = Vec::new();
    let mut keep = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--keep-hops" {
            keep = args.next().and_then(|n| n.parse().ok());
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let t = Instant::now();
    let list = SanctionsList::load(&paths, keep).expect("readable files");
    let read = t.elapsed().as_secs_f64();
    let s = &list.stats;
    println!(
        "read {:.1} s: {} lines, {} entities parsed, {} kept ({} left out of reach, {} of other schemata), {} rejected lines (first: {:?})",
        read, s.lines, s.records, s.kept, s.out_of_reach, s.other_schema, list.rejects.len(), list.rejects.first()
    );
    let vessels: Vec<usize> = list.vessels().map(|(i, _)| i).collect();
    println!(
        "held: {} entities ({} vessels), {} relations",
        list.entities.len(),
        vessels.len(),
        list.links.len()
    );
    let t = Instant::now();
    let at = lookout_core::time::parse_time("2024-01-01").unwrap();
    let mut connected = 0;
    let mut connections = 0;
    for &v in &vessels {
        let n = list.network(&[v], at, 3, &LinkKind::BEHIND_A_VESSEL).len();
        connections += n;
        connected += usize::from(n > 0);
    }
    println!(
        "network (3 hops, 2024-01-01) for every vessel: {:.2} s; {connected} vessels with a sanctioned entity within 3 hops, {connections} connections",
        t.elapsed().as_secs_f64()
    );
}
