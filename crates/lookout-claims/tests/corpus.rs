//! Precision and recall per field of `lookout_claims::extract_file` over the news-style corpus
//! in `tests/corpus/` (see its README): `dev/` was written with the rules, `holdout/`,
//! `holdout2/` and `holdout3/` each after a round of rules was finished, `dev2/` to vary the
//! forms of attribution, date and period. Each `NAME.txt` has
//! the rows an analyst expects in `NAME.expected.csv`; texts not about the corridor expect none.
//!
//! Rows are matched on the number (quantity, or low and high of a range), preferring the same
//! unit. Per field, a matched pair counts a true positive when both agree, a false positive
//! when the extractor gives a wrong or unwanted value and a false negative when it misses or
//! gets wrong an expected one; unmatched rows count against every field they fill. Rows the
//! corridor rule marks `off_topic` are left out, as `lookout claims extract` leaves them out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lookout_project::ClaimRow;

const FIELDS: [&str; 8] = [
    "quantity",
    "unit",
    "qualifier",
    "speaker",
    "organization",
    "period",
    "date",
    "route",
];

/// One row reduced to what is compared.
#[derive(Debug, Clone)]
struct Row {
    number: (Option<f64>, Option<f64>, Option<f64>),
    /// `FIELDS[1..]`, normalised.
    fields: Vec<String>,
    sentence: String,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A bound given as a bare year is the same span as its first or last month: "2024..2024" and
/// "2024-01..2024-12" are one period written two ways (the corpus authors use both), so both
/// sides are compared in months.
fn year_as_months(bound: &str, month: &str) -> String {
    if bound.len() == 4 && bound.bytes().all(|b| b.is_ascii_digit()) {
        format!("{bound}-{month}")
    } else {
        bound.to_string()
    }
}

fn row(r: &ClaimRow) -> Row {
    let period = if r.period_start.is_empty() && r.period_end.is_empty() {
        String::new()
    } else {
        format!(
            "{}..{}",
            year_as_months(&r.period_start, "01"),
            year_as_months(&r.period_end, "12")
        )
    };
    Row {
        number: (r.quantity, r.quantity_low, r.quantity_high),
        fields: [
            &r.unit,
            &r.qualifier,
            &r.speaker,
            &r.organization,
            &period,
            &r.date,
            &r.route,
        ]
        .iter()
        .map(|s| norm(s))
        .collect(),
        sentence: r.statement_summary.clone(),
    }
}

fn expected(path: &Path) -> Vec<Row> {
    let mut rd = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    rd.deserialize::<BTreeMap<String, String>>()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let get = |k: &str| rec.get(k).cloned().unwrap_or_default();
            let num = |k: &str| get(k).parse::<f64>().ok();
            row(&ClaimRow {
                quantity: num("quantity"),
                quantity_low: num("quantity_low"),
                quantity_high: num("quantity_high"),
                unit: get("unit"),
                qualifier: get("qualifier"),
                speaker: get("speaker"),
                organization: get("organization"),
                period_start: get("period_start"),
                period_end: get("period_end"),
                date: get("date"),
                route: get("route"),
                ..ClaimRow::default()
            })
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

struct Score {
    counts: [Count; 8],
    texts: usize,
    rows: usize,
    off_topic_texts: Vec<String>,
    misses: Vec<String>,
}

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn score(dir: &str) -> Score {
    let mut s = Score {
        counts: [Count::default(); 8],
        texts: 0,
        rows: 0,
        off_topic_texts: Vec::new(),
        misses: Vec::new(),
    };
    for txt in corpus(dir) {
        let name = txt.file_stem().unwrap().to_string_lossy().into_owned();
        let want = expected(&txt.with_extension("expected.csv"));
        let text = std::fs::read_to_string(&txt).unwrap();
        let got: Vec<Row> = lookout_claims::extract_file(&text, &name)
            .iter()
            .filter(|r| lookout_claims::is_on_topic(r))
            .map(row)
            .collect();
        s.texts += 1;
        s.rows += want.len();
        if want.is_empty() {
            s.off_topic_texts.push(name.clone());
        }
        let mut used = vec![false; got.len()];
        for w in &want {
            let pick = (0..got.len())
                .find(|&i| !used[i] && got[i].number == w.number && got[i].fields[0] == w.fields[0])
                .or_else(|| (0..got.len()).find(|&i| !used[i] && got[i].number == w.number));
            match pick {
                Some(i) => {
                    used[i] = true;
                    s.counts[0].tp += 1;
                    let pairs = w.fields.iter().zip(&got[i].fields);
                    for ((c, field), (e, g)) in
                        s.counts[1..].iter_mut().zip(&FIELDS[1..]).zip(pairs)
                    {
                        if e == g {
                            if !e.is_empty() {
                                c.tp += 1;
                            }
                            continue;
                        }
                        if !e.is_empty() {
                            c.fn_ += 1;
                        }
                        if !g.is_empty() {
                            c.fp += 1;
                        }
                        s.misses.push(format!(
                            "{name}: {:?} {field}: expected {e:?}, got {g:?}",
                            w.number
                        ));
                    }
                }
                None => {
                    s.misses
                        .push(format!("{name}: missed {:?} {}", w.number, w.fields[0]));
                    s.counts[0].fn_ += 1;
                    for (c, v) in s.counts[1..].iter_mut().zip(&w.fields) {
                        if !v.is_empty() {
                            c.fn_ += 1;
                        }
                    }
                }
            }
        }
        for g in got.iter().zip(&used).filter(|(_, u)| !**u).map(|(g, _)| g) {
            s.misses.push(format!(
                "{name}: unexpected {:?} {} ({})",
                g.number, g.fields[0], g.sentence
            ));
            s.counts[0].fp += 1;
            for (c, v) in s.counts[1..].iter_mut().zip(&g.fields) {
                if !v.is_empty() {
                    c.fp += 1;
                }
            }
        }
    }
    s
}

fn print(title: &str, s: &Score) {
    println!(
        "\n{title}: {} texts ({} not about the corridor), {} expected rows",
        s.texts,
        s.off_topic_texts.len(),
        s.rows
    );
    println!("| field | TP | FP | FN | precision | recall |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (f, c) in FIELDS.iter().zip(s.counts.iter()) {
        println!(
            "| {f} | {} | {} | {} | {:.3} | {:.3} |",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
    }
    for m in &s.misses {
        println!("  {m}");
    }
}

fn at(s: &Score, field: &str) -> Count {
    s.counts[FIELDS.iter().position(|f| *f == field).unwrap()]
}

/// Recall and precision floors, field by field.
fn field_floors(s: &Score, recall: &[(&str, f64)], precision: &[(&str, f64)]) {
    for (f, floor) in recall {
        assert!(at(s, f).recall() >= *floor, "{f} recall");
    }
    for (f, floor) in precision {
        assert!(at(s, f).precision() >= *floor, "{f} precision");
    }
}

/// The goals of issue 13 on the texts written with the rules.
#[test]
fn dev_corpus_meets_the_goals() {
    let s = score("dev");
    print("dev", &s);
    assert!(s.texts >= 20 && s.off_topic_texts.len() >= 3);
    assert_eq!(at(&s, "quantity").recall(), 1.0);
    assert_eq!(at(&s, "unit").recall(), 1.0);
    assert!(at(&s, "speaker").recall() >= 0.95);
    assert!(at(&s, "period").recall() >= 0.95);
    for f in FIELDS.iter().filter(|f| **f != "route") {
        assert!(at(&s, f).precision() >= 0.95, "{f} precision");
    }
}

/// Texts not about the corridor give no corridor claims (their rows are all `off_topic`).
#[test]
fn off_topic_texts_give_no_corridor_rows() {
    for dir in [
        "dev",
        "holdout",
        "holdout2",
        "holdout3",
        "dev2",
        "holdout4",
        "dev3",
        "holdout5",
        "dev4",
        "holdout6",
        "dev5t",
        "dev5s",
        "holdout7",
        "dev6b",
        "holdout8",
        "holdout9",
        "dev7b",
        "holdout10",
        "dev8",
        "holdout11",
        "holdout12",
        "holdout13",
        "holdout14",
        "holdout15",
        "holdout16",
        "holdout17",
        "holdout18",
        "holdout19",
        "holdout20",
        "holdout21",
        "holdout22",
        "holdout23",
        "holdout24",
        "holdout25",
        "holdout26",
        "holdout27",
        "holdout28",
        "holdout29",
        "holdout30",
        "holdout31",
        "holdout32",
        "holdout33",
        "holdout34",
        "holdout35",
        "holdout36",
        "holdout37",
        "holdout38",
        "holdout39",
    ] {
        for txt in corpus(dir) {
            if std::fs::read_to_string(txt.with_extension("expected.csv"))
                .unwrap()
                .lines()
                .count()
                > 1
            {
                continue;
            }
            let rows = lookout_claims::extract(&std::fs::read_to_string(&txt).unwrap());
            assert!(
                rows.iter().all(|r| !lookout_claims::is_on_topic(r)),
                "{}: {rows:#?}",
                txt.display()
            );
        }
    }
}

/// The texts written after the rules were finished: reported as measured (docs/accuracy.md).
#[test]
fn holdout_corpus_figures() {
    let s = score("holdout");
    print("holdout", &s);
    assert!(s.texts >= 13 && s.off_topic_texts.len() >= 2);
    // Floors at the figures measured after the fixes it prompted (docs/accuracy.md): a guard
    // against regressions, not the independent measure (that is the first run, in the doc).
    floors(&s, 1.0, 1.0, 1.0);
}

/// Quantity and unit recall 1.0; speaker and organization recall, period recall and every
/// field's precision (route aside) at least the given floors.
fn floors(s: &Score, attribution_recall: f64, period_recall: f64, precision: f64) {
    assert_eq!(at(s, "quantity").recall(), 1.0);
    assert_eq!(at(s, "unit").recall(), 1.0);
    assert!(at(s, "speaker").recall() >= attribution_recall);
    assert!(at(s, "organization").recall() >= attribution_recall);
    assert!(at(s, "period").recall() >= period_recall);
    for f in FIELDS.iter().filter(|f| **f != "route") {
        assert!(at(s, f).precision() >= precision, "{f} precision");
    }
}

/// The second holdout, written after the fixes the first one prompted.
#[test]
fn second_holdout_corpus_figures() {
    let s = score("holdout2");
    print("holdout2", &s);
    assert!(s.texts >= 8 && !s.off_topic_texts.is_empty());
    floors(&s, 1.0, 1.0, 1.0);
}

/// The third holdout, written before the attribution and period rules were generalised; its
/// first run is in docs/accuracy.md, the floors are the figures measured after the fixes (route
/// aside: its precision is not floored).
#[test]
fn third_holdout_corpus_figures() {
    let s = score("holdout3");
    print("holdout3", &s);
    assert!(s.texts >= 10 && !s.off_topic_texts.is_empty());
    floors(&s, 1.0, 1.0, 1.0);
}

/// The second development set (`dev2/`), written to vary the forms of attribution, date and
/// period (different names, orders and sentence shapes); its first run is in docs/accuracy.md,
/// the floors are the figures after the general rules it prompted.
#[test]
fn second_dev_corpus_figures() {
    let s = score("dev2");
    print("dev2", &s);
    assert!(s.texts >= 10 && !s.off_topic_texts.is_empty());
    floors(&s, 1.0, 1.0, 1.0);
}

/// The fourth holdout, written blind (its author read neither the extractor's source nor ran it)
/// and first run at commit 5f3ba11 after the dev2 rules; docs/accuracy.md reports that first run,
/// the floors are the figures after the general rules its misses prompted (route precision too:
/// 1.0).
#[test]
fn fourth_holdout_corpus_figures() {
    fitted_in_every_field("holdout4", 16);
}

/// A corpus fitted by the rules its first run prompted: every floor and the route at 1.0.
fn fitted_in_every_field(dir: &str, min_texts: usize) {
    let s = score(dir);
    print(dir, &s);
    assert!(s.texts >= min_texts && !s.off_topic_texts.is_empty());
    floors(&s, 1.0, 1.0, 1.0);
    assert_eq!(at(&s, "route").precision(), 1.0);
    assert_eq!(at(&s, "route").recall(), 1.0);
}

/// The third development set (`dev3/`), written to make the rules general for the language:
/// forms no earlier set uses (numbers in words, attributions between commas or dashes, passive
/// "it was estimated by", "X's assessment is that", "sources in Seoul", long nested reported
/// speech, live-blog timestamps, parliamentary and interview labels, ISO, ordinal and weekday
/// dates, TEUs, wagons, tonnes). Its first run is in docs/accuracy.md; the floors are the
/// figures after the general rules it prompted.
#[test]
fn third_dev_corpus_figures() {
    fitted_in_every_field("dev3", 15);
}

/// The fifth holdout, written blind (its author read neither the extractor's source nor ran
/// it) while the dev3 rules were being written, and first run after them (first run in
/// docs/accuracy.md). The floors are the figures after the general rules its misses prompted
/// (branch `claims6`), a regression guard, not an estimate: one speaker row ("Ukrainian
/// prosecutors", recorded by that phrase) and one route (`sea:Rajin->` where the analyst gave
/// `sea:->`) are still missed.
#[test]
fn fifth_holdout_corpus_figures() {
    let s = score("holdout5");
    print("holdout5", &s);
    assert!(s.texts >= 20 && s.off_topic_texts.len() >= 3);
    floors(&s, 0.98, 1.0, 0.98);
    assert_eq!(at(&s, "organization").recall(), 1.0);
    assert!(at(&s, "route").precision() >= 0.94);
    assert!(at(&s, "route").recall() >= 0.94);
}

/// The fourth development set (`dev4/`), written before any run in forms no earlier set uses
/// ("X's latest estimate, presented by NAME", "N of them", an interview label introduced after
/// the interview, "the UK's defence secretary", "Rep. NAME, who sits on ...", passives with
/// "compiled by" / "put at ... by", "officials say", bullets and a table, ET live-blog stamps,
/// Korean and Japanese translation forms, "Q3 2023"). Its first run is in docs/accuracy.md;
/// the floors are the figures after the general rules it prompted (branch `claims7`), a
/// regression guard: the table's two rows (f11), a broadcast label with a title after the name
/// (f21) and a legislator's chamber from a relative clause (f05) are still missed (a fact
/// sheet's bullets under "Office of the Spokesperson", f20, are the State Department's since
/// branch `claims19a`).
#[test]
fn fourth_dev_corpus_figures() {
    let s = score("dev4");
    print("dev4", &s);
    assert!(s.texts >= 20 && s.off_topic_texts.len() >= 2);
    assert!(at(&s, "quantity").recall() >= 0.95);
    assert!(at(&s, "unit").recall() >= 0.95);
    assert!(at(&s, "speaker").recall() >= 0.87);
    // 1.000 since claims20a (a legislator's legislature in the country the text is placed in).
    assert!(at(&s, "organization").recall() >= 0.99);
    assert!(at(&s, "period").recall() >= 0.94);
    assert!(at(&s, "date").recall() >= 0.95);
    for f in FIELDS.iter().filter(|f| **f != "route") {
        assert!(at(&s, f).precision() >= 0.94, "{f} precision");
    }
    assert_eq!(at(&s, "route").recall(), 1.0);
}

/// The sixth holdout (`holdout6/`), written blind (its author read neither the extractor's source
/// nor ran it) while the dev4 rules were being written, and first run after them: that first
/// run, the estimate for unseen text, is in docs/accuracy.md step 12 (quantity recall 0.928,
/// speaker 0.551, organization 0.493, period 0.621, date 0.638). The floors here are the figures
/// after the general rules its misses prompted (branch `claims8`): fitted, a regression guard,
/// not an estimate. Still missed: a flattened table's cells (v14), a digest's `16 Feb:` labels
/// (v13), a broadcast reporter relaying a think tank (v20), capitals as speakers (v09) and more
/// (docs/accuracy.md step 12, "left"). Period precision fell by one row (v26's "at most about
/// 20", now found, is given the period of the count before it).
#[test]
fn sixth_holdout_corpus_figures() {
    let s = score("holdout6");
    print("holdout6", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 4);
    let recall = [
        ("quantity", 0.94),
        ("unit", 0.94),
        ("qualifier", 0.94),
        ("speaker", 0.66),
        ("organization", 0.57),
        ("period", 0.67),
        ("date", 0.68),
        ("route", 0.95),
    ];
    let precision = [
        ("quantity", 0.98),
        ("unit", 0.98),
        ("qualifier", 0.98),
        ("speaker", 0.88),
        ("organization", 0.79),
        ("period", 0.68),
        ("date", 0.72),
        ("route", 0.87),
    ];
    field_floors(&s, &recall, &precision);
}

/// The period- and date-heavy dev set of branch `claims9t` (`dev5t/`): digests with `16 Feb:`
/// labels, flattened tables with a date column, live blogs with entry time stamps, transcripts
/// dated in their header, datelines with a local time, weekday labels. Its expected rows were
/// written before the extractor was first run on it; the first run and the figures after the
/// layout rules it prompted are in docs/accuracy.md step 13b. The floors are the final figures:
/// fitted, a regression guard, not an estimate.
#[test]
fn dev5t_corpus_figures() {
    let s = score("dev5t");
    print("dev5t", &s);
    assert!(s.texts >= 20 && s.off_topic_texts.len() >= 2);
    let recall = [
        ("quantity", 0.9),
        ("unit", 0.9),
        ("qualifier", 0.9),
        // claims17a's attribution rules (t07, t19): 0.907 / 0.814.
        ("speaker", 0.906),
        ("organization", 0.813),
        ("period", 0.85),
        ("date", 0.906),
        ("route", 0.87),
    ];
    let precision = [
        ("quantity", 0.97),
        ("unit", 0.97),
        ("qualifier", 0.97),
        // 0.97 on claims9t; claims9s's carried-over source gives t02's one unwanted row
        // ("three of them", no claim) a speaker, a second false positive.
        ("speaker", 0.94),
        ("organization", 0.81),
        ("period", 0.96),
        ("date", 0.92),
        ("route", 0.87),
    ];
    field_floors(&s, &recall, &precision);
}

/// The fifth development set (`dev5s/`, 25 texts, 40 rows, 1 off topic), attribution-heavy
/// texts in varied styles written with their expected rows before any run (branch `claims9s`).
/// Its first run (speaker recall 0.500, organization 0.525) is in docs/accuracy.md step 13a;
/// the floors here are the figures after the speaker mechanisms it prompted (fitted, a
/// regression guard). Still missed: a table's three rows (w07, read as furniture) and the
/// dates, periods and routes of labelled entries (w05, w15).
#[test]
fn fifth_dev_speakers_corpus_figures() {
    let s = score("dev5s");
    print("dev5s", &s);
    assert!(s.texts >= 20 && !s.off_topic_texts.is_empty());
    for (f, floor) in [
        ("quantity", 0.92),
        ("unit", 0.92),
        ("speaker", 0.92),
        ("organization", 0.92),
        ("period", 0.75),
        ("date", 0.80),
    ] {
        assert!(at(&s, f).recall() >= floor, "{f} recall");
    }
    for (f, floor) in [
        ("quantity", 0.97),
        ("speaker", 0.97),
        ("organization", 0.97),
        ("period", 0.75),
        ("date", 0.84),
    ] {
        assert!(at(&s, f).precision() >= floor, "{f} precision");
    }
}

/// The seventh holdout (`holdout7/`), written blind (its author read neither the extractor's
/// source nor its tests, nor ran it) while the rules of branches `claims9s` and `claims9t` were
/// written, and run once after them (docs/accuracy.md step 14): its first-run figures are the
/// estimate for unseen text. The floors here are the figures after the general rules its misses
/// prompted (branch `claims10`, tried on other wordings in `tests/holdout7_general.rs`): fitted,
/// a regression guard, not an estimate.
#[test]
fn seventh_holdout_corpus_figures() {
    let s = score("holdout7");
    print("holdout7", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.919),
        ("unit", 0.919),
        ("qualifier", 0.887),
        ("speaker", 0.838),
        ("organization", 0.803),
        ("period", 0.846),
        ("date", 0.887),
        ("route", 0.941),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 0.964),
        ("speaker", 1.0),
        ("organization", 1.0),
        ("period", 0.977),
        ("date", 0.964),
        ("route", 0.941),
    ];
    field_floors(&s, &recall, &precision);
}

/// The attribution development set (`dev6a/`, 29 texts, 1 off topic): relayed sources, quotes
/// split by their attribution, lawmakers with their party, a person named once and referred to
/// later, bodies and capitals as the subjects of reporting verbs, passive attributions. Expected
/// rows were written before the first run (docs/accuracy.md step 15a gives both runs); the floors
/// are the figures after the general rules of branch `claims11a`.
#[test]
fn dev6a_attribution_corpus_figures() {
    let s = score("dev6a");
    print("dev6a", &s);
    assert!(s.texts >= 15 && !s.off_topic_texts.is_empty());
    let recall = [
        ("quantity", 0.833),
        ("unit", 0.833),
        ("speaker", 0.809),
        ("organization", 0.785),
        ("period", 0.814),
        ("date", 0.809),
    ];
    let precision = [
        ("quantity", 0.972),
        ("speaker", 0.971),
        ("organization", 0.970),
    ];
    field_floors(&s, &recall, &precision);
}

/// The quantity-, qualifier-, period- and date-heavy dev set of branch `claims11b` (`dev6b/`):
/// follow-on rows ("including some 4,000", "at least one of those", "bringing the total to"),
/// counts in words and ranges, capacity equivalents, periods carried by a heading, a bullet, a
/// table cell or "over the same period", first-publication dates under update stamps and
/// editor's notes, and off-topic distractors. Written expected rows first, before any run
/// (docs/accuracy.md step 15b gives the first run); the floors are the figures after the rules
/// it prompted.
#[test]
fn dev6b_corpus_figures() {
    let s = score("dev6b");
    print("dev6b", &s);
    assert!(s.texts >= 15 && s.off_topic_texts.len() >= 2);
    let recall = [
        ("quantity", 0.926),
        ("unit", 0.926),
        ("qualifier", 0.926),
        // claims17a's attribution rules (b06): 0.756 / 0.732.
        ("speaker", 0.756),
        ("organization", 0.731),
        ("period", 0.888),
        ("date", 0.926),
        ("route", 0.875),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 1.0),
        ("organization", 0.862),
        ("period", 0.969),
        ("date", 1.0),
        ("route", 0.777),
    ];
    field_floors(&s, &recall, &precision);
}

