//! `lookout-ledger`: what moved along a watched corridor, when, on which evidence, and how that
//! compares with what officials claimed.
//!
//! - [`voyages`]: stays and legs from AIS port visits, imagery sightings and dark gaps, plus the
//!   hidden legs that fit in the windows nobody watched.
//! - [`ledger`]: cargo per voyage, per week and cumulatively with 90% bounds (Monte Carlo),
//!   munitions conversions as labelled assumptions, claims vs evidence.
//!
//! The project folder it reads is `lookout-project`'s; its outputs are written by
//! `lookout-report`. The method, priors and assumptions are documented in `docs/ledger.md`.

pub mod ledger;
pub mod voyages;

pub use ledger::{compute, Bounds, Ledger};
pub use voyages::{build, Voyage, Voyages};
