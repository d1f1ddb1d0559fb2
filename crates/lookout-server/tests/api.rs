//! The API over real HTTP on loopback: reads, filters, pagination, problem details, OpenAPI
//! coverage, and authenticated, validated, atomic, audited writes that change the ledger.

mod common;

use common::{fixture, start, ANGARA};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn get(url: &str) -> (StatusCode, String, Value) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status();
    let ctype = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = r.json::<Value>().await.unwrap_or(Value::Null);
    (status, ctype, body)
}

/// A request with the test token and an optional JSON body.
async fn authed(method: &str, url: String, body: Option<&Value>) -> reqwest::Response {
    let mut r = Client::new()
        .request(method.parse().unwrap(), url)
        .bearer_auth("s3cret");
    if let Some(b) = body {
        r = r.json(b);
    }
    r.send().await.unwrap()
}

fn assert_problem(status: StatusCode, ctype: &str, body: &Value, want: u16) {
    assert_eq!(status.as_u16(), want, "{body}");
    assert_eq!(ctype, "application/problem+json");
    assert_eq!(body["status"], want);
    assert!(
        body["title"].is_string() && body["detail"].is_string(),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_search_filter_and_paginate() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let base = start(&project, &out, None).await;
    let api = format!("{base}/api/v1");

    let (s, _, index) = get(&api).await;
    assert_eq!(s, 200);
    assert_eq!(index["writable"], false);

    // Vessels: watchlist plus the store's other vessel; search by name, MMSI prefix, IMO.
    let (_, _, all) = get(&format!("{api}/vessels")).await;
    assert_eq!(all["total"], 5, "{all}");
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&get(&format!("{api}/vessels?q=angara")).await.2),
        ["ANGARA"]
    );
    assert_eq!(
        ids(&get(&format!("{api}/vessels?q=sea%20star")).await.2),
        ["440000001"]
    );
    assert_eq!(
        ids(&get(&format!("{api}/vessels?q=273900101")).await.2),
        ["ANGARA"]
    );
    assert_eq!(
        ids(&get(&format!("{api}/vessels?q=9876543")).await.2),
        ["440000001"]
    );
    assert_eq!(
        get(&format!("{api}/vessels?watched=false")).await.2["total"],
        1
    );
    let page = get(&format!("{api}/vessels?limit=2&offset=3")).await.2;
    assert_eq!((page["total"].as_u64(), ids(&page).len()), (Some(5), 2));

    // A vessel by IMO: identity history from the store, sanctions, voyages.
    let (s, _, v) = get(&format!("{api}/vessels/9179842")).await;
    assert_eq!(s, 200);
    assert_eq!(v["id"], "ANGARA");
    assert_eq!(v["identity_history"][0]["names"][0][0], "ANGARA");
    assert_eq!(
        v["sanctions_now"]["status"], "listed",
        "{}",
        v["sanctions_now"]
    );
    assert!(!v["voyages"].as_array().unwrap().is_empty());
    assert_eq!(v["event_counts"]["gap"], 1);

    // Tracks: all points, a time range, and fewer points when zoomed out.
    let track = |q: &str| {
        let url = format!("{api}/tracks/{ANGARA}{q}");
        async move { get(&url).await.2 }
    };
    let full = track("").await;
    assert_eq!(full["points"], 600);
    assert_eq!(
        full["coordinates"][0],
        json!([130.3, 42.233, 1_692_489_600_000.0])
    );
    let cut = track("?start=2023-08-20T01:00:00Z&end=2023-08-20T02:00:00Z").await;
    assert_eq!(cut["points"], 60);
    let far = track("?zoom=4").await["points"].as_u64().unwrap();
    let near = track("?zoom=12").await["points"].as_u64().unwrap();
    assert!(
        far < near && near < 600 && far >= 2,
        "zoom 4: {far}, zoom 12: {near}"
    );

    // Events: by type, area, vessel, time.
    let n = |v: Value| v["total"].as_u64().unwrap();
    assert_eq!(n(get(&format!("{api}/events")).await.2), 3);
    assert_eq!(
        n(get(&format!("{api}/events?type=gap,port_visit")).await.2),
        2
    );
    let dunai = "Dunai%20(Dunay)%20naval%20facility,%20Primorye";
    assert_eq!(n(get(&format!("{api}/events?area={dunai}")).await.2), 1);
    assert_eq!(n(get(&format!("{api}/events?vessel=angara")).await.2), 2);
    assert_eq!(
        n(
            get(&format!("{api}/events?start=2023-08-21&end=2023-09-01"))
                .await
                .2
        ),
        1
    );

    // Voyages with evidence; ledger; claims with comparisons; observations filtered.
    let (_, _, voyages) = get(&format!("{api}/voyages?vessel=ANGARA&limit=1")).await;
    assert_eq!(voyages["items"].as_array().unwrap().len(), 1);
    assert!(voyages["total"].as_u64().unwrap() > 1);
    let id = voyages["items"][0]["id"].as_str().unwrap().to_owned();
    let (s, _, v) = get(&format!("{api}/voyages/{id}")).await;
    assert_eq!(s, 200);
    assert!(
        !v["evidence_observations"].as_array().unwrap().is_empty(),
        "{v}"
    );
    assert!(v["cargo"]["low"].as_f64().unwrap() <= v["cargo"]["high"].as_f64().unwrap());
    let (_, _, ledger) = get(&format!("{api}/ledger")).await;
    let total = &ledger["corridors"][0]["total"];
    assert!(total["central"].as_f64().unwrap() > 1000.0, "{total}");
    assert!(!ledger["corridors"][0]["weeks"]
        .as_array()
        .unwrap()
        .is_empty());
    let (_, _, claims) = get(&format!("{api}/claims?limit=1000")).await;
    assert_eq!(claims["total"], 47);
    assert!(claims["items"][2]["comparison"]["position"].is_string());
    let (_, _, obs) = get(&format!(
        "{api}/observations?vessel=angara&kind=containers_on_deck"
    ))
    .await;
    assert!(obs["total"].as_u64().unwrap() > 0);
    assert!(obs["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["vessel"] == "ANGARA"));
    let first = obs["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        get(&format!("{api}/observations/{first}")).await.2["id"],
        first
    );

    // Errors are problem details with the right status.
    let (s, c, b) = get(&format!("{api}/voyages/V999")).await;
    assert_problem(s, &c, &b, 404);
    let (s, c, b) = get(&format!("{api}/nothing/here")).await;
    assert_problem(s, &c, &b, 404);
    let (s, c, b) = get(&format!("{api}/vessels?limit=0")).await;
    assert_problem(s, &c, &b, 400);
    let (s, c, b) = get(&format!("{api}/events?start=yesterday")).await;
    assert_problem(s, &c, &b, 400);
    let (s, c, b) = get(&format!("{api}/events?type=boats")).await;
    assert_problem(s, &c, &b, 400);
    let (s, c, b) = get(&format!("{api}/tracks/{ANGARA}?zoom=99")).await;
    assert_problem(s, &c, &b, 400);
    let (s, c, b) = get(&format!("{api}/tracks/12345")).await;
    assert_problem(s, &c, &b, 404);
    let r = Client::new()
        .patch(format!("{api}/ledger"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    // No path from a request reaches the file system.
    let (s, _, _) = get(&format!("{base}/..%2f..%2fCargo.toml")).await;
    assert_eq!(s, 404);
    let r = reqwest::get(format!("{base}/")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(r.text().await.unwrap().contains("<title>Lookout</title>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let base = start(&project, &out, Some("t0ken")).await;
    let (s, _, doc) = get(&format!("{base}/api/v1/openapi.json")).await;
    assert_eq!(s, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 19);
    let client = Client::new();
    for (path, ops) in paths {
        let url = base.clone()
            + &path
                .replace("{mmsi}", &ANGARA.to_string())
                .replace("/vessels/{id}", "/vessels/ANGARA")
                .replace("/voyages/{id}", "/voyages/V001")
                .replace("/claims/{id}", "/claims/claim:2")
                .replace("/observations/{id}", "/observations/obs:2")
                .replace("/events/{id}", &format!("/events/gap-{ANGARA}-1692525600"))
                .replace("/sanctions/{id}", "/sanctions/lookout-ex-vessel-angara");
        for method in ops.as_object().unwrap().keys() {
            // Writes without a token: the route exists and asks for the token.
            let r = client
                .request(method.to_uppercase().parse().unwrap(), &url)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            let want = if method == "get" { 200 } else { 401 };
            assert_eq!(r.status().as_u16(), want, "{method} {path}");
        }
    }
    // Every documented schema reference resolves.
    let text = doc.to_string();
    for r in text.split("\"#/components/schemas/").skip(1) {
        let name = &r[..r.find('"').unwrap()];
        assert!(doc["components"]["schemas"][name].is_object(), "{name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_need_the_token_are_validated_persisted_audited_and_recompute_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let original = std::fs::read(project.join("observations.csv")).unwrap();
    let api = format!("{}/api/v1", start(&project, &out, Some("s3cret")).await);
    let client = Client::new();
    let row = json!({"time": "2023-08-18T02:00:00Z", "site": "Rajin (Najin) port",
                     "kind": "containers_on_deck", "vessel": "ANGARA", "count": 900,
                     "source": "analyst", "note": "test"});
    let post = |token: Option<&str>, body: Value| {
        let mut r = client.post(format!("{api}/observations")).json(&body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    // No token, wrong token: 401 with a challenge; the file is untouched.
    for t in [None, Some("wrong")] {
        let r = post(t, row.clone()).await.unwrap();
        assert_eq!(r.status(), 401);
        assert!(r.headers().get("www-authenticate").is_some());
    }
    // Invalid rows: the ledger crate's own validation, with the field named.
    let bad = json!({"time": "2023-08-18", "site": "Atlantis", "kind": "boats"});
    let r = post(Some("s3cret"), bad).await.unwrap();
    assert_eq!(r.status(), 422);
    let b: Value = r.json().await.unwrap();
    let fields: Vec<&str> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"site") && fields.contains(&"kind"), "{b}");
    let r = post(
        Some("s3cret"),
        json!({"time": "2023-08-18", "colour": "red"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let huge = json!({"note": "x".repeat(100_000)});
    assert_eq!(post(Some("s3cret"), huge).await.unwrap().status(), 413);
    let r = client
        .post(format!("{api}/observations"))
        .bearer_auth("s3cret")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        std::fs::read(project.join("observations.csv")).unwrap(),
        original
    );

    let ledger = || async {
        let l: Value = client
            .get(format!("{api}/ledger"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (
            l["revision"].as_u64().unwrap(),
            l["corridors"][0]["total"]["central"].as_f64().unwrap(),
        )
    };
    let (rev0, total0) = ledger().await;
    assert_eq!(rev0, 0);

    // Create: 201 with Location, row in the CSV, audit line, ledger recomputed.
    let r = post(Some("s3cret"), row.clone()).await.unwrap();
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/observations/{id}"));
    assert_eq!(
        (created["count"].as_f64(), created["revision"].as_u64()),
        (Some(900.0), Some(1))
    );
    let text = std::fs::read_to_string(project.join("observations.csv")).unwrap();
    assert!(text.ends_with(
        "2023-08-18T02:00:00Z,Rajin (Najin) port,containers_on_deck,ANGARA,900,,,analyst,,test,\n"
    ));
    let (rev1, total1) = ledger().await;
    assert_eq!(rev1, 1);
    assert!(
        total1 > total0,
        "a 900-container count raises the total: {total0} -> {total1}"
    );

    // Update, then delete: the file is back to its original bytes.
    let mut changed = row.clone();
    changed["count"] = json!(100);
    // With If-Match, only the row as read is replaced: a stale tag gets 412.
    let url = format!("{api}/observations/{id}");
    let etag = reqwest::get(&url).await.unwrap().headers()["etag"].clone();
    let put = |tag: &str| {
        client
            .put(&url)
            .bearer_auth("s3cret")
            .header("if-match", tag)
            .json(&changed)
            .send()
    };
    let r = put("\"0123456789abcdef\"").await.unwrap();
    assert_eq!(r.status(), 412);
    let r = put(etag.to_str().unwrap()).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_ne!(r.headers()["etag"], etag, "the row changed, so its tag did");
    let (rev2, total2) = ledger().await;
    assert!(rev2 == 2 && total2 < total1);
    let r = authed("DELETE", format!("{api}/observations/{id}"), None).await;
    assert_eq!(r.status(), 204);
    let r = authed("DELETE", format!("{api}/observations/{id}"), None).await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        std::fs::read(project.join("observations.csv")).unwrap(),
        original
    );
    let (rev3, total3) = ledger().await;
    assert_eq!((rev3, total3), (3, total0));

    // The audit log: one line per write with before and after.
    let audit = std::fs::read_to_string(project.join("audit.jsonl")).unwrap();
    let lines: Vec<Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "update", "delete"]);
    assert_eq!(lines[0]["before"], Value::Null);
    assert_eq!(lines[0]["after"]["count"], "900");
    assert_eq!(
        (
            lines[1]["before"]["count"].as_str(),
            lines[1]["after"]["count"].as_str()
        ),
        (Some("900"), Some("100"))
    );
    assert_eq!(lines[2]["after"], Value::Null);
    assert!(lines
        .iter()
        .all(|l| l["time"].as_str().unwrap().ends_with('Z')));

    // Claims: add one, see its comparison, delete it.
    let claim = json!({"date": "2023-10-01", "speaker": "Test", "organization": "Test org",
        "quantity": 5000, "qualifier": "about", "unit": "containers",
        "period_start": "2023-08-10", "period_end": "2023-10-01",
        "route": "sea:Rajin->Dunai|Vostochny", "statement_summary": "test", "source_url": ""});
    let r = authed("POST", format!("{api}/claims"), Some(&claim)).await;
    assert_eq!(r.status(), 201);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["id"], "claim:49");
    assert!(c["comparison"]["position"].is_string(), "{c}");
    let mut bad = claim.clone();
    bad["qualifier"] = json!("roughly");
    let r = authed("PUT", format!("{api}/claims/claim:49"), Some(&bad)).await;
    assert_eq!(r.status(), 422);
    let r = authed("DELETE", format!("{api}/claims/claim:49"), None).await;
    assert_eq!(r.status(), 204);
    // The rows are back as they were (a write normalizes line endings to \n).
    let rows = |p: &std::path::Path| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(p)
            .unwrap()
            .records()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        rows(&project.join("claims.csv")),
        rows(&common::example().join("claims.csv"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_the_server_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let api = format!("{}/api/v1", start(&project, &out, None).await);
    let r = Client::new()
        .post(format!("{api}/observations"))
        .bearer_auth("anything")
        .json(&json!({"time": "2023-08-18", "site": "Rajin (Najin) port", "kind": "vessel_absent"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!project.join("audit.jsonl").exists());
}
