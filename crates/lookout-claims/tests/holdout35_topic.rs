//! Numbers in corridor texts (and texts that name the corridor's sides) that are no corridor
//! claim (branch `claims29b`), each in a wording written for these tests: a country's own
//! missile launches or tests, what an army needs, a stockpile, what a wagon can hold, a port's
//! transshipments, and a text about trade goods alone. Each side number is checked against a
//! corridor claim in the same text that must stay on topic.

mod common;

use common::{has, on_topic};

/// The side number is read as a row, and only the topic check drops it.
fn dropped(text: &str, quantity: f64) -> bool {
    has(&lookout_claims::extract(text), quantity) && !has(&on_topic(text), quantity)
}

#[test]
fn a_countrys_own_missile_launches_and_tests_are_no_transfer() {
    let text = "SEOUL, 4 April 2025 -- Pyongyang launched about 25 ballistic missiles in the \
        first half of the year, the South's military said. A regime that has tested more than \
        70 missiles since 2023 is learning fast. North Korea has shipped about 8,200 containers \
        of munitions to Russia since last August, officials say.\n";
    let rows = on_topic(text);
    assert!(dropped(text, 25.0), "{rows:#?}");
    assert!(dropped(text, 70.0), "{rows:#?}");
    assert!(has(&rows, 8200.0), "{rows:#?}");
}

#[test]
fn missiles_fired_at_ukraine_stay_on_topic() {
    let text = "KYIV, 2 June 2025 -- Russia has fired some 45 North Korean ballistic missiles \
        at Ukraine since December, Ukraine's prosecutor general said.\n";
    assert!(has(&on_topic(text), 45.0));
}

#[test]
fn what_an_army_needs_or_holds_is_no_supply() {
    let text = "LONDON, 8 May 2025 -- Kyiv's gunners need about 5,000 rounds a day to hold the \
        line, a defence analyst said. The North is thought to keep stocks of millions of ageing \
        artillery rounds. North Korea has sent about 4 million shells to Russia, Seoul's \
        intelligence service said on Tuesday.\n";
    let rows = on_topic(text);
    assert!(dropped(text, 5000.0), "{rows:#?}");
    assert!(dropped(text, 2_000_000.0), "{rows:#?}");
    assert!(has(&rows, 4_000_000.0), "{rows:#?}");
}

#[test]
fn what_a_wagon_can_hold_is_no_load_sent() {
    let text = "MOSCOW, 3 March 2025 -- A covered wagon can carry about 65 tonnes, the railway \
        said. North Korea has shipped some 9,000 containers of munitions to Russia since \
        August 2023, officials in Seoul say.\n";
    let rows = on_topic(text);
    assert!(dropped(text, 65.0), "{rows:#?}");
    assert!(has(&rows, 9000.0), "{rows:#?}");
}

#[test]
fn a_ports_transshipments_and_a_trade_text_give_no_rows() {
    let port = "VLADIVOSTOK, 5 May 2025 -- Transshipments through the Rajin terminal reached \
        about 420,000 tonnes last year, the operator said, most of it Russian coal bound for \
        North Korea's neighbours.\n";
    assert!(on_topic(port).is_empty(), "{:#?}", on_topic(port));
    let flour = "KHABAROVSK, 9 June 2025 -- A train carrying 2,600 tonnes of wheat flour and \
        sugar left Russia for North Korea on Monday, the regional government said. The train \
        of 40 covered wagons was made up at Artem.\n";
    assert!(on_topic(flour).is_empty(), "{:#?}", on_topic(flour));
}
