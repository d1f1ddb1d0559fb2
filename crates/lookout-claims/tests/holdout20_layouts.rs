//! Period, quantity and topic rules prompted by the twentieth and twenty-first holdouts' first
//! runs (branch `claims22b`), each tried here on wordings, names, bodies, numbers and dates of
//! its own, not the corpora's: a time that closes the conjunct before "and N more", "since X and
//! Y met at a place in September", a time inside a ", suggesting that" clause after the figure,
//! another supplier that hands over or sends from its own depots whoever counts it, a total or
//! figure given again ("the total since ... had passed", "put the number at no fewer than"),
//! "troops in a place now number", the day of an address after "said in", a share of an army's
//! ammunition, "about 64 more the same day", and "in the four years before that".

mod common;

use common::{row, when};
use lookout_claims::{extract, is_on_topic};

#[test]
fn a_time_before_and_n_more_closes_the_conjunct_before() {
    let sentences = [
        "The Pentagon said on 9 March that Russia had fired at least two North Korean ballistic missiles at Kharkiv on 2 February and several more the following month.",
        "Seoul's defence ministry said on 9 March that North Korea had shipped about 1,200 containers to Russia in January and 900 more the following month.",
    ];
    let range = extract(&format!(
        "Analysis\n\nMonday 11 March 2024\n\n{}\n",
        sentences[0]
    ))
    .into_iter()
    .find(|r| r.quantity_low == Some(3.0))
    .expect("several more");
    assert_eq!(when(&range), ("2024-03", "2024-03", "2024-03-09"));
    let r = row(
        &format!("Analysis\n\nMonday 11 March 2024\n\n{}\n", sentences[1]),
        900.0,
    );
    assert_eq!(when(&r), ("2024-02", "2024-02", "2024-03-09"));
}

#[test]
fn since_two_leaders_met_at_a_place_in_a_month_is_open() {
    for sentence in [
        "Defence Minister Park said today that North Korea has sent about 4,300 containers to Russia since Kim Jong Un and Vladimir Putin met at the Vostochny cosmodrome in September.",
        "North Korea has sent about 4,300 containers to Russia since the two leaders visited the cosmodrome in September, Defence Minister Park said today.",
    ] {
        let text = format!("Evening bulletin\n\nTuesday 12 March 2024\n\n{sentence}\n");
        let r = row(&text, 4300.0);
        assert_eq!(
            when(&r),
            ("2023-09", "2024-03-12", "2024-03-12"),
            "{sentence}"
        );
    }
}

#[test]
fn a_time_in_a_suggesting_clause_after_the_figure_is_not_its_period() {
    for clause in [
        "suggesting that the flow picked up after Kim's visit to Vladivostok in May",
        "indicating that shipments grew after the leaders met in May",
    ] {
        let text = format!(
            "Yonhap\n\n2024.11.20 09:12\n\nSEOUL, Nov. 20 (Yonhap) -- North Korea had sent more than 21,000 containers to Russia as of November, the spy agency told lawmakers on Wednesday.\n\nThe new tally is well above the 14,000 containers the agency reported on Sept. 3, {clause}.\n"
        );
        let r = row(&text, 14000.0);
        assert_eq!(when(&r), ("", "", "2024-09-03"), "{clause}");
    }
}

#[test]
fn another_supplier_handing_over_or_sending_from_its_depots_is_off_the_corridor() {
    let text = "Analysis\n\n4 April 2025\n\nIran has sent Russia thousands of drones since 2022, according to a Tehran-based monitoring network. The network says it has counted more than 240 cargo flights carrying munitions from bases in Iran to Russia's Kursk region. It estimates that Iran has handed over about 95,000 tonnes in all. Unlike North Korea, it has sent no soldiers.\n";
    let rows: Vec<_> = extract(text).into_iter().filter(is_on_topic).collect();
    assert!(rows.is_empty(), "{rows:?}");
    let text = "Analysis\n\n4 April 2025\n\nMinsk's railway monitors, a Belarusian group, say they have counted more than 410 trains carrying shells from arsenals in Belarus to Russia. They estimate that Belarus handed over some 88,000 tonnes last year. Unlike North Korea, Belarus has sent no troops.\n";
    let rows: Vec<_> = extract(text).into_iter().filter(is_on_topic).collect();
    assert!(rows.is_empty(), "{rows:?}");
}