/// The eighth holdout (`holdout8/`), written blind (its author read neither the extractor's
/// source nor its tests, nor ran it) while the rules of branches `claims11a` and `claims11b`
/// were written, and run once after them (docs/accuracy.md step 16): its first-run figures are
/// the estimate for unseen text. The floors here are the figures after the general rules its
/// misses prompted (branches `claims12a` and `claims12b`, tried on other wordings in
/// `tests/holdout8_attribution.rs` and `tests/holdout8_general.rs`): fitted, a regression guard,
/// not an estimate.
#[test]
fn eighth_holdout_corpus_figures() {
    let s = score("holdout8");
    print("holdout8", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 0.974),
        ("speaker", 0.936),
        ("organization", 0.924),
        ("period", 0.983),
        ("date", 0.91),
        ("route", 0.958),
    ];
    let precision = [
        ("quantity", 0.987),
        ("unit", 0.987),
        ("qualifier", 0.962),
        ("speaker", 0.973),
        ("organization", 0.986),
        ("period", 0.983),
        ("date", 0.91),
        ("route", 0.92),
    ];
    field_floors(&s, &recall, &precision);
}

/// `dev7b/` (docs/accuracy.md step 17b): texts in layouts no earlier corpus used (a press
/// briefing transcript, a Security Council record, a court filing's numbered paragraphs, a live
/// blog with timestamps, a radio transcript, a correction notice, a compliance alert with
/// footnotes, a key-figures box whose rows carry their own sources and dates, image captions, an
/// FAQ, a hearing transcript), expected rows written before the extractor was run on them, to
/// judge the date and period mechanisms of step 17b. First run (commit 467e8ce, before them):
/// period 0.824 / 0.560, date 0.765 / 0.464 (P / R); floors at the figures after them.
#[test]
fn dev7b_corpus_figures() {
    let s = score("dev7b");
    print("dev7b", &s);
    assert!(s.texts >= 12 && !s.off_topic_texts.is_empty());
    let recall = [
        ("quantity", 0.857),
        ("unit", 0.857),
        ("qualifier", 0.857),
        ("speaker", 0.607),
        ("organization", 0.642),
        ("period", 0.8),
        ("date", 0.75),
        ("route", 0.5),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.85),
        ("organization", 0.947),
        ("period", 0.909),
        ("date", 0.869),
        ("route", 1.0),
    ];
    field_floors(&s, &recall, &precision);
}

