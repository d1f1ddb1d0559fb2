//! The fleet's risk scores (`lookout-risk`, docs/sanctions.md) in the outputs: `risk.csv` (the
//! ranked fleet, `lookout risk`'s CSV) and the report's "Vessels by risk" section (the ranked
//! list, then each vessel's signals with their points, reason and evidence rows).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use lookout_core::provenance::Provenance;
use lookout_risk::Assessment;

use crate::{anchor, esc, Report};

/// Evidence rows shown per signal; the rest are counted (all of them are in `lookout risk
/// --format json` and the server's `/api/v1/vessels/{id}/risk`).
const EVIDENCE_SHOWN: usize = 10;

impl Report<'_> {
    /// Writes `risk.csv` when the fleet was scored.
    pub(crate) fn risk_csv(&self, path: &Path) -> io::Result<()> {
        let Some(all) = self.risk else {
            return Ok(());
        };
        let mut out = BufWriter::new(File::create(path)?);
        lookout_risk::write_csv(&mut out, all)?;
        out.flush()
    }

    /// The ids that have a row (an anchor) elsewhere in the report: the observations listed and
    /// the events behind voyages.
    fn anchored_ids(&self) -> HashSet<String> {
        let obs = self.project.observations.iter().filter(|o| {
            o.kind != lookout_project::ObsKind::SiteNotVisible
                && o.kind != lookout_project::ObsKind::VesselAbsent
        });
        obs.map(|o| o.id.clone())
            .chain(
                self.voyages
                    .voyages
                    .iter()
                    .flat_map(|v| v.evidence.iter().cloned()),
            )
            .collect()
    }

    /// "Vessels by risk": empty when the fleet was not scored.
    pub(crate) fn risk_section(&self) -> String {
        let Some(all) = self.risk else {
            return String::new();
        };
        let mut h = String::from("<h2 id=\"risk\">Vessels by risk</h2>");
        let scored: Vec<&Assessment> = all.iter().filter(|a| a.score > 0.0).collect();
        let ais = match self.ais {
            Some(Provenance::Simulated) => {
                " The AIS behind the events is <b>simulated</b>: these scores demonstrate the method, they say nothing about real ships."
            }
            _ => "",
        };
        let _ = write!(
            h,
            "<p>Each vessel's explained risk score (0-100) as of {}, with the weights shipped in \
             <code>risk.toml</code> (recorded in <code>run.json</code>): every point comes from \
             a signal with its evidence rows (event ids in <code>events.csv</code>, FtM ids in \
             the sanctions list, <code>obs:N</code> lines of <code>observations.csv</code>). \
             {} of {} vessels score above 0 (<code>risk.csv</code> lists every vessel).{ais}</p>",
            all.first().map_or("-", |a| a.date.as_str()),
            scored.len(),
            all.len()
        );
        if scored.is_empty() {
            return h;
        }
        h.push_str("<table><tr><th>rank</th><th>vessel</th><th>IMO</th><th>MMSIs</th><th>watched</th><th>score</th><th>sanctions on the date</th><th>signals with points</th></tr>");
        for (i, a) in scored.iter().enumerate() {
            let v = &a.vessel;
            let signals: Vec<String> = a
                .signals
                .iter()
                .filter(|s| s.points > 0.0)
                .map(|s| format!("{} {}", s.signal, s.points))
                .collect();
            let mmsis: Vec<String> = v.mmsis.iter().map(u32::to_string).collect();
            let _ = write!(
                h,
                "<tr><td class=n>{}</td><td><a href=\"#risk-{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=n><b>{}</b>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                i + 1,
                esc(&v.name),
                v.imo.map(|x| x.to_string()).unwrap_or_default(),
                mmsis.join(" "),
                if v.watched { "yes" } else { "" },
                a.score,
                if a.capped { " (capped)" } else { "" },
                a.sanctions
                    .as_ref()
                    .map(|s| format!("{} {}", s.status, esc(&s.detail)).trim_end().to_owned())
                    .unwrap_or_default(),
                signals.join(", ")
            );
        }
        h.push_str("</table>");
        let anchored = self.anchored_ids();
        for (i, a) in scored.iter().enumerate() {
            let _ = write!(
                h,
                "<h3 id=\"risk-{}\">{}. {}: {}</h3><table><tr><th>signal</th><th>points / weight</th><th>why these points</th><th>evidence</th><th>id</th><th>time</th><th>contributed</th><th>what it says</th></tr>",
                i + 1,
                i + 1,
                esc(&a.vessel.name),
                a.score
            );
            for s in a.signals.iter().filter(|s| s.points > 0.0) {
                let shown = s.evidence.len().min(EVIDENCE_SHOWN);
                let more = s.evidence.len() - shown;
                let rows = shown.max(1) + usize::from(more > 0);
                let _ = write!(
                    h,
                    "<tr><td rowspan={rows}>{}</td><td rowspan={rows} class=n>{} / {}</td><td rowspan={rows}>{}</td>",
                    s.signal,
                    s.points,
                    s.weight,
                    esc(&s.note)
                );
                if s.evidence.is_empty() {
                    h.push_str("<td colspan=5>no evidence row</td></tr>");
                }
                for (k, e) in s.evidence.iter().take(shown).enumerate() {
                    if k > 0 {
                        h.push_str("<tr>");
                    }
                    let id = if anchored.contains(&e.id) {
                        format!("<a href=\"#{}\">{}</a>", anchor(&e.id), esc(&e.id))
                    } else {
                        esc(&e.id)
                    };
                    let _ = write!(
                        h,
                        "<td>{}</td><td>{id}</td><td>{}</td><td class=n>{}</td><td>{}</td></tr>",
                        e.kind,
                        e.time.as_deref().unwrap_or(""),
                        e.weight,
                        esc(&e.detail)
                    );
                }
                if more > 0 {
                    let _ = write!(
                        h,
                        "<tr><td colspan=5>{more} more evidence rows (<code>lookout risk --format json</code>)</td></tr>"
                    );
                }
            }
            h.push_str("</table>");
        }
        h
    }
}
