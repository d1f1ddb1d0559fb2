//! The ledger: cargo per voyage, per week and cumulatively, with low / central / high bounds
//! (5th, 50th and 95th percentiles of a Monte Carlo over everything uncertain). The legs of each
//! draw come from the state model's paths (`voyages`); this module gives every leg its cargo
//! (its own deck counts with their error, else the corridor's pooled counts, else a documented
//! prior), sums the draws per voyage, week and corridor, converts to munitions, and compares the
//! claims with the same draws, so every interval is computed the same way.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::provenance::RealOnly;
use crate::rail::YardEstimate;
use crate::states::Z90;
use crate::voyages::{DrawnLeg, Load, VesselId, Voyage, Voyages};
use lookout_core::time::{week_start, DAY_MS};
use lookout_project::{Claim, Project, Qualifier};

/// A standard normal draw.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    StandardNormal.sample(rng)
}

/// Smallest standard deviation of one count: half a container (or railcar).
pub(crate) const MIN_COUNT_SD: f64 = 0.5;
/// Points of the grid on which the pooled model's between-ship spread is drawn.
const TAU_STEPS: usize = 100;

/// Low / central / high.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Bounds {
    /// 5th percentile.
    pub low: f64,
    /// Median.
    pub central: f64,
    /// 95th percentile.
    pub high: f64,
}

impl Bounds {
    /// The 5th, 50th and 95th percentiles of `values` (sorted in place; all 0 when empty).
    pub(crate) fn of(values: &mut [f64]) -> Bounds {
        if values.is_empty() {
            return Bounds::default();
        }
        values.sort_by(|a, b| a.total_cmp(b));
        let q = |p: f64| {
            let i = p * (values.len() - 1) as f64;
            let (lo, hi) = (i.floor() as usize, i.ceil() as usize);
            values[lo] + (values[hi] - values[lo]) * (i - lo as f64)
        };
        Bounds {
            low: q(0.05),
            central: q(0.5),
            high: q(0.95),
        }
    }

    /// True if `x` is inside.
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// Where a voyage's cargo number comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// Counted on this voyage (the observation rows).
    Observed(Vec<String>),
    /// The same ship's counted voyages pooled with the corridor's (its own rows first).
    VesselPrior(Vec<String>),
    /// Counted voyages of the corridor.
    CorridorCounts(Vec<String>),
    /// The corridor's documented prior.
    Prior,
}

impl Basis {
    /// Name for output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Observed(_) => "observed_count",
            Basis::VesselPrior(_) => "pooled_ship_counts",
            Basis::CorridorCounts(_) => "corridor_counts",
            Basis::Prior => "corridor_prior",
        }
    }

    /// Observation rows behind the number.
    pub fn evidence(&self) -> &[String] {
        match self {
            Basis::Observed(v) | Basis::VesselPrior(v) | Basis::CorridorCounts(v) => v,
            Basis::Prior => &[],
        }
    }
}

/// One voyage (or hidden group) in the ledger.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Cargo bounds (hidden rows: total over their legs; 0 in draws without the leg).
    pub cargo: Bounds,
    /// Mean number of legs over the draws (an observed leg: the share of draws it happened in).
    pub legs_mean: f64,
    /// Where the cargo number comes from.
    pub basis: Basis,
}

/// One week of one corridor.
#[derive(Debug, Clone)]
pub struct Week {
    /// Corridor index.
    pub corridor: usize,
    /// Monday 00:00 UTC, ms.
    pub start: i64,
    /// Observed legs arriving in the week.
    pub observed_legs: usize,
    /// Legs arriving in the week (including hidden ones).
    pub legs: Bounds,
    /// Cargo arriving in the week.
    pub cargo: Bounds,
    /// Cargo arrived since the window start, up to the end of this week.
    pub cumulative: Bounds,
    /// Days in the week on which any origin area was seen.
    pub origin_seen_days: usize,
    /// Days in the week on which any destination area was seen.
    pub destination_seen_days: usize,
    /// Voyage ids arriving in the week.
    pub voyages: Vec<String>,
}

/// Conversion of containers to munitions: a labelled assumption.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// Unit produced (`artillery_shells`).
    pub unit: String,
    /// Fewest per container among the published pairs.
    pub low: f64,
    /// Most per container.
    pub high: f64,
    /// The claims each ratio comes from: (claim ids, ratio).
    pub pairs: Vec<(String, f64)>,
}

