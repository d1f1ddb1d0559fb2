//! Where each ship was, day by day: a hidden semi-Markov model per ship on one corridor, sampled
//! by forward filtering and backward sampling inside a Gibbs sampler that also learns the
//! corridor's stay lengths and the chances of leaving it.
//!
//! Phases: a stay at each corridor site (loading at an origin, unloading at a destination), at
//! sea laden (`Out`), at sea returning (`Back`), and away from the corridor (`Away`: a shipyard,
//! other cargo, waiting elsewhere). A cycle runs origin stay -> `Out` (0 or more days) ->
//! destination stay (a leg) -> `Back` -> origin stay; a ship leaving any stay goes away instead
//! with the absence chance, and comes back to an origin (or, with a small chance, to a
//! destination, which is no leg). Stay lengths are log-normal per ship and role (origin or
//! destination), partially pooled over the corridor's ships around a prior from `cycle_days`,
//! mixed with lay-ups as long as absences; transit days follow from the distance and the
//! corridor's `speed_kn`. Every prior is a named setting (docs/ledger.md).
//!
//! Days are the evidence grid's (`evidence::Grid`); the likelihood of each day's evidence at each
//! site or at none comes from `evidence::Evidence::likelihood`.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, ChiSquared, Distribution, Gamma, StandardNormal};

use lookout_project::LedgerSettings;

/// A 90% interval's standard deviation.
pub const Z90: f64 = 1.644_853_6;
/// Longest stay or absence followed day by day; longer ones keep the hazard of this day.
const MAX_DAYS: usize = 60;
/// Longest transit followed day by day.
const MAX_SEA_DAYS: usize = 12;
/// Prior weight (degrees of freedom) of `stay_spread`, in stays.
const STAY_SPREAD_PRIOR_DF: f64 = 3.0;
/// Fewest paths drawn from one sweep's parameters (with few draws, fewer sweeps).
const MIN_PATHS_PER_SWEEP: usize = 10;
/// Bounds of a drawn stay-to-stay spread (numerical guard: from 2% to a factor of 20).
const STAY_SPREAD_BOUNDS: (f64, f64) = (0.02, 3.0);

/// The corridor as the model sees it.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Number of sites (origins first, then destinations).
    pub sites: usize,
    /// How many of them are origins.
    pub origins: usize,
    /// Days at sea on a leg (and on the way back), from distance and speed.
    pub transit_days: f64,
    /// Prior median stay, days (half a cycle less the transits).
    pub stay_days: f64,
    /// Shortest stay, days.
    pub min_stay_days: usize,
}

/// What a ship is doing on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// At a corridor site (index into the layout's sites).
    Stay(usize),
    /// At sea with a load, bound for a destination.
    Out,
    /// At sea on the way back.
    Back,
    /// Away from the corridor.
    Away,
}

impl Layout {
    fn phases(&self) -> usize {
        self.sites + 3
    }

    /// Phase of an index.
    pub fn phase(&self, p: u8) -> Phase {
        let p = usize::from(p);
        match p.checked_sub(self.sites) {
            None => Phase::Stay(p),
            Some(0) => Phase::Out,
            Some(1) => Phase::Back,
            Some(_) => Phase::Away,
        }
    }

    fn out(&self) -> usize {
        self.sites
    }
    fn back(&self) -> usize {
        self.sites + 1
    }
    fn away(&self) -> usize {
        self.sites + 2
    }
    fn is_origin(&self, p: usize) -> bool {
        p < self.origins
    }
    fn is_destination(&self, p: usize) -> bool {
        p >= self.origins && p < self.sites
    }

    /// Column of the likelihood table for a phase: its site, or the last (at no site).
    fn column(&self, p: usize) -> usize {
        p.min(self.sites)
    }
}

/// One ship's path: its phase (index, see [`Layout::phase`]) on each day.
pub type Path = Vec<u8>;

