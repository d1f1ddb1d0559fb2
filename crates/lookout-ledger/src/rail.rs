//! Rail flows from yard snapshots: railcars counted in a rail corridor's yards on a few dates,
//! no train named (`railcars_in_yard` rows without a vessel), become railcars moved per week
//! with bounds, by a stock-and-flow model.
//!
//! A railcar entering a yard stays there for a dwell time, so at a steady flow of `lambda`
//! railcars a day a yard holds `lambda x dwell` cars on average (Little's law); cars come in
//! trains, so a count scatters around that more than a Poisson count would (a negative binomial
//! with the variance of whole trains of the corridor's typical length, plus the counting error).
//! The log of the flow moves from week to week as a random walk (`flow_change`), never above the
//! line's capacity; each yard's mean dwell has a log-normal prior (`dwell_days_low..high`, 90%).
//! A Metropolis-within-Gibbs sampler draws the flow of every week holding a snapshot and the
//! dwells, given every count (exact, a range, or only a lower or upper bound); the weeks between
//! snapshots are filled by the walk's bridge, the weeks before the first and after the last by
//! the walk itself, so the interval widens with the distance to the nearest snapshot. Railcars
//! become trains, containers and tonnes by per-car ranges drawn once per draw. Method and
//! sources: `docs/ledger.md`, "Rail: yard snapshots".

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::ledger::{Bounds, MIN_COUNT_SD};
use crate::states::{normal_cdf, Z90};
use lookout_core::time::{week_start, DAY_MS};
use lookout_project::{Mode, ObsKind, Project, YardSettings};

const WEEK_MS: i64 = 7 * DAY_MS;
/// The lowest flow considered, railcars a day (one car in 100 days): the floor of the flat
/// prior on the log of the flow.
const MIN_FLOW: f64 = 0.01;
/// Sweeps discarded while the proposal scales adapt.
const BURN_IN: usize = 2000;
/// Sweeps between kept draws.
const THIN: usize = 5;
/// Acceptance rate the proposal scales aim at (one coordinate at a time).
const TARGET_ACCEPT: f64 = 0.44;
/// Sweeps between two adaptations of the proposal scales.
const ADAPT_EVERY: usize = 50;

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    StandardNormal.sample(rng)
}

/// What a yard snapshot says about the number of railcars in the yard.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YardCount {
    /// A count with its standard deviation.
    Exact {
        /// The count.
        value: f64,
        /// Its counting error (standard deviation).
        sd: f64,
    },
    /// At least this many (only `count_low` given).
    AtLeast(f64),
    /// At most this many (only `count_high` given).
    AtMost(f64),
}

/// Railcars counted in one of a rail corridor's yards at one time, no train named.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Observation id (`obs:LINE`).
    pub id: String,
    /// Yard (area name).
    pub yard: String,
    /// Time of the image, ms.
    pub time: i64,
    /// The count.
    pub count: YardCount,
}

/// The yard snapshots of corridor `ci` (a rail corridor; none for a sea corridor), by time: a
/// `count` is exact (error from `count_low`..`count_high`, else `count_error`), a range without
/// a count is its midpoint, `count_low` alone a lower bound, `count_high` alone an upper bound.
pub fn snapshots(project: &Project, ci: usize) -> Vec<Snapshot> {
    let c = &project.corridors[ci];
    if c.mode != Mode::Rail {
        return Vec::new();
    }
    let mut out: Vec<Snapshot> = project
        .observations
        .iter()
        .filter(|o| o.kind == ObsKind::RailcarsInYard && o.vessel.is_none())
        .filter(|o| c.is_origin(&o.site) || c.is_destination(&o.site))
        .filter_map(|o| {
            let range_sd = |l: f64, h: f64| ((h - l) / (2.0 * Z90)).max(MIN_COUNT_SD);
            let count = match (o.count, o.count_low, o.count_high) {
                (Some(v), Some(l), Some(h)) => YardCount::Exact {
                    value: v,
                    sd: range_sd(l, h),
                },
                (Some(v), _, _) => YardCount::Exact {
                    value: v,
                    sd: (v * project.settings.count_error / Z90).max(MIN_COUNT_SD),
                },
                (None, Some(l), Some(h)) => YardCount::Exact {
                    value: (l + h) / 2.0,
                    sd: range_sd(l, h),
                },
                (None, Some(l), None) => YardCount::AtLeast(l),
                (None, None, Some(h)) => YardCount::AtMost(h),
                (None, None, None) => return None,
            };
            Some(Snapshot {
                id: o.id.clone(),
                yard: o.site.clone(),
                time: o.time,
                count,
            })
        })
        .collect();
    out.sort_by_key(|s| s.time);
    out
}

