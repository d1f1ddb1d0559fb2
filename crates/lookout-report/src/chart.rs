//! One time chart for the report (inline SVG): a median line with its 90% band over weeks, and
//! marks (claims, yard counts) with a hover title each, linked to their table rows.

use std::fmt::Write as _;

use lookout_core::time::{format_day, DAY_MS};
use lookout_ledger::ledger::Bounds;

use crate::{esc, r0};

/// A point drawn over the band.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Time, ms (drawn at the chart's edge when outside it).
    pub time: i64,
    /// Value on the chart's scale.
    pub value: f64,
    /// Fill colour.
    pub color: &'static str,
    /// Anchor of its row in the report.
    pub href: String,
    /// Hover text.
    pub title: String,
}

/// The chart of `series` (end of each week in ms, its bounds, its hover text) with `marks`;
/// empty when there is no week.
pub fn band_chart(series: &[(i64, Bounds, String)], marks: &[Mark]) -> String {
    let Some(first) = series.first() else {
        return String::new();
    };
    let t0 = first.0 - 7 * DAY_MS;
    let t1 = series.last().map_or(t0 + 1, |s| s.0);
    let ymax = series
        .iter()
        .map(|s| s.1.high)
        .chain(marks.iter().map(|m| m.value))
        .fold(1.0, f64::max)
        * 1.08;
    let (w, hgt, ml, mb) = (900.0, 360.0, 60.0, 30.0);
    let x = |t: i64| ml + (t.clamp(t0, t1) - t0) as f64 / (t1 - t0) as f64 * (w - ml - 10.0);
    let y = |v: f64| (hgt - mb) - v / ymax * (hgt - mb - 10.0);
    let mut s =
        format!("<svg width=\"{w}\" height=\"{hgt}\" xmlns=\"http://www.w3.org/2000/svg\">");
    let upper: Vec<String> = series
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1.high)))
        .collect();
    let lower: Vec<String> = series
        .iter()
        .rev()
        .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1.low)))
        .collect();
    let _ = write!(s, "<polygon points=\"{} {}\" fill=\"#3498db\" opacity=\"0.25\"><title>90% interval</title></polygon>", upper.join(" "), lower.join(" "));
    let central: Vec<String> = series
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1.central)))
        .collect();
    let _ = write!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"2\"/>",
        central.join(" ")
    );
    for (t, b, title) in series {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#1f5f99\"><title>{}</title></circle>",
            x(*t),
            y(b.central),
            esc(title)
        );
    }
    for m in marks {
        let _ = write!(s, "<a href=\"#{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{}\" stroke=\"#000\"><title>{}</title></circle></a>", m.href, x(m.time), y(m.value), m.color, esc(&m.title));
    }
    // Axes.
    let _ = write!(s, "<line x1=\"{ml}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#000\"/><line x1=\"{ml}\" y1=\"10\" x2=\"{ml}\" y2=\"{0}\" stroke=\"#000\"/>", hgt - mb, w - 10.0);
    for i in 0..=4 {
        let v = ymax / 1.08 * f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            ml - 4.0,
            y(v) + 3.0,
            r0(v)
        );
    }
    // A label every 30 days, or every 60, 90... so that at most 12 fit.
    let step = 30 * DAY_MS * ((t1 - t0) / (12 * 30 * DAY_MS) + 1);
    let mut t = t0;
    while t < t1 {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            x(t),
            hgt - 10.0,
            &format_day(t)[..7]
        );
        t += step;
    }
    s.push_str("</svg>");
    s
}
