//! Decodes every line of a file with the `aivdm` crate 0.3; prints counts to stderr.
use std::io::{BufRead, BufReader};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: bench_aivdm FILE");
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut decoder = aivdm::LineDecoder::<512>::new();
    let (mut ok, mut incomplete, mut errors) = (0u64, 0u64, 0u64);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        match decoder.feed(line.trim_end()) {
            Ok(Some(message)) => {
                std::hint::black_box(&message);
                ok += 1
            }
            Ok(None) => incomplete += 1,
            Err(error) => {
                std::hint::black_box(&error);
                errors += 1
            }
        }
    }
    eprintln!("aivdm decoded={ok} incomplete={incomplete} errors={errors}");
    Ok(())
}
