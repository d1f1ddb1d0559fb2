//! Side numbers in corridor texts and off-topic texts that name the corridor's sides (branch
//! `claims15t`), each in a wording written for these tests with invented places, numbers and
//! countries: rounds fired in a drill, at an island or across a border; a port's throughput or
//! capacity target in tonnes; munitions bought for Ukraine; troops a third country keeps in an
//! ally; how often a post was viewed. Each is checked against a corridor claim in the same text
//! that must stay on topic.

mod common;

use common::{has, on_topic};

#[test]
fn rounds_fired_in_a_drill_or_at_a_border_are_no_transfer() {
    let text = "SEOUL, 3 March 2025 -- North Korea fired some 130 artillery rounds toward the \
        waters off Baengnyeong-ri islet on Tuesday, the military said. The South's army answered \
        with a drill near the border, firing 260 shells. Pyongyang has shipped about 7,000 \
        containers of munitions to Russia since last August, officials say.\n";
    let rows = on_topic(text);
    assert!(!has(&rows, 130.0), "{rows:#?}");
    assert!(!has(&rows, 260.0), "{rows:#?}");
    assert!(has(&rows, 7000.0), "{rows:#?}");
}

#[test]
fn rounds_fired_at_ukraine_stay_on_topic() {
    let text = "KYIV, 9 May 2025 -- Russian forces fired about 4,500 North Korean shells across \
        the border into the Kharkiv region last week, Ukraine's military intelligence said.\n";
    assert!(has(&on_topic(text), 4500.0));
}

#[test]
fn a_terminals_throughput_target_in_tonnes_is_trade() {
    let text = "VLADIVOSTOK, 2 June 2025 -- The company running the Khasan-side yard wants to \
        lift its capacity to 6.5 million tonnes a year by 2027, a manager told a forum. North \
        Korea has sent Russia about 3,200 containers of artillery ammunition through the port \
        this year, South Korea's spy agency said.\n";
    let rows = on_topic(text);
    assert!(!has(&rows, 6_500_000.0), "{rows:#?}");
    assert!(has(&rows, 3200.0), "{rows:#?}");
}

#[test]
fn munitions_bought_for_ukraine_are_off_the_corridor() {
    let text =
        "BRUSSELS, 14 April 2025 -- A Nordic-led coalition to procure 1.45 million shells from \
        outside Europe has drawn pledges from 11 governments. Officials say North Korea has \
        shipped Russia several million rounds.\n";
    assert!(!has(&on_topic(text), 1_450_000.0));
    let for_kyiv = "Denmark agreed to purchase 90,000 rounds for Ukrainian forces, while North \
        Korea sent 5,000 containers to Russia, the ministry said.\n";
    let rows = on_topic(for_kyiv);
    assert!(!has(&rows, 90_000.0), "{rows:#?}");
    assert!(has(&rows, 5000.0), "{rows:#?}");
}

#[test]
fn troops_a_third_country_keeps_in_an_ally_are_not_sent_to_russia() {
    let text = "TOKYO, 5 May 2025 -- North Korea has sent about 14,000 troops to Russia, the \
        minister said. The United States stations roughly 54,000 troops in Japan under a \
        treaty signed decades ago.\n";
    let rows = on_topic(text);
    assert!(!has(&rows, 54_000.0), "{rows:#?}");
    assert!(has(&rows, 14_000.0), "{rows:#?}");
    let kursk = "North Korea keeps about 9,000 troops in the Kursk region, Russia's neighbour \
        Ukraine says.\n";
    assert!(has(&on_topic(kursk), 9000.0));
}

#[test]
fn view_counts_are_no_units() {
    let text = "A post saying North Korea had sent 40 trainloads of shells to Russia has been \
        watched 3.4 million times. Another drew 250,000 views.\n";
    let rows = on_topic(text);
    assert!(!has(&rows, 3_400_000.0), "{rows:#?}");
    assert!(!has(&rows, 250_000.0), "{rows:#?}");
}
