//! The yard stock-and-flow model (`lookout_ledger::rail`) on hand-built yard series with known
//! flows: trains of known length arrive at Tumangang at random times at a rate that changes
//! during the window, stay a random dwell, cross to Khasan, stay again and leave; snapshots
//! count the cars in a yard now and then with a small counting error. The model never sees the
//! trains, only the counts; its 90% interval of the railcars moved must hold the true number.

use std::path::Path;

use lookout_core::time::{format_time, parse_time, DAY_MS};
use lookout_ledger::rail::{self, YardEstimate};
use lookout_project::Project;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal};

const START: &str = "2023-10-02T00:00:00Z";
const WEEKS: i64 = 20;

/// A rail corridor Tumangang -> Khasan, trains of 20-50 cars (central 35), the window
/// `START` + 20 weeks, and the yard model's settings given as `yard` lines.
fn corridor(yard: &str) -> String {
    let end = parse_time(START).unwrap() + WEEKS * 7 * DAY_MS;
    format!(
        r#"name = "rail test"
[ledger]
draws = 1000
period_start = "{START}"
period_end = "{}"
[[areas]]
name = "Tumangang"
kind = "rail"
centre = [42.4217, 130.6026]
radius_km = 2
[[areas]]
name = "Khasan"
kind = "rail"
centre = [42.4283, 130.6456]
radius_km = 2
[[corridors]]
name = "rail"
mode = "rail"
origins = ["Tumangang"]
destinations = ["Khasan"]
unit = "railcars"
cycle_days = 2
[corridors.prior]
low = 20
central = 35
high = 50
[corridors.yard]
{yard}
"#,
        format_time(end)
    )
}

/// A known world: per week, trains a day arriving at Tumangang.
struct World {
    trains_per_day: Vec<f64>,
    /// Median dwell in each yard, days.
    dwell: (f64, f64),
}

/// The railcars arriving at Tumangang inside the window, and the observation rows of snapshots
/// taken every `every_days` days (alternating yards) with 5% counting error.
fn simulate(world: &World, seed: u64, every_days: f64) -> (f64, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let t0 = parse_time(START).unwrap() as f64 / DAY_MS as f64;
    let warm = 21.0;
    let end = WEEKS as f64 * 7.0;
    // (arrival at Tumangang, leaves Tumangang, arrives at Khasan, leaves Khasan, cars), days from START.
    let mut trains: Vec<(f64, f64, f64, f64, f64)> = Vec::new();
    let mut t = -warm;
    let dwell_t = LogNormal::new(world.dwell.0.ln(), 0.4).unwrap();
    let dwell_k = LogNormal::new(world.dwell.1.ln(), 0.4).unwrap();
    while t < end {
        let week = ((t.max(0.0) / 7.0) as usize).min(world.trains_per_day.len() - 1);
        t += Exp::new(world.trains_per_day[week])
            .unwrap()
            .sample(&mut rng);
        let cars = f64::from(rng.random_range(20..=50u32));
        let leave_t = t + dwell_t.sample(&mut rng);
        let at_k = leave_t + 0.1;
        trains.push((t, leave_t, at_k, at_k + dwell_k.sample(&mut rng), cars));
    }
    let truth: f64 = trains
        .iter()
        .filter(|x| x.0 >= 0.0 && x.0 < end)
        .map(|x| x.4)
        .sum();
    let mut rows = String::new();
    let mut day = 1.0 + rng.random::<f64>() * every_days;
    let mut yard = 0;
    while day < end {
        let at = day.floor() + 2.0 / 24.0;
        let present: f64 = trains
            .iter()
            .filter(|x| match yard {
                0 => x.0 <= at && at < x.1,
                _ => x.2 <= at && at < x.3,
            })
            .map(|x| x.4)
            .sum();
        let counted = (present * (1.0 + 0.05 * rng.random::<f64>() - 0.025)).round();
        rows.push_str(&format!(
            "{},{},railcars_in_yard,,{counted},,,test,,\n",
            format_time(((t0 + at) * DAY_MS as f64) as i64),
            ["Tumangang", "Khasan"][yard]
        ));
        yard = 1 - yard;
        day += every_days;
    }
    (truth, rows)
}

