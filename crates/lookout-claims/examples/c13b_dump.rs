fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap();
        let rows = lookout_claims::extract_file(&t, &p);
        lookout_claims::write_csv(&rows, std::io::stdout()).unwrap();
    }
}
