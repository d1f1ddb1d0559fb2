//! Quantity and topic mechanisms of branch `claims12b` (issue 13, after holdout8's first run),
//! each checked on wordings no corpus text uses, with invented names, places and dates: a
//! missile test into the sea is not missiles fired at Ukraine; an army's size is not troops
//! sent; ships listed in a sanctions package are not the corridor's voyages; "special forces"
//! and "servicemen" are troops; "one of the missiles" after ballistic missiles were named is a
//! ballistic missile.

use lookout_claims::{OFF_TOPIC, ON_TOPIC};
use lookout_project::ClaimRow;

/// The row of a text with that number (all rows shown when there is none).
fn row(text: &str, quantity: f64) -> ClaimRow {
    let rows = lookout_claims::extract(text);
    let Some(r) = rows.iter().find(|r| r.quantity == Some(quantity)) else {
        panic!("no row of {quantity} in {rows:#?}");
    };
    r.clone()
}

#[test]
fn a_missile_test_into_the_sea_is_not_fired_at_ukraine() {
    let text = "Pyongyang launches missiles again\n\n\
        TOKYO, May 7, 2025 - North Korea launched two ballistic missiles into the Sea of Japan \
        on Tuesday morning, Japan's coast guard said, weeks after Moscow and Pyongyang held \
        talks on military cooperation with Russia.\n";
    let r = row(text, 2.0);
    assert!(r.unit.ends_with("_launched"), "{r:?}");
    assert_eq!(r.topic, OFF_TOPIC, "{r:?}");
    let text = "OSLO, June 3, 2025 - North Korea test-fired at least four cruise missiles off \
        its west coast on Monday, the South Korean military said. Kim Jong Un met Russia's \
        defence minister last month.\n";
    assert_eq!(row(text, 4.0).topic, OFF_TOPIC);
    // Fired at Ukraine, it is the corridor's.
    let text = "KYIV, Feb. 2, 2025 - Russian forces launched at least 12 North Korean ballistic \
        missiles at Kharkiv in January, Ukraine's prosecutor general Olena Marchuk said.\n";
    let r = row(text, 12.0);
    assert_eq!(r.topic, ON_TOPIC, "{r:?}");
    assert_eq!(r.unit, "ballistic_missiles_launched");
}

#[test]
fn an_armys_size_is_not_troops_sent() {
    let text = "WARSAW, Nov. 2, 2024 - North Korea has sent about 4,000 soldiers to Russia, the \
        Polish foreign ministry said. The North Korean military numbers some 1.2 million \
        troops, it added. Pyongyang keeps about 600,000 reservists under arms as well.\n";
    assert_eq!(row(text, 4000.0).topic, ON_TOPIC);
    assert_eq!(row(text, 1_200_000.0).topic, OFF_TOPIC);
}

#[test]
fn vessels_listed_in_sanctions_are_not_voyages() {
    let text = "BRUSSELS, March 1, 2025 - North Korean ships made 40 voyages to Russia's Far \
        East last year, an EU report said. The new sanctions package designates 250 tankers \
        and 77 more vessels of Moscow's shadow fleet.\n";
    assert_eq!(row(text, 40.0).topic, ON_TOPIC);
    assert_eq!(row(text, 77.0).topic, OFF_TOPIC);
}

#[test]
fn special_forces_and_servicemen_are_troops() {
    let text = "VILNIUS, Oct. 30, 2024 - Russian landing ships carried about 2,200 North Korean \
        special forces to Russia last week, Lithuanian intelligence chief Rasa Vaitkute said. \
        Another 900 servicemen followed by air, she said.\n";
    assert_eq!(row(text, 2200.0).unit, "troops");
    assert_eq!(row(text, 900.0).unit, "troops");
}

#[test]
fn the_missiles_after_ballistic_missiles_are_ballistic() {
    let text = "Canberra: Russia fires North Korean ballistic missiles\n\n\
        CANBERRA, March 3, 2025 - Australia on Monday accused Russia of using North \
        Korean-made ballistic missiles against Ukrainian towns.\n\n\
        Russian units launched at least two of the missiles on February 20, foreign minister Gareth Pollard said.\n";
    assert_eq!(row(text, 2.0).unit, "ballistic_missiles_launched");
    // Missiles named anew without the word are not.
    let text = "CANBERRA, March 3, 2025 - North Korea has sent ballistic missiles to Russia, \
        Australia said. It has also sent cruise missiles. Russian units launched at least two \
        of the missiles on February 20, foreign minister Gareth Pollard said.\n";
    assert_eq!(row(text, 2.0).unit, "missiles_launched");
}
