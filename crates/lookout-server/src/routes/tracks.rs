//! Tracks (`/tracks/{mmsi}`): one MMSI's positions from the AIS store, cut to a time range and
//! simplified for a map zoom level; with `format=csv|geojson`, a file to download.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::time::format_time;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::extract::{Id, Params};
use super::{csv_bytes, csv_download, geojson_download, time_param, Format, Shared};
use crate::problem::Problem;
use crate::tracks::{cut_and_simplify, tolerance, Point};

pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/tracks/{mmsi}", get(track))
}

/// A track: `[lon, lat, time_ms]` per point.
#[derive(Serialize)]
struct TrackBody {
    mmsi: u32,
    /// Points sent.
    points: usize,
    /// Points of the whole track.
    of: usize,
    /// Simplification tolerance, degrees (0: every point).
    tolerance_deg: f64,
    coordinates: Vec<[f64; 3]>,
}

#[derive(Deserialize)]
struct TrackQuery {
    start: Option<String>,
    end: Option<String>,
    zoom: Option<f64>,
    #[serde(default)]
    format: Format,
}

/// Degrees to 6 decimals (about 0.1 m), as the events files write them.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

async fn track(
    State(st): State<Shared>,
    Id(mmsi): Id,
    Params(q): Params<TrackQuery>,
) -> Result<Response, Problem> {
    let mmsi: u32 = mmsi
        .parse()
        .map_err(|_| Problem::bad_request(format!("not an MMSI: {mmsi:?}")))?;
    let start = time_param("start", &q.start)?.unwrap_or(i64::MIN);
    let end = time_param("end", &q.end)?.unwrap_or(i64::MAX);
    let tol = match q.zoom {
        None => 0.0,
        Some(z) if (0.0..=24.0).contains(&z) => tolerance(z),
        Some(z) => {
            return Err(Problem::bad_request(format!(
                "zoom must be 0..=24, not {z}"
            )))
        }
    };
    if !st
        .vessels
        .iter()
        .any(|v| v.mmsis.contains(&mmsi) && v.positions() > 0)
    {
        return Err(Problem::not_found(format!("no track for MMSI {mmsi}")));
    }
    let state = st.clone();
    let full = tokio::task::spawn_blocking(move || match &state.store {
        Some(store) => state.tracks.get(store, mmsi),
        None => Ok(Default::default()),
    })
    .await
    .map_err(Problem::internal)?
    .map_err(Problem::internal)?;
    let pts: Vec<Point> = cut_and_simplify(&full, start, end, tol);
    match q.format {
        Format::Json => Ok(Json(TrackBody {
            mmsi,
            points: pts.len(),
            of: full.len(),
            tolerance_deg: tol,
            coordinates: pts
                .iter()
                .map(|p| [round6(p.2), round6(p.1), p.0 as f64])
                .collect(),
        })
        .into_response()),
        Format::Csv => {
            let rows = pts.iter().map(|p| {
                [
                    mmsi.to_string(),
                    format_time(p.0),
                    round6(p.1).to_string(),
                    round6(p.2).to_string(),
                ]
            });
            let bytes = csv_bytes(&["mmsi", "time", "lat", "lon"], rows)?;
            Ok(csv_download(&format!("track-{mmsi}.csv"), bytes))
        }
        Format::Geojson => {
            // One line (a point if only one position); the time of each vertex in `times`
            // (the `coordTimes` convention).
            let coordinates: Vec<[f64; 2]> =
                pts.iter().map(|p| [round6(p.2), round6(p.1)]).collect();
            let times: Vec<String> = pts.iter().map(|p| format_time(p.0)).collect();
            let geometry = match coordinates.as_slice() {
                [] => None,
                [one] => Some(json!({"type": "Point", "coordinates": one})),
                _ => Some(json!({"type": "LineString", "coordinates": coordinates})),
            };
            let features: Vec<_> = geometry
                .map(|g| {
                    json!({"type": "Feature", "geometry": g,
                        "properties": {"mmsi": mmsi, "points": pts.len(),
                            "start_time": times.first(), "end_time": times.last(), "times": times}})
                })
                .into_iter()
                .collect();
            let doc = json!({"type": "FeatureCollection", "features": features});
            geojson_download(&format!("track-{mmsi}.geojson"), &doc)
        }
    }
}