/// A leg in a path: arrival at a destination stay from an origin stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathLeg {
    /// Origin site (index into the layout's sites).
    pub origin: usize,
    /// Destination site.
    pub destination: usize,
    /// First and last day of the origin stay.
    pub origin_from: usize,
    /// Last day at the origin.
    pub depart: usize,
    /// First day at the destination.
    pub arrive: usize,
    /// Last day of the destination stay.
    pub destination_to: usize,
}

/// The legs of a path. A path starting at sea laden has its leg from the first origin.
pub fn legs(layout: &Layout, path: &Path) -> Vec<PathLeg> {
    let segs = segments(path);
    let mut out = Vec::new();
    for (i, &(p, start, len)) in segs.iter().enumerate() {
        if !layout.is_destination(p) || i == 0 {
            continue;
        }
        let before = segs[i - 1].0;
        let origin = if layout.is_origin(before) {
            Some(segs[i - 1])
        } else if before == layout.out() {
            i.checked_sub(2)
                .map(|j| segs[j])
                .filter(|s| layout.is_origin(s.0))
        } else {
            continue;
        };
        // Without a seen origin stay (the path starts at sea) the origin is the first one and
        // its days are none.
        let (o, from, depart) = origin.map_or((0, start, start - 1), |(o, s, l)| (o, s, s + l - 1));
        out.push(PathLeg {
            origin: o,
            destination: p,
            origin_from: from,
            depart,
            arrive: start,
            destination_to: start + len - 1,
        });
    }
    out
}

/// Segments of a path: (phase, first day, length).
fn segments(path: &Path) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (t, &p) in path.iter().enumerate() {
        match out.last_mut() {
            Some(s) if s.0 == usize::from(p) => s.2 += 1,
            _ => out.push((usize::from(p), t, 1)),
        }
    }
    out
}

/// The standard normal distribution function.
pub(crate) fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// Probability of `k` whole days under a log-normal length (median `exp(mu)`), `k >= 1`: the
/// length rounded to days, lengths under 1.5 days counting as 1.
fn lognormal_days(mu: f64, sigma: f64, k: usize) -> f64 {
    let cdf = |x: f64| normal_cdf((x.ln() - mu) / sigma);
    let hi = cdf(k as f64 + 0.5);
    if k <= 1 {
        hi
    } else {
        hi - cdf(k as f64 - 0.5)
    }
}

/// A length distribution followed day by day: the chance of ending after each day (the last
/// entry holds for every later day) and where a length observed from its middle starts.
#[derive(Debug, Clone)]
struct Lengths {
    hazard: Vec<f64>,
    /// Weights of having spent 1, 2, ... days when first seen (the residual-life weights).
    start: Vec<f64>,
    /// Mean length, days.
    mean: f64,
}

impl Lengths {
    /// From probabilities of lengths 1, 2, ... (any length; longer than `days` keep the hazard
    /// of the last day followed).
    fn new(pmf: &[f64], days: usize) -> Lengths {
        let total: f64 = pmf.iter().sum();
        let mut survive = total;
        let (mut hazard, mut start) = (Vec::with_capacity(days), Vec::with_capacity(days));
        for d in 0..days {
            let f = pmf.get(d).copied().unwrap_or(0.0);
            let h = if survive > 1e-300 {
                (f / survive).clamp(0.0, 1.0)
            } else {
                1.0
            };
            start.push(survive / total);
            hazard.push(h);
            survive -= f;
        }
        // The last day stands for all later ones: its weight is the whole remaining mass.
        let h = hazard[days - 1].max(1e-6);
        start[days - 1] /= h;
        let mean = pmf
            .iter()
            .enumerate()
            .map(|(d, f)| (d + 1) as f64 * f)
            .sum::<f64>()
            / total;
        Lengths {
            hazard,
            start,
            mean,
        }
    }
}

