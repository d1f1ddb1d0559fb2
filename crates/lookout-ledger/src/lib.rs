//! `lookout-ledger`: what moved along a watched corridor, when, on which evidence, and how that
//! compares with what officials claimed.
//!
//! - [`evidence`]: what the AIS events and the imagery rows say about where each ship was on
//!   each day, including clear images of a site without it.
//! - [`states`]: a hidden semi-Markov model of each ship (loading, at sea, unloading, away from
//!   the corridor), sampled day by day.
//! - [`voyages`]: stays, observed legs and hidden legs from the sampled paths.
//! - [`ledger`]: cargo per voyage, per week and cumulatively with 90% bounds (Monte Carlo),
//!   munitions conversions as labelled assumptions, claims vs evidence.
//! - [`rail`]: rail flows from yard snapshots (railcars counted in a yard, no train named), a
//!   stock-and-flow model with a dwell-time prior.
//! - [`provenance`]: what every voyage, total and claim comparison rests on (real, secondary or
//!   simulated evidence), and the ledger from real evidence alone.
//!
//! The project folder it reads is `lookout-project`'s; its outputs are written by
//! `lookout-report`. The method, priors and assumptions are documented in `docs/ledger.md`.

pub mod evidence;
pub mod ledger;
pub mod provenance;
pub mod rail;
pub mod states;
pub mod voyages;

pub use ledger::{compute, Bounds, Ledger};
pub use voyages::{build, Voyage, VoyageKind, Voyages};
