//! One watermark per feed: the watch's watermark is the slowest active feed's, so a feed that
//! has not sent yet (or lags) is not dropped by a faster one; a feed idle past
//! `feed_idle_seconds` stops holding it back (`tests/feeds.rs` checks that side: the records of
//! a feed that was idle, older than the watermark the others moved, are counted late).

mod common;

use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_that_has_not_sent_yet_is_not_dropped_by_a_faster_one() {
    let dir = tempfile::tempdir().unwrap();
    // Feed "fast": a day of the simulated Rajin departures (from 2023-10-01), there at start.
    let lines = common::rajin_departures(dir.path(), 1.0);
    let fast = dir.path().join("ais.nmea");
    // Feed "slow": aisstream.io positions of another vessel, 2023-10-01 00:00-01:59, which
    // appear only once the fast feed has been read to its end.
    let slow = dir.path().join("slow.jsonl");
    let feeds = format!(
        "[[feed]]\nname = \"fast\"\nurl = \"file:{}\"\n[[feed]]\nname = \"slow\"\nurl = \"file:{}\"\nformat = \"aisstream\"\n",
        fast.display(),
        slow.display()
    );
    let project = common::project(dir.path(), &feeds, "");
    common::watch_settings(&project, "feed_idle_seconds = 3600");
    let (watch, base) = common::start(&project, None).await;
    let total = lines.len() as u64;
    let s = common::wait_for(&base, Duration::from_secs(300), |s| {
        common::feed(s, "fast")["lines"].as_u64() == Some(total)
    })
    .await;
    // The slow feed is active (started, not idle) and has sent nothing: it holds the watermark.
    assert!(s["watermark"].is_null(), "{s:#}");
    assert_eq!(common::feed(&s, "slow")["idle"], false);
    assert!(common::feed(&s, "fast")["watermark"].is_string());

    let positions = common::aisstream_positions(273_000_777, 120);
    std::fs::write(&slow, positions.join("\n") + "\n").unwrap();
    let s = common::wait_for(&base, Duration::from_secs(120), |s| {
        common::feed(s, "slow")["positions"] == 120
    })
    .await;
    let (fast, slow) = (common::feed(&s, "fast"), common::feed(&s, "slow"));
    // Nothing is late: the slow feed's positions, two hours older than the fast feed's newest,
    // were given to the detectors (one watermark for all would have counted all 120 late).
    assert_eq!(slow["late"], 0, "{slow}");
    assert_eq!(fast["late"], 0, "{fast}");
    // The watch's watermark is the slow feed's (newest 01:59:00.5 minus the 600 s lateness).
    assert_eq!(slow["watermark"], "2023-10-01T01:49:00.500Z", "{slow}");
    assert_eq!(s["watermark"], slow["watermark"], "{s:#}");
    assert!(
        fast["watermark"].as_str().unwrap() > slow["watermark"].as_str().unwrap(),
        "{fast}"
    );
    watch.stop().await.unwrap();
}