/// Days at sea: chance of 0 days (the transit falls between two reference instants) and the
/// lengths of transits of 1 day or more. The sailing time `days` falls on `floor(days)` or
/// `floor(days) + 1` reference instants; a delay adds days with a geometric length.
fn sea_days(days: f64, settings: &LedgerSettings) -> (f64, Lengths) {
    let base = days.floor() as usize;
    let frac = days - days.floor();
    let n = MAX_SEA_DAYS * 3;
    let mut pmf = vec![0.0; n];
    let (delay, mean) = (
        settings.transit_delay_chance,
        settings.transit_delay_days.max(1.0),
    );
    for (k, x) in [(base, 1.0 - frac), (base + 1, frac)] {
        if k < n {
            pmf[k] += (1.0 - delay) * x;
        }
        for e in 1..n - k {
            pmf[k + e] += delay * x * (1.0 / mean) * (1.0 - 1.0 / mean).powi(e as i32 - 1);
        }
    }
    (pmf[0], Lengths::new(&pmf[1..], MAX_SEA_DAYS))
}

/// Parameters of one Gibbs state.
#[derive(Debug, Clone)]
struct Params {
    /// Per ship, per role (origin, destination): log median stay.
    mu: Vec<[f64; 2]>,
    /// Per role: the corridor's log median stay.
    corridor_mu: [f64; 2],
    /// Per role: stay-to-stay spread of the log.
    sigma: [f64; 2],
    /// Chance that a stay is a lay-up.
    parked: f64,
    /// Per role (origin, destination): chance of leaving the corridor at the end of a stay
    /// there (laden after loading, empty after unloading).
    away: [f64; 2],
    /// Chance that a ship coming back from away calls at a destination first.
    to_destination: f64,
    /// Chance that a ship is away at the window's start.
    start_away: f64,
    /// Per ship: chance of each origin, then of each destination.
    origin_weights: Vec<Vec<f64>>,
    destination_weights: Vec<Vec<f64>>,
}

/// The sampler for one corridor.
pub struct Sampler<'a> {
    layout: &'a Layout,
    settings: &'a LedgerSettings,
    /// Per ship: likelihood table (days x (sites + 1)).
    ships: &'a [Vec<f64>],
    days: usize,
    /// Log median and spread of absences (and lay-ups).
    away_mu: f64,
    away_sigma: f64,
    /// Prior log median stay.
    prior_mu: f64,
    sea_zero: f64,
    sea: Lengths,
}

/// One ship's transition structure for one sweep.
struct Chain {
    lengths: Vec<Lengths>,
    /// `route[p][q]`: chance that leaving phase `p` starts phase `q`.
    route: Vec<Vec<f64>>,
    /// Offsets of the phases' day counters in the state vector.
    offset: Vec<usize>,
    states: usize,
    init: Vec<f64>,
}

impl<'a> Sampler<'a> {
    /// A sampler for ships on one corridor with these likelihood tables.
    pub fn new(
        layout: &'a Layout,
        settings: &'a LedgerSettings,
        ships: &'a [Vec<f64>],
        days: usize,
    ) -> Self {
        let (lo, hi) = (
            settings.absence_days_low.ln(),
            settings.absence_days_high.ln(),
        );
        let (sea_zero, sea) = sea_days(layout.transit_days, settings);
        Sampler {
            layout,
            settings,
            ships,
            days,
            away_mu: (lo + hi) / 2.0,
            away_sigma: (hi - lo) / (2.0 * Z90),
            prior_mu: layout.stay_days.ln(),
            sea_zero,
            sea,
        }
    }

