//! Where a piece of evidence comes from, so that no simulated number passes for an estimate:
//! every observation, AIS input and voyage carries one, and every output says which of its
//! inputs were which.

use serde::{Deserialize, Serialize};

/// The provenance of an input row or of something derived from inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// From a primary source: the observer's own publication, a government release, an
    /// original report, a real AIS capture.
    Real,
    /// Real-world, but through a re-telling, a mirror, a translation, or unverified or
    /// approximately dated.
    Secondary,
    /// Made by a simulator: a demonstration, never an estimate.
    Simulated,
}

impl Provenance {
    /// All values, from the most to the least trusted.
    pub const ALL: [Provenance; 3] = [
        Provenance::Real,
        Provenance::Secondary,
        Provenance::Simulated,
    ];

    /// The name files use.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Real => "real",
            Provenance::Secondary => "secondary",
            Provenance::Simulated => "simulated",
        }
    }

    /// Parses a name (`real`, `secondary`, `simulated`), ignoring case and surrounding space.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(t))
    }

    /// The provenance of something derived from several inputs: the least trusted of them
    /// (a voyage resting on one simulated image is simulated).
    pub fn weakest(items: impl IntoIterator<Item = Provenance>) -> Option<Provenance> {
        items.into_iter().max()
    }

    /// True for real-world evidence (real or secondary).
    pub fn is_real_world(self) -> bool {
        self != Provenance::Simulated
    }
}

/// Counts of evidence by provenance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ProvenanceCounts {
    /// Real rows.
    pub real: u64,
    /// Secondary rows.
    pub secondary: u64,
    /// Simulated rows.
    pub simulated: u64,
}

impl ProvenanceCounts {
    /// Counts one more item.
    pub fn add(&mut self, p: Provenance) {
        match p {
            Provenance::Real => self.real += 1,
            Provenance::Secondary => self.secondary += 1,
            Provenance::Simulated => self.simulated += 1,
        }
    }

    /// All items.
    pub fn total(&self) -> u64 {
        self.real + self.secondary + self.simulated
    }
}

impl FromIterator<Provenance> for ProvenanceCounts {
    fn from_iter<I: IntoIterator<Item = Provenance>>(iter: I) -> Self {
        let mut c = Self::default();
        iter.into_iter().for_each(|p| c.add(p));
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_order_and_counts() {
        assert_eq!(
            Provenance::parse(" Simulated "),
            Some(Provenance::Simulated)
        );
        assert_eq!(Provenance::parse("made up"), None);
        use Provenance::*;
        assert_eq!(Provenance::weakest([Real, Secondary]), Some(Secondary));
        assert_eq!(
            Provenance::weakest([Real, Simulated, Secondary]),
            Some(Simulated)
        );
        assert_eq!(Provenance::weakest([]), None);
        let c: ProvenanceCounts = [Real, Real, Simulated].into_iter().collect();
        assert_eq!((c.real, c.secondary, c.simulated, c.total()), (2, 0, 1, 3));
        assert!(Secondary.is_real_world() && !Simulated.is_real_world());
    }
}