/// One claim next to the evidence.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The claim.
    pub claim: Claim,
    /// `containers`, `legs`, `converted` or empty when not comparable.
    pub metric: &'static str,
    /// The ledger's estimate for the same route and (covered part of the) period.
    pub estimate: Option<Bounds>,
    /// Share of the claim's period inside the analysis window.
    pub coverage: f64,
    /// Claim / central estimate.
    pub ratio: Option<f64>,
    /// `within`, `above`, `below`, or why there is no comparison.
    pub position: String,
    /// Whether the claim, read with its qualifier, agrees with the interval.
    pub consistent: Option<bool>,
    /// Remarks.
    pub note: String,
    /// The voyages (indices into `Voyages::voyages`) with a leg counted in the estimate in any
    /// draw: the evidence the comparison rests on.
    pub voyages: Vec<usize>,
}

/// The computed ledger.
#[derive(Debug)]
pub struct Ledger {
    /// Per voyage, in the order of `Voyages::voyages`.
    pub entries: Vec<Entry>,
    /// Weekly rows, by corridor then week.
    pub weeks: Vec<Week>,
    /// Total per corridor over the window.
    pub totals: Vec<Bounds>,
    /// Analysis window, ms.
    pub window: (i64, i64),
    /// Container to munitions conversion, if the claims imply one.
    pub conversion: Option<Conversion>,
    /// Claims vs evidence.
    pub comparisons: Vec<Comparison>,
    /// Draws used.
    pub draws: usize,
    /// Rail flows from yard snapshots, per rail corridor that has any (`rail`).
    pub yards: Vec<YardEstimate>,
    /// The same ledger from `real` evidence alone, when some evidence is not real and it was
    /// computed (`provenance::real_only`); `None` otherwise.
    pub real_only: Option<Box<RealOnly>>,
}

/// A cargo distribution for one leg: a normal truncated at zero, around a mean that may share
/// a per-draw shift with other legs.
#[derive(Debug, Clone, Copy)]
struct Dist {
    mean: f64,
    sd: f64,
    /// Standard deviation of the shared mean (0 = none).
    mean_sd: f64,
}

impl Dist {
    fn draw(&self, shift: f64, rng: &mut ChaCha8Rng) -> f64 {
        (self.mean + shift * self.mean_sd + self.sd * normal(rng)).max(0.0)
    }
}

