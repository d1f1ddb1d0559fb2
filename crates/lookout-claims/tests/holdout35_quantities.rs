//! Quantities, units, topic and routes after the blind holdout32-35 (branch `claims30c`), each
//! in a wording written for these tests: numbers in a corridor text that are no corridor claim
//! (a third country's pledge, a fleet's size, a railway's total freight, a day's fire at its
//! peak, weapons deployed at home, missile types described, "the first one"), bare numbers
//! compared with an earlier figure, "several hundred thousand", the launch suffix and the
//! ballistic kind, a passenger car, and routes referred back to.

mod common;

use common::{has, on_topic};
use lookout_project::ClaimRow;

fn all(text: &str) -> Vec<ClaimRow> {
    lookout_claims::extract(text)
}

/// The number is read as a row, and only the topic check drops it.
fn dropped(text: &str, quantity: f64) -> bool {
    has(&all(text), quantity) && !has(&on_topic(text), quantity)
}

fn row(text: &str, quantity: f64) -> ClaimRow {
    all(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity) || r.quantity_low == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}: {:#?}", all(text)))
}

const LEAD: &str = "SEOUL, 3 May 2025 -- North Korea has shipped about 8,400 containers of \
    munitions to Russia since last August, officials said.";

#[test]
fn a_third_countrys_pledge_is_no_corridor_claim() {
    let text = format!(
        "{LEAD} Norway pledged a new aid package worth 900 million crowns, including 24 \
         howitzers and 60,000 rounds of artillery ammunition, its defence minister said.\n"
    );
    assert!(dropped(&text, 24.0), "{:#?}", all(&text));
    assert!(dropped(&text, 60000.0), "{:#?}", all(&text));
    assert!(has(&on_topic(&text), 8400.0));
}

#[test]
fn a_fleet_and_a_railways_freight_are_no_transport_of_the_corridor() {
    let text = format!(
        "{LEAD} The freighter belongs to Baltic Line, a Russian shipping firm with a fleet of \
         about 30 vessels. Russian Railways carries roughly 1.3 billion tonnes of cargo a year, \
         which lets military trains go unnoticed.\n"
    );
    assert!(dropped(&text, 30.0), "{:#?}", all(&text));
    assert!(dropped(&text, 1.3e9), "{:#?}", all(&text));
    assert!(has(&on_topic(&text), 8400.0));
}

#[test]
fn a_days_fire_at_its_peak_is_no_transfer() {
    let text = format!(
        "{LEAD} Volume matters to gunners who have on some days fired as many as 15,000 \
         shells. Its artillery once fired about 18,000 rounds in a single day.\n"
    );
    assert!(dropped(&text, 15000.0), "{:#?}", all(&text));
    assert!(dropped(&text, 18000.0), "{:#?}", all(&text));
}

#[test]
fn weapons_deployed_at_home_are_no_transfer() {
    let text = format!(
        "{LEAD} Pyongyang has massed some 300 multiple rocket launchers along the border with \
         the South, the ministry's report says.\n"
    );
    assert!(dropped(&text, 300.0), "{:#?}", all(&text));
    // Sent to Russia, launchers stay a claim.
    let sent = format!(
        "{LEAD} The North has also sent some 120 multiple rocket launchers to Russia, the \
         ministry said.\n"
    );
    assert!(has(&on_topic(&sent), 120.0));
}

#[test]
fn missile_types_described_by_their_tests_are_no_count() {
    let text = format!(
        "{LEAD} Investigators traced the debris to the Hwasong-11A and Hwasong-11B, two missiles \
         Pyongyang first tested in 2019.\n"
    );
    assert!(!has(&on_topic(&text), 2.0), "{:#?}", all(&text));
}

#[test]
fn the_first_one_is_no_count() {
    let text = "WASHINGTON, 2 May 2025 -- The White House released two images on Friday. The \
        second one shows containers stacked on the quay at Rajin, a spokesman said.\n";
    assert!(!has(&all(text), 1.0), "{:#?}", all(text));
}

