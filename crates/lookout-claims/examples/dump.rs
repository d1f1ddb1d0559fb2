fn main() {
    for f in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&f).unwrap();
        println!("## {f}");
        for r in lookout_claims::extract_file(&t, &f) {
            println!(
                "{:?}|{:?}|{:?} {} {} | {} | {} | {}..{} | {} | {} | off={} | {}",
                r.quantity,
                r.quantity_low,
                r.quantity_high,
                r.unit,
                r.qualifier,
                r.speaker,
                r.organization,
                r.period_start,
                r.period_end,
                r.date,
                r.route,
                r.topic,
                r.note
            );
        }
    }
}
