//! Named areas (ports, anchorages, naval bases, rail yards, ship-to-ship points) from GeoJSON or
//! TOML, with an R-tree of their bounding boxes so "which area is this point in or near?" looks
//! only at the areas around it.

use geo::{BoundingRect, Contains, MultiPolygon, Point, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use serde::Deserialize;

use crate::geo::{degree_box, distance_km, point_segment_distance, LatLon, Local};

/// Errors reading an areas file.
#[derive(Debug, thiserror::Error)]
pub enum AreasError {
    /// Not GeoJSON.
    #[error("areas: not a GeoJSON FeatureCollection")]
    GeoJson(#[from] Box<geojson::Error>),
    /// Not TOML.
    #[error("areas: not valid TOML")]
    Toml(#[from] toml::de::Error),
    /// A feature or table that cannot be an area.
    #[error("areas: item {index}: {reason}")]
    Item {
        /// Position in the file, from 0.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// Reading the file failed.
    #[error("areas: reading the file")]
    Io(#[from] std::io::Error),
}

/// The geometry of an area.
#[derive(Debug, Clone)]
pub enum Shape {
    /// Polygons in (lon, lat) degrees.
    Polygons(MultiPolygon<f64>),
    /// A circle.
    Circle {
        /// Centre latitude.
        lat: f64,
        /// Centre longitude.
        lon: f64,
        /// Radius, km.
        radius_km: f64,
    },
}

/// One named area.
#[derive(Debug, Clone)]
pub struct Area {
    /// Name, unique in the file.
    pub name: String,
    /// Kind: `port`, `anchorage`, `naval`, `rail`, `sts`, `depot`, ...
    pub kind: String,
    /// Geometry.
    pub shape: Shape,
}

impl Area {
    /// The centre: a circle's centre, or the mean of a polygon's vertices.
    pub fn centre(&self) -> LatLon {
        match &self.shape {
            Shape::Circle { lat, lon, .. } => LatLon::new(*lat, *lon),
            Shape::Polygons(mp) => {
                let pts: Vec<_> = mp.0.iter().flat_map(|p| p.exterior().0.iter()).collect();
                let n = pts.len().max(1) as f64;
                LatLon::new(
                    pts.iter().map(|c| c.y).sum::<f64>() / n,
                    pts.iter().map(|c| c.x).sum::<f64>() / n,
                )
            }
        }
    }

    /// Distance in km from the point to the area (0 inside).
    pub fn distance_km(&self, lat: f64, lon: f64) -> f64 {
        match &self.shape {
            Shape::Circle {
                lat: clat,
                lon: clon,
                radius_km,
            } => {
                (distance_km(LatLon::new(lat, lon), LatLon::new(*clat, *clon)) - radius_km).max(0.0)
            }
            Shape::Polygons(mp) => {
                if mp.contains(&Point::new(lon, lat)) {
                    return 0.0;
                }
                let local = Local::new(LatLon::new(lat, lon));
                let mut best = f64::INFINITY;
                for poly in &mp.0 {
                    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                        for line in ring.lines() {
                            let a = local.project(LatLon::new(line.start.y, line.start.x));
                            let b = local.project(LatLon::new(line.end.y, line.end.x));
                            best = best.min(point_segment_distance(a, b));
                        }
                    }
                }
                best
            }
        }
    }

    /// Bounding box `[min_lon, min_lat], [max_lon, max_lat]`.
    fn bbox(&self) -> ([f64; 2], [f64; 2]) {
        match &self.shape {
            Shape::Circle {
                lat,
                lon,
                radius_km,
            } => {
                let (dlat, dlon) = degree_box(*lat, *radius_km);
                ([lon - dlon, lat - dlat], [lon + dlon, lat + dlat])
            }
            Shape::Polygons(mp) => match mp.bounding_rect() {
                Some(r) => ([r.min().x, r.min().y], [r.max().x, r.max().y]),
                None => ([0.0, 0.0], [0.0, 0.0]),
            },
        }
    }
}

/// A set of areas with a spatial index.
#[derive(Debug, Default, Clone)]
pub struct Areas {
    areas: Vec<Area>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

#[derive(Deserialize)]
struct TomlFile {
    #[serde(default, alias = "area")]
    areas: Vec<AreaSpec>,
}

/// An area as the TOML files write it (`corridor.toml`, the simulator's scenario, `lookout events
/// --areas`): `name`, `kind` (default `port`), and `centre = [lat, lon]` with `radius_km`, or
/// `polygon = [[lat, lon], ...]`. Other keys (`source`, notes) are allowed and ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct AreaSpec {
    /// Name, unique in the file.
    pub name: String,
    /// Kind (`port` when absent).
    #[serde(default)]
    pub kind: Option<String>,
    /// Circle centre, `[lat, lon]`.
    #[serde(default)]
    pub centre: Option<[f64; 2]>,
    /// Circle radius, km.
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// Polygon vertices, `[lat, lon]`.
    #[serde(default)]
    pub polygon: Option<Vec<[f64; 2]>>,
}

impl AreaSpec {
    /// The area, or what is wrong with the geometry.
    pub fn to_area(&self) -> Result<Area, String> {
        let shape = match (self.centre, self.radius_km, &self.polygon) {
            (Some([lat, lon]), Some(r), None) if r > 0.0 && r.is_finite() => Shape::Circle {
                lat,
                lon,
                radius_km: r,
            },
            (None, None, Some(points)) if points.len() >= 3 => {
                let ring: Vec<(f64, f64)> = points.iter().map(|&[lat, lon]| (lon, lat)).collect();
                Shape::Polygons(MultiPolygon(vec![Polygon::new(ring.into(), vec![])]))
            }
            _ => {
                return Err(
                    "needs `centre = [lat, lon]` with a positive `radius_km`, or a \
                            `polygon` of 3+ [lat, lon] points"
                        .into(),
                )
            }
        };
        check_coords(&shape)?;
        Ok(Area {
            name: self.name.clone(),
            kind: self.kind.clone().unwrap_or_else(|| "port".into()),
            shape,
        })
    }
}

impl Areas {
    /// Builds the index over the given areas.
    pub fn new(areas: Vec<Area>) -> Self {
        let tree = RTree::bulk_load(
            areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let (lo, hi) = a.bbox();
                    GeomWithData::new(Rectangle::from_corners(lo, hi), i)
                })
                .collect(),
        );
        Self { areas, tree }
    }

    /// Reads a file: GeoJSON (`.geojson`, `.json`) or TOML (`.toml`, `[[areas]]` tables with
    /// `name`, `kind`, `centre = [lat, lon]` + `radius_km` or `polygon = [[lat, lon], ...]`, the
    /// simulator's scenario layout, so a scenario file can be passed as is).
    pub fn from_path(path: &std::path::Path) -> Result<Self, AreasError> {
        let text = std::fs::read_to_string(path)?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            Self::from_toml(&text)
        } else {
            Self::from_geojson(&text)
        }
    }

    /// Parses a GeoJSON FeatureCollection of Polygon/MultiPolygon features, or Point features
    /// with a `radius_km` property; properties `name` (required) and `kind` (default `port`).
    pub fn from_geojson(text: &str) -> Result<Self, AreasError> {
        let fc: geojson::FeatureCollection = text
            .parse::<geojson::GeoJson>()
            .map_err(Box::new)?
            .try_into()
            .map_err(Box::new)?;
        let mut areas = Vec::new();
        for (index, feature) in fc.features.into_iter().enumerate() {
            let err = |reason: String| AreasError::Item { index, reason };
            let name = match feature.property("name").and_then(|v| v.as_str()) {
                Some(n) if !n.trim().is_empty() => n.trim().to_owned(),
                _ => return Err(err("missing `name` property".into())),
            };
            let kind = feature
                .property("kind")
                .and_then(|v| v.as_str())
                .unwrap_or("port")
                .to_owned();
            let radius = feature.property("radius_km").and_then(|v| v.as_f64());
            let geometry = feature
                .geometry
                .as_ref()
                .ok_or_else(|| err("no geometry".into()))?;
            let shape = match &geometry.value {
                geojson::GeometryValue::Point { coordinates: c } if c.len() >= 2 => match radius {
                    Some(r) if r > 0.0 && r.is_finite() => Shape::Circle {
                        lat: c[1],
                        lon: c[0],
                        radius_km: r,
                    },
                    _ => {
                        return Err(err(format!(
                            "point area {name:?} needs a positive `radius_km`"
                        )))
                    }
                },
                v @ geojson::GeometryValue::Polygon { .. } => {
                    let p = Polygon::<f64>::try_from(v).map_err(|e| err(format!("{e}")))?;
                    Shape::Polygons(MultiPolygon(vec![p]))
                }
                v @ geojson::GeometryValue::MultiPolygon { .. } => Shape::Polygons(
                    MultiPolygon::<f64>::try_from(v).map_err(|e| err(format!("{e}")))?,
                ),
                other => return Err(err(format!("unsupported geometry {}", other.type_name()))),
            };
            check_coords(&shape).map_err(err)?;
            areas.push(Area { name, kind, shape });
        }
        Ok(Self::new(areas))
    }

    /// Parses the TOML form (see [`AreaSpec`]).
    pub fn from_toml(text: &str) -> Result<Self, AreasError> {
        let file: TomlFile = toml::from_str(text)?;
        let areas = file
            .areas
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                spec.to_area().map_err(|reason| AreasError::Item {
                    index,
                    reason: format!("{:?}: {reason}", spec.name),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self::new(areas))
    }

    /// All areas, in file order.
    pub fn all(&self) -> &[Area] {
        &self.areas
    }

    /// The area with this index.
    pub fn get(&self, index: usize) -> &Area {
        &self.areas[index]
    }

    /// The nearest area within `km` of the point whose kind passes `filter`, with its distance
    /// (0 inside). Ties go to the first in file order.
    pub fn nearest_within(
        &self,
        lat: f64,
        lon: f64,
        km: f64,
        filter: impl Fn(&Area) -> bool,
    ) -> Option<(usize, f64)> {
        let (dlat, dlon) = degree_box(lat, km);
        let (dlat, dlon) = (dlat + 1e-9, dlon + 1e-9);
        let envelope = AABB::from_corners([lon - dlon, lat - dlat], [lon + dlon, lat + dlat]);
        let mut best: Option<(usize, f64)> = None;
        for item in self.tree.locate_in_envelope_intersecting(&envelope) {
            let area = &self.areas[item.data];
            if !filter(area) {
                continue;
            }
            let d = area.distance_km(lat, lon);
            if d <= km && best.is_none_or(|(i, b)| d < b || (d == b && item.data < i)) {
                best = Some((item.data, d));
            }
        }
        best
    }

    /// The area containing the point (the first in file order if several do).
    pub fn containing(&self, lat: f64, lon: f64) -> Option<usize> {
        self.nearest_within(lat, lon, 0.0, |_| true).map(|(i, _)| i)
    }
}

fn check_coords(shape: &Shape) -> Result<(), String> {
    let ok = |lat: f64, lon: f64| lat.abs() <= 90.0 && lon.abs() <= 180.0;
    let good = match shape {
        Shape::Circle {
            lat,
            lon,
            radius_km,
        } => ok(*lat, *lon) && radius_km.is_finite(),
        Shape::Polygons(mp) => {
            mp.0.iter()
                .all(|p| p.exterior().coords().all(|c| ok(c.y, c.x)))
        }
    };
    if good {
        Ok(())
    } else {
        Err("coordinates out of range (GeoJSON is [lon, lat]; TOML is [lat, lon])".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Rajin","kind":"port"},
       "geometry":{"type":"Polygon","coordinates":[[[130.28,42.22],[130.33,42.22],[130.33,42.26],[130.28,42.26],[130.28,42.22]]]}},
      {"type":"Feature","properties":{"name":"Dunai","kind":"naval","radius_km":3},
       "geometry":{"type":"Point","coordinates":[132.33,42.88]}}]}"#;

    #[test]
    fn geojson_polygons_and_circles() {
        let areas = Areas::from_geojson(GEOJSON).unwrap();
        assert_eq!(areas.all().len(), 2);
        assert_eq!(areas.containing(42.24, 130.30), Some(0));
        assert_eq!(areas.containing(42.88, 132.36), Some(1));
        assert_eq!(areas.containing(42.0, 131.0), None);
        // 0.02 deg of latitude south of Rajin's edge is about 2.2 km.
        let (i, d) = areas.nearest_within(42.20, 130.30, 5.0, |_| true).unwrap();
        assert_eq!(i, 0);
        assert!((d - 2.22).abs() < 0.05, "{d}");
        assert!(areas.nearest_within(42.20, 130.30, 2.0, |_| true).is_none());
        assert!(areas
            .nearest_within(42.24, 130.30, 1.0, |a| a.kind == "naval")
            .is_none());
    }

    #[test]
    fn toml_form_and_errors() {
        let areas = Areas::from_toml(
            "[[areas]]\nname = \"Vostochny\"\nkind = \"port\"\ncentre = [42.75, 133.05]\nradius_km = 4\n\
             [[areas]]\nname = \"Box\"\nkind = \"sts\"\npolygon = [[40, 130], [40, 131], [41, 131]]\n",
        )
        .unwrap();
        assert_eq!(areas.containing(42.75, 133.06), Some(0));
        assert_eq!(areas.get(1).kind, "sts");
        assert!(matches!(
            Areas::from_toml("[[areas]]\nname = \"x\"\ncentre = [1, 2]\n"),
            Err(AreasError::Item { index: 0, .. })
        ));
        let bad = GEOJSON.replace("\"name\":\"Rajin\",", "");
        assert!(matches!(
            Areas::from_geojson(&bad),
            Err(AreasError::Item { index: 0, .. })
        ));
        let swapped = GEOJSON.replace("[132.33,42.88]", "[42.88,232.33]");
        assert!(Areas::from_geojson(&swapped).is_err());
    }
}