/// The counts of one load: the mean of their values, with the error of one count divided by
/// the square root of their number (several counts of one load average their errors).
fn counted(project: &Project, load: &Load, count_error: f64) -> Option<Dist> {
    let rows: Vec<(f64, f64)> = project
        .observations
        .iter()
        .filter(|o| load.rows.contains(&o.id))
        .filter_map(|o| {
            let (mean, sd) = match (o.count, o.count_low, o.count_high) {
                (c, Some(l), Some(h)) => (c.unwrap_or((l + h) / 2.0), (h - l) / (2.0 * Z90)),
                (Some(c), _, _) => (c, c * count_error / Z90),
                _ => return None,
            };
            Some((mean, sd.max(MIN_COUNT_SD)))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let n = rows.len() as f64;
    Some(Dist {
        mean: rows.iter().map(|r| r.0).sum::<f64>() / n,
        sd: rows.iter().map(|r| r.1).sum::<f64>() / n / n.sqrt(),
        mean_sd: 0.0,
    })
}

/// Counted legs of one corridor: per ship, the mean count of each counted leg and its
/// measurement variance, with the observation rows.
#[derive(Default, Clone)]
struct ShipCounts {
    values: Vec<f64>,
    meas_var: Vec<f64>,
    ids: Vec<String>,
    /// When each counted leg was counted (mean time of its rows), ms.
    times: Vec<i64>,
}

/// Cargo per voyage of a corridor's ships by partial pooling of the deck counts: a normal
/// hierarchical model (Gelman et al., *Bayesian Data Analysis*, 3rd ed., section 5.4). A leg of
/// ship `j` carries `theta_j + e` (`e` ~ N(0, sigma^2), leg to leg); ship means `theta_j` ~
/// N(mu, tau^2) around the corridor mean `mu` (flat prior); the between-ship spread `tau` has a
/// uniform prior on `[0, tau_max]`. Each draw takes the within-ship variance from its posterior
/// (scaled inverse chi-square on the pooled within-ship spread of the counts), then `tau` from
/// its posterior on a grid, then `mu`, then every ship's mean, so a ship with few counts is
/// pulled toward the corridor (more so the fewer its counts and the smaller the spread between
/// ships), and every uncertainty is shared by the legs it concerns.
struct Pool {
    /// Per ship with counts: number of counted legs and their mean.
    ships: Vec<(VesselId, usize, f64)>,
    /// Pooled within-ship variance of counted legs (true spread plus counting error), its
    /// degrees of freedom, and the mean counting variance.
    within: f64,
    df: usize,
    meas: f64,
    /// Floor of the leg-to-leg standard deviation (`min_leg_spread` of the mean count).
    floor: f64,
    /// Upper end of the uniform prior on `tau`.
    tau_max: f64,
    /// All count rows of the corridor.
    ids: Vec<String>,
}

/// One draw of a corridor's pooled model.
struct PoolDraw {
    /// Mean cargo per ship with counts.
    ships: Vec<(VesselId, f64)>,
    /// Mean cargo of a ship without counts.
    other: f64,
    /// Leg-to-leg standard deviation.
    sigma: f64,
}

impl PoolDraw {
    /// Mean cargo of a ship's legs (a ship without counts: drawn around the corridor's).
    fn mean(&self, ship: VesselId) -> f64 {
        self.ships
            .iter()
            .find(|s| s.0 == ship)
            .map_or(self.other, |s| s.1)
    }
}

impl Pool {
    /// Needs at least 3 counted legs on the corridor. `tau_max` bounds the spread between ship
    /// means (the documented per-voyage spread: ships cannot differ more than voyages do).
    fn new(
        by_ship: &BTreeMap<VesselId, ShipCounts>,
        tau_max: f64,
        min_leg_spread: f64,
    ) -> Option<Pool> {
        let n: usize = by_ship.values().map(|c| c.values.len()).sum();
        if n < 3 {
            return None;
        }
        let all: Vec<f64> = by_ship
            .values()
            .flat_map(|c| c.values.iter().copied())
            .collect();
        let grand = all.iter().sum::<f64>() / n as f64;
        // Within-ship spread pooled over ships with two or more counts; without enough of them,
        // the spread of all counts.
        let (mut ss, mut df) = (0.0, 0usize);
        for c in by_ship.values().filter(|c| c.values.len() >= 2) {
            let m = c.values.iter().sum::<f64>() / c.values.len() as f64;
            ss += c.values.iter().map(|x| (x - m).powi(2)).sum::<f64>();
            df += c.values.len() - 1;
        }
        if df < 2 {
            ss = all.iter().map(|x| (x - grand).powi(2)).sum();
            df = n - 1;
        }
        let ships: Vec<(VesselId, usize, f64)> = by_ship
            .iter()
            .filter(|(_, c)| !c.values.is_empty())
            .map(|(k, c)| {
                let nj = c.values.len();
                (*k, nj, c.values.iter().sum::<f64>() / nj as f64)
            })
            .collect();
        let mut ids: Vec<String> = by_ship
            .values()
            .flat_map(|c| c.ids.iter().cloned())
            .collect();
        ids.sort();
        Some(Pool {
            ships,
            within: ss / df as f64,
            df,
            meas: by_ship
                .values()
                .flat_map(|c| c.meas_var.iter())
                .sum::<f64>()
                / n as f64,
            floor: min_leg_spread * grand,
            tau_max: tau_max.max(1e-6),
            ids,
        })
    }

    fn draw(&self, rng: &mut ChaCha8Rng) -> PoolDraw {
        // Variance of a counted leg around its ship's mean: df * s^2 / chi2(df).
        let chi2: f64 = (0..self.df).map(|_| normal(rng).powi(2)).sum();
        let counted_var = self.df as f64 * self.within / chi2.max(1e-9);
        let sigma = (counted_var - self.meas).max(self.floor.powi(2)).sqrt();
        let counted_var = sigma * sigma + self.meas;
        // Posterior of tau on a grid (BDA3 eq. 5.21, flat prior on mu), with mu's posterior
        // given each tau.
        let mut grid = [(0.0, 0.0, 0.0, 0.0); TAU_STEPS + 1];
        let mut top = f64::NEG_INFINITY;
        for (i, g) in grid.iter_mut().enumerate() {
            let tau = self.tau_max * i as f64 / TAU_STEPS as f64;
            let (mut prec, mut wsum) = (0.0, 0.0);
            for &(_, nj, m) in &self.ships {
                let w = counted_var / nj as f64 + tau * tau;
                prec += 1.0 / w;
                wsum += m / w;
            }
            let (mu, mu_var) = (wsum / prec, 1.0 / prec);
            let mut logp = 0.5 * mu_var.ln();
            for &(_, nj, m) in &self.ships {
                let w = counted_var / nj as f64 + tau * tau;
                logp -= 0.5 * w.ln() + (m - mu).powi(2) / (2.0 * w);
            }
            top = top.max(logp);
            *g = (tau, logp, mu, mu_var);
        }
        let total: f64 = grid.iter().map(|g| (g.1 - top).exp()).sum();
        let mut u = rng.random::<f64>() * total;
        let &(tau, _, mu_hat, mu_var) = grid
            .iter()
            .find(|g| {
                u -= (g.1 - top).exp();
                u <= 0.0
            })
            .unwrap_or(&grid[TAU_STEPS]);
        let mu = mu_hat + mu_var.sqrt() * normal(rng);
        let ships = self
            .ships
            .iter()
            .map(|(k, nj, m)| {
                let v = counted_var / *nj as f64;
                let theta = if tau <= 0.0 {
                    mu
                } else {
                    let prec = 1.0 / v + 1.0 / (tau * tau);
                    (m / v + mu / (tau * tau)) / prec + normal(rng) / prec.sqrt()
                };
                (*k, theta)
            })
            .collect();
        PoolDraw {
            ships,
            other: mu + tau * normal(rng),
            sigma,
        }
    }
}

/// Where each drawn leg's cargo comes from: the loads' counts, the pooled counts of each
/// corridor, the corridors' documented priors.
struct CargoModel {
    /// Per load (`Voyages::loads`): its counts.
    counted: Vec<Option<Dist>>,
    /// Per corridor: the pooled model of its counted legs (at least 3), if any.
    pools: Vec<Option<Pool>>,
    /// Per corridor and ship: count rows of its counted legs.
    pooled_rows: Vec<BTreeMap<VesselId, Vec<String>>>,
    /// Per corridor: the documented prior.
    priors: Vec<Dist>,
    /// Per corridor: how unlike the counted legs the inferred ones are in time (see
    /// [`imbalance`]); the shared selection shift of inferred legs has sd
    /// `selection_error x imbalance`.
    imbalance: Vec<f64>,
}

/// Length of the periods over which counted and inferred legs are compared, days (about a
/// month: clear weather, and so counting, clusters over weeks to seasons).
const SELECTION_PERIOD_DAYS: i64 = 30;

/// How far the inferred legs of a corridor fall in other periods than its counted legs:
/// `sqrt(sum over periods (u_m - c_m)^2)`, `u_m` and `c_m` the shares of inferred and counted
/// legs arriving in period `m` (30-day blocks from the window's start). If the mean cargo of a
/// period differs from the others by `gamma_m` (sd `selection_error`, independent between
/// periods), the counted legs' mean misses the inferred legs' by `sum (u_m - c_m) gamma_m`,
/// whose sd is `selection_error` times this: 0 when the counts fall in time as the inferred
/// legs do, 1.4 when they all fall in other months.
fn imbalance(counted: &[i64], inferred: &[i64], window_start: i64) -> f64 {
    let period = |t: &i64| ((t - window_start).max(0) / (SELECTION_PERIOD_DAYS * DAY_MS)) as usize;
    let shares = |times: &[i64]| {
        let mut m: BTreeMap<usize, f64> = BTreeMap::new();
        for t in times {
            *m.entry(period(t)).or_default() += 1.0 / times.len() as f64;
        }
        m
    };
    if counted.is_empty() || inferred.is_empty() {
        return 0.0;
    }
    let (c, mut u) = (shares(counted), shares(inferred));
    for (k, x) in &c {
        *u.entry(*k).or_default() -= x;
    }
    u.values().map(|d| d * d).sum::<f64>().sqrt()
}

impl CargoModel {
    /// Stage 1: counts per load, then the pooled model per corridor on the counted legs (each
    /// count row in one leg: the loads drawn most often, taken until every row is placed),
    /// else the corridor's prior.
    fn new(project: &Project, voyages: &Voyages) -> CargoModel {
        let s = &project.settings;
        let counted: Vec<Option<Dist>> = voyages
            .loads
            .iter()
            .map(|l| counted(project, l, s.count_error))
            .collect();
        let mut drawn = vec![0usize; voyages.loads.len()];
        for leg in voyages.draws.iter().flatten() {
            if let Some(l) = leg.load {
                drawn[l] += 1;
            }
        }
        let mut order: Vec<usize> = (0..voyages.loads.len()).collect();
        order.sort_by_key(|&l| std::cmp::Reverse(drawn[l]));
        let corridors = project.corridors.len();
        let mut by_ship: Vec<BTreeMap<VesselId, ShipCounts>> = vec![BTreeMap::new(); corridors];
        let mut placed: Vec<&str> = Vec::new();
        for l in order {
            let load = &voyages.loads[l];
            let (Some(d), false) = (
                counted[l],
                load.rows.iter().any(|r| placed.contains(&r.as_str())),
            ) else {
                continue;
            };
            placed.extend(load.rows.iter().map(String::as_str));
            let e = by_ship[load.corridor].entry(load.vessel).or_default();
            e.values.push(d.mean);
            e.meas_var.push(d.sd * d.sd);
            e.ids.extend(load.rows.iter().cloned());
            let times: Vec<i64> = project
                .observations
                .iter()
                .filter(|o| load.rows.contains(&o.id))
                .map(|o| o.time)
                .collect();
            e.times
                .push(times.iter().sum::<i64>() / (times.len().max(1) as i64));
        }
        // Arrivals of the legs whose cargo is inferred from the counts, over all draws.
        let mut inferred: Vec<Vec<i64>> = vec![Vec::new(); corridors];
        for leg in voyages.draws.iter().flatten() {
            if leg.load.and_then(|l| counted[l]).is_none() {
                inferred[voyages.voyages[leg.voyage].corridor].push(leg.arrive);
            }
        }
        let imbalance = by_ship
            .iter()
            .zip(&inferred)
            .map(|(ships, legs)| {
                let times: Vec<i64> = ships.values().flat_map(|c| c.times.clone()).collect();
                imbalance(&times, legs, voyages.window.0)
            })
            .collect();
        let priors: Vec<Dist> = project
            .corridors
            .iter()
            .map(|c| Dist {
                mean: c.prior.central,
                sd: (c.prior.high - c.prior.low) / (2.0 * Z90),
                mean_sd: s.prior_mean_error * c.prior.central,
            })
            .collect();
        let pools = by_ship
            .iter()
            .zip(&priors)
            .map(|(ships, prior)| Pool::new(ships, prior.sd, s.min_leg_spread))
            .collect();
        CargoModel {
            counted,
            pools,
            pooled_rows: by_ship
                .into_iter()
                .map(|m| m.into_iter().map(|(k, c)| (k, c.ids)).collect())
                .collect(),
            priors,
            imbalance,
        }
    }

    /// Stage 2: the cargo of every leg of every draw (parallel to `Voyages::draws`). In a draw,
    /// the fleet mean of the prior, each corridor's pooled model and its selection factor are
    /// shared by the legs they concern.
    fn draw(&self, project: &Project, voyages: &Voyages) -> Vec<Vec<f64>> {
        let s = &project.settings;
        let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
        rng.set_stream(1);
        voyages
            .draws
            .iter()
            .map(|legs| {
                let shift = normal(&mut rng);
                let pooled: Vec<Option<(PoolDraw, f64)>> = self
                    .pools
                    .iter()
                    .zip(&self.imbalance)
                    .map(|(p, imbalance)| {
                        p.as_ref().map(|p| {
                            let selection = 1.0 + s.selection_error * imbalance * normal(&mut rng);
                            (p.draw(&mut rng), selection)
                        })
                    })
                    .collect();
                legs.iter()
                    .map(|leg| {
                        let v = &voyages.voyages[leg.voyage];
                        match (leg.load.and_then(|l| self.counted[l]), &pooled[v.corridor]) {
                            (Some(d), _) => d.draw(0.0, &mut rng),
                            (None, Some((m, selection))) => (m.mean(v.vessel_id) * selection
                                + m.sigma * normal(&mut rng))
                            .max(0.0),
                            (None, None) => self.priors[v.corridor].draw(shift, &mut rng),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Where a voyage's cargo number comes from: its counts when most of its drawn legs carry
    /// some, else the pooled counts (the ship's rows first), else the prior.
    fn basis(&self, voyages: &Voyages, row: usize) -> Basis {
        let v = &voyages.voyages[row];
        let mut loads: BTreeMap<usize, usize> = BTreeMap::new();
        let mut legs = 0;
        for leg in voyages.draws.iter().flatten().filter(|l| l.voyage == row) {
            legs += 1;
            if let Some(l) = leg.load.filter(|&l| self.counted[l].is_some()) {
                *loads.entry(l).or_default() += 1;
            }
        }
        let with_counts: usize = loads.values().sum();
        if legs > 0 && 2 * with_counts >= legs {
            let top = loads.iter().max_by_key(|x| x.1).map_or(0, |x| *x.0);
            return Basis::Observed(voyages.loads[top].rows.clone());
        }
        let Some(pool) = &self.pools[v.corridor] else {
            return Basis::Prior;
        };
        let rows = &self.pooled_rows[v.corridor];
        match rows.get(&v.vessel_id) {
            Some(own) => {
                let mut ids = own.clone();
                ids.extend(pool.ids.iter().filter(|i| !own.contains(i)).cloned());
                Basis::VesselPrior(ids)
            }
            None => Basis::CorridorCounts(pool.ids.clone()),
        }
    }
}

/// Computes the ledger in stages: the cargo model, the cargo of every drawn leg, the sums per
/// voyage, per week and per corridor, the munitions conversion, and the claims.
pub fn compute(project: &Project, voyages: &Voyages) -> Ledger {
    let model = CargoModel::new(project, voyages);
    let cargo = model.draw(project, voyages);
    let entries = entries(voyages, &model, &cargo);
    let (weeks, totals) = weeks(project, voyages, &cargo);
    let conversion = conversion(&project.claims);
    let conv_draws = conversion_draws(
        conversion.as_ref(),
        voyages.draws.len(),
        project.settings.seed,
    );
    let comparisons = project
        .claims
        .iter()
        .map(|c| compare(c, project, voyages, &cargo, &conv_draws))
        .collect();
    Ledger {
        entries,
        weeks,
        totals,
        window: voyages.window,
        conversion,
        comparisons,
        draws: voyages.draws.len(),
        yards: crate::rail::estimate(project, voyages.window),
        real_only: None,
    }
}

/// Stage 3: per voyage, the bounds of its cargo over the draws and its mean number of legs.
fn entries(voyages: &Voyages, model: &CargoModel, cargo: &[Vec<f64>]) -> Vec<Entry> {
    let n = voyages.voyages.len();
    let mut per_draw: Vec<Vec<f64>> = vec![vec![0.0; voyages.draws.len()]; n];
    let mut legs = vec![0.0; n];
    for (d, (draw, values)) in voyages.draws.iter().zip(cargo).enumerate() {
        for (leg, x) in draw.iter().zip(values) {
            per_draw[leg.voyage][d] += x;
            legs[leg.voyage] += 1.0;
        }
    }
    let draws = voyages.draws.len().max(1) as f64;
    per_draw
        .iter_mut()
        .enumerate()
        .map(|(i, values)| Entry {
            cargo: Bounds::of(values),
            legs_mean: legs[i] / draws,
            basis: model.basis(voyages, i),
        })
        .collect()
}

/// Stage 4: per corridor and week, legs and cargo arriving (and cumulated); totals per corridor.
fn weeks(project: &Project, voyages: &Voyages, cargo: &[Vec<f64>]) -> (Vec<Week>, Vec<Bounds>) {
    let window = voyages.window;
    let vs = &voyages.voyages;
    let n = voyages.draws.len();
    let mut weeks = Vec::new();
    let mut totals = Vec::new();
    for (ci, c) in project.corridors.iter().enumerate() {
        let mut wk = week_start(window.0);
        let mut cumulative = vec![0.0; n];
        while wk < window.1 {
            let we = wk + 7 * DAY_MS;
            let mut week_cargo = Vec::with_capacity(n);
            let mut legs = Vec::with_capacity(n);
            for (d, (draw, values)) in voyages.draws.iter().zip(cargo).enumerate() {
                let (mut x, mut l) = (0.0, 0.0);
                for (leg, v) in draw.iter().zip(values) {
                    let t = leg.arrive;
                    if vs[leg.voyage].corridor == ci
                        && t >= wk.max(window.0)
                        && t < we.min(window.1)
                    {
                        x += v;
                        l += 1.0;
                    }
                }
                cumulative[d] += x;
                week_cargo.push(x);
                legs.push(l);
            }
            let seen = |areas: &[String]| {
                (0..7)
                    .filter(|k| {
                        let day = (wk / DAY_MS) + k;
                        areas
                            .iter()
                            .any(|a| voyages.seen_days.get(a).is_some_and(|s| s.contains(&day)))
                    })
                    .count()
            };
            let in_week: Vec<&Voyage> = vs
                .iter()
                .filter(|v| v.corridor == ci && v.arrive >= wk && v.arrive < we)
                .collect();
            weeks.push(Week {
                corridor: ci,
                start: wk,
                observed_legs: in_week.iter().filter(|v| v.is_observed()).count(),
                legs: Bounds::of(&mut legs),
                cargo: Bounds::of(&mut week_cargo),
                cumulative: Bounds::of(&mut cumulative.clone()),
                origin_seen_days: seen(&c.origins),
                destination_seen_days: seen(&c.destinations),
                voyages: in_week.iter().map(|v| v.id.clone()).collect(),
            });
            wk = we;
        }
        totals.push(Bounds::of(&mut cumulative));
    }
    (weeks, totals)
}

/// Munitions per container in each draw: log-uniform between the fewest and the most per
/// container the claims imply (0 without a conversion).
fn conversion_draws(conversion: Option<&Conversion>, n: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(2);
    (0..n)
        .map(|_| {
            conversion.map_or(0.0, |c| {
                (c.low.ln() + rng.random::<f64>() * (c.high.ln() - c.low.ln())).exp()
            })
        })
        .collect()
}

/// Munitions per container implied by claims that state both numbers (same organization and
/// date, one in containers and one in artillery shells).
pub fn conversion(claims: &[Claim]) -> Option<Conversion> {
    let value = |c: &Claim| {
        c.row
            .quantity
            .or(match (c.row.quantity_low, c.row.quantity_high) {
                (Some(l), Some(h)) => Some((l + h) / 2.0),
                _ => None,
            })
    };
    let mut pairs = Vec::new();
    for shells in claims
        .iter()
        .filter(|c| c.row.unit.starts_with("artillery_shells"))
    {
        let Some(s) = value(shells) else { continue };
        for cont in claims.iter().filter(|c| {
            c.row.unit == "containers"
                && c.row.date == shells.row.date
                && c.row.organization == shells.row.organization
        }) {
            if let Some(n) = value(cont).filter(|n| *n > 0.0) {
                pairs.push((format!("{}+{}", cont.id, shells.id), s / n));
            }
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let low = pairs.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let high = pairs.iter().map(|p| p.1).fold(0.0, f64::max);
    Some(Conversion {
        unit: "artillery_shells".into(),
        low,
        high,
        pairs,
    })
}

/// Route tokens: `sea:Rajin->Dunai|Vostochny` gives mode `sea`, origins `[rajin]`,
/// destinations `[dunai, vostochny]`; `all` and `sea+air` give every sea corridor.
fn parse_route(route: &str) -> Option<(Option<&str>, Vec<String>, Vec<String>)> {
    let r = route.trim();
    if r.is_empty() || r == "all" || r.contains('+') && !r.contains("->") {
        return Some((None, vec![], vec![]));
    }
    let (mode, rest) = r.split_once(':').map_or((None, r), |(m, x)| (Some(m), x));
    let (a, b) = rest.split_once("->").or_else(|| rest.split_once("<->"))?;
    let toks = |s: &str| {
        s.split('|')
            .map(|t| t.trim().trim_start_matches('>').to_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    };
    Some((mode, toks(a.trim_end_matches('<')), toks(b)))
}

fn compare(
    claim: &Claim,
    project: &Project,
    voyages: &Voyages,
    cargo: &[Vec<f64>],
    conv: &[f64],
) -> Comparison {
    let window = voyages.window;
    let unit = claim.row.unit.as_str();
    let metric = match unit {
        "containers" => "containers",
        "voyages" | "trips" | "shipments" | "port_calls" | "transfers" => "legs",
        u if u.starts_with("artillery_shells") && conv.iter().any(|c| *c > 0.0) => "converted",
        _ => "",
    };
    let mut out = Comparison {
        claim: claim.clone(),
        metric,
        estimate: None,
        coverage: 0.0,
        ratio: None,
        position: String::new(),
        consistent: None,
        note: String::new(),
        voyages: Vec::new(),
    };
    if metric.is_empty() {
        out.position = "not_estimated".into();
        out.note = if unit == "railcars" && claim.period.1 - claim.period.0 <= DAY_MS {
            "railcars in a yard on one day: a stock, not a flow (the rail model reads yard \
             counts from observations.csv)"
                .into()
        } else {
            format!("the ledger does not estimate {unit}")
        };
        return out;
    }
    let Some((mode, origins, dests)) = parse_route(&claim.row.route) else {
        out.position = "route_not_understood".into();
        return out;
    };
    let corridor_ok = |ci: usize| {
        let c = &project.corridors[ci];
        let m = match c.mode {
            lookout_project::Mode::Sea => "sea",
            lookout_project::Mode::Rail => "rail",
        };
        mode.is_none_or(|x| x == m)
            && (mode.is_some()
                || c.mode == lookout_project::Mode::Sea
                || claim.row.route.trim() == "all")
    };
    let matches = |name: &str, toks: &[String]| {
        toks.is_empty()
            || toks
                .iter()
                .any(|t| name.to_lowercase().contains(t.as_str()))
    };
    // Per corridor, origin and destination: does the claim's route cover that leg?
    let selected: Vec<Vec<Vec<bool>>> = project
        .corridors
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            c.origins
                .iter()
                .map(|o| {
                    c.destinations
                        .iter()
                        .map(|d| corridor_ok(ci) && matches(o, &origins) && matches(d, &dests))
                        .collect()
                })
                .collect()
        })
        .collect();
    let covers = |leg: &DrawnLeg| {
        selected[voyages.voyages[leg.voyage].corridor][leg.origin][leg.destination]
    };
    let watched = project.corridors.iter().enumerate().any(|(ci, c)| {
        corridor_ok(ci)
            && c.origins.iter().any(|o| matches(o, &origins))
            && c.destinations.iter().any(|d| matches(d, &dests))
    });
    if !watched {
        out.position = "route_not_watched".into();
        out.note = format!("no corridor matches route {:?}", claim.row.route);
        return out;
    }
    let (ps, pe) = claim.period;
    let (s, e) = (ps.max(window.0), pe.min(window.1));
    let len = (pe - ps).max(1) as f64;
    out.coverage = ((e - s).max(0) as f64 / len).clamp(0.0, 1.0);
    if e <= s {
        out.position = "outside_data".into();
        out.note = "the claim's period lies outside the analysis window".into();
        return out;
    }
    let mut used = vec![false; voyages.voyages.len()];
    let mut vals: Vec<f64> = voyages
        .draws
        .iter()
        .zip(cargo)
        .zip(conv)
        .map(|((legs, values), k)| {
            let mut total = 0.0;
            for (leg, x) in legs.iter().zip(values) {
                if covers(leg) && leg.arrive >= s && leg.arrive < e {
                    used[leg.voyage] = true;
                    total += match metric {
                        "legs" => 1.0,
                        "converted" => x * k,
                        _ => *x,
                    };
                }
            }
            total
        })
        .collect();
    let b = Bounds::of(&mut vals);
    out.estimate = Some(b);
    out.voyages = (0..used.len()).filter(|&i| used[i]).collect();
    let (lo, hi) = match (
        claim.row.quantity,
        claim.row.quantity_low,
        claim.row.quantity_high,
    ) {
        (Some(q), _, _) => (q, q),
        (None, Some(l), Some(h)) => (l, h),
        (None, Some(l), None) => (l, l),
        (None, None, Some(h)) => (h, h),
        _ => {
            out.position = "no_number".into();
            return out;
        }
    };
    out.ratio = (b.central > 0.0).then(|| (lo + hi) / 2.0 / b.central);
    out.position = if lo > b.high {
        "above"
    } else if hi < b.low {
        "below"
    } else {
        "within"
    }
    .into();
    // A claim whose period runs past the data is only judged when the covered part already
    // settles it: a lower-bound claim the partial estimate reaches.
    let lower_bound = matches!(claim.qualifier, Qualifier::MoreThan | Qualifier::AtLeast);
    out.consistent = match claim.qualifier {
        _ if out.coverage < 0.9 => (lower_bound && b.high >= lo).then_some(true),
        Qualifier::MoreThan | Qualifier::AtLeast => Some(b.high >= lo),
        Qualifier::UpTo => Some(b.low <= hi),
        _ => Some(out.position == "within"),
    };
    if out.coverage < 0.999 {
        out.note = format!(
            "the claim's period extends beyond the data: estimate covers {:.0}% of it",
            out.coverage * 100.0
        );
    }
    if metric == "converted" {
        out.note = format!(
            "{}{}containers converted at an assumed capacity range (see conversion)",
            out.note,
            if out.note.is_empty() { "" } else { "; " }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts that fall in time as the inferred legs do leave no room for a period shift; counts
    /// all taken in other months leave the whole of it (sqrt 2 for one month against another).
    #[test]
    fn selection_shift_follows_how_unlike_the_counted_legs_are_in_time() {
        let day = |d: i64| d * DAY_MS;
        let spread: Vec<i64> = (0..240).step_by(6).map(day).collect();
        let every_other: Vec<i64> = spread.iter().copied().step_by(2).collect();
        assert!(imbalance(&every_other, &spread, 0) < 0.1);
        let first_month: Vec<i64> = (0..30).step_by(3).map(day).collect();
        let third_month: Vec<i64> = (60..90).step_by(3).map(day).collect();
        assert!((imbalance(&first_month, &third_month, 0) - 2f64.sqrt()).abs() < 1e-9);
        // Counted only in the first two months, inferred over eight: most of the shift remains.
        let early: Vec<i64> = (0..60).step_by(3).map(day).collect();
        let x = imbalance(&early, &spread, 0);
        assert!(x > 0.55 && x < 1.0, "{x}");
        assert_eq!(imbalance(&[], &spread, 0), 0.0);
    }

    #[test]
    fn routes() {
        let (m, o, d) = parse_route("sea:Rajin->Dunai|Vostochny").unwrap();
        assert_eq!(m, Some("sea"));
        assert_eq!(o, vec!["rajin"]);
        assert_eq!(d, vec!["dunai", "vostochny"]);
        let (m, o, _) = parse_route("all").unwrap();
        assert!(m.is_none() && o.is_empty());
        let (m, o, d) = parse_route("rail:Tumangang<->Khasan").unwrap();
        assert_eq!(
            (m, o, d),
            (
                Some("rail"),
                vec!["tumangang".to_string()],
                vec!["khasan".to_string()]
            )
        );
    }

    #[test]
    fn percentiles() {
        let mut v: Vec<f64> = (0..=100).map(f64::from).collect();
        let b = Bounds::of(&mut v);
        assert_eq!((b.low, b.central, b.high), (5.0, 50.0, 95.0));
        assert!(b.contains(50.0) && !b.contains(96.0));
    }
}