/// One week of a rail corridor's flow through its yards.
#[derive(Debug, Clone)]
pub struct YardWeek {
    /// Monday 00:00 UTC, ms (the ledger's weeks).
    pub start: i64,
    /// Railcars through the yards in the week (its days inside the window).
    pub railcars: Bounds,
    /// Railcars since the window start, to the end of this week.
    pub cumulative: Bounds,
    /// The cumulative railcars as containers.
    pub containers: Bounds,
    /// The cumulative railcars as tonnes.
    pub tonnes: Bounds,
}

/// The yard model's estimate for one rail corridor over the analysis window.
#[derive(Debug, Clone)]
pub struct YardEstimate {
    /// Corridor index.
    pub corridor: usize,
    /// The snapshots read (all of them, inside the window or not: they all inform the flow).
    pub snapshots: Vec<Snapshot>,
    /// Weekly rows over the window.
    pub weeks: Vec<YardWeek>,
    /// Railcars over the window.
    pub railcars: Bounds,
    /// The same as trains (of the corridor's `[corridors.prior]` railcars per train).
    pub trains: Bounds,
    /// The same as containers.
    pub containers: Bounds,
    /// The same as tonnes.
    pub tonnes: Bounds,
    /// Mean dwell per yard with snapshots, days (posterior).
    pub dwell_days: Vec<(String, Bounds)>,
}

/// Yard estimates of every rail corridor with at least one snapshot.
pub fn estimate(project: &Project, window: (i64, i64)) -> Vec<YardEstimate> {
    (0..project.corridors.len())
        .filter_map(|ci| {
            let snaps = snapshots(project, ci);
            if snaps.is_empty() || window.1 <= window.0 {
                return None;
            }
            let mut rng = ChaCha8Rng::seed_from_u64(project.settings.seed);
            rng.set_stream(3 + ci as u64);
            Some(estimate_corridor(project, ci, snaps, window, &mut rng))
        })
        .collect()
}

/// Log of a lognormal's median and its sd from a 90% range.
fn log_normal(low: f64, high: f64) -> (f64, f64) {
    (
        (low.ln() + high.ln()) / 2.0,
        ((high.ln() - low.ln()) / (2.0 * Z90)).max(1e-9),
    )
}

/// The model of one corridor's snapshots on a weekly grid.
struct Model {
    /// Per snapshot: its slot (index of its week among the weeks with snapshots), its yard and
    /// its count.
    snaps: Vec<(usize, usize, YardCount)>,
    /// Grid week of each slot, increasing.
    slot_weeks: Vec<usize>,
    /// Snapshots per slot and per yard.
    by_slot: Vec<Vec<usize>>,
    by_yard: Vec<Vec<usize>>,
    /// Railcars per train and its spread from train to train (a yard holds whole trains).
    cars_per_train: f64,
    train_sd: f64,
    /// Weekly spread of the log flow.
    change: f64,
    /// Bounds of the log flow (railcars a day).
    floor: f64,
    cap: f64,
    /// Log-normal prior of a yard's mean dwell (days).
    dwell: (f64, f64),
}

