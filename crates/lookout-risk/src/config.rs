//! The score's weights and parameters: `risk.toml` (the shipped defaults, each with its reason),
//! overridden key by key by a user's file.

use std::collections::HashSet;

use serde::Deserialize;

use lookout_project::Corridor;
use lookout_sanctions::LinkKind;

/// The shipped defaults.
pub const DEFAULTS: &str = include_str!("../risk.toml");

/// A signal with a weight only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plain {
    /// Points when the signal is full.
    pub weight: f64,
    /// Why.
    pub reason: String,
}

/// A signal that sums recency-weighted evidence up to a saturation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counted {
    /// Points when the signal is full.
    pub weight: f64,
    /// The weighted count at which it is full.
    pub saturation: f64,
    /// Why.
    pub reason: String,
}

/// Sanctioned entities behind the vessel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Points for a listed entity one relation away.
    pub weight: f64,
    /// Relations followed at most.
    pub max_hops: usize,
    /// Factor per further relation.
    pub hop_factor: f64,
    /// Relation kinds followed (`owns`, `operates`, `manages`, `directs`, `member_of`).
    pub follow: Vec<String>,
    /// Why.
    pub reason: String,
}

/// Dark time near watched areas.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dark {
    /// Points when full.
    pub weight: f64,
    /// Recency-weighted dark hours at which it is full.
    pub saturation_hours: f64,
    /// Why.
    pub reason: String,
}

/// Encounters with listed or dark vessels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Encounters {
    /// Points when full.
    pub weight: f64,
    /// Weighted count at which it is full.
    pub saturation: f64,
    /// What an encounter with a dark (not listed) vessel counts.
    pub dark_partner_factor: f64,
    /// Days either side of the encounter in which the partner's dark time counts.
    pub dark_window_days: f64,
    /// Why.
    pub reason: String,
}

/// Watched areas by name; empty lists mean "from the project's corridors".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Areas {
    /// Areas near which dark time counts.
    pub dark: Vec<String>,
    /// Areas where port calls count.
    pub port_calls: Vec<String>,
}

/// Every weight and parameter of the score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Half-life of the recency decay, days.
    pub half_life_days: f64,
    /// Why.
    pub half_life_reason: String,
    /// What an undated fact from a list counts.
    pub undated_factor: f64,
    /// Why.
    pub undated_reason: String,
    /// The vessel is listed.
    pub listed: Plain,
    /// Listed entities behind it.
    pub network: Network,
    /// Dark time near watched areas.
    pub dark: Dark,
    /// Encounters with listed or dark vessels.
    pub encounters: Encounters,
    /// Name, call sign, IMO, MMSI changes.
    pub identity_changes: Counted,
    /// Flag changes.
    pub flag_changes: Counted,
    /// Spoofing.
    pub spoofing: Counted,
    /// Calls at watched ports.
    pub port_calls: Counted,
    /// A flag of convenience.
    pub flag_of_convenience: Plain,
    /// A fraudulent registry.
    pub fraudulent_registry: Plain,
    /// Watched areas.
    pub areas: Areas,
}

impl Default for Config {
    fn default() -> Self {
        toml::from_str(DEFAULTS).expect("the shipped risk.toml is valid")
    }
}

/// Overlays `over` on `base`, table by table.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Config {
    /// The defaults with the keys of a TOML text overriding them; unknown keys and values out of
    /// range are errors.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let mut base: toml::Table =
            toml::from_str(DEFAULTS).expect("the shipped risk.toml is valid");
        let over: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        merge(&mut base, over);
        let cfg: Config = toml::Value::Table(base)
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        cfg.check()?;
        Ok(cfg)
    }

    fn check(&self) -> Result<(), String> {
        let weights = [
            ("listed", self.listed.weight),
            ("network", self.network.weight),
            ("dark", self.dark.weight),
            ("encounters", self.encounters.weight),
            ("identity_changes", self.identity_changes.weight),
            ("flag_changes", self.flag_changes.weight),
            ("spoofing", self.spoofing.weight),
            ("port_calls", self.port_calls.weight),
            ("flag_of_convenience", self.flag_of_convenience.weight),
            ("fraudulent_registry", self.fraudulent_registry.weight),
        ];
        for (name, w) in weights {
            if !(w.is_finite() && w >= 0.0) {
                return Err(format!("[{name}] weight must be a number >= 0, not {w}"));
            }
        }
        let positive = [
            ("half_life_days", self.half_life_days),
            ("dark.saturation_hours", self.dark.saturation_hours),
            ("encounters.saturation", self.encounters.saturation),
            (
                "identity_changes.saturation",
                self.identity_changes.saturation,
            ),
            ("flag_changes.saturation", self.flag_changes.saturation),
            ("spoofing.saturation", self.spoofing.saturation),
            ("port_calls.saturation", self.port_calls.saturation),
        ];
        for (name, x) in positive {
            if !(x.is_finite() && x > 0.0) {
                return Err(format!("{name} must be > 0, not {x}"));
            }
        }
        let factors = [
            ("undated_factor", self.undated_factor),
            ("network.hop_factor", self.network.hop_factor),
            (
                "encounters.dark_partner_factor",
                self.encounters.dark_partner_factor,
            ),
        ];
        for (name, x) in factors {
            if !(0.0..=1.0).contains(&x) {
                return Err(format!("{name} must be between 0 and 1, not {x}"));
            }
        }
        self.follow().map(|_| ())
    }

    /// The watched areas (dark time near, port calls at): the ones named in `[areas]`, else
    /// from the corridors (dark: origins and destinations; port calls: origins).
    pub fn watched_areas(&self, corridors: &[Corridor]) -> (HashSet<String>, HashSet<String>) {
        let pick = |named: &[String], destinations: bool| -> HashSet<String> {
            if !named.is_empty() {
                return named.iter().cloned().collect();
            }
            corridors
                .iter()
                .flat_map(|c| {
                    let ends: &[String] = if destinations { &c.destinations } else { &[] };
                    c.origins.iter().chain(ends)
                })
                .cloned()
                .collect()
        };
        (
            pick(&self.areas.dark, true),
            pick(&self.areas.port_calls, false),
        )
    }

    /// The relation kinds the network signal follows.
    pub fn follow(&self) -> Result<Vec<LinkKind>, String> {
        self.network
            .follow
            .iter()
            .map(|name| {
                [
                    LinkKind::Owns,
                    LinkKind::Operates,
                    LinkKind::Manages,
                    LinkKind::Directs,
                    LinkKind::MemberOf,
                ]
                .into_iter()
                .find(|k| k.as_str() == name)
                .ok_or_else(|| format!("network.follow: unknown relation {name:?} (owns, operates, manages, directs, member_of)"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_overrides_apply_key_by_key() {
        let d = Config::default();
        assert_eq!(d.listed.weight, 100.0);
        assert!(d.check().is_ok());
        let c = Config::from_toml("[dark]\nweight = 30\n[network]\nfollow = [\"owns\"]\n").unwrap();
        assert_eq!(c.dark.weight, 30.0);
        assert_eq!(c.dark.saturation_hours, d.dark.saturation_hours);
        assert_eq!(c.follow().unwrap(), [LinkKind::Owns]);
        for bad in [
            "[dark]\nwieght = 3\n",
            "[dark]\nweight = -1\n",
            "undated_factor = 2\n",
            "[network]\nfollow = [\"knows\"]\n",
            "half_life_days = 0\n",
        ] {
            assert!(Config::from_toml(bad).is_err(), "{bad}");
        }
    }
}
