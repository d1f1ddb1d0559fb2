//! `lookout-ledger`: what moved along a watched corridor, when, on which evidence, and how that
//! compares with what officials claimed.
//!
//! - [`project`]: the project folder (`corridor.toml`, `observations.csv`, `claims.csv`,
//!   `*.ftm.jsonl`), validated with errors naming file, line and field.
//! - [`voyages`]: stays and legs from AIS port visits, imagery sightings and dark gaps, plus the
//!   hidden legs that fit in the windows nobody watched.
//! - [`ledger`]: cargo per voyage, per week and cumulatively with 90% bounds (Monte Carlo),
//!   munitions conversions as labelled assumptions, claims vs evidence.
//! - [`sanctions`]: OpenSanctions / FollowTheMoney `Vessel` matching and listing status by date.
//! - [`claims_text`]: quantitative claims from news text, in the `claims.csv` columns.
//! - [`report`]: CSV, GeoJSON and the self-contained `report.html`.
//! - [`imagery`]: simulated imagery observations from a simulator truth file (calibration).
//!
//! The method, priors and assumptions are documented in `docs/ledger.md`.

pub mod claims_text;
pub mod dates;
pub mod imagery;
pub mod ledger;
pub mod project;
pub mod report;
pub mod sanctions;
pub mod voyages;

pub use ledger::{compute, Bounds, Ledger};
pub use project::{Problem, Project, ProjectError};
pub use voyages::{build, Voyage, Voyages};
