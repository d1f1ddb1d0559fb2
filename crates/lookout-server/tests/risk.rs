//! The risk API over real HTTP: the ranked fleet with every signal's evidence rows, each row
//! linked to the API resource that holds it; one vessel's breakdown; the date scored.

mod common;

use common::{fixture, public_fixture, start, ANGARA, GAP_START, OTHER};
use serde_json::Value;

async fn get(url: &str) -> (u16, Value) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    (status, r.json::<Value>().await.unwrap_or(Value::Null))
}

/// The signal `name` of a scored vessel.
fn signal<'a>(row: &'a Value, name: &str) -> &'a Value {
    row["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["signal"] == name)
        .unwrap_or_else(|| panic!("no signal {name} in {row}"))
}

/// Every evidence row of every vessel of a ranked list.
fn evidence(list: &Value) -> Vec<&Value> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["signals"].as_array().unwrap())
        .flat_map(|s| s["evidence"].as_array().unwrap())
        .collect()
}

/// Every linked evidence row resolves to its record (the event, FtM record or observation).
async fn links_resolve(base: &str, list: &Value) -> usize {
    let mut linked = 0;
    for e in evidence(list) {
        let Some(href) = e["href"].as_str() else {
            assert!(
                !["event", "ftm", "observation"].contains(&e["kind"].as_str().unwrap()),
                "{e}"
            );
            continue;
        };
        let (s, record) = get(&format!("{base}{href}")).await;
        assert_eq!(s, 200, "{href}: {record}");
        // Events carry the column contract's `event_id`.
        let id = record.get("event_id").unwrap_or(&record["id"]);
        assert_eq!(id, &e["id"], "{href}");
        linked += 1;
    }
    linked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ranked_fleet_explains_every_score_with_linked_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let base = start(&project, &out, None).await;
    let api = format!("{base}/api/v1");

    let (s, list) = get(&format!("{api}/risk")).await;
    assert_eq!(s, 200, "{list}");
    // Scored on the end of the latest event (ANGARA's gap ends on 2023-08-23).
    assert_eq!(list["date"], "2023-08-23T00:00:00Z");
    let items = list["items"].as_array().unwrap();
    assert_eq!(list["total"], items.len());
    let scores: Vec<f64> = items.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for (i, r) in items.iter().enumerate() {
        assert_eq!(r["rank"], i + 1);
        // The score is the signals' points, capped at 100.
        let points: f64 = r["signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["points"].as_f64().unwrap())
            .sum();
        assert!(
            (r["score"].as_f64().unwrap() - points.min(100.0)).abs() < 0.11,
            "{r}"
        );
    }

    // ANGARA (listed by IMO in the bundled sanctions file) ranks first; its dark time cites
    // the gap towards Dunai, and its listing the FtM sanction.
    let angara = &items[0];
    assert_eq!(angara["vessel"]["name"], "ANGARA");
    assert_eq!(angara["vessel_id"], "ANGARA");
    assert_eq!(angara["sanctions"]["status"], "listed");
    let gap_id = format!("gap-{ANGARA}-{}", GAP_START / 1000);
    let dark = signal(angara, "dark");
    assert!(dark["points"].as_f64().unwrap() > 0.0, "{dark}");
    assert_eq!(dark["evidence"][0]["id"], gap_id.as_str());
    assert_eq!(
        dark["evidence"][0]["href"],
        format!("/api/v1/events/{gap_id}")
    );
    let listed = signal(angara, "listed");
    assert_eq!(listed["points"], 100.0);
    assert_eq!(listed["evidence"][0]["kind"], "ftm");
    assert!(listed["note"].as_str().unwrap().contains("United States"));

    // Every linked row opens: events, FtM records and observations alike.
    let linked = links_resolve(&base, &list).await;
    assert!(linked >= 4, "{linked} linked evidence rows");

    // Before ANGARA's listing (2022-05-01) the listing signal gives nothing.
    let (_, early) = get(&format!("{api}/risk?date=2022-04-30")).await;
    assert_eq!(early["date"], "2022-04-30T00:00:00Z");
    let angara_early = early["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["vessel"]["name"] == "ANGARA")
        .unwrap();
    assert_eq!(signal(angara_early, "listed")["points"], 0.0);

    // Filters and one vessel's breakdown, ranked as in the list.
    let (_, unwatched) = get(&format!("{api}/risk?watched=false")).await;
    let names: Vec<&Value> = unwatched["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["vessel"]["mmsis"])
        .collect();
    assert_eq!(names, [&serde_json::json!([OTHER])], "{unwatched}");
    let (s, one) = get(&format!("{api}/vessels/ANGARA/risk")).await;
    assert_eq!(s, 200, "{one}");
    assert_eq!(
        (one["rank"].clone(), one["score"].clone()),
        (1.into(), angara["score"].clone())
    );
    assert_eq!(one["of"], list["total"]);
    assert_eq!(signal(&one, "dark"), dark);
    let (s, _) = get(&format!("{api}/vessels/{OTHER}/risk")).await;
    assert_eq!(s, 200);

    // Bad dates and unknown vessels are problems.
    let (s, p) = get(&format!("{api}/risk?date=soon")).await;
    assert_eq!((s, p["status"].clone()), (400, 400.into()), "{p}");
    let (s, _) = get(&format!("{api}/vessels/NOSUCH/risk")).await;
    assert_eq!(s, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_record_example_is_scored_without_ais() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = public_fixture(dir.path());
    let base = start(&project, &out, None).await;
    let (s, list) = get(&format!("{base}/api/v1/risk")).await;
    assert_eq!(s, 200, "{list}");
    let items = list["items"].as_array().unwrap();
    assert!(!items.is_empty());
    // No AIS: no dark time, but the real designations score.
    for r in items {
        assert_eq!(signal(r, "dark")["points"], 0.0, "{r}");
    }
    assert!(
        items.iter().any(|r| signal(r, "listed")["points"] == 100.0),
        "{list}"
    );
    links_resolve(&base, &list).await;
}
