//! Decodes every line of a file with the `ais` crate 0.12; prints counts to stderr.
use std::io::{BufRead, BufReader};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: bench_ais FILE");
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut parser = ais::AisParser::new();
    let (mut ok, mut incomplete, mut errors) = (0u64, 0u64, 0u64);
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        match parser.parse(line.trim_ascii_end(), true) {
            Ok(ais::AisFragments::Complete(sentence)) => {
                std::hint::black_box(&sentence);
                ok += 1
            }
            Ok(_) => incomplete += 1,
            Err(error) => {
                std::hint::black_box(&error);
                errors += 1
            }
        }
    }
    eprintln!("ais decoded={ok} incomplete={incomplete} errors={errors}");
    Ok(())
}
