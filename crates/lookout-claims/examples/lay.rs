fn main() {
    for f in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&f).unwrap();
        let a = lookout_claims::layout::read(&t);
        println!(
            "## {f} date={:?} furniture={} header={:?}",
            a.date_text, a.furniture, a.header
        );
        for (p, d) in a.paragraphs.iter().zip(a.paragraph_dates.iter()) {
            println!("{:?} {:?}", d.as_ref().map(|x| &x.1), p);
        }
    }
}
