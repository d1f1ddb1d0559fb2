//! Outputs of `lookout analyze`: `voyages.csv`, `ledger.csv`, `claims_vs_evidence.csv`,
//! `rail_yards.csv`, `risk.csv`, `areas.geojson`, `tracks.geojson` and a self-contained `report.html`
//! (inline SVG, no network). Every number in the report links to the rows it comes from: voyage ids, event ids
//! (`port_visit-MMSI-SECONDS`, ...) and observation rows (`obs:LINE` = line in
//! `observations.csv`).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use lookout_core::areas::Shape;
use lookout_core::event::{Event, EventType};
use lookout_core::land::{Land, EAST_ASIA_SOURCE};
use serde_json::{json, Value};

use lookout_core::provenance::{Provenance, ProvenanceCounts};
use lookout_core::time::{format_day, format_time, DAY_MS};
use lookout_ledger::ledger::{Bounds, Ledger};
use lookout_ledger::voyages::{Voyage, Voyages};
use lookout_project::Project;
use lookout_risk::Assessment;
use lookout_sanctions::{Query, Status};

mod chart;
pub mod headline;
mod rail;
mod risk;

use chart::{band_chart, Mark};
use headline::RealOnly;
use lookout_ledger::provenance::EvidenceIndex;

/// One vessel's positions for the map: (mmsi, label, [(time ms, lat, lon)]).
pub type Track = (u32, String, Vec<(i64, f64, f64)>);

/// Everything the report shows.
pub struct Report<'a> {
    /// The project.
    pub project: &'a Project,
    /// Voyages.
    pub voyages: &'a Voyages,
    /// Ledger.
    pub ledger: &'a Ledger,
    /// Detected events.
    pub events: &'a [Event],
    /// Tracks of the watched vessels.
    pub tracks: &'a [Track],
    /// Provenance of the AIS behind the events (`None`: no AIS).
    pub ais: Option<Provenance>,
    /// The fleet's risk scores, highest first (`None`: not scored, no `risk.csv` nor section).
    pub risk: Option<&'a [Assessment]>,
}