impl Model {
    /// Log likelihood of snapshot `i` when the yard's expected stock is `mu` railcars: the
    /// yard holds a Poisson number of trains (mean `mu / cars_per_train`), `k` trains hold
    /// `k x cars_per_train` cars give or take `sqrt(k) x train_sd`, and the count adds its own
    /// error (a mixture over `k`).
    fn ln_lik(&self, i: usize, mu: f64) -> f64 {
        let count = self.snaps[i].2;
        let (c, m) = (self.cars_per_train, mu / self.cars_per_train);
        let (target, count_sd) = match count {
            YardCount::Exact { value, sd } => (value, sd),
            YardCount::AtLeast(x) | YardCount::AtMost(x) => (x, 0.0),
        };
        let k_max = (2.0 * target / c + m + 6.0 * m.sqrt() + 10.0).ceil() as usize;
        let mut ln_poisson = -m;
        let mut total = 0.0;
        for k in 0..=k_max {
            let kf = k as f64;
            if k > 0 {
                ln_poisson += m.ln() - kf.ln();
            }
            let (mean, trains_var) = (kf * c, kf * self.train_sd * self.train_sd);
            // A bound is read as stated, without a counting error: a stock is never negative,
            // so "at least 0" holds for certain, and an empty yard (no train) meets every
            // "at most".
            let bound_sd = trains_var.sqrt().max(1e-9);
            let f = match count {
                YardCount::Exact { value, .. } => {
                    let sd = (trains_var + count_sd * count_sd).sqrt();
                    let z = (value - mean) / sd;
                    (-0.5 * z * z).exp() / (sd * (2.0 * std::f64::consts::PI).sqrt())
                }
                YardCount::AtLeast(l) if k == 0 || l <= 0.0 => f64::from(u8::from(l <= 0.0)),
                YardCount::AtMost(h) if k == 0 => f64::from(u8::from(h >= 0.0)),
                YardCount::AtLeast(l) => 1.0 - normal_cdf((l - 0.5 - mean) / bound_sd),
                YardCount::AtMost(h) => normal_cdf((h + 0.5 - mean) / bound_sd),
            };
            total += ln_poisson.exp() * f;
        }
        total.max(f64::MIN_POSITIVE).ln()
    }

    /// Log posterior terms that involve the flow of slot `j`.
    fn slot_terms(&self, z: &[f64], u: &[f64], j: usize) -> f64 {
        if z[j] > self.cap || z[j] < self.floor {
            return f64::NEG_INFINITY;
        }
        let step = |a: usize, b: usize| {
            let weeks = (self.slot_weeks[b] - self.slot_weeks[a]) as f64;
            -(z[b] - z[a]).powi(2) / (2.0 * self.change * self.change * weeks)
        };
        let mut lp = 0.0;
        if j > 0 {
            lp += step(j - 1, j);
        }
        if j + 1 < z.len() {
            lp += step(j, j + 1);
        }
        lp + self.by_slot[j]
            .iter()
            .map(|&i| self.ln_lik(i, (z[j] + u[self.snaps[i].1]).exp()))
            .sum::<f64>()
    }

    /// Log posterior terms that involve the dwell of yard `s`.
    fn yard_terms(&self, z: &[f64], u: &[f64], s: usize) -> f64 {
        let (m, sd) = self.dwell;
        -(u[s] - m).powi(2) / (2.0 * sd * sd)
            + self.by_yard[s]
                .iter()
                .map(|&i| self.ln_lik(i, (z[self.snaps[i].0] + u[s]).exp()))
                .sum::<f64>()
    }

    /// Draws `n` joint samples of the slots' log flows and the yards' log dwells.
    fn sample(&self, n: usize, rng: &mut ChaCha8Rng) -> Vec<(Vec<f64>, Vec<f64>)> {
        let yards = self.by_yard.len();
        let mut u = vec![self.dwell.0; yards];
        let mut z: Vec<f64> = self
            .by_slot
            .iter()
            .map(|list| {
                let mean = list
                    .iter()
                    .map(|&i| match self.snaps[i].2 {
                        YardCount::Exact { value, .. } => value,
                        YardCount::AtLeast(x) | YardCount::AtMost(x) => x,
                    })
                    .sum::<f64>()
                    / list.len() as f64;
                (mean.max(1.0).ln() - self.dwell.0).clamp(self.floor, self.cap)
            })
            .collect();
        let mut scales = vec![0.5; z.len() + yards];
        let mut accepted = vec![0usize; scales.len()];
        let mut out = Vec::with_capacity(n);
        let mut sweep = 0;
        let slots = z.len();
        while out.len() < n {
            for k in 0..scales.len() {
                if k >= slots && self.by_yard[k - slots].is_empty() {
                    continue;
                }
                let terms = |z: &[f64], u: &[f64]| {
                    if k < slots {
                        self.slot_terms(z, u, k)
                    } else {
                        self.yard_terms(z, u, k - slots)
                    }
                };
                let before = terms(&z, &u);
                let value = if k < slots {
                    &mut z[k]
                } else {
                    &mut u[k - slots]
                };
                let kept = *value;
                *value += scales[k] * normal(rng);
                let delta = terms(&z, &u) - before;
                if delta >= 0.0 || rng.random::<f64>() < delta.exp() {
                    accepted[k] += 1;
                } else if k < slots {
                    z[k] = kept;
                } else {
                    u[k - slots] = kept;
                }
            }
            sweep += 1;
            if sweep <= BURN_IN && sweep.is_multiple_of(ADAPT_EVERY) {
                for (scale, acc) in scales.iter_mut().zip(&mut accepted) {
                    let rate = *acc as f64 / ADAPT_EVERY as f64;
                    *scale *= (2.0 * (rate - TARGET_ACCEPT)).exp();
                    *acc = 0;
                }
            }
            if sweep > BURN_IN && (sweep - BURN_IN).is_multiple_of(THIN) {
                out.push((z.clone(), u.clone()));
            }
        }
        out
    }