/// The attribution corpus of branch `claims13a` (`dev7a/`): 14 texts in layouts the earlier sets
/// did not use (a press-briefing transcript, a Security Council record, a court filing, a live
/// blog, a radio interview, a correction notice, a compliance alert, a key-figures box, image
/// captions, an FAQ, a hearing, a translated press conference, a digest, an off-topic port
/// press conference), expected rows written before the first run (docs/accuracy.md step 17a).
#[test]
fn dev7a_attribution_corpus_figures() {
    let s = score("dev7a");
    print("dev7a", &s);
    assert!(s.texts >= 18 && !s.off_topic_texts.is_empty());
    let recall = [
        ("quantity", 0.924),
        ("unit", 0.924),
        ("qualifier", 0.899),
        ("speaker", 0.897),
        ("organization", 0.871),
        ("period", 0.947),
        ("date", 0.824),
        ("route", 0.499),
    ];
    // claims19b: a port's throughput in a press conference (y14) is trade, one unwanted row
    // fewer.
    let precision = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.999),
        ("speaker", 0.972),
        ("organization", 0.944),
        ("period", 0.899),
        ("date", 0.891),
        ("route", 0.499),
    ];
    field_floors(&s, &recall, &precision);
}

/// The ninth holdout (`holdout9/`), written blind (its author read neither the extractor's
/// source nor its tests, nor ran it) while the rules of branches `claims13a` and `claims13b`
/// were written, and run once after them (docs/accuracy.md step 18; listing in
/// `holdout9/first-run.log`): its first-run figures are the estimate for unseen text. The floors
/// here are the figures after the general rules its misses prompted (branches `claims14a` and
/// `claims14b`, tried on other wordings in `tests/holdout9_attribution.rs` and
/// `tests/holdout9_layouts.rs`): fitted, a regression guard, not an estimate.
#[test]
fn ninth_holdout_corpus_figures() {
    let s = score("holdout9");
    print("holdout9", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 0.986),
        ("speaker", 0.958),
        ("organization", 0.945),
        ("period", 0.903),
        ("date", 0.917),
        ("route", 0.964),
    ];
    let precision = [
        ("quantity", 0.986),
        ("unit", 0.986),
        ("qualifier", 0.972),
        ("speaker", 0.972),
        ("organization", 0.971),
        ("period", 0.888),
        ("date", 0.905),
        ("route", 0.964),
    ];
    field_floors(&s, &recall, &precision);
}