fn r0(x: f64) -> String {
    format!("{:.0}", x)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Report<'_> {
    /// Provenance of one evidence id: an observation row's own; an event's source's (GFW
    /// imports name theirs), else the AIS's.
    pub fn evidence_provenance(&self, id: &str) -> Option<Provenance> {
        self.index().of(id)
    }

    /// The evidence behind a corridor's voyages, counted by provenance (each id once).
    pub fn corridor_evidence(&self, corridor: usize) -> ProvenanceCounts {
        self.corridor_evidence_with(&self.index(), corridor)
    }

    fn corridor_evidence_with(&self, index: &EvidenceIndex, corridor: usize) -> ProvenanceCounts {
        index.counts(
            self.voyages
                .voyages
                .iter()
                .filter(|v| v.corridor == corridor)
                .flat_map(|v| v.evidence.iter().map(String::as_str)),
        )
    }

    /// What is simulated among the inputs, in words (empty when nothing is): the AIS, and how
    /// many observation rows.
    pub fn simulated_inputs(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.ais == Some(Provenance::Simulated) {
            out.push("the AIS".to_owned());
        }
        let obs: ProvenanceCounts = self
            .project
            .observations
            .iter()
            .map(|o| o.provenance)
            .collect();
        if obs.simulated > 0 {
            out.push(format!(
                "{} of {} observation rows (imagery)",
                obs.simulated,
                obs.total()
            ));
        }
        out
    }

    /// Sanctions status of a voyage's vessel on its departure date.
    pub fn sanctions(&self, v: &Voyage) -> Option<Status> {
        let list = self.project.sanctions.as_ref()?;
        let w = self.project.vessel_by_name(&v.vessel);
        let mut names = vec![v.vessel.as_str()];
        if let Some(w) = w {
            names.extend(w.aliases.iter().map(String::as_str));
        }
        let q = Query {
            imo: w.and_then(|w| w.imo),
            mmsis: &v.mmsis,
            names,
            flag: w.and_then(|w| w.flag.as_deref()),
        };
        Some(list.status(&q, v.depart))
    }

    /// Writes every output file into `dir`.
    pub fn write_all(&self, dir: &Path) -> io::Result<()> {
        self.voyages_csv(&dir.join("voyages.csv"))?;
        self.ledger_csv(&dir.join("ledger.csv"))?;
        self.claims_csv(&dir.join("claims_vs_evidence.csv"))?;
        self.rail_csv(&dir.join("rail_yards.csv"))?;
        self.risk_csv(&dir.join("risk.csv"))?;
        write_json(&dir.join("areas.geojson"), &self.areas_geojson())?;
        write_json(&dir.join("tracks.geojson"), &self.tracks_geojson())?;
        std::fs::write(dir.join("report.html"), self.html())
    }

    fn voyages_csv(&self, path: &Path) -> io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record([
            "voyage_id",
            "kind",
            "vessel",
            "mmsi",
            "imo",
            "corridor",
            "origin",
            "destination",
            "depart_time",
            "arrive_time",
            "legs",
            "confidence",
            "cargo_low",
            "cargo_central",
            "cargo_high",
            "cargo_basis",
            "cargo_evidence",
            "evidence",
            "evidence_sources",
            "sanctions_status",
            "sanctions_entity",
            "sanctions_match",
            "sanctions_detail",
            "note",
            "provenance",
        ])?;
        let index = self.index();
        for (v, e) in self.voyages.voyages.iter().zip(&self.ledger.entries) {
            let s = self.sanctions(v);
            let imo = self
                .project
                .vessel_by_name(&v.vessel)
                .and_then(|w| w.imo)
                .map(|i| i.to_string())
                .unwrap_or_default();
            let mmsi: Vec<String> = v.mmsis.iter().map(u32::to_string).collect();
            w.write_record([
                v.id.as_str(),
                v.kind_name(),
                &v.vessel,
                &mmsi.join("|"),
                &imo,
                &self.project.corridors[v.corridor].name,
                &v.origin,
                &v.destination,
                &format_time(v.depart),
                &format_time(v.arrive),
                &format!("{:.2}", e.legs_mean),
                &format!("{:.2}", v.confidence()),
                &r0(e.cargo.low),
                &r0(e.cargo.central),
                &r0(e.cargo.high),
                e.basis.as_str(),
                &e.basis.evidence().join(";"),
                &v.evidence.join(";"),
                &v.sources,
                s.as_ref().map_or("", |s| s.status),
                &s.as_ref()
                    .and_then(|s| s.entity.clone())
                    .unwrap_or_default(),
                s.as_ref()
                    .and_then(|s| s.matched_by)
                    .map_or("", |m| m.as_str()),
                &s.as_ref().map(|s| s.detail.clone()).unwrap_or_default(),
                &v.note,
                index.voyage(v, e).map_or("", Provenance::as_str),
            ])?;
        }
        w.flush()
    }

    fn ledger_csv(&self, path: &Path) -> io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record([
            "corridor",
            "week_start",
            "observed_legs",
            "legs_low",
            "legs_central",
            "legs_high",
            "cargo_low",
            "cargo_central",
            "cargo_high",
            "cumulative_low",
            "cumulative_central",
            "cumulative_high",
            "origin_seen_days",
            "destination_seen_days",
            "voyages",
            "real_only_cumulative_low",
            "real_only_cumulative_central",
            "real_only_cumulative_high",
        ])?;
        for wk in &self.ledger.weeks {
            let b = |b: &Bounds| [r0(b.low), r0(b.central), r0(b.high)];
            let mut row = vec![
                self.project.corridors[wk.corridor].name.clone(),
                format_day(wk.start),
                wk.observed_legs.to_string(),
            ];
            row.extend(b(&wk.legs));
            row.extend(b(&wk.cargo));
            row.extend(b(&wk.cumulative));
            row.push(wk.origin_seen_days.to_string());
            row.push(wk.destination_seen_days.to_string());
            row.push(wk.voyages.join(";"));
            match self.real_only_week(wk) {
                Some(r) => row.extend(b(&r.cumulative)),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
            w.write_record(&row)?;
        }
        w.flush()
    }

    fn claims_csv(&self, path: &Path) -> io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        // The claim's own columns, in the order and names `claims.csv` gives them (one owner).
        let claim = &lookout_project::CLAIM_COLUMNS[..11];
        debug_assert_eq!(claim.last(), Some(&"route"));
        let mut header = vec!["claim_id"];
        header.extend_from_slice(claim);
        header.extend_from_slice(&[
            "metric",
            "estimate_low",
            "estimate_central",
            "estimate_high",
            "period_coverage",
            "ratio",
            "position",
            "consistent",
            "note",
            "source_url",
            "evidence_provenance",
            "real_only_low",
            "real_only_central",
            "real_only_high",
            "real_only_position",
        ]);
        w.write_record(&header)?;
        let num = |x: Option<f64>| x.map(r0).unwrap_or_default();
        let rests_on = self.comparison_provenance(&self.index());
        for (i, (c, on)) in self.ledger.comparisons.iter().zip(rests_on).enumerate() {
            let real = self.real_only_comparison(i);
            let re = real.and_then(|r| r.estimate);
            let r = &c.claim.row;
            let e = c.estimate;
            w.write_record([
                c.claim.id.as_str(),
                &r.date,
                &r.speaker,
                &r.organization,
                &num(r.quantity),
                &num(r.quantity_low),
                &num(r.quantity_high),
                &r.qualifier,
                &r.unit,
                &r.period_start,
                &r.period_end,
                &r.route,
                c.metric,
                &num(e.map(|b| b.low)),
                &num(e.map(|b| b.central)),
                &num(e.map(|b| b.high)),
                &format!("{:.2}", c.coverage),
                &c.ratio.map(|x| format!("{x:.2}")).unwrap_or_default(),
                &c.position,
                c.consistent.map_or("", |b| if b { "yes" } else { "no" }),
                &c.note,
                &r.source_url,
                on.as_str(),
                &num(re.map(|b| b.low)),
                &num(re.map(|b| b.central)),
                &num(re.map(|b| b.high)),
                real.map_or("", |r| r.position.as_str()),
            ])?;
        }
        w.flush()
    }

    /// Areas as a GeoJSON FeatureCollection (circles as points with `radius_km`).
    pub fn areas_geojson(&self) -> Value {
        let features: Vec<Value> = self
            .project
            .areas
            .all()
            .iter()
            .map(|a| {
                let (geometry, radius) = match &a.shape {
                    Shape::Circle {
                        lat,
                        lon,
                        radius_km,
                    } => (
                        json!({"type": "Point", "coordinates": [lon, lat]}),
                        Some(*radius_km),
                    ),
                    Shape::Polygons(mp) => {
                        let polys: Vec<Vec<Vec<[f64; 2]>>> =
                            mp.0.iter()
                                .map(|p| vec![p.exterior().0.iter().map(|c| [c.x, c.y]).collect()])
                                .collect();
                        (json!({"type": "MultiPolygon", "coordinates": polys}), None)
                    }
                };
                json!({"type": "Feature", "geometry": geometry,
                       "properties": {"name": a.name, "kind": a.kind, "radius_km": radius}})
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features})
    }

    /// Tracks as LineStrings, split where the vessel was silent for more than 6 hours.
    pub fn tracks_geojson(&self) -> Value {
        let mut features = Vec::new();
        for (mmsi, label, pts) in self.tracks {
            for part in split_track(pts) {
                let coords: Vec<[f64; 2]> = part.iter().map(|p| [p.2, p.1]).collect();
                features.push(json!({"type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": coords},
                    "properties": {"mmsi": mmsi, "vessel": label,
                        "start_time": format_time(part[0].0),
                        "end_time": format_time(part[part.len() - 1].0)}}));
            }
        }
        json!({"type": "FeatureCollection", "features": features})
    }

    /// The self-contained HTML report.
    pub fn html(&self) -> String {
        let p = self.project;
        let l = self.ledger;
        let mut h = String::new();
        let _ = write!(
            h,
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title><style>\
             body{{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:1200px;color:#222}}\
             table{{border-collapse:collapse;font-size:12px;margin:.5em 0}}\
             td,th{{border:1px solid #ccc;padding:2px 5px;vertical-align:top}}th{{background:#f0f0f0}}\
             .n{{text-align:right}}.bad{{color:#b00}}.ok{{color:#070}}\
             :target{{background:#ffe08a}}svg{{background:#fff;border:1px solid #ddd}}\
             </style></head><body><h1>{t}</h1>",
            t = esc(if p.name.is_empty() { "Lookout corridor report" } else { &p.name })
        );
        let simulated = self.simulated_inputs();
        if !simulated.is_empty() {
            let _ = write!(
                h,
                "<div id=\"simulated-banner\" role=\"alert\" style=\"background:#fde2e1;border:2px solid #c0392b;padding:.6em 1em;margin:.5em 0 1em\"><b>Simulated inputs: a demonstration, not an estimate.</b> Simulated: {}. No total below may be quoted as an estimate of what moved.</div>",
                esc(&simulated.join("; "))
            );
        }
        let index = self.index();
        h.push_str(&self.headline(&index));
        let _ = write!(
            h,
            "<p>Analysis window {} to {}; {} Monte Carlo draws; bounds are the 5th and 95th \
             percentiles (a 90% interval), the central value the median. Evidence ids link to the \
             rows below: <code>obs:N</code> is line N of <code>observations.csv</code>, other ids \
             are events in <code>events.csv</code>.</p><p><b>Assumption:</b> a voyage without a \
             count carries what the counted voyages suggest (its ship's counts pooled with the \
             corridor's), times a factor shared by all such voyages: the mean cargo may move \
             from month to month (a {:.0}% spread (<code>selection_error</code>)), and the \
             factor spreads as far as the counted voyages fall in other months than the \
             uncounted ones, because the decks that got counted need not be a random sample.</p><p><b>Assumption:</b> each watched ship is followed day by day as \
             loading, at sea, unloading or away from the corridor, and the legs nobody saw are \
             drawn from what every image allows, clear images of a site without the ship \
             included. The model assumes stays and cycles like the observed ones (prior: the \
             corridor's <code>cycle_days</code>), that after unloading a ship leaves the \
             corridor with probability {:.0}% (after loading, laden, {:.0}%) for {:.0} to {:.0} \
             days (both chances learned from the images, these are their priors), and that a \
             ship in a clear image is identified with probability {:.0}%.</p>",
            format_day(l.window.0),
            format_day(l.window.1),
            l.draws,
            p.settings.selection_error * 100.0,
            p.settings.absence_chance * 100.0,
            p.settings.laden_absence_chance * 100.0,
            p.settings.absence_days_low,
            p.settings.absence_days_high,
            p.settings.identify_chance * 100.0,
        );
        h.push_str("<h2>Totals</h2><table><tr><th>corridor</th><th>unit</th><th>observed legs</th><th>low</th><th>central</th><th>high</th><th>evidence behind it: real / secondary / simulated</th><th>from real evidence alone: central (low-high)</th><th>prior used when not counted</th></tr>");
        for (ci, c) in p.corridors.iter().enumerate() {
            let b = l.totals[ci];
            let legs = self.voyages.voyages.iter().filter(|v| v.corridor == ci);
            let n = legs.clone().filter(|v| v.is_observed()).count();
            let ev = self.corridor_evidence_with(&index, ci);
            if legs.count() == 0 {
                let yard = if l.yards.iter().any(|y| y.corridor == ci) {
                    " (yard snapshots: see Rail below)"
                } else {
                    ""
                };
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=n>0</td><td colspan=5>no voyage seen or inferred: no total{yard}</td><td>{}</td></tr>",
                    esc(&c.name),
                    esc(&c.unit),
                    esc(&c.prior.source)
                );
                continue;
            }
            let real = match self.real_only_total(ci) {
                RealOnly::Value(r) => {
                    format!("<b>{}</b> ({}-{})", r0(r.central), r0(r.low), r0(r.high))
                }
                RealOnly::Nothing => "no voyage on real evidence alone".into(),
                RealOnly::Unknown => "not computed".into(),
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=n>{n}</td><td class=n>{}</td><td class=n><b>{}</b></td><td class=n>{}</td><td class=n>{} / {} / {}</td><td class=n>{real}</td><td>{} / {} / {} per voyage: {}</td></tr>",
                esc(&c.name),
                esc(&c.unit),
                r0(b.low),
                r0(b.central),
                r0(b.high),
                ev.real,
                ev.secondary,
                ev.simulated,
                c.prior.low,
                c.prior.central,
                c.prior.high,
                esc(&c.prior.source)
            );
        }
        h.push_str("</table>");
        if let Some(c) = &l.conversion {
            let pairs: Vec<String> = c
                .pairs
                .iter()
                .map(|(ids, r)| {
                    format!(
                        "{} ({:.0})",
                        ids.split('+')
                            .map(|i| format!("<a href=\"#{}\">{i}</a>", anchor(i)))
                            .collect::<Vec<_>>()
                            .join("+"),
                        r
                    )
                })
                .collect();
            let _ = write!(
                h,
                "<p><b>Assumption (not evidence):</b> converting containers to {} uses {:.0} to {:.0} per container (log-uniform), the range implied by published pairs of claims: {}. These are capacity equivalents; no one has seen the contents.</p>",
                c.unit,
                c.low,
                c.high,
                pairs.join(", ")
            );
        }
        h.push_str("<h2>Map</h2>");
        h.push_str(&self.map_svg());
        h.push_str("<h2>Sea: cumulative deliveries and claims</h2>");
        h.push_str(&self.chart_svg());
        h.push_str(&self.rail_section());
        self.voyages_table(&mut h);
        self.weeks_table(&mut h);
        self.claims_table(&mut h);
        h.push_str(&self.risk_section());
        self.evidence_tables(&mut h);
        h.push_str("</body></html>\n");
        h
    }

    fn map_svg(&self) -> String {
        let p = self.project;
        let corridor_areas: Vec<&lookout_core::areas::Area> = p
            .areas
            .all()
            .iter()
            .filter(|a| {
                p.corridors
                    .iter()
                    .any(|c| c.is_origin(&a.name) || c.is_destination(&a.name))
            })
            .collect();
        let pts: Vec<(f64, f64)> = corridor_areas
            .iter()
            .map(|a| (a.centre().lat, a.centre().lon))
            .collect();
        if pts.is_empty() {
            return String::new();
        }
        let (mut la0, mut la1, mut lo0, mut lo1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for (la, lo) in &pts {
            la0 = la0.min(*la);
            la1 = la1.max(*la);
            lo0 = lo0.min(*lo);
            lo1 = lo1.max(*lo);
        }
        let pad = 0.6;
        let (la0, la1, lo0, lo1) = (la0 - pad, la1 + pad, lo0 - pad, lo1 + pad);
        let k = ((la0 + la1) / 2.0).to_radians().cos();
        let (w, hgt) = (900.0, 900.0 * (la1 - la0) / ((lo1 - lo0) * k));
        let x = |lo: f64| (lo - lo0) / (lo1 - lo0) * w;
        let y = |la: f64| (la1 - la) / (la1 - la0) * hgt;
        let inside = |la: f64, lo: f64| la >= la0 && la <= la1 && lo >= lo0 && lo <= lo1;
        let mut s = format!("<svg width=\"{w:.0}\" height=\"{hgt:.0}\" viewBox=\"0 0 {w:.0} {hgt:.0}\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#eef5fb\"/>");
        s.push_str(&coast_paths(
            &Land::east_asia(),
            [lo0, la0, lo1, la1],
            &x,
            &y,
        ));
        for (_, label, pts) in self.tracks {
            for part in split_track(pts) {
                let d: Vec<String> = part
                    .iter()
                    .filter(|q| inside(q.1, q.2))
                    .map(|q| format!("{:.1},{:.1}", x(q.2), y(q.1)))
                    .collect();
                if d.len() >= 2 {
                    let _ = write!(s, "<polyline points=\"{}\" fill=\"none\" stroke=\"#4a7ab8\" stroke-width=\"1\" opacity=\"0.7\"><title>{} (AIS)</title></polyline>", d.join(" "), esc(label));
                }
            }
        }
        for v in self.voyages.voyages.iter().filter(|v| v.is_observed()) {
            let a = p.areas.all().iter().find(|a| a.name == v.origin);
            let b = p.areas.all().iter().find(|a| a.name == v.destination);
            if let (Some(a), Some(b)) = (a, b) {
                let (ca, cb) = (a.centre(), b.centre());
                let _ = write!(s, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" opacity=\"0.35\"><title>{} {} ({}), schematic</title></line>", x(ca.lon), y(ca.lat), x(cb.lon), y(cb.lat), v.id, esc(&v.vessel), format_day(v.arrive));
            }
        }
        for e in self
            .events
            .iter()
            .filter(|e| e.event_type == EventType::Gap)
        {
            if let (Some(la), Some(lo)) = (e.lat, e.lon) {
                if inside(la, lo) {
                    let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#f39c12\"><title>{} (AIS off)</title></circle>", x(lo), y(la), esc(&e.event_id()));
                }
            }
        }
        for a in p.areas.all() {
            let c = a.centre();
            let (la, lo) = (c.lat, c.lon);
            if !inside(la, lo) {
                continue;
            }
            let r_km = match a.shape {
                Shape::Circle { radius_km, .. } => radius_km,
                Shape::Polygons(_) => 3.0,
            };
            let r = (r_km / 111.0 / (lo1 - lo0) * w / k).max(3.0);
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#2c3e50\" fill-opacity=\"0.25\" stroke=\"#2c3e50\"><title>{} ({})</title></circle><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>", x(lo), y(la), esc(&a.name), esc(&a.kind), x(lo) + r + 2.0, y(la) + 4.0, esc(a.name.split(['(', ',', '/']).next().unwrap_or("").trim()));
        }
        let _ = write!(s, "<text x=\"{:.0}\" y=\"{:.0}\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">Land: {}</text>", w - 4.0, hgt - 4.0, esc(EAST_ASIA_SOURCE));
        s.push_str("</svg><p>Grey: land (Natural Earth); circles: areas; blue: AIS tracks; dashed red: voyages (straight lines between areas, schematic: the ships were dark); orange: where AIS went silent.</p>");
        s
    }

    fn chart_svg(&self) -> String {
        let l = self.ledger;
        let Some(ci) = self
            .project
            .corridors
            .iter()
            .position(|c| c.unit == "containers")
        else {
            return String::new();
        };
        let series: Vec<(i64, Bounds, String)> = l
            .weeks
            .iter()
            .filter(|w| w.corridor == ci)
            .map(|wk| {
                let title = format!(
                    "week of {}: cumulative {} ({}-{}); voyages {}",
                    format_day(wk.start),
                    r0(wk.cumulative.central),
                    r0(wk.cumulative.low),
                    r0(wk.cumulative.high),
                    wk.voyages.join(", ")
                );
                (wk.start + 7 * DAY_MS, wk.cumulative, title)
            })
            .collect();
        if series.is_empty() {
            return String::new();
        }
        let claims: Vec<(&lookout_ledger::ledger::Comparison, Mark)> = l
            .comparisons
            .iter()
            .filter(|c| c.metric == "containers" && c.estimate.is_some())
            .filter_map(|c| {
                let r = &c.claim.row;
                let v = r.quantity.or(r.quantity_high)?;
                let color = match c.consistent {
                    Some(true) => "#27ae60",
                    Some(false) => "#c0392b",
                    None => "#7f8c8d",
                };
                let title = format!(
                    "{}: {} {} {} ({}, {}, {}); evidence {}",
                    c.claim.id,
                    r.qualifier,
                    r0(v),
                    r.unit,
                    r.speaker,
                    r.organization,
                    r.date,
                    c.position
                );
                let mark = Mark {
                    time: c.claim.period.1,
                    value: v,
                    color,
                    href: anchor(&c.claim.id),
                    title,
                };
                Some((c, mark))
            })
            .collect();
        let marks: Vec<Mark> = claims.iter().map(|(_, m)| m.clone()).collect();
        let mut s = band_chart(&series, &marks);
        s.push_str("<p>Line: median cumulative containers delivered by sea; band: 90% interval. Points: published claims in containers at the end of their period (green: consistent with the interval given the qualifier; red: not). Claims that end after the window are drawn at its edge; see the table for the share of each claim's period the data cover.</p>");
        if !claims.is_empty() {
            s.push_str("<ul class=legend>");
            for (c, m) in &claims {
                let r = &c.claim.row;
                let _ = write!(
                    s,
                    "<li><span style=\"color:{}\">&#9679;</span> <a href=\"#{}\">{}</a>: {} ({}), {}: {} {} {}; {}</li>",
                    m.color,
                    m.href,
                    esc(&c.claim.id),
                    esc(&r.speaker),
                    esc(&r.organization),
                    esc(&r.date),
                    esc(&r.qualifier),
                    r0(m.value),
                    esc(&r.unit),
                    esc(&c.position)
                );
            }
            s.push_str("</ul>");
        }
        s
    }

    fn voyages_table(&self, h: &mut String) {
        h.push_str("<h2>Voyages</h2><table><tr><th>id</th><th>vessel</th><th>origin &rarr; destination</th><th>last seen at origin</th><th>first seen at destination</th><th>legs</th><th>confidence</th><th>cargo low / central / high</th><th>cargo basis</th><th>evidence</th><th>sanctions on departure</th><th>note</th></tr>");
        for (v, e) in self.voyages.voyages.iter().zip(&self.ledger.entries) {
            let s = self.sanctions(v);
            let _ = write!(
                h,
                "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{} &rarr; {}</td><td>{}</td><td>{}</td><td class=n>{:.2}</td><td class=n>{:.2}</td><td class=n>{} / <b>{}</b> / {}</td><td>{} {}</td><td>{} <small>({})</small></td><td>{}</td><td>{}</td></tr>",
                v.id,
                v.id,
                esc(&v.vessel),
                esc(&v.origin),
                esc(&v.destination),
                format_time(v.depart),
                format_time(v.arrive),
                e.legs_mean,
                v.confidence(),
                r0(e.cargo.low),
                r0(e.cargo.central),
                r0(e.cargo.high),
                e.basis.as_str(),
                links(e.basis.evidence()),
                links(&v.evidence),
                esc(&v.sources),
                s.map(|s| format!("{} {}", s.status, esc(&s.detail))).unwrap_or_default(),
                esc(&v.note)
            );
        }
        h.push_str("</table>");
    }

    fn weeks_table(&self, h: &mut String) {
        h.push_str("<h2>Weekly ledger</h2><table><tr><th>corridor</th><th>week</th><th>observed legs</th><th>legs (90%)</th><th>cargo low / central / high</th><th>cumulative low / central / high</th><th>days origin seen</th><th>days destination seen</th><th>voyages</th></tr>");
        for wk in &self.ledger.weeks {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}-{}</td><td class=n>{} / {} / {}</td><td class=n>{} / <b>{}</b> / {}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td></tr>",
                esc(&self.project.corridors[wk.corridor].name),
                format_day(wk.start),
                wk.observed_legs,
                r0(wk.legs.low),
                r0(wk.legs.high),
                r0(wk.cargo.low),
                r0(wk.cargo.central),
                r0(wk.cargo.high),
                r0(wk.cumulative.low),
                r0(wk.cumulative.central),
                r0(wk.cumulative.high),
                wk.origin_seen_days,
                wk.destination_seen_days,
                wk.voyages.iter().map(|v| format!("<a href=\"#{v}\">{v}</a>")).collect::<Vec<_>>().join(" ")
            );
        }
        h.push_str("</table>");
    }

    fn claims_table(&self, h: &mut String) {
        h.push_str("<h2>Claims vs evidence</h2><table><tr><th>claim</th><th>date</th><th>who</th><th>claim</th><th>period</th><th>route</th><th>evidence estimate (90%)</th><th>share of period covered</th><th>claim / central</th><th>position</th><th>rests on</th><th>from real evidence alone</th><th>note</th></tr>");
        let rests_on = self.comparison_provenance(&self.index());
        for (i, (c, on)) in self.ledger.comparisons.iter().zip(rests_on).enumerate() {
            let r = &c.claim.row;
            let q = match (r.quantity, r.quantity_low, r.quantity_high) {
                (Some(q), _, _) => r0(q),
                (None, Some(a), Some(b)) => format!("{}-{}", r0(a), r0(b)),
                _ => "-".into(),
            };
            let est = c.estimate.map_or("-".into(), |b| {
                format!(
                    "{} / <b>{}</b> / {} ({})",
                    r0(b.low),
                    r0(b.central),
                    r0(b.high),
                    c.metric
                )
            });
            let class = match c.consistent {
                Some(true) => "ok",
                Some(false) => "bad",
                None => "",
            };
            let real_est = match self.real_only_comparison(i) {
                Some(r) => r.estimate.map_or("-".into(), |b| {
                    format!(
                        "{} ({}-{}) {}",
                        r0(b.central),
                        r0(b.low),
                        r0(b.high),
                        r.position
                    )
                }),
                None => "not computed".into(),
            };
            let _ = write!(
                h,
                "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}<br><small>{}</small></td><td>{} {} {}</td><td>{} to {}</td><td>{}</td><td class=n>{}</td><td class=n>{:.0}%</td><td class=n>{}</td><td class={class}>{}</td><td>{}</td><td class=n>{}</td><td>{} <a href=\"{}\">source</a></td></tr>",
                anchor(&c.claim.id),
                c.claim.id,
                esc(&r.date),
                esc(&r.speaker),
                esc(&r.organization),
                r.qualifier,
                q,
                esc(&r.unit),
                esc(&r.period_start),
                esc(&r.period_end),
                esc(&r.route),
                est,
                c.coverage * 100.0,
                c.ratio.map(|x| format!("{x:.2}")).unwrap_or_default(),
                esc(&c.position),
                on.as_str(),
                real_est,
                esc(&c.note),
                esc(&r.source_url)
            );
        }
        h.push_str("</table>");
    }

    fn evidence_tables(&self, h: &mut String) {
        let used: std::collections::HashSet<&str> = self
            .voyages
            .voyages
            .iter()
            .flat_map(|v| v.evidence.iter().map(String::as_str))
            .collect();
        h.push_str("<h2>Evidence: observations</h2><table><tr><th>id</th><th>time</th><th>site</th><th>kind</th><th>vessel</th><th>count (low-high)</th><th>source</th><th>note</th></tr>");
        for o in &self.project.observations {
            if o.kind == lookout_project::ObsKind::SiteNotVisible
                || o.kind == lookout_project::ObsKind::VesselAbsent
            {
                continue;
            }
            let count = match (o.count, o.count_low, o.count_high) {
                (Some(c), Some(a), Some(b)) => format!("{c} ({a}-{b})"),
                (Some(c), _, _) => c.to_string(),
                _ => String::new(),
            };
            let src = if o.url.is_empty() {
                esc(&o.source)
            } else {
                format!("<a href=\"{}\">{}</a>", esc(&o.url), esc(&o.source))
            };
            let _ = write!(h, "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td>{}</td><td>{}</td></tr>", anchor(&o.id), o.id, format_time(o.time), esc(&o.site), o.kind.as_str(), esc(o.vessel.as_deref().unwrap_or("")), count, src, esc(&o.note));
        }
        let not_seen = self
            .project
            .observations
            .iter()
            .filter(|o| !o.kind.site_seen())
            .count();
        let absent = self.project.observations.len()
            - not_seen
            - self
                .project
                .observations
                .iter()
                .filter(|o| o.kind.site_seen() && o.kind != lookout_project::ObsKind::VesselAbsent)
                .count();
        let _ = write!(h, "</table><p>Not listed: {absent} <code>vessel_absent</code> and {not_seen} <code>site_not_visible</code> rows (they count in the weekly days-seen columns).</p>");
        h.push_str("<h2>Evidence: AIS events behind voyages</h2><table><tr><th>id</th><th>type</th><th>MMSI</th><th>start</th><th>end</th><th>area</th><th>other area</th><th>confidence</th><th>details</th></tr>");
        for e in self.events {
            let id = e.event_id();
            if !used.contains(id.as_str()) {
                continue;
            }
            let _ = write!(h, "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{:.2}</td><td><small>{}</small></td></tr>", anchor(&id), id, e.event_type.as_str(), e.mmsi, format_time(e.start_time), format_time(e.end_time), esc(e.area.as_deref().unwrap_or("")), esc(e.other_area.as_deref().unwrap_or("")), e.confidence, esc(&Value::Object(e.details.clone()).to_string()));
        }
        let _ = write!(
            h,
            "</table><p>{} events in all in <code>events.csv</code>.</p>",
            self.events.len()
        );
    }
}

/// An HTML id for an evidence id.
fn anchor(id: &str) -> String {
    id.replace(':', "-")
}

fn links(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("<a href=\"#{}\">{}</a>", anchor(i), esc(i)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The land rings crossing `bbox` (`[west, south, east, north]`) as SVG paths, points closer
/// than a pixel to the previous one left out.
fn coast_paths(
    land: &Land,
    bbox: [f64; 4],
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) -> String {
    let [w, s, e, n] = bbox;
    let mut out = String::new();
    for ring in land.rings() {
        if !ring
            .iter()
            .any(|p| p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n)
        {
            continue;
        }
        let mut d = String::new();
        let mut last = (f64::NAN, f64::NAN);
        for p in ring {
            let q = (x(p.lon), y(p.lat));
            if (q.0 - last.0).abs() < 1.0 && (q.1 - last.1).abs() < 1.0 {
                continue;
            }
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if d.is_empty() { "M" } else { "L" },
                q.0,
                q.1
            );
            last = q;
        }
        let _ = write!(
            out,
            "<path d=\"{d}Z\" fill=\"#e3dfd3\" stroke=\"#9a9280\" stroke-width=\"0.7\"/>"
        );
    }
    out
}

fn split_track(pts: &[(i64, f64, f64)]) -> Vec<&[(i64, f64, f64)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=pts.len() {
        if i == pts.len() || pts[i].0 - pts[i - 1].0 > 6 * 3_600_000 {
            if i - start >= 2 {
                out.push(&pts[start..i]);
            }
            start = i;
        }
    }
    out
}

fn write_json(path: &Path, v: &Value) -> io::Result<()> {
    let mut f = BufWriter::new(File::create(path)?);
    serde_json::to_writer(&mut f, v)?;
    f.flush()
}