#[test]
fn a_bare_number_compared_with_an_earlier_figure_takes_the_unit() {
    let text = "WASHINGTON, 9 May 2025 -- North Korea has shipped more than 21,000 containers \
        of munitions to Russia since late 2023, a State Department official said on Thursday. \
        That is up from the \"roughly 14,000\" the department gave in January.\n";
    assert_eq!(row(text, 14000.0).unit, "containers");
    let text = "WASHINGTON, 9 May 2025 -- North Korea has shipped more than 21,000 containers \
        of munitions to Russia, a State Department official said on Thursday. The official did \
        not say how the container figure was reached, which is well above the 12,500 the \
        department cited in March.\n";
    assert_eq!(row(text, 12500.0).unit, "containers");
    let text = "LONDON, 9 May 2025 -- Seoul put the number of containers at about 9,000 in \
        March. In April the State Department raised the U.S. count to more than 15,000.\n";
    assert_eq!(row(text, 15000.0).unit, "containers");
    let text = "LONDON, 9 May 2025 -- The ministry now counts 9,000 containers of munitions \
        sent to Russia. The figure has grown since the White House first said in October that \
        North Korea had delivered more than 2,000.\n";
    assert_eq!(row(text, 2000.0).unit, "containers");
}

#[test]
fn several_hundred_thousand_is_a_range() {
    let text = "SEOUL, 3 May 2025 -- Filled with shells, the 2,000 containers North Korea sent \
        to Russia could hold several hundred thousand rounds, an official said.\n";
    let r = row(text, 300_000.0);
    assert_eq!(
        (r.quantity_low, r.quantity_high),
        (Some(300_000.0), Some(900_000.0))
    );
    assert_eq!(r.qualifier, "capacity_equivalent");
}

#[test]
fn more_supply_for_ukraine_in_the_next_sentence_stays_off_topic() {
    let text = "PRAGUE, 3 May 2025 -- North Korea has sent millions of shells to Russia. The \
        initiative has located 400,000 shells abroad that could reach Ukraine by summer, the \
        minister said. A first batch of several hundred thousand rounds is due in May.\n";
    assert!(dropped(text, 400_000.0), "{:#?}", all(text));
    assert!(dropped(text, 300_000.0), "{:#?}", all(text));
}

#[test]
fn a_launch_in_another_clause_does_not_make_a_transfer_a_launch() {
    let text = "TOKYO, 30 May 2025 -- The panel's report says North Korea supplied more than \
        150 ballistic missiles to Russia in 2024, and that Russian forces fired these missiles \
        at Ukrainian cities.\n";
    assert_eq!(row(text, 150.0).unit, "ballistic_missiles");
    let text = "KYIV, 30 May 2025 -- Russia has launched at least 30 North Korean missiles at \
        Ukraine this year, prosecutors said.\n";
    assert!(row(text, 30.0).unit.ends_with("_launched"));
}

#[test]
fn north_korean_missiles_after_ballistic_ones_are_of_that_kind() {
    let text = "KYIV, 30 May 2025 -- Russia fired 12 North Korean ballistic missiles at Kyiv \
        in January, prosecutors said. In April they said about 60 North Korean missiles had \
        been fired at Ukrainian cities since 2023.\n";
    assert_eq!(row(text, 60.0).unit, "ballistic_missiles_launched");
}

#[test]
fn a_passenger_car_is_a_railcar() {
    let text = "July 2025\n\nImagery of the Khasan yard from June 9 shows about 90 ore cars, \
        12 tank cars and two passenger cars, we counted.\n";
    assert_eq!(row(text, 2.0).unit, "railcars");
}

#[test]
fn the_facility_and_also_present_are_the_place_before() {
    let text = "October 2025\n\nImagery of the Tumangang rail facility from October 2 shows \
        about 80 railcars. In earlier years, imagery of the facility showed no more than 25 \
        railcars at a time.\n";
    assert_eq!(row(text, 25.0).route, "rail:Tumangang->");
    let text = "October 2025\n\nAt the Tumangang rail yard, we counted about 140 ore cars. \
        Also present were four locomotives.\n";
    assert_eq!(row(text, 4.0).route, "rail:Tumangang->");
}

#[test]
fn the_cargo_moved_in_the_next_sentence_gives_the_route() {
    let text = "MOSCOW, 3 May 2025 -- A U.S. official said the DPRK had sent more than 3,000 \
        containers of ammunition to Russia. According to the official, the cargo was carried by \
        sea to the port of Dunai.\n";
    assert_eq!(row(text, 3000.0).route, "sea:->Dunai");
}
