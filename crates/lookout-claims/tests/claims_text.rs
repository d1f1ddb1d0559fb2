//! `lookout_claims::extract` on news-style texts written for the test: attribution before and
//! after the quote, ranges, percentages, written-out numbers, periods and article dates.

use lookout_claims::extract;
use lookout_project::ClaimRow;

fn text(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn find<'a>(rows: &'a [ClaimRow], unit: &str, q: f64) -> &'a ClaimRow {
    rows.iter()
        .find(|r| r.unit == unit && (r.quantity == Some(q) || r.quantity_high == Some(q)))
        .unwrap_or_else(|| panic!("no {q} {unit} in {rows:#?}"))
}

fn s_speaker(rows: &[ClaimRow], q: f64) -> &str {
    &rows.iter().find(|r| r.quantity == Some(q)).unwrap().speaker
}

#[test]
fn seoul_article() {
    let rows = extract(&text("news_seoul.txt"));
    let c = find(&rows, "containers", 7000.0);
    assert_eq!(c.date, "2024-03-18");
    assert_eq!(c.qualifier, "about");
    assert_eq!(c.speaker, "Shin Won-sik", "attribution after the quote");
    assert_eq!(
        s_speaker(&rows, 3e6),
        "Shin Won-sik",
        "surname alone in the next paragraph"
    );
    assert_eq!(
        (c.period_start.as_str(), c.period_end.as_str()),
        ("2023", "2024-03-18")
    );
    // Capacity claim: "more than 3 million 152 mm artillery shells" could be held.
    let s = find(&rows, "artillery_shells_152mm", 3e6);
    assert_eq!(s.qualifier, "capacity_equivalent");
    // Written-out number, organization after "according to", "since August" before the article.
    let t = find(&rows, "transfers", 10.0);
    assert_eq!(t.qualifier, "at_least");
    assert_eq!(t.organization, "National Intelligence Service");
    assert_eq!(t.period_start, "2023-08");
    let trips = find(&rows, "voyages", 9.0);
    assert_eq!(
        (trips.period_start.as_str(), trips.period_end.as_str()),
        ("2023-10", "2023-12")
    );
    assert_eq!(trips.organization, "Open Source Centre");
    let boxes = find(&rows, "containers", 2000.0);
    assert_eq!(boxes.qualifier, "about");
    assert_eq!(
        boxes.organization, "Open Source Centre",
        "\"they wrote\": the paragraph's source"
    );
    let pct = find(&rows, "percent", 40.0);
    assert_eq!(
        (pct.period_start.as_str(), pct.period_end.as_str()),
        ("2023-10", "2023-10")
    );
    // No calibre, year or date turned into a claim.
    assert!(rows
        .iter()
        .all(|r| r.quantity != Some(152.0) && r.quantity != Some(2024.0)));
    assert_eq!(rows.len(), 6, "{rows:#?}");
    // Written in the claims.csv columns, whole numbers without a decimal point.
    let mut csv = Vec::new();
    lookout_claims::write_csv(&rows, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("date,speaker,organization,quantity,"));
    assert!(
        csv.contains(",7000,,,about,containers,2023,2024-03-18,"),
        "{csv}"
    );
}

#[test]
fn washington_article() {
    let rows = extract(&text("news_washington.txt"));
    let c = find(&rows, "containers", 16500.0);
    assert_eq!(c.date, "2024-09-04");
    assert_eq!(
        c.source_url,
        "https://example.org/news/us-official-containers"
    );
    assert_eq!(c.qualifier, "more_than");
    assert_eq!(c.speaker, "Robert Koepcke");
    assert_eq!(c.organization, "US Department of State");
    assert_eq!(c.period_start, "2023-09");
    let r = rows
        .iter()
        .find(|r| r.quantity_low == Some(300.0))
        .expect("range");
    assert_eq!(
        (r.quantity_high, r.unit.as_str()),
        (Some(7000.0), "containers")
    );
    let five = find(&rows, "artillery_shells", 5e6);
    assert_eq!(
        (five.qualifier.as_str(), five.period_start.as_str()),
        ("up_to", "2024")
    );
    let kirby = find(&rows, "containers", 1000.0);
    assert_eq!(
        (kirby.speaker.as_str(), kirby.qualifier.as_str()),
        ("John Kirby", "more_than")
    );
    let range = rows
        .iter()
        .find(|r| r.quantity_high == Some(6e6))
        .expect("4-6 million");
    assert_eq!(range.quantity_low, Some(4e6));
    assert_eq!(range.organization, "C4ADS");
}
