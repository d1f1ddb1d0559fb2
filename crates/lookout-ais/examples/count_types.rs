//! Streams an NMEA file through the decoder (in bounded memory, with `LineReader`) and prints
//! how many messages of each type it held, then the decoder's counts (rejects by reason
//! included).
//!
//! `cargo run --release -p lookout-ais --example count_types -- FILE`

use std::fs::File;

use lookout_ais::{Decoder, Line, LineReader, Reject};

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: count_types FILE");
        std::process::exit(2);
    };
    let mut lines = LineReader::new(File::open(path)?);
    let mut decoder = Decoder::new();
    let mut per_type = [0u64; 28];
    while let Some(line) = lines.next_line()? {
        match line {
            Line::Text(text) => decoder.feed_line(text, |decoded| {
                per_type[usize::from(decoded.message.msg_type())] += 1;
            }),
            Line::TooLong => decoder.reject_line(Reject::LineTooLong.reason()),
        }
    }
    decoder.finish();
    for (msg_type, n) in per_type.iter().enumerate().filter(|(_, &n)| n > 0) {
        println!("type {msg_type}: {n}");
    }
    print!("{}", decoder.stats());
    Ok(())
}
