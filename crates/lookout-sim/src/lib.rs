//! `lookout-sim`: realistic AIS traffic for a scenario, with ground truth.
pub mod background;
pub mod compile;
pub mod effects;
pub mod geo;
pub mod identity;
pub mod imagery;
pub mod observed;
pub mod plan;
pub mod route;
pub mod scenario;
pub mod sim;
pub mod truth;