/// The tenth holdout (`holdout10/`), written blind (its author read neither the extractor's
/// source nor its tests, nor ran it) in mostly ordinary news layouts after the rules of branches
/// `claims14a` and `claims14b` had merged, and run once (docs/accuracy.md step 19; listing in
/// `holdout10/first-run.log`): its first-run figures are the estimate for unseen text. The
/// floors are the figures after the rules its misses prompted (topic rules of branch
/// `claims15t`, then branches `claims16a` and `claims16b`): fitted, a regression guard.
#[test]
fn tenth_holdout_corpus_figures() {
    let s = score("holdout10");
    print("holdout10", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 1.0),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 1.0),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 1.0),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 1.0),
    ];
    field_floors(&s, &recall, &precision);
}

/// The eighth development set (`dev8/`), written blind in ordinary news layouts like
/// `holdout10/` (its author read neither the extractor's source nor its tests, nor ran it) and
/// run once on main before any rule was fitted to it (docs/accuracy.md step 20; listing in
/// `dev8/first-run.log`), a second blind measure. The floors are the figures after the rules
/// of branches `claims16a` and `claims16b` were fitted on its misses: a regression guard.
#[test]
fn dev8_corpus_figures() {
    let s = score("dev8");
    print("dev8", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.957),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 0.894),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.957),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 0.943),
    ];
    field_floors(&s, &recall, &precision);
}

