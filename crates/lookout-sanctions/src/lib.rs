//! Sanctions lists as OpenSanctions / FollowTheMoney JSON lines, read as a graph: vessels,
//! companies, organizations, people and legal entities, the ownership, operation, management,
//! directorship and membership relations between them with their dates, and the `Sanction`
//! entities that name them (flat lines with `properties.entity`, or nested, as in OpenSanctions'
//! `targets.nested.json`).
//!
//! - [`ftm`]: FtM lines into entities (nested entities lifted out).
//! - [`list`]: the graph, read whole or in two passes keeping what lies near vessels, indexed by
//!   id, IMO, MMSI and normalized name; bad lines counted with their line number.
//! - [`matching`]: a vessel matched by IMO, MMSI, then name + flag (never across two IMOs), and
//!   its listing status as of a date.
//! - [`network`]: the sanctioned entities within N relations of a vessel on a date, with the
//!   path, and the vessel's identity history from the lists.

pub mod ftm;
mod ident;
pub mod list;
pub mod matching;
pub mod network;

pub use ident::{imo_valid, normalize_name, parse_imo, parse_mmsi};
pub use list::{Entity, Link, LinkKind, Listing, Origin, ReadStats, SanctionsList};
pub use matching::{Listed, MatchKind, Query, Status};
pub use network::{Connection, Fact, Step};