/// A corridor text dated Tuesday 19 November 2024 with one more paragraph under test.
fn bulletin(paragraph: &str) -> String {
    format!(
        "World desk\n\nTuesday 19 November 2024\n\nNorth Korea has sent about 9,000 containers of munitions to Russia since last autumn, the Eastern Research Group said on Monday.\n\n{paragraph}\n"
    )
}

#[test]
fn a_total_or_figure_given_again_counts_what_was_counted_before() {
    for (paragraph, quantity, qualifier) in [
        (
            "Last week a senior official, Mark Delaney, told reporters in Tokyo that the total since last autumn had passed 12,400.",
            12400.0,
            "more_than",
        ),
        (
            "The White House gave a lower figure in October, when it put the number at no fewer than 7,500.",
            7500.0,
            "at_least",
        ),
        (
            "The ministry's count came later. Its own figure, given on Friday, was at least 8,200.",
            8200.0,
            "at_least",
        ),
    ] {
        let r = row(&bulletin(paragraph), quantity);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("containers", qualifier),
            "{paragraph}"
        );
    }
}

#[test]
fn a_unit_with_its_place_then_number_counts() {
    for paragraph in [
        "\"North Korean troops in the Kursk region now number 12,500,\" the Ukrainian president said in his evening address on Monday.",
        "The North Korean troops at the training grounds number about 12,500, a Ukrainian intelligence official said on Monday.",
    ] {
        let r = row(&bulletin(paragraph), 12500.0);
        assert_eq!(r.unit, "troops", "{paragraph}");
    }
}

#[test]
fn a_day_after_the_address_a_speaker_gave_dates_the_statement() {
    for paragraph in [
        "\"North Korean soldiers in Russia now number 12,500,\" President Zelensky said in his evening address on Monday.",
        "President Zelensky said in his nightly video message on Monday that North Korea had sent about 12,500 troops to Russia.",
    ] {
        let r = row(&bulletin(paragraph), 12500.0);
        assert_eq!(when(&r), ("", "", "2024-11-18"), "{paragraph}");
    }
}

#[test]
fn a_share_of_an_armys_ammunition_is_on_the_corridor() {
    for sentence in [
        "North Korea now covers as much as 35% of the Russian army's ammunition needs, Ukraine's intelligence chief said.",
        "Pyongyang supplies about 35% of Moscow's artillery shells, Ukraine's intelligence chief said.",
    ] {
        let text = bulletin(sentence);
        let r = row(&text, 35.0);
        assert!(is_on_topic(&r), "{sentence}");
    }
}

#[test]
fn a_hedged_count_and_more_with_a_relative_time_counts_the_unit_before() {
    for (sentence, period) in [
        (
            "Across the river, the yard at Khasan held some 64 more the same day.",
            ("2024-05-02", "2024-05-02"),
        ),
        (
            "Imagery showed roughly 64 more the following month.",
            ("2024-06", "2024-06"),
        ),
    ] {
        let text = format!(
            "Imagery brief\n\n1 July 2024\n\nOur analysts counted about 140 railcars in the rail yard at Tumangang in imagery collected on 2 May 2024. {sentence}\n"
        );
        let r = row(&text, 64.0);
        assert_eq!(r.unit, "railcars", "{sentence}");
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            period,
            "{sentence}"
        );
    }
}

#[test]
fn the_years_before_that_count_back_from_the_period_before() {
    for after in ["before that", "before then"] {
        let text = format!(
            "Imagery brief\n\nAugust 2024\n\nWhen we last reported a surge, last November, we counted approximately 86 freight railcars at Tumangang. In the four years {after}, the yard had never held more than about 15.\n"
        );
        let r = row(&text, 15.0);
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            ("2019-11", "2023-11"),
            "{after}"
        );
    }
}
