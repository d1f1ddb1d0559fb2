//! Compressed inputs: gzip (including concatenated members) and zstd, told by their magic bytes,
//! so every reader of files or stdin accepts `.gz` and `.zst` content whatever its name.

use std::io::{self, BufRead, BufReader, Read};

/// gzip's magic bytes.
const GZIP: [u8; 2] = [0x1f, 0x8b];
/// zstd's magic bytes (frame magic 0xFD2FB528, little-endian).
const ZSTD: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// A byte stream, decompressed if it was compressed.
pub enum Decompressed<R: Read> {
    /// Not compressed.
    Plain(BufReader<R>),
    /// gzip.
    Gzip(flate2::bufread::MultiGzDecoder<BufReader<R>>),
    /// zstd.
    Zstd(zstd::stream::read::Decoder<'static, BufReader<R>>),
}

impl<R: Read> Decompressed<R> {
    /// Looks at the first bytes of `inner` (through a buffer of `buffer_bytes`) and wraps it
    /// in the matching decompressor.
    pub fn new(inner: R, buffer_bytes: usize) -> io::Result<Self> {
        let mut reader = BufReader::with_capacity(buffer_bytes, inner);
        let magic = reader.fill_buf()?;
        Ok(if magic.starts_with(&GZIP) {
            Decompressed::Gzip(flate2::bufread::MultiGzDecoder::new(reader))
        } else if magic.starts_with(&ZSTD) {
            Decompressed::Zstd(zstd::stream::read::Decoder::with_buffer(reader)?)
        } else {
            Decompressed::Plain(reader)
        })
    }

    /// The format found: `plain`, `gzip` or `zstd`.
    pub fn format(&self) -> &'static str {
        match self {
            Decompressed::Plain(_) => "plain",
            Decompressed::Gzip(_) => "gzip",
            Decompressed::Zstd(_) => "zstd",
        }
    }
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decompressed::Plain(r) => r.read(buf),
            Decompressed::Gzip(r) => r.read(buf),
            Decompressed::Zstd(r) => r.read(buf),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn read_all(bytes: Vec<u8>) -> (String, &'static str) {
        let mut d = Decompressed::new(bytes.as_slice(), 16).unwrap();
        let mut out = String::new();
        d.read_to_string(&mut out).unwrap();
        let format = d.format();
        (out, format)
    }

    #[test]
    fn plain_gzip_members_and_zstd_read_the_same() {
        let text = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26\n".repeat(50);
        assert_eq!(read_all(text.clone().into_bytes()), (text.clone(), "plain"));
        let mut gz = Vec::new();
        for half in [&text[..1000], &text[1000..]] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(half.as_bytes()).unwrap();
            gz.extend(e.finish().unwrap());
        }
        assert_eq!(read_all(gz), (text.clone(), "gzip"));
        let zst = zstd::encode_all(text.as_bytes(), 3).unwrap();
        assert_eq!(read_all(zst), (text, "zstd"));
        assert_eq!(read_all(Vec::new()), (String::new(), "plain"));
    }
}
