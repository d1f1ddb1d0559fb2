//! `lookout-risk`: an explained risk score, 0-100, per vessel and date. It reads the events
//! Lookout detected (`events.csv`), the project's observations and watchlist, and the sanctions
//! graph (`lookout-sanctions`); every point of the score comes with its evidence rows.
//!
//! - [`config`]: the weights and parameters (`risk.toml`, each with its reason).
//! - [`registries`]: flags of convenience and fraudulent registries (sourced, dated), and the
//!   ITU MID table.
//! - [`fleet`](mod@fleet): the vessels to score, one per ship.
//! - [`score`]: the signals and the score.
//! - [`calibration`]: ROC AUC and precision at k on a labelled set.

pub mod calibration;
pub mod config;
pub mod fleet;
pub mod registries;
pub mod score;

pub use calibration::{evaluate, Evaluation};
pub use config::Config;
pub use fleet::{fleet, Seen, Vessel};
pub use registries::Registries;
pub use score::{Assessment, Evidence, Signal, Sources};