    /// The log flow of every grid week, given the slots' values: the walk's bridge between
    /// slots, the walk itself before the first and after the last, within the bounds.
    fn path(&self, z: &[f64], weeks: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
        let mut path = vec![0.0; weeks];
        for (&w, &x) in self.slot_weeks.iter().zip(z) {
            path[w] = x;
        }
        let q = self.change;
        for pair in self.slot_weeks.windows(2) {
            let b = pair[1];
            for w in pair[0] + 1..b {
                let left = (b - w + 1) as f64;
                let mean = path[w - 1] + (path[b] - path[w - 1]) / left;
                let sd = q * ((left - 1.0) / left).sqrt();
                path[w] = (mean + sd * normal(rng)).clamp(self.floor, self.cap);
            }
        }
        let first = self.slot_weeks[0];
        for w in (0..first).rev() {
            path[w] = (path[w + 1] + q * normal(rng)).clamp(self.floor, self.cap);
        }
        let last = self.slot_weeks[self.slot_weeks.len() - 1];
        for w in last + 1..weeks {
            path[w] = (path[w - 1] + q * normal(rng)).clamp(self.floor, self.cap);
        }
        path
    }
}

fn estimate_corridor(
    project: &Project,
    ci: usize,
    snaps: Vec<Snapshot>,
    window: (i64, i64),
    rng: &mut ChaCha8Rng,
) -> YardEstimate {
    let corridor = &project.corridors[ci];
    let y: &YardSettings = &corridor.yard;
    let yards: Vec<String> = corridor
        .origins
        .iter()
        .chain(&corridor.destinations)
        .cloned()
        .collect();
    let first = snaps[0].time.min(window.0);
    let last = snaps[snaps.len() - 1].time.max(window.1 - 1);
    let start = week_start(first);
    let weeks = ((last - start) / WEEK_MS + 1) as usize;
    let week_of = |t: i64| ((week_start(t) - start) / WEEK_MS) as usize;
    let mut slot_weeks: Vec<usize> = snaps.iter().map(|s| week_of(s.time)).collect();
    slot_weeks.dedup();
    let mut model = Model {
        snaps: Vec::new(),
        by_slot: vec![Vec::new(); slot_weeks.len()],
        by_yard: vec![Vec::new(); yards.len()],
        slot_weeks,
        cars_per_train: corridor.prior.central.max(1.0),
        train_sd: (corridor.prior.high - corridor.prior.low) / (2.0 * Z90),
        change: y.flow_change,
        floor: MIN_FLOW.ln(),
        cap: y.max_railcars_per_day.ln(),
        dwell: log_normal(y.dwell_days_low, y.dwell_days_high),
    };
    for (i, s) in snaps.iter().enumerate() {
        let slot = model
            .slot_weeks
            .iter()
            .position(|&w| w == week_of(s.time))
            .expect("every snapshot's week is a slot");
        let yard = yards.iter().position(|a| *a == s.yard).expect("a site");
        model.snaps.push((slot, yard, s.count));
        model.by_slot[slot].push(i);
        model.by_yard[yard].push(i);
    }
    let n = project.settings.draws.max(100);
    let samples = model.sample(n, rng);
    // Weeks of the window, as the ledger's: days of each inside the window.
    let mut rows: Vec<(i64, usize, f64)> = Vec::new();
    let mut wk = week_start(window.0);
    while wk < window.1 {
        let days = (((wk + WEEK_MS).min(window.1) - wk.max(window.0)) as f64) / DAY_MS as f64;
        rows.push((wk, week_of(wk), days));
        wk += WEEK_MS;
    }
    let train = log_normal(
        corridor.prior.low.max(1.0),
        corridor.prior.high.max(corridor.prior.low.max(1.0)),
    );
    let mut weekly = vec![vec![0.0; n]; rows.len()];
    let mut cumulative = vec![vec![0.0; n]; rows.len()];
    let mut containers = vec![vec![0.0; n]; rows.len()];
    let mut tonnes = vec![vec![0.0; n]; rows.len()];
    let mut trains = vec![0.0; n];
    let uniform = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| lo + (hi - lo) * rng.random::<f64>();
    for (d, (z, _)) in samples.iter().enumerate() {
        let path = model.path(z, weeks, rng);
        let per_container = uniform(rng, y.containers_per_car_low, y.containers_per_car_high);
        let per_tonne = uniform(rng, y.tonnes_per_car_low, y.tonnes_per_car_high);
        let cars_per_train = (train.0 + train.1 * normal(rng)).exp();
        let mut total = 0.0;
        for (k, &(_, w, days)) in rows.iter().enumerate() {
            let cars = path[w].exp() * days;
            total += cars;
            weekly[k][d] = cars;
            cumulative[k][d] = total;
            containers[k][d] = total * per_container;
            tonnes[k][d] = total * per_tonne;
        }
        trains[d] = total / cars_per_train;
    }
    let last_of = |v: &[Vec<f64>]| v.last().cloned().unwrap_or_else(|| vec![0.0; n]);
    let dwell_days = yards
        .iter()
        .enumerate()
        .filter(|(s, _)| !model.by_yard[*s].is_empty())
        .map(|(s, name)| {
            let mut v: Vec<f64> = samples.iter().map(|(_, u)| u[s].exp()).collect();
            (name.clone(), Bounds::of(&mut v))
        })
        .collect();
    YardEstimate {
        corridor: ci,
        railcars: Bounds::of(&mut last_of(&cumulative)),
        containers: Bounds::of(&mut last_of(&containers)),
        tonnes: Bounds::of(&mut last_of(&tonnes)),
        trains: Bounds::of(&mut trains),
        weeks: rows
            .iter()
            .enumerate()
            .map(|(k, r)| YardWeek {
                start: r.0,
                railcars: Bounds::of(&mut weekly[k]),
                cumulative: Bounds::of(&mut cumulative[k]),
                containers: Bounds::of(&mut containers[k]),
                tonnes: Bounds::of(&mut tonnes[k]),
            })
            .collect(),
        snapshots: snaps,
        dwell_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yard_holds_whole_trains() {
        let model = |count| Model {
            snaps: vec![(0, 0, count)],
            slot_weeks: vec![0],
            by_slot: vec![vec![0]],
            by_yard: vec![vec![0]],
            cars_per_train: 35.0,
            train_sd: 9.0,
            change: 0.5,
            floor: MIN_FLOW.ln(),
            cap: 400f64.ln(),
            dwell: (1f64.ln(), 0.5),
        };
        let lik = |count, mu: f64| model(count).ln_lik(0, mu).exp();
        // An empty yard at a mean stock of 70 cars: no train there, e^-2 (times the density of
        // a zero count with its half-car error).
        let empty = lik(
            YardCount::Exact {
                value: 0.0,
                sd: 0.5,
            },
            70.0,
        );
        let expected = (-2f64).exp() / (0.5 * (2.0 * std::f64::consts::PI).sqrt());
        assert!(
            (empty / expected - 1.0).abs() < 1e-3,
            "{empty} vs {expected}"
        );
        // The mixture is a distribution over counts (a zero count may err below zero).
        let total: f64 = (-5..2000)
            .map(|y| {
                lik(
                    YardCount::Exact {
                        value: f64::from(y),
                        sd: 0.5,
                    },
                    70.0,
                )
            })
            .sum();
        assert!((total - 1.0).abs() < 5e-3, "{total}");
        assert!((lik(YardCount::AtLeast(0.0), 70.0) - 1.0).abs() < 1e-9);
        let at_most = lik(YardCount::AtMost(10.0), 70.0);
        assert!((at_most - (-2f64).exp()).abs() < 1e-3, "{at_most}");
    }
}
