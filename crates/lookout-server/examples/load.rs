//! A bounded load test of the track endpoint on loopback: N requests, C at a time, over every
//! vessel with positions, varied zoom levels and month-long time windows; prints p50/p90/p99
//! latency, throughput and errors.
//!
//! `cargo run --release -p lookout-server --example load -- http://127.0.0.1:8080 [N] [C]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args
        .next()
        .ok_or("usage: load BASE_URL [REQUESTS] [CONCURRENCY]")?;
    let total: usize = args.next().map_or(Ok(10_000), |s| s.parse())?;
    let conc: usize = args.next().map_or(Ok(16), |s| s.parse())?;
    let client = reqwest::Client::new();
    let vessels: Value = client
        .get(format!("{base}/api/v1/vessels?limit=1000"))
        .send()
        .await?
        .json()
        .await?;
    let mmsis: Vec<u64> = vessels["items"]
        .as_array()
        .ok_or("no vessels")?
        .iter()
        .filter(|v| v["positions"].as_u64() > Some(0))
        .flat_map(|v| v["mmsi"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m.as_u64())
        .collect();
    if mmsis.is_empty() {
        return Err("no vessel has positions".into());
    }
    let months = [
        "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01",
    ];
    let urls: Arc<Vec<String>> = Arc::new(
        (0..total)
            .map(|i| {
                let m = mmsis[i % mmsis.len()];
                let zoom = 4 + i % 9;
                let month = months[(i / mmsis.len()) % months.len()];
                format!("{base}/api/v1/tracks/{m}?zoom={zoom}&start={month}-01&end={month}-28")
            })
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..conc {
        let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0usize;
            let mut bytes = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= urls.len() {
                    break;
                }
                let t = Instant::now();
                match client.get(&urls[i]).send().await {
                    Ok(r) if r.status().is_success() => match r.bytes().await {
                        Ok(b) => bytes += b.len(),
                        Err(_) => errors += 1,
                    },
                    _ => errors += 1,
                }
                lat.push(t.elapsed());
            }
            (lat, errors, bytes)
        }));
    }
    let (mut lat, mut errors, mut bytes) = (Vec::<Duration>::new(), 0, 0);
    for w in workers {
        let (l, e, b) = w.await?;
        lat.extend(l);
        errors += e;
        bytes += b;
    }
    let wall = started.elapsed();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    println!(
        "{} track requests, {} at a time, {} vessels: {:.1} s, {:.0} req/s, {} errors, {:.1} MB received",
        lat.len(),
        conc,
        mmsis.len(),
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64(),
        errors,
        bytes as f64 / 1e6
    );
    println!(
        "latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.9).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        lat.last().unwrap().as_secs_f64() * 1e3
    );
    Ok(())
}