/// The eleventh holdout (`holdout11/`), written blind in ordinary news layouts (its author read
/// neither the extractor's source nor its tests, nor ran it) while branches `claims16a` and
/// `claims16b` were fitting holdout10's and dev8's misses, and run once after they merged
/// (docs/accuracy.md step 21; listing in `holdout11/first-run.log`): that first run is the
/// estimate for unseen text. The floors are the figures after branches `claims17a` and
/// `claims17b` were fitted on its misses: a regression guard.
#[test]
fn eleventh_holdout_corpus_figures() {
    let s = score("holdout11");
    print("holdout11", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 0.956),
        ("qualifier", 1.0),
        ("speaker", 0.978),
        ("organization", 0.956),
        ("period", 0.975),
        ("date", 1.0),
        ("route", 0.943),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 0.956),
        ("qualifier", 1.0),
        ("speaker", 0.978),
        ("organization", 0.956),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 0.943),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twelfth holdout (`holdout12/`), written blind in ordinary news layouts (its author read
/// neither the extractor's source nor its tests, nor ran it) while branches `claims16a` and
/// `claims16b` were fitting holdout10's and dev8's misses, and run once after they merged
/// (docs/accuracy.md step 21; listing in `holdout12/first-run.log`): that first run is the
/// estimate for unseen text. The floors are the figures after branches `claims17a` and
/// `claims17b` were fitted on its misses (speaker and organization raised by branch
/// `claims19a`'s rules): a regression guard.
#[test]
fn twelfth_holdout_corpus_figures() {
    let s = score("holdout12");
    print("holdout12", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 0.976),
        ("qualifier", 1.0),
        ("speaker", 0.885),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 1.0),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 0.976),
        ("qualifier", 1.0),
        ("speaker", 0.885),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 1.0),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirteenth holdout (`holdout13/`), written blind in ordinary news layouts (its author read
/// neither the extractor's source nor its tests, nor ran it) while branches `claims17a` and
/// `claims17b` were fitting holdout11's and holdout12's misses, and run once after they merged
/// (docs/accuracy.md step 22; listing in `holdout13/first-run.log`): that first run is the
/// estimate for unseen text. The floors are the figures after branch `claims18` was fitted on
/// its misses: a regression guard.
#[test]
fn thirteenth_holdout_corpus_figures() {
    let s = score("holdout13");
    print("holdout13", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 0.98),
        ("qualifier", 1.0),
        ("speaker", 1.0),
        ("organization", 1.0),
        ("period", 1.0),
        ("date", 1.0),
        ("route", 1.0),
    ];
    let precision = [
        ("quantity", 0.98),
        ("unit", 0.961),
        ("qualifier", 0.98),
        ("speaker", 0.98),
        ("organization", 0.98),
        ("period", 0.979),
        ("date", 0.98),
        ("route", 0.908),
    ];
    field_floors(&s, &recall, &precision);
}

/// The fourteenth holdout (`holdout14/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branch `claims18` had merged, and run
/// once on main after it (docs/accuracy.md step 23; listing in `holdout14/first-run.log`): that first
/// run is the estimate for unseen text and its figures are the floors.
#[test]
fn fourteenth_holdout_corpus_figures() {
    let s = score("holdout14");
    print("holdout14", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.978),
        ("unit", 0.978),
        ("qualifier", 0.978),
        ("speaker", 0.914),
        ("organization", 0.871),
        ("period", 0.931),
        ("date", 0.914),
        ("route", 1.0),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.976),
        ("organization", 0.931),
        ("period", 0.975),
        ("date", 0.976),
        ("route", 0.949),
    ];
    field_floors(&s, &recall, &precision);
}

/// The fifteenth holdout (`holdout15/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branch `claims18` had merged, and run
/// once on main after it (docs/accuracy.md step 23; listing in `holdout15/first-run.log`): that first
/// run is the estimate for unseen text and its figures are the floors. Its first run gives one
/// corridor row from an off-topic text (n92, a port's container throughput); since claims19b's
/// rule on a port's throughput the set is in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn fifteenth_holdout_corpus_figures() {
    let s = score("holdout15");
    print("holdout15", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.935),
        ("unit", 0.935),
        ("qualifier", 0.935),
        ("speaker", 0.786),
        ("organization", 0.744),
        ("period", 0.877),
        ("date", 0.914),
        ("route", 0.874),
    ];
    let precision = [
        ("quantity", 0.956),
        ("unit", 0.956),
        ("qualifier", 0.956),
        ("speaker", 0.901),
        ("organization", 0.853),
        ("period", 0.899),
        ("date", 0.934),
        ("route", 0.874),
    ];
    field_floors(&s, &recall, &precision);
}

/// The sixteenth holdout (`holdout16/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims19a` and `claims19b`
/// were fitting holdout14 and holdout15, and run once on main after both had merged
/// (docs/accuracy.md step 24; listing in `holdout16/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors. Two of its off-topic texts gave corridor rows on
/// that run (p27, p30), fixed by branch `claims20b`.
#[test]
fn sixteenth_holdout_corpus_figures() {
    let s = score("holdout16");
    print("holdout16", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.979),
        ("unit", 0.958),
        ("qualifier", 0.979),
        ("speaker", 0.795),
        ("organization", 0.775),
        ("period", 0.749),
        ("date", 0.836),
        ("route", 0.869),
    ];
    let precision = [
        ("quantity", 0.856),
        ("unit", 0.838),
        ("qualifier", 0.856),
        ("speaker", 0.811),
        ("organization", 0.863),
        ("period", 0.713),
        ("date", 0.758),
        ("route", 0.74),
    ];
    field_floors(&s, &recall, &precision);
}

/// The seventeenth holdout (`holdout17/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims19a` and `claims19b`
/// were fitting holdout14 and holdout15, and run once on main after both had merged
/// (docs/accuracy.md step 24; listing in `holdout17/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors. One of its off-topic texts gave a corridor row on
/// that run (g30), fixed by branch `claims20b`.
#[test]
fn seventeenth_holdout_corpus_figures() {
    let s = score("holdout17");
    print("holdout17", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.938),
        ("unit", 0.938),
        ("qualifier", 0.938),
        ("speaker", 0.897),
        ("organization", 0.917),
        ("period", 0.843),
        ("date", 0.836),
        ("route", 1.0),
    ];
    let precision = [
        ("quantity", 0.957),
        ("unit", 0.957),
        ("qualifier", 0.957),
        ("speaker", 0.935),
        ("organization", 0.977),
        ("period", 0.904),
        ("date", 0.871),
        ("route", 0.951),
    ];
    field_floors(&s, &recall, &precision);
}

