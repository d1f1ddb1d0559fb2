//! Rail beside sea: `rail_yards.csv` (the yard model's weekly railcars, containers and tonnes
//! per rail corridor, with the real-only figures beside them) and the report's rail section
//! (totals, dwell posteriors, the snapshots read and a weekly chart).

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use lookout_core::time::{format_day, format_time, DAY_MS};
use lookout_ledger::ledger::Bounds;
use lookout_ledger::rail::{YardCount, YardEstimate};

use crate::chart::{band_chart, Mark};
use crate::headline::RealOnly;
use crate::{anchor, esc, r0, Report};

/// One figure of a yard estimate (railcars, trains, containers or tonnes).
type Figure = fn(&YardEstimate) -> Bounds;

impl Report<'_> {
    /// Writes `rail_yards.csv`: one row per rail corridor with yard snapshots and week.
    pub(crate) fn rail_csv(&self, path: &Path) -> io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record([
            "corridor",
            "week_start",
            "railcars_low",
            "railcars_central",
            "railcars_high",
            "cumulative_low",
            "cumulative_central",
            "cumulative_high",
            "containers_low",
            "containers_central",
            "containers_high",
            "tonnes_low",
            "tonnes_central",
            "tonnes_high",
            "snapshots",
            "real_only_cumulative_low",
            "real_only_cumulative_central",
            "real_only_cumulative_high",
        ])?;
        for y in &self.ledger.yards {
            let real = self.real_only_yard(y.corridor);
            for wk in &y.weeks {
                let b = |b: &Bounds| [r0(b.low), r0(b.central), r0(b.high)];
                let mut row = vec![
                    self.project.corridors[y.corridor].name.clone(),
                    format_day(wk.start),
                ];
                row.extend(b(&wk.railcars));
                row.extend(b(&wk.cumulative));
                row.extend(b(&wk.containers));
                row.extend(b(&wk.tonnes));
                let end = wk.start + 7 * DAY_MS;
                row.push(
                    y.snapshots
                        .iter()
                        .filter(|s| s.time >= wk.start && s.time < end)
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                );
                match real {
                    RealOnly::Value(r) => {
                        let rw = r.weeks.iter().find(|x| x.start == wk.start);
                        row.extend(
                            rw.map_or([String::new(), String::new(), String::new()], |x| {
                                b(&x.cumulative)
                            }),
                        );
                    }
                    RealOnly::Nothing => row.extend(["0", "0", "0"].map(String::from)),
                    RealOnly::Unknown => row.extend([String::new(), String::new(), String::new()]),
                }
                w.write_record(&row)?;
            }
        }
        w.flush()
    }

    /// The report's rail section (empty when no rail corridor has yard snapshots).
    pub(crate) fn rail_section(&self) -> String {
        let mut h = String::new();
        for y in &self.ledger.yards {
            let c = &self.project.corridors[y.corridor];
            let _ = write!(
                h,
                "<h2>Rail: {} (yard snapshots)</h2><p>{} snapshots of railcars in the yards, no \
                 train named, read by a stock-and-flow model: a yard holds about flow &times; \
                 dwell cars; the dwell has a prior of {}-{} days (90%; {}); the flow changes from \
                 week to week, never above {} railcars a day ({}). Counts cover every kind of car \
                 and both directions: this is traffic through the yards, not munitions.</p>",
                esc(&c.name),
                y.snapshots.len(),
                c.yard.dwell_days_low,
                c.yard.dwell_days_high,
                esc(&c.yard.dwell_source),
                c.yard.max_railcars_per_day,
                esc(&c.yard.capacity_source)
            );
            h.push_str("<table><tr><th>over the window</th><th>low</th><th>central</th><th>high</th><th>from real snapshots alone</th><th>per-car range and source</th></tr>");
            let real = self.real_only_yard(y.corridor);
            let real_of = |f: Figure| match real {
                RealOnly::Value(r) => {
                    let b = f(r);
                    format!("{} ({}-{})", r0(b.central), r0(b.low), r0(b.high))
                }
                RealOnly::Nothing => "no real snapshot: no total".into(),
                RealOnly::Unknown => "not computed".into(),
            };
            let rows: [(&str, Figure, String); 4] = [
                ("railcars", |y| y.railcars, String::new()),
                (
                    "trains",
                    |y| y.trains,
                    format!(
                        "{}-{} railcars a train: {}",
                        c.prior.low,
                        c.prior.high,
                        esc(&c.prior.source)
                    ),
                ),
                (
                    "containers",
                    |y| y.containers,
                    format!(
                        "{}-{} a railcar: {}",
                        c.yard.containers_per_car_low,
                        c.yard.containers_per_car_high,
                        esc(&c.yard.containers_source)
                    ),
                ),
                (
                    "tonnes",
                    |y| y.tonnes,
                    format!(
                        "{}-{} a railcar: {}",
                        c.yard.tonnes_per_car_low,
                        c.yard.tonnes_per_car_high,
                        esc(&c.yard.tonnes_source)
                    ),
                ),
            ];
            for (name, f, note) in rows {
                let b = f(y);
                let _ = write!(
                    h,
                    "<tr><td>{name}</td><td class=n>{}</td><td class=n><b>{}</b></td><td class=n>{}</td><td class=n>{}</td><td><small>{note}</small></td></tr>",
                    r0(b.low),
                    r0(b.central),
                    r0(b.high),
                    real_of(f)
                );
            }
            h.push_str("</table><p>Mean dwell (posterior): ");
            let dwell: Vec<String> = y
                .dwell_days
                .iter()
                .map(|(yard, b)| {
                    format!(
                        "{} {:.1} days ({:.1}-{:.1})",
                        esc(yard),
                        b.central,
                        b.low,
                        b.high
                    )
                })
                .collect();
            h.push_str(&dwell.join("; "));
            h.push_str(".</p>");
            let series: Vec<(i64, Bounds, String)> = y
                .weeks
                .iter()
                .map(|w| {
                    let title = format!(
                        "week of {}: {} railcars ({}-{})",
                        format_day(w.start),
                        r0(w.railcars.central),
                        r0(w.railcars.low),
                        r0(w.railcars.high)
                    );
                    (w.start + 7 * DAY_MS, w.railcars, title)
                })
                .collect();
            let marks: Vec<Mark> = y
                .snapshots
                .iter()
                .filter(|s| s.time >= self.ledger.window.0 && s.time < self.ledger.window.1)
                .map(|s| {
                    let (v, what) = match s.count {
                        YardCount::Exact { value, .. } => (value, format!("{value:.0}")),
                        YardCount::AtLeast(x) => (x, format!("at least {x:.0}")),
                        YardCount::AtMost(x) => (x, format!("at most {x:.0}")),
                    };
                    Mark {
                        time: s.time,
                        value: v,
                        color: "#8e44ad",
                        href: anchor(&s.id),
                        title: format!(
                            "{}: {what} railcars in {} on {}",
                            s.id,
                            s.yard,
                            format_time(s.time)
                        ),
                    }
                })
                .collect();
            h.push_str(&band_chart(&series, &marks));
            h.push_str("<p>Line: median railcars through the yards per week; band: 90% interval. Purple points: the railcars counted in a yard on a snapshot's day (a stock, on the same scale: a yard with a dwell of a few days holds about half a week's flow).</p>");
        }
        h
    }
}