    /// `draws` joint draws of every ship's path (`result[draw][ship]`).
    pub fn run(&self, draws: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<Path>> {
        let s = self.settings;
        let n = self.ships.len();
        let mut params = Params {
            mu: vec![[self.prior_mu; 2]; n],
            corridor_mu: [self.prior_mu; 2],
            sigma: [s.stay_spread; 2],
            parked: s.parked_chance,
            away: [s.laden_absence_chance, s.absence_chance],
            to_destination: s.return_to_destination_chance,
            start_away: s.start_away_chance,
            origin_weights: vec![vec![1.0 / self.layout.origins as f64; self.layout.origins]; n],
            destination_weights: vec![
                vec![
                    1.0 / (self.layout.sites - self.layout.origins) as f64;
                    self.layout.sites - self.layout.origins
                ];
                n
            ],
        };
        // Fewer draws ask for less precision: at least `MIN_PATHS_PER_SWEEP` paths a sweep.
        let sweeps = s.sweeps.min(draws.div_ceil(MIN_PATHS_PER_SWEEP)).max(1);
        let burn_in = s.burn_in.min(sweeps);
        let per_sweep = draws.div_ceil(sweeps);
        let mut out: Vec<Vec<Path>> = Vec::with_capacity(draws);
        for sweep in 0..burn_in + sweeps {
            let keep = if sweep >= burn_in { per_sweep } else { 0 };
            let mut current = Vec::with_capacity(n);
            let mut kept: Vec<Vec<Path>> = vec![Vec::with_capacity(n); keep];
            for ship in 0..n {
                let chain = self.chain(&params, ship);
                let alpha = self.forward(&chain, &self.ships[ship]);
                current.push(self.backward(&chain, &alpha, rng));
                for k in kept.iter_mut() {
                    k.push(self.backward(&chain, &alpha, rng));
                }
            }
            out.extend(kept);
            params = self.update(&params, &current, rng);
        }
        out.truncate(draws);
        out
    }

    /// Stay length probabilities of one ship in one role, days 1, 2, ...
    fn stay_pmf(&self, params: &Params, ship: usize, role: usize) -> Vec<f64> {
        (1..=MAX_DAYS * 3)
            .map(|k| {
                if k < self.layout.min_stay_days {
                    return 0.0;
                }
                (1.0 - params.parked) * lognormal_days(params.mu[ship][role], params.sigma[role], k)
                    + params.parked * lognormal_days(self.away_mu, self.away_sigma, k)
            })
            .collect()
    }

    fn chain(&self, params: &Params, ship: usize) -> Chain {
        let l = self.layout;
        let phases = l.phases();
        let stay = [
            self.stay_pmf(params, ship, 0),
            self.stay_pmf(params, ship, 1),
        ];
        let away_pmf: Vec<f64> = (1..=MAX_DAYS * 3)
            .map(|k| lognormal_days(self.away_mu, self.away_sigma, k))
            .collect();
        let mut lengths = Vec::with_capacity(phases);
        for p in 0..phases {
            lengths.push(match l.phase(p as u8) {
                Phase::Stay(site) => Lengths::new(&stay[usize::from(site >= l.origins)], MAX_DAYS),
                Phase::Out | Phase::Back => self.sea.clone(),
                Phase::Away => Lengths::new(&away_pmf, MAX_DAYS),
            });
        }
        let ow = &params.origin_weights[ship];
        let dw = &params.destination_weights[ship];
        let ([a_laden, a], z) = (params.away, self.sea_zero);
        let b = params.to_destination;
        let mut route = vec![vec![0.0; phases]; phases];
        for (p, row) in route.iter_mut().enumerate() {
            let to_origins = |row: &mut Vec<f64>, w: f64| {
                for (o, x) in ow.iter().enumerate() {
                    row[o] += w * x;
                }
            };
            let to_destinations = |row: &mut Vec<f64>, w: f64| {
                for (d, x) in dw.iter().enumerate() {
                    row[l.origins + d] += w * x;
                }
            };
            if l.is_origin(p) {
                row[l.away()] = a_laden;
                row[l.out()] = (1.0 - a_laden) * (1.0 - z);
                to_destinations(row, (1.0 - a_laden) * z);
            } else if l.is_destination(p) {
                row[l.away()] = a;
                row[l.back()] = (1.0 - a) * (1.0 - z);
                to_origins(row, (1.0 - a) * z);
            } else if p == l.out() {
                to_destinations(row, 1.0);
            } else if p == l.back() {
                to_origins(row, 1.0);
            } else {
                to_origins(row, 1.0 - b);
                to_destinations(row, b);
            }
        }
        let mut offset = Vec::with_capacity(phases);
        let mut states = 0;
        for len in &lengths {
            offset.push(states);
            states += len.hazard.len();
        }
        // Where the ship is on the first day: away with the prior chance, else in a phase of
        // the cycle in proportion to its mean length, partway through it.
        let sea_mean = (1.0 - z) * self.sea.mean;
        let mut init = vec![0.0; states];
        let mut phase_weight = vec![0.0; phases];
        for (p, w) in phase_weight.iter_mut().enumerate() {
            *w = if l.is_origin(p) {
                ow[p] * lengths[p].mean
            } else if l.is_destination(p) {
                dw[p - l.origins] * lengths[p].mean
            } else if p == l.away() {
                0.0
            } else {
                sea_mean
            };
        }
        let cycle: f64 = phase_weight.iter().sum();
        phase_weight[l.away()] = cycle * params.start_away / (1.0 - params.start_away);
        for (p, len) in lengths.iter().enumerate() {
            let total: f64 = len.start.iter().sum();
            for (d, w) in len.start.iter().enumerate() {
                init[offset[p] + d] = phase_weight[p] * w / total.max(1e-300);
            }
        }
        Chain {
            lengths,
            route,
            offset,
            states,
            init,
        }
    }

    /// Filtered state probabilities for every day (`days x states`, each day normalised).
    fn forward(&self, chain: &Chain, lik: &[f64]) -> Vec<f64> {
        let l = self.layout;
        let width = l.sites + 1;
        let phases = l.phases();
        let mut alpha = vec![0.0; self.days * chain.states];
        let weigh = |row: &mut [f64], t: usize| {
            for p in 0..phases {
                let x = lik[t * width + l.column(p)];
                let o = chain.offset[p];
                for v in &mut row[o..o + chain.lengths[p].hazard.len()] {
                    *v *= x;
                }
            }
            let sum: f64 = row.iter().sum();
            if sum > 0.0 {
                row.iter_mut().for_each(|v| *v /= sum);
            } else {
                // Evidence no path can explain: keep the prediction rather than fail.
                let n = row.len() as f64;
                row.iter_mut().for_each(|v| *v = 1.0 / n);
            }
        };
        alpha[..chain.states].copy_from_slice(&chain.init);
        weigh(&mut alpha[..chain.states], 0);
        let mut exit = vec![0.0; phases];
        for t in 1..self.days {
            let (done, rest) = alpha.split_at_mut(t * chain.states);
            let prev = &done[(t - 1) * chain.states..];
            let next = &mut rest[..chain.states];
            for (p, len) in chain.lengths.iter().enumerate() {
                let o = chain.offset[p];
                let last = len.hazard.len() - 1;
                exit[p] = 0.0;
                for d in 0..=last {
                    let a = prev[o + d];
                    let h = len.hazard[d];
                    exit[p] += a * h;
                    next[o + (d + 1).min(last)] += a * (1.0 - h);
                }
            }
            for q in 0..phases {
                let entry: f64 = (0..phases).map(|p| exit[p] * chain.route[p][q]).sum();
                next[chain.offset[q]] += entry;
            }
            weigh(next, t);
        }
        alpha
    }

    /// One path drawn from the filtered probabilities, last day first.
    fn backward(&self, chain: &Chain, alpha: &[f64], rng: &mut ChaCha8Rng) -> Path {
        let phases = self.layout.phases();
        let states = chain.states;
        let phase_of = |s: usize| chain.offset.iter().rposition(|&o| o <= s).unwrap_or(0);
        let pick = |weights: &mut dyn Iterator<Item = (usize, f64)>, rng: &mut ChaCha8Rng| {
            let w: Vec<(usize, f64)> = weights.collect();
            let total: f64 = w.iter().map(|x| x.1).sum();
            let mut u = rng.random::<f64>() * total;
            for &(i, x) in &w {
                u -= x;
                if u <= 0.0 {
                    return i;
                }
            }
            w.iter().rev().find(|x| x.1 > 0.0).map_or(w[0].0, |x| x.0)
        };
        let last_day = &alpha[(self.days - 1) * states..self.days * states];
        let mut s = pick(&mut last_day.iter().copied().enumerate(), rng);
        let mut path = vec![0u8; self.days];
        path[self.days - 1] = phase_of(s) as u8;
        for t in (0..self.days - 1).rev() {
            let a = &alpha[t * states..(t + 1) * states];
            let q = phase_of(s);
            let d = s - chain.offset[q];
            let last = chain.lengths[q].hazard.len() - 1;
            let h = &chain.lengths[q].hazard;
            s = if d > 0 && d < last {
                s - 1
            } else if d > 0 {
                // The last counter: reached from the day before, or stayed in it.
                let o = chain.offset[q];
                let stay = [
                    (o + d - 1, a[o + d - 1] * (1.0 - h[d - 1])),
                    (s, a[s] * (1.0 - h[d])),
                ];
                pick(&mut stay.into_iter(), rng)
            } else {
                // A phase started on day t + 1: which one ended on day t, after how long.
                let mut ends = (0..phases).flat_map(|p| {
                    let o = chain.offset[p];
                    let r = chain.route[p][q];
                    chain.lengths[p]
                        .hazard
                        .iter()
                        .enumerate()
                        .map(move |(d, h)| (o + d, a[o + d] * h * r))
                });
                pick(&mut ends, rng)
            };
            path[t] = phase_of(s) as u8;
        }
        path
    }

    /// New parameters given one path per ship.
    fn update(&self, old: &Params, paths: &[Path], rng: &mut ChaCha8Rng) -> Params {
        let l = self.layout;
        let s = self.settings;
        let days = self.days;
        let mut p = old.clone();
        let normal = |rng: &mut ChaCha8Rng| -> f64 { StandardNormal.sample(rng) };
        // Whole stays (neither cut by the window's start nor its end), lay-ups drawn apart.
        let mut logs: Vec<[Vec<f64>; 2]> = vec![[Vec::new(), Vec::new()]; paths.len()];
        let (mut parked, mut stays) = (0.0, 0.0);
        // Per role: stays left for away, stays left.
        let (mut left, mut exits) = ([0.0; 2], [0.0; 2]);
        // Returns from away (to a destination of all returns), ships away on the first day.
        let (mut came_back_to_destination, mut returns, mut started_away) = (0.0, 0.0, 0.0);
        for (ship, path) in paths.iter().enumerate() {
            let segs = segments(path);
            let mut to_origin = vec![0.0; l.origins];
            let mut to_destination = vec![0.0; l.sites - l.origins];
            started_away += f64::from(u8::from(segs.first().is_some_and(|x| x.0 == l.away())));
            for (i, &(phase, start, len)) in segs.iter().enumerate() {
                if phase == l.away() {
                    if let Some(next) = segs.get(i + 1) {
                        returns += 1.0;
                        came_back_to_destination += f64::from(u8::from(l.is_destination(next.0)));
                    }
                }
                if phase >= l.sites {
                    continue;
                }
                let role = usize::from(phase >= l.origins);
                if start > 0 {
                    if role == 0 {
                        to_origin[phase] += 1.0;
                    } else {
                        to_destination[phase - l.origins] += 1.0;
                    }
                }
                if let Some(next) = segs.get(i + 1) {
                    exits[role] += 1.0;
                    left[role] += f64::from(u8::from(next.0 == l.away()));
                }
                if start == 0 || start + len >= days {
                    continue;
                }
                let lay_up = old.parked * lognormal_days(self.away_mu, self.away_sigma, len);
                let call =
                    (1.0 - old.parked) * lognormal_days(old.mu[ship][role], old.sigma[role], len);
                stays += 1.0;
                if rng.random::<f64>() * (lay_up + call) < lay_up {
                    parked += 1.0;
                } else {
                    logs[ship][role].push((len as f64).ln());
                }
            }
            p.origin_weights[ship] = dirichlet(&to_origin, rng);
            p.destination_weights[ship] = dirichlet(&to_destination, rng);
        }
        p.parked = beta(s.parked_chance, s.prior_cycles, parked, stays, rng);
        p.away = [
            beta(
                s.laden_absence_chance,
                s.prior_cycles,
                left[0],
                exits[0],
                rng,
            ),
            beta(s.absence_chance, s.prior_cycles, left[1], exits[1], rng),
        ];
        p.to_destination = beta(
            s.return_to_destination_chance,
            s.prior_returns,
            came_back_to_destination,
            returns,
            rng,
        );
        p.start_away = beta(
            s.start_away_chance,
            s.prior_returns,
            started_away,
            paths.len() as f64,
            rng,
        );
        let tau = s.ship_stay_spread;
        for role in 0..2 {
            // Stay-to-stay spread: scaled inverse chi-square, prior `stay_spread` worth a few
            // stays.
            let (mut ss, mut n) = (0.0, 0.0);
            for (ship, l) in logs.iter().enumerate() {
                ss += l[role]
                    .iter()
                    .map(|x| (x - old.mu[ship][role]).powi(2))
                    .sum::<f64>();
                n += l[role].len() as f64;
            }
            let df = STAY_SPREAD_PRIOR_DF + n;
            let chi2: f64 = ChiSquared::new(df).map_or(df, |c| c.sample(rng));
            let var = (STAY_SPREAD_PRIOR_DF * s.stay_spread.powi(2) + ss) / chi2.max(1e-9);
            p.sigma[role] = var.sqrt().clamp(STAY_SPREAD_BOUNDS.0, STAY_SPREAD_BOUNDS.1);
            let sig2 = p.sigma[role].powi(2);
            // Ship medians around the corridor's, then the corridor's around the prior.
            for (ship, l) in logs.iter().enumerate() {
                let prec = l[role].len() as f64 / sig2 + 1.0 / (tau * tau);
                let mean = (l[role].iter().sum::<f64>() / sig2
                    + old.corridor_mu[role] / (tau * tau))
                    / prec;
                p.mu[ship][role] = mean + normal(rng) / prec.sqrt();
            }
            let prior_var = s.cycle_prior_spread.powi(2);
            let ships = paths.len() as f64;
            let prec = ships / (tau * tau) + 1.0 / prior_var;
            let sum: f64 = p.mu.iter().map(|m| m[role]).sum();
            let mean = (sum / (tau * tau) + self.prior_mu / prior_var) / prec;
            p.corridor_mu[role] = mean + normal(rng) / prec.sqrt();
        }
        p
    }
}

/// A chance drawn from its Beta posterior: prior `chance` worth `weight` trials, `hits` of
/// `trials` seen.
fn beta(chance: f64, weight: f64, hits: f64, trials: f64, rng: &mut ChaCha8Rng) -> f64 {
    let a = chance * weight + hits;
    let b = (1.0 - chance) * weight + (trials - hits).max(0.0);
    Beta::new(a, b)
        .map_or(chance, |d| d.sample(rng))
        .clamp(1e-6, 1.0 - 1e-6)
}

/// Weights drawn from a Dirichlet posterior with a flat prior.
fn dirichlet(counts: &[f64], rng: &mut ChaCha8Rng) -> Vec<f64> {
    let g: Vec<f64> = counts
        .iter()
        .map(|c| Gamma::new(1.0 + c, 1.0).map_or(1.0, |d| d.sample(rng)))
        .collect();
    let total: f64 = g.iter().sum();
    g.iter().map(|x| x / total).collect()
}
