//! Random background traffic: plausible vessels sailing between the scenario's background ports.

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::scenario::{Berth, Class, Hours, Place, Scenario, Step, VesselSpec};

/// How a background vessel is found at the scenario start.
pub enum Start {
    /// Berthed at a port.
    Berthed(String),
    /// Under way between two ports, `fraction` of the way.
    Underway {
        /// Origin port.
        from: String,
        /// Destination port.
        to: String,
        /// Fraction of the route already sailed.
        fraction: f64,
    },
}

const FLAGS: &[(u32, u32)] = &[
    (431, 20),
    (440, 16),
    (413, 14),
    (273, 12),
    (352, 10),
    (636, 8),
    (538, 8),
    (477, 6),
    (574, 4),
    (511, 2),
];
const WORDS_A: &[&str] = &[
    "PACIFIC", "ORIENT", "GOLDEN", "SEA", "OCEAN", "NORTH", "EASTERN", "BLUE", "GRAND", "STAR",
    "HAPPY", "NEW",
];
const WORDS_B: &[&str] = &[
    "PIONEER", "GLORY", "WAVE", "SPIRIT", "FORTUNE", "HARMONY", "VENTURE", "PEARL", "DRAGON",
    "CARRIER", "BRIDGE", "DAWN",
];

fn pick_weighted(rng: &mut ChaCha8Rng, items: &[(u32, u32)]) -> u32 {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = rng.random_range(0..total);
    for &(v, w) in items {
        if x < w {
            return v;
        }
        x -= w;
    }
    items[0].0
}

/// A 7-digit IMO number with a valid check digit.
fn random_imo(rng: &mut ChaCha8Rng) -> u32 {
    let body = rng.random_range(800_000..999_999u32);
    let digits: Vec<u32> = body
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    let check: u32 = digits
        .iter()
        .zip((2..=7).rev())
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 10;
    body * 10 + check
}

/// Draws the `k`-th background vessel, its start and a script of port calls.
pub fn random_vessel(
    rng: &mut ChaCha8Rng,
    k: usize,
    scenario: &Scenario,
    mmsis: &mut HashSet<u32>,
) -> (VesselSpec, Start) {
    let ports = &scenario.background.ports;
    let class_b = rng.random_bool(0.15);
    let (ship_type, length, speed): (u8, f64, f64) = if class_b {
        (
            *[30u8, 37, 52].get(rng.random_range(0..3)).unwrap_or(&30),
            rng.random_range(12.0..30.0),
            rng.random_range(6.0..11.0),
        )
    } else {
        match rng.random_range(0..10) {
            0..=5 => (
                70 + rng.random_range(0..10u8),
                rng.random_range(90.0..300.0),
                rng.random_range(11.0..17.0),
            ),
            6..=8 => (
                80 + rng.random_range(0..10u8),
                rng.random_range(100.0..250.0),
                rng.random_range(10.0..15.0),
            ),
            _ => (
                60,
                rng.random_range(80.0..200.0),
                rng.random_range(14.0..22.0),
            ),
        }
    };
    let mmsi = loop {
        let m = pick_weighted(rng, FLAGS) * 1_000_000 + rng.random_range(0..1_000_000);
        if mmsis.insert(m) {
            break m;
        }
    };
    let name = format!(
        "{} {} {}",
        WORDS_A[rng.random_range(0..WORDS_A.len())],
        WORDS_B[rng.random_range(0..WORDS_B.len())],
        rng.random_range(1..100)
    );
    let ballast = (length / 30.0).clamp(1.5, 8.0);
    let mut at = rng.random_range(0..ports.len());
    let start = if rng.random_bool(0.5) {
        Start::Berthed(ports[at].clone())
    } else {
        let mut to = rng.random_range(0..ports.len() - 1);
        if to >= at {
            to += 1;
        }
        let s = Start::Underway {
            from: ports[at].clone(),
            to: ports[to].clone(),
            fraction: rng.random_range(0.0..0.95),
        };
        at = to;
        s
    };
    let calls = ((scenario.end - scenario.start) / 3600.0 / 12.0)
        .ceil()
        .clamp(1.0, 400.0) as usize
        + 1;
    let mut script = Vec::with_capacity(calls);
    for call in 0..calls {
        if call > 0 {
            let mut next = rng.random_range(0..ports.len() - 1);
            if next >= at {
                next += 1;
            }
            at = next;
        }
        let hours = if call == 0 && matches!(start, Start::Berthed(_)) {
            rng.random_range(0.5..36.0)
        } else {
            rng.random_range(8.0..48.0)
        };
        script.push(Step::Berth(Berth {
            berth: ports[at].clone(),
            hours: Some(Hours(hours, hours)),
            until: None,
            load: None,
            unload: false,
            draught: Some(if rng.random_bool(0.5) {
                ballast * 1.6
            } else {
                ballast
            }),
            anchored: rng.random_bool(0.2),
        }));
    }
    let spec = VesselSpec {
        name: format!("{name} #{k}"),
        mmsi,
        imo: if class_b { 0 } else { random_imo(rng) },
        callsign: format!(
            "{}{:04}",
            ["JA", "DS", "BP", "UB", "3E"][rng.random_range(0..5)],
            rng.random_range(0..10_000)
        ),
        ship_type,
        class: if class_b { Class::B } else { Class::A },
        length_m: length.round(),
        beam_m: (length / 6.5).round(),
        draught_laden_m: ballast * 1.6,
        draught_ballast_m: ballast,
        speed_kn: speed,
        destination: String::new(),
        start_at: Place::Area(ports[at].clone()),
        cargo: 0,
        ais_on: true,
        script,
        zombie: false,
    };
    (spec, start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn imo_check_digit_is_valid() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..100 {
            let imo = random_imo(&mut rng);
            let d: Vec<u32> = imo
                .to_string()
                .chars()
                .map(|c| c.to_digit(10).unwrap())
                .collect();
            assert_eq!(d.len(), 7);
            assert_eq!(
                (0..6).map(|i| d[i] * (7 - i as u32)).sum::<u32>() % 10,
                d[6]
            );
        }
        // A published example: IMO 9074729.
        let d = [9, 0, 7, 4, 7, 2];
        assert_eq!(
            d.iter().zip((2..=7).rev()).map(|(a, b)| a * b).sum::<u32>() % 10,
            9
        );
    }
}
