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
    // "and several more" after them: the same kind.
    let text = "Canberra: Russia fires North Korean ballistic missiles\n\n\
        CANBERRA, March 3, 2025 - Australia on Monday accused Russia of using North \
        Korean-made ballistic missiles against Ukrainian towns.\n\n\
        Russian units launched at least two of the missiles on February 20, and several more \
        in a night raid on February 27, foreign minister Gareth Pollard told parliament.\n";
    let rows = lookout_claims::extract(text);
    assert!(
        rows.iter().all(|r| r.unit == "ballistic_missiles_launched"),
        "{rows:#?}"
    );
    assert!(rows.iter().any(|r| r.quantity_low.is_some()), "{rows:#?}");
    // Missiles named anew without the word are not.
    let text = "CANBERRA, March 3, 2025 - North Korea has sent ballistic missiles to Russia, \
        Australia said. It has also sent cruise missiles. Russian units launched at least two \
        of the missiles on February 20, foreign minister Gareth Pollard said.\n";
    assert_eq!(row(text, 2.0).unit, "missiles_launched");
}

#[test]
fn footnote_markers_after_the_full_stop_keep_the_paragraph_and_its_sentences() {
    let text = "Panel of Experts on Maritime Transfers\n\n\
        Final report\n\n\
        12 April 2025\n\n\
        31. The Panel estimates that at least 7,500 containers of ammunition were shipped from \
        the DPRK to the Russian Federation through Chongjin in 2024.[41] The same vessels also \
        carried 60 multiple rocket launchers.[42][43]\n\n\
        32. Member States reported a further 300 railcars of shells at Khasan.[b]\n\n\
        Notes\n\n\
        [41] Satellite imagery, 2024.\n\
        [42] Member State information.\n";
    let r = row(text, 7500.0);
    assert_eq!(r.unit, "containers");
    assert!(!r.statement_summary.contains("rocket launchers"), "{r:?}");
    assert_eq!(row(text, 60.0).unit, "rocket_launchers");
    assert_eq!(row(text, 300.0).unit, "railcars");
}

#[test]
fn an_answers_bare_number_counts_what_the_question_asked_about() {
    let text = "Senate Foreign Relations Committee - hearing\n\n\
        Tuesday 12 November 2024 (transcript excerpt)\n\n\
        SENATOR HOLLOWAY: General, how many North Korean soldiers are now in Russia?\n\n\
        GEN. MARA QUINTERO: We assess that roughly 9,000 have been moved to Russia by train \
        and ship.\n";
    let r = row(text, 9000.0);
    assert_eq!(r.unit, "troops");
    assert_eq!(r.qualifier, "about");
}

#[test]
fn a_digest_is_dated_by_the_day_it_was_sent_not_the_week_it_covers() {
    let text = "Arms Watch Weekly - week of March 3, 2025\n\n\
        Delivered Friday, March 7, 2025\n\n\
        In this issue:\n\n\
        * The Baltic Maritime Institute said on Wednesday that 31 North Korean freighters \
        unloaded at Vostochny between June and December 2024.\n";
    let r = row(text, 31.0);
    assert_eq!(r.date, "2025-03-05", "{r:?}");
}

#[test]
fn a_recent_span_ends_on_the_day_of_the_statement() {
    // The statement is Thursday 2024-05-16; the text is dated the day after.
    let text = "Ships seen moving North Korean ammunition\n\n\
        CANBERRA (May 17, 2024) - Australian defence minister Rhys Talbot said Thursday that \
        North Korea had shipped more than 2,400 containers of munitions to Russia in recent \
        weeks.\n";
    let r = row(text, 2400.0);
    assert_eq!(r.date, "2024-05-16", "{r:?}");
    assert_eq!(r.period_end, "2024-05-16", "{r:?}");
    // The length of the span is kept: it starts as many days earlier.
    let dated_that_day = text.replace("May 17, 2024", "May 16, 2024");
    let same = row(&dated_that_day, 2400.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        (same.period_start.as_str(), same.period_end.as_str())
    );
}

#[test]
fn a_time_before_a_when_clause_dates_its_statement() {
    let text =
        "OSLO, May 2, 2025 - Norway says North Korea has sent more than 9,000 containers of \
        munitions to Russia since last summer, foreign minister Ingrid Solberg-Haug said on \
        Friday.\n\n\
        Helsinki has given no new count since January, when Finnish defence minister Antti \
        Lahtinen put the number at about 4,000 containers.\n";
    let r = row(text, 4000.0);
    assert_eq!(r.date, "2025-01", "{r:?}");
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("", ""),
        "{r:?}"
    );
}
