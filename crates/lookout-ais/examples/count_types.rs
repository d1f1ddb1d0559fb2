//! Streams an NMEA file through the decoder and prints how many messages of each type it held,
//! then the decoder's counts (rejects by reason included).
//!
//! `cargo run --release -p lookout-ais --example count_types -- FILE`

use std::fs::File;
use std::io::{BufRead, BufReader};

use lookout_ais::Decoder;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: count_types FILE");
        std::process::exit(2);
    };
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut decoder = Decoder::new();
    let mut per_type = [0u64; 28];
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line)? > 0 {
        decoder.feed_line(&line, |decoded| {
            per_type[usize::from(decoded.message.msg_type())] += 1;
        });
        line.clear();
    }
    decoder.finish();
    for (msg_type, n) in per_type.iter().enumerate().filter(|(_, &n)| n > 0) {
        println!("type {msg_type}: {n}");
    }
    print!("{}", decoder.stats());
    Ok(())
}