fn estimate(dir: &Path, yard: &str, rows: &str) -> YardEstimate {
    std::fs::write(dir.join("corridor.toml"), corridor(yard)).unwrap();
    std::fs::write(
        dir.join("observations.csv"),
        format!("time,site,kind,vessel,count,count_low,count_high,source,url,note\n{rows}"),
    )
    .unwrap();
    let p = Project::load(dir).unwrap();
    let window = (
        p.settings.period_start.unwrap(),
        p.settings.period_end.unwrap(),
    );
    let mut all = rail::estimate(&p, window);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn world() -> World {
    // A quiet start, a surge, then a middle level (trains a day per week).
    let mut rate = vec![0.4; 7];
    rate.extend(vec![1.6; 6]);
    rate.extend(vec![0.9; 7]);
    World {
        trains_per_day: rate,
        dwell: (2.5, 2.0),
    }
}

/// A tight dwell prior around the true dwells.
const TIGHT: &str = "dwell_days_low = 1.6\ndwell_days_high = 3.6";

#[test]
fn the_interval_holds_the_true_flow() {
    let dir = tempfile::tempdir().unwrap();
    let w = world();
    let mut held = (0, 0);
    let mut width = (0.0, 0.0);
    let seeds = 1..=10u64;
    for seed in seeds.clone() {
        let (truth, rows) = simulate(&w, seed, 5.0);
        let default = estimate(dir.path(), "", &rows).railcars;
        let tight = estimate(dir.path(), TIGHT, &rows).railcars;
        held.0 += usize::from(default.contains(truth));
        held.1 += usize::from(tight.contains(truth));
        width.0 += (default.high - default.low) / truth;
        width.1 += (tight.high - tight.low) / truth;
        eprintln!("seed {seed}: truth {truth:.0}, default {default:?}, tight {tight:?}");
    }
    assert!(held.0 >= 9 && held.1 >= 8, "held {held:?} of 10");
    // What the dwell prior leaves open is the largest part of the width: a tighter prior on the
    // same counts gives a narrower interval.
    assert!(width.1 < 0.7 * width.0, "{width:?}");
}

#[test]
fn weeks_follow_the_surge_and_sparse_snapshots_widen_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let w = world();
    let (truth, dense_rows) = simulate(&w, 7, 4.0);
    let dense = estimate(dir.path(), TIGHT, &dense_rows);
    // Weekly flow in the surge (weeks 7-12) is well above the quiet start (weeks 0-6).
    let mean = |r: std::ops::Range<usize>| {
        let n = r.len() as f64;
        dense.weeks[r]
            .iter()
            .map(|w| w.railcars.central)
            .sum::<f64>()
            / n
    };
    assert!(
        mean(8..12) > 2.0 * mean(1..6),
        "{} vs {}",
        mean(8..12),
        mean(1..6)
    );
    assert_eq!(dense.weeks.len(), WEEKS as usize);
    let last = dense.weeks.last().unwrap();
    assert_eq!(last.cumulative, dense.railcars);
    // Containers and tonnes are railcars times the per-car ranges (0.1-2, 20-69 by default).
    assert!(dense.tonnes.central > 20.0 * dense.railcars.low);
    assert!(dense.containers.high < 2.0 * dense.railcars.high * 1.0001);
    // Three snapshots in the first month only: the rest is a random walk, capped by capacity.
    let sparse_rows: String = dense_rows
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    let sparse = estimate(dir.path(), TIGHT, &sparse_rows);
    let rel = |b: lookout_ledger::Bounds| (b.high - b.low) / truth;
    assert!(
        rel(sparse.railcars) > 3.0 * rel(dense.railcars),
        "{:?} vs {:?}",
        sparse.railcars,
        dense.railcars
    );
    assert!(
        sparse.railcars.contains(truth),
        "{:?} {truth}",
        sparse.railcars
    );
    // No week above the line's capacity (400 railcars a day by default).
    assert!(sparse
        .weeks
        .iter()
        .all(|w| w.railcars.high <= 7.0 * 400.0 + 1e-6));
}

#[test]
fn lower_bounds_and_identified_trains() {
    let dir = tempfile::tempdir().unwrap();
    // A lower bound alone, an exact count, and an identified train (not a snapshot).
    let rows = "2023-10-05T02:00:00Z,Tumangang,railcars_in_yard,,,40,,test,,\n\
                2023-10-20T02:00:00Z,Tumangang,railcars_in_yard,,70,,,test,,\n";
    let est = estimate(dir.path(), TIGHT, rows);
    assert_eq!(est.snapshots.len(), 2);
    // 70 railcars in the yard with a mean dwell of 1.6-3.6 days: about 20-45 a day.
    let week = est
        .weeks
        .iter()
        .find(|w| w.start == parse_time("2023-10-16T00:00:00Z").unwrap());
    let b = week.unwrap().railcars;
    assert!(b.central > 7.0 * 15.0 && b.central < 7.0 * 55.0, "{b:?}");
    let d = &est.dwell_days[0];
    assert_eq!(d.0, "Tumangang");
    assert!(d.1.low > 1.3 && d.1.high < 4.2, "{d:?}");
}