/// The eighteenth holdout (`holdout18/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims20a` and `claims20b`
/// were fitting holdout16 and holdout17, and run once on main after both had merged
/// (docs/accuracy.md step 25; listing in `holdout18/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn eighteenth_holdout_corpus_figures() {
    let s = score("holdout18");
    print("holdout18", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.829),
        ("organization", 0.848),
        ("period", 0.847),
        ("date", 0.905),
        ("route", 0.943),
    ];
    let precision = [
        ("quantity", 1.0),
        ("unit", 1.0),
        ("qualifier", 1.0),
        ("speaker", 0.916),
        ("organization", 0.937),
        ("period", 0.928),
        ("date", 0.905),
        ("route", 0.943),
    ];
    field_floors(&s, &recall, &precision);
}

/// The nineteenth holdout (`holdout19/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims20a` and `claims20b`
/// were fitting holdout16 and holdout17, and run once on main after both had merged
/// (docs/accuracy.md step 25; listing in `holdout19/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn nineteenth_holdout_corpus_figures() {
    let s = score("holdout19");
    print("holdout19", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.944),
        ("unit", 0.908),
        ("qualifier", 0.944),
        ("speaker", 0.872),
        ("organization", 0.872),
        ("period", 0.832),
        ("date", 0.854),
        ("route", 0.937),
    ];
    let precision = [
        ("quantity", 0.98),
        ("unit", 0.942),
        ("qualifier", 0.98),
        ("speaker", 0.94),
        ("organization", 0.979),
        ("period", 0.853),
        ("date", 0.886),
        ("route", 1.0),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twentieth holdout (`holdout20/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims21a` and `claims21b`
/// were fitting holdout18 and holdout19, and run once on main after both had merged
/// (docs/accuracy.md step 26; listing in `holdout20/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn twentieth_holdout_corpus_figures() {
    let s = score("holdout20");
    print("holdout20", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.981),
        ("unit", 0.963),
        ("qualifier", 0.926),
        ("speaker", 0.708),
        ("organization", 0.726),
        ("period", 0.774),
        ("date", 0.854),
        ("route", 0.874),
    ];
    let precision = [
        ("quantity", 0.884),
        ("unit", 0.868),
        ("qualifier", 0.835),
        ("speaker", 0.708),
        ("organization", 0.726),
        ("period", 0.673),
        ("date", 0.769),
        ("route", 0.823),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-first holdout (`holdout21/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) while branches `claims21a` and `claims21b`
/// were fitting holdout18 and holdout19, and run once on main after both had merged
/// (docs/accuracy.md step 26; listing in `holdout21/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn twenty_first_holdout_corpus_figures() {
    let s = score("holdout21");
    print("holdout21", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.894),
        ("unit", 0.894),
        ("qualifier", 0.859),
        ("speaker", 0.788),
        ("organization", 0.806),
        ("period", 0.794),
        ("date", 0.771),
        ("route", 0.888),
    ];
    let precision = [
        ("quantity", 0.943),
        ("unit", 0.943),
        ("qualifier", 0.906),
        ("speaker", 0.864),
        ("organization", 0.884),
        ("period", 0.832),
        ("date", 0.829),
        ("route", 0.94),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-second holdout (`holdout22/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branches `claims22a` and `claims22b`
/// (fitted on holdout20 and holdout21) had merged, and run once on main at d2f69f9
/// (docs/accuracy.md step 28; listing in `holdout22/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn twenty_second_holdout_corpus_figures() {
    let s = score("holdout22");
    print("holdout22", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.941),
        ("unit", 0.941),
        ("qualifier", 0.922),
        ("speaker", 0.73),
        ("organization", 0.653),
        ("period", 0.799),
        ("date", 0.864),
        ("route", 0.904),
    ];
    let precision = [
        ("quantity", 0.941),
        ("unit", 0.941),
        ("qualifier", 0.922),
        ("speaker", 0.825),
        ("organization", 0.809),
        ("period", 0.836),
        ("date", 0.881),
        ("route", 0.999),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-third holdout (`holdout23/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branches `claims22a` and `claims22b`
/// (fitted on holdout20 and holdout21) had merged, and run once on main at d2f69f9
/// (docs/accuracy.md step 28; listing in `holdout23/first-run.log`): that first run is the estimate
/// for unseen text and its figures are the floors.
#[test]
fn twenty_third_holdout_corpus_figures() {
    let s = score("holdout23");
    print("holdout23", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.917),
        ("unit", 0.897),
        ("qualifier", 0.917),
        ("speaker", 0.754),
        ("organization", 0.795),
        ("period", 0.859),
        ("date", 0.836),
        ("route", 0.841),
    ];
    let precision = [
        ("quantity", 0.999),
        ("unit", 0.977),
        ("qualifier", 0.999),
        ("speaker", 0.84),
        ("organization", 0.885),
        ("period", 0.948),
        ("date", 0.91),
        ("route", 0.841),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-fourth holdout (`holdout24/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branches `claims23a` (the article's
/// sources as one table) and `claims23b` (fitted on holdout22 and holdout23) had merged, and run
/// once on main at 8ce3ebd (docs/accuracy.md step 30; listing in `holdout24/first-run.log`): that first
/// run is the estimate for unseen text and its figures are the floors.
#[test]
fn twenty_fourth_holdout_corpus_figures() {
    let s = score("holdout24");
    print("holdout24", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.921),
        ("unit", 0.901),
        ("qualifier", 0.921),
        ("speaker", 0.685),
        ("organization", 0.724),
        ("period", 0.782),
        ("date", 0.724),
        ("route", 0.888),
    ];
    let precision = [
        ("quantity", 0.824),
        ("unit", 0.806),
        ("qualifier", 0.824),
        ("speaker", 0.853),
        ("organization", 0.924),
        ("period", 0.836),
        ("date", 0.672),
        ("route", 0.726),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-fifth holdout (`holdout25/`), written blind in ordinary news layouts (its author read neither
/// the extractor's source nor its tests, nor ran it) after branches `claims23a` (the article's
/// sources as one table) and `claims23b` (fitted on holdout22 and holdout23) had merged, and run
/// once on main at 8ce3ebd (docs/accuracy.md step 30; listing in `holdout25/first-run.log`): that first
/// run is the estimate for unseen text and its figures are the floors.
#[test]
fn twenty_fifth_holdout_corpus_figures() {
    let s = score("holdout25");
    print("holdout25", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.88),
        ("unit", 0.863),
        ("qualifier", 0.846),
        ("speaker", 0.677),
        ("organization", 0.694),
        ("period", 0.749),
        ("date", 0.779),
        ("route", 0.904),
    ];
    let precision = [
        ("quantity", 0.98),
        ("unit", 0.961),
        ("qualifier", 0.942),
        ("speaker", 0.815),
        ("organization", 0.836),
        ("period", 0.817),
        ("date", 0.867),
        ("route", 0.863),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-sixth holdout (`holdout26/`), written blind as TYPICAL news (its author read neither the
/// extractor's source nor its tests, nor the corpus README's per-set paragraphs, and was asked for
/// each outlet's everyday shapes rather than new ones; nor ran it) while branches `claims24a` and
/// `claims24b` (fitted on holdout24 and holdout25) were written, and run once on main at 478040e
/// after they merged (docs/accuracy.md step 32; listing in `holdout26/first-run.log`): that first run
/// is the estimate for unseen typical news and its figures are the floors.
#[test]
fn twenty_sixth_holdout_corpus_figures() {
    let s = score("holdout26");
    print("holdout26", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.999),
        ("speaker", 0.916),
        ("organization", 0.916),
        ("period", 0.932),
        ("date", 0.895),
        ("route", 0.954),
    ];
    let precision = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.999),
        ("speaker", 0.956),
        ("organization", 0.956),
        ("period", 0.954),
        ("date", 0.934),
        ("route", 0.954),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-seventh holdout (`holdout27/`), written blind as TYPICAL news (its author read neither the
/// extractor's source nor its tests, nor the corpus README's per-set paragraphs, and was asked for
/// each outlet's everyday shapes rather than new ones; nor ran it) while branches `claims24a` and
/// `claims24b` (fitted on holdout24 and holdout25) were written, and run once on main at 478040e
/// after they merged (docs/accuracy.md step 32; listing in `holdout27/first-run.log`): that first run
/// is the estimate for unseen typical news and its figures are the floors.
#[test]
fn twenty_seventh_holdout_corpus_figures() {
    let s = score("holdout27");
    print("holdout27", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.919),
        ("unit", 0.919),
        ("qualifier", 0.919),
        ("speaker", 0.559),
        ("organization", 0.599),
        ("period", 0.866),
        ("date", 0.779),
        ("route", 0.881),
    ];
    let precision = [
        ("quantity", 0.957),
        ("unit", 0.957),
        ("qualifier", 0.957),
        ("speaker", 0.682),
        ("organization", 0.788),
        ("period", 0.95),
        ("date", 0.866),
        ("route", 0.832),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-eighth holdout (`holdout28/`), written blind as TYPICAL news (same brief as holdout26
/// and holdout27) while branches `claims26a` and `claims26b` (fitted on holdout24-27) were written,
/// and run once on main at 56d2f71 after they merged (docs/accuracy.md step 34; listing in
/// `holdout28/first-run.log`): that first run is the estimate for unseen typical news and its
/// figures are the floors.
#[test]
fn twenty_eighth_holdout_corpus_figures() {
    let s = score("holdout28");
    print("holdout28", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.958),
        ("qualifier", 0.999),
        ("speaker", 0.979),
        ("organization", 0.999),
        ("period", 0.931),
        ("date", 0.979),
        ("route", 0.94),
    ];
    let precision = [
        ("quantity", 0.999),
        ("unit", 0.958),
        ("qualifier", 0.999),
        ("speaker", 0.979),
        ("organization", 0.999),
        ("period", 0.952),
        ("date", 0.979),
        ("route", 0.999),
    ];
    field_floors(&s, &recall, &precision);
}

/// The twenty-ninth holdout (`holdout29/`), the twin of holdout28 (same brief, written at the same
/// time by another author), run once on main at 56d2f71 (docs/accuracy.md step 34; listing in
/// `holdout29/first-run.log`): its figures are the floors. One of its off-topic texts gave a
/// corridor row on that run (bg29, lorries crossing a border bridge "several times a day"), fixed
/// by branch `claims27a`; the set is now in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn twenty_ninth_holdout_corpus_figures() {
    let s = score("holdout29");
    print("holdout29", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.979),
        ("unit", 0.958),
        ("qualifier", 0.958),
        ("speaker", 0.856),
        ("organization", 0.856),
        ("period", 0.975),
        ("date", 0.836),
        ("route", 0.666),
    ];
    let precision = [
        ("quantity", 0.959),
        ("unit", 0.939),
        ("qualifier", 0.939),
        ("speaker", 0.932),
        ("organization", 0.954),
        ("period", 0.999),
        ("date", 0.819),
        ("route", 0.736),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirtieth holdout (`holdout30/`), written blind as TYPICAL news (same brief as holdout26-29)
/// while branch `claims27a` (fitted on holdout28 and holdout29) was written, and run once on main
/// at 204726f after it merged (docs/accuracy.md step 36; listing in `holdout30/first-run.log`):
/// that first run is the estimate for unseen typical news and its figures are the floors.
#[test]
fn thirtieth_holdout_corpus_figures() {
    let s = score("holdout30");
    print("holdout30", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.999),
        ("speaker", 0.903),
        ("organization", 0.922),
        ("period", 0.836),
        ("date", 0.807),
        ("route", 0.849),
    ];
    let precision = [
        ("quantity", 0.98),
        ("unit", 0.98),
        ("qualifier", 0.98),
        ("speaker", 0.903),
        ("organization", 0.922),
        ("period", 0.89),
        ("date", 0.874),
        ("route", 0.849),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-first holdout (`holdout31/`), the twin of holdout30 (same brief, written at the same
/// time by another author), run once on main at 204726f (docs/accuracy.md step 36; listing in
/// `holdout31/first-run.log`): its figures are the floors. One of its off-topic texts gave a
/// corridor row on that run (bi27, rounds a third country located for Ukraine on the world
/// market), so the set is not yet in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_first_holdout_corpus_figures() {
    let s = score("holdout31");
    print("holdout31", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.979),
        ("unit", 0.979),
        ("qualifier", 0.979),
        ("speaker", 0.939),
        ("organization", 0.939),
        ("period", 0.955),
        ("date", 0.879),
        ("route", 0.999),
    ];
    let precision = [
        ("quantity", 0.89),
        ("unit", 0.89),
        ("qualifier", 0.89),
        ("speaker", 0.886),
        ("organization", 0.903),
        ("period", 0.914),
        ("date", 0.799),
        ("route", 0.908),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-second holdout (`holdout32/`), written blind as TYPICAL news (the brief of holdout26-31)
/// while branches `claims28a` and `claims28b` (fitted on holdout27-31) were written, and run once
/// on main at 285a106 after both merged (docs/accuracy.md step 38; listing in
/// `holdout32/first-run.log`): that first run is the estimate for unseen typical news and its
/// figures are the floors.
#[test]
fn thirty_second_holdout_corpus_figures() {
    let s = score("holdout32");
    print("holdout32", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.946),
        ("unit", 0.946),
        ("qualifier", 0.933),
        ("speaker", 0.788),
        ("organization", 0.802),
        ("period", 0.847),
        ("date", 0.867),
        ("route", 0.937),
    ];
    let precision = [
        ("quantity", 0.946),
        ("unit", 0.946),
        ("qualifier", 0.933),
        ("speaker", 0.856),
        ("organization", 0.87),
        ("period", 0.888),
        ("date", 0.867),
        ("route", 0.908),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-third holdout (`holdout33/`), written with holdout32 by another author (same brief), run
/// once on main at 285a106 (docs/accuracy.md step 38; listing in `holdout33/first-run.log`): its
/// figures are the floors. Two of its off-topic texts gave corridor rows on that run (bk29 coal
/// tonnes at Rajin, bk31 North Korea's own missile launches), fixed by branch `claims29b` (step
/// 39); the set is now in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_third_holdout_corpus_figures() {
    let s = score("holdout33");
    print("holdout33", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.967),
        ("unit", 0.967),
        ("qualifier", 0.967),
        ("speaker", 0.809),
        ("organization", 0.856),
        ("period", 0.832),
        ("date", 0.793),
        ("route", 0.966),
    ];
    let precision = [
        ("quantity", 0.923),
        ("unit", 0.923),
        ("qualifier", 0.923),
        ("speaker", 0.822),
        ("organization", 0.884),
        ("period", 0.892),
        ("date", 0.757),
        ("route", 0.905),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-fourth holdout (`holdout34/`), written blind at the same time as holdout32 and holdout33
/// (same brief, a third author), run once on main at 285a106 (docs/accuracy.md step 38; listing
/// in `holdout34/first-run.log`): its figures are the floors.
#[test]
fn thirty_fourth_holdout_corpus_figures() {
    let s = score("holdout34");
    print("holdout34", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.964),
        ("unit", 0.946),
        ("qualifier", 0.964),
        ("speaker", 0.788),
        ("organization", 0.841),
        ("period", 0.765),
        ("date", 0.894),
        ("route", 0.943),
    ];
    let precision = [
        ("quantity", 0.947),
        ("unit", 0.93),
        ("qualifier", 0.947),
        ("speaker", 0.832),
        ("organization", 0.905),
        ("period", 0.765),
        ("date", 0.878),
        ("route", 0.809),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-fifth holdout (`holdout35/`), the fourth set of the same round (same brief, a fourth
/// author), run once on main at 285a106 (docs/accuracy.md step 38; listing in
/// `holdout35/first-run.log`): its figures are the floors. One of its off-topic texts gave a
/// corridor row on that run (bm30, a train of 30 wagons of flour), fixed by branch `claims29b`
/// (step 39); the set is now in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_fifth_holdout_corpus_figures() {
    let s = score("holdout35");
    print("holdout35", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.982),
        ("unit", 0.965),
        ("qualifier", 0.982),
        ("speaker", 0.93),
        ("organization", 0.965),
        ("period", 0.666),
        ("date", 0.93),
        ("route", 0.869),
    ];
    let precision = [
        ("quantity", 0.85),
        ("unit", 0.835),
        ("qualifier", 0.85),
        ("speaker", 0.817),
        ("organization", 0.888),
        ("period", 0.719),
        ("date", 0.805),
        ("route", 0.768),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-sixth holdout (`holdout36/`), the first of four sets written blind at the same time by
/// four authors under the typical-news brief while branches `claims30a/b/c` were fitted on
/// holdout32-35, run once on main at 3af93a8 after all three merged (docs/accuracy.md step 41;
/// listing in `holdout36/first-run.log`): its figures are the floors. Its off-topic texts gave no
/// corridor row on that run, so the set is in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_sixth_holdout_corpus_figures() {
    let s = score("holdout36");
    print("holdout36", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.999),
        ("speaker", 0.908),
        ("organization", 0.923),
        ("period", 0.888),
        ("date", 0.954),
        ("route", 0.999),
    ];
    let precision = [
        ("quantity", 0.956),
        ("unit", 0.956),
        ("qualifier", 0.956),
        ("speaker", 0.922),
        ("organization", 0.937),
        ("period", 0.835),
        ("date", 0.912),
        ("route", 0.881),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-seventh holdout (`holdout37/`), the second of four sets written blind at the same time by
/// four authors under the typical-news brief while branches `claims30a/b/c` were fitted on
/// holdout32-35, run once on main at 3af93a8 after all three merged (docs/accuracy.md step 41;
/// listing in `holdout37/first-run.log`): its figures are the floors. Its off-topic texts gave no
/// corridor row on that run, so the set is in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_seventh_holdout_corpus_figures() {
    let s = score("holdout37");
    print("holdout37", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.985),
        ("qualifier", 0.999),
        ("speaker", 0.912),
        ("organization", 0.927),
        ("period", 0.749),
        ("date", 0.811),
        ("route", 0.965),
    ];
    let precision = [
        ("quantity", 0.895),
        ("unit", 0.882),
        ("qualifier", 0.895),
        ("speaker", 0.828),
        ("organization", 0.876),
        ("period", 0.749),
        ("date", 0.811),
        ("route", 0.799),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-eighth holdout (`holdout38/`), the third of four sets written blind at the same time by
/// four authors under the typical-news brief while branches `claims30a/b/c` were fitted on
/// holdout32-35, run once on main at 3af93a8 after all three merged (docs/accuracy.md step 41;
/// listing in `holdout38/first-run.log`): its figures are the floors. Its off-topic texts gave no
/// corridor row on that run, so the set is in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_eighth_holdout_corpus_figures() {
    let s = score("holdout38");
    print("holdout38", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.983),
        ("qualifier", 0.999),
        ("speaker", 0.872),
        ("organization", 0.951),
        ("period", 0.876),
        ("date", 0.951),
        ("route", 0.951),
    ];
    let precision = [
        ("quantity", 0.912),
        ("unit", 0.898),
        ("qualifier", 0.912),
        ("speaker", 0.832),
        ("organization", 0.922),
        ("period", 0.805),
        ("date", 0.869),
        ("route", 0.832),
    ];
    field_floors(&s, &recall, &precision);
}

/// The thirty-ninth holdout (`holdout39/`), the fourth of four sets written blind at the same time by
/// four authors under the typical-news brief while branches `claims30a/b/c` were fitted on
/// holdout32-35, run once on main at 3af93a8 after all three merged (docs/accuracy.md step 41;
/// listing in `holdout39/first-run.log`): its figures are the floors. Its off-topic texts gave no
/// corridor row on that run, so the set is in `off_topic_texts_give_no_corridor_rows`.
#[test]
fn thirty_ninth_holdout_corpus_figures() {
    let s = score("holdout39");
    print("holdout39", &s);
    assert!(s.texts >= 30 && s.off_topic_texts.len() >= 5);
    let recall = [
        ("quantity", 0.999),
        ("unit", 0.999),
        ("qualifier", 0.967),
        ("speaker", 0.805),
        ("organization", 0.789),
        ("period", 0.859),
        ("date", 0.934),
        ("route", 0.792),
    ];
    let precision = [
        ("quantity", 0.885),
        ("unit", 0.885),
        ("qualifier", 0.856),
        ("speaker", 0.724),
        ("organization", 0.859),
        ("period", 0.859),
        ("date", 0.828),
        ("route", 0.718),
    ];
    field_floors(&s, &recall, &precision);
}
