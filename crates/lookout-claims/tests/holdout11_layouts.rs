//! Quantities, periods and units the holdout11 and holdout12 sets first met (branch
//! `claims17b`), each in a wording written for these tests and used by no corpus text
//! (invented bodies, names, numbers and dates): a length, weight or price after a number that is
//! no count, "every one of those containers", "several of them", a ship's size ("can carry a few
//! hundred containers"), a difference between two counts ("a rise of 400 containers"), "over the
//! same period" after a sentence with a period of its own, and a range of days "from the 3rd of
//! May to the 9th of June".

mod common;

use common::{row, when};

fn quantities(text: &str) -> Vec<(Option<f64>, Option<f64>, String)> {
    lookout_claims::extract(text)
        .into_iter()
        .map(|r| (r.quantity, r.quantity_low, r.unit))
        .collect()
}

#[test]
fn a_length_weight_or_price_after_a_number_is_no_count() {
    let text = "Border Notes\n\nPublished 3 May 2026\n\n\
        - Lithuanian customs said about 40 Russian-flagged freighters called at Rajin since March.\n\
        - Kyiv prosecutors say about 60 North Korean missiles have been fired at Ukrainian cities.\n\
        - A listener asked about the Tumen crossing: it is 480 metres long and was rebuilt in 1958.\n\
        - A listener asked about the Khasan rail link: it runs 27 kilometres to the border and was \
        laid in 1951.\n\
        - The new pier, 310 meters long, can take 12 tonnes per crane lift and cost 900 rubles a \
        square metre.\n";
    let q = quantities(text);
    assert!(q.iter().any(|x| x.0 == Some(40.0)), "{q:?}");
    assert!(q.iter().any(|x| x.0 == Some(60.0)), "{q:?}");
    for n in [480.0, 27.0, 310.0, 900.0] {
        assert!(!q.iter().any(|x| x.0 == Some(n)), "{n}: {q:?}");
    }
}

#[test]
fn all_of_a_group_or_an_unnamed_part_of_it_is_no_count() {
    let text = "14 April 2026\n\n\
        Finland's border guard said at least 3,200 containers had left Rajin for Vostochny since \
        January. If every one of those containers carried 122 mm rounds, the guard said, they \
        could hold more than 900,000 shells.\n\n\
        Latvian investigators said some 35 North Korean missiles had been fired at Ukrainian \
        towns. Engineers studied the fragments of several of them in a Riga laboratory.\n";
    let q = quantities(text);
    assert!(q.iter().any(|x| x.0 == Some(3200.0)), "{q:?}");
    assert!(q.iter().any(|x| x.0 == Some(900_000.0)), "{q:?}");
    assert!(q.iter().any(|x| x.0 == Some(35.0)), "{q:?}");
    assert!(!q.iter().any(|x| x.0 == Some(1.0)), "{q:?}");
    assert!(!q.iter().any(|x| x.1 == Some(3.0)), "{q:?}");
    // "several of them" still counts when it is all a sentence gives: "several missiles".
    let named =
        "2 June 2026\n\nKyiv said several ballistic missiles made in North Korea hit Odesa.\n";
    assert!(quantities(named).iter().any(|x| x.1 == Some(3.0)));
}

#[test]
fn a_ships_size_and_a_difference_between_two_counts_are_no_claims() {
    let text = "Explainer, 9 March 2026\n\n\
        The Estonian navy said at least 18 round trips had been made between Rajin and Vostochny \
        since November.\n\n\
        Most of the freighters are old: the biggest could carry about 600 containers, against \
        some 24,000 on the largest ships in service.\n\n\
        Earlier counts put the total at 2,100 containers in January and 2,500 in February; an \
        increase of roughly 400 containers in a month fits a steady trade.\n";
    let q = quantities(text);
    assert!(q.iter().any(|x| x.0 == Some(18.0)), "{q:?}");
    for n in [600.0, 24_000.0, 400.0] {
        assert!(!q.iter().any(|x| x.0 == Some(n)), "{n}: {q:?}");
    }
    // Contents a container could carry stay a capacity.
    let contents = "5 May 2026\n\nSeoul said 3,000 containers had gone north, which could \
        carry up to 1.2 million shells.\n";
    let r = row(contents, 1_200_000.0);
    assert_eq!(r.qualifier, "capacity_equivalent");
}

#[test]
fn over_the_same_period_is_the_period_of_the_claim_before() {
    let text = "2026/02/11 09:05\n\n\
        OSLO, Feb. 11 -- Russia has sent some 4,500 containers of fuel to North Korea since last \
        year, Norway's intelligence chief Eirik Sandvold said Wednesday.\n\n\
        Sandvold said most of the cargo went by rail in recent weeks.\n\n\
        Pyongyang appears to have sent back more than 6,000 containers over the same period, \
        the chief said.\n";
    let r = row(text, 6000.0);
    let (a, b, _) = when(&r);
    assert_eq!((a, b), ("2025", "2026-02-11"));
}

#[test]
fn a_range_of_days_written_the_nth_of_a_month() {
    let text = "RADIO EVENING -- TRANSCRIPT\nAIR DATE: JUNE 20, 2026\n\n\
        ANCHOR: Our correspondent spoke to the Moldovan prosecutor.\n\n\
        PROSECUTOR (through interpreter): From the 3rd of May to the 9th of June, Russia fired at \
        least 17 North Korean missiles at Odesa.\n";
    let r = row(text, 17.0);
    let (a, b, _) = when(&r);
    assert_eq!((a, b), ("2026-05-03", "2026-06-09"));
}

#[test]
fn a_date_in_russian_or_ukrainian_dates_the_text() {
    for (head, date) in [
        ("3 марта 2026", "2026-03-03"),
        ("21 мая 2026", "2026-05-21"),
        ("9 листопада 2025", "2025-11-09"),
    ] {
        let text = format!(
            "{head}\n\n[Translated]\n\nLatvia's defence minister said at least 6,100 \
             containers had reached Russia from North Korea.\n"
        );
        assert_eq!(row(&text, 6100.0).date, date, "{head}");
    }
}

#[test]
fn a_figure_given_the_following_month_and_a_month_after_put_at() {
    let text = "ANALYSIS\n\nPublished 9 June 2026\n\n\
        Finland's defence chief, Aino Lehtola, put the number of containers sent to Russia at \
        about 8,200 in early April. The following month she gave a figure of some 8,900.\n";
    let first = row(text, 8200.0);
    assert_eq!(first.date, "2026-04");
    assert_eq!(
        (first.period_start.as_str(), first.qualifier.as_str()),
        ("", "about")
    );
    let second = row(text, 8900.0);
    assert_eq!(
        (second.unit.as_str(), second.qualifier.as_str()),
        ("containers", "about")
    );
    // "The following month she said": the month after the statement before.
    let said = text.replace(
        "she gave a figure of some 8,900",
        "she said that some 8,900 had gone",
    );
    assert_eq!(row(&said, 8900.0).date, "2026-05");
}

#[test]
fn a_recap_after_a_colon_dates_the_statement_by_its_weekday() {
    let text = "Live: the war in Ukraine\n\nThursday 12 March 2026\n\n10:15 GMT\n\n\
        For readers just joining: last Monday the Estonian defence ministry spokesman, Kalle \
        Tamm, said at least 1,400 North Korean soldiers had been moved by train to Khabarovsk.\n";
    assert_eq!(row(text, 1400.0).date, "2026-03-09");
}

#[test]
fn a_tonnage_that_equals_shells_and_enough_by_a_reckoning_are_capacities() {
    let text = "For immediate release: 2 July 2026\n\n\
        Our analysis shows that more than 31,000 metric tons of explosives were moved by rail. \
        By our estimate, that tonnage equals about 700,000 artillery shells.\n\n\
        Researchers counted some 5,300 containers, enough by a cautious count for between 1 \
        million and 2 million artillery rounds.\n";
    assert_eq!(row(text, 700_000.0).qualifier, "capacity_equivalent");
    let r = lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity_low == Some(1e6))
        .expect("range");
    assert_eq!(r.qualifier, "capacity_equivalent");
}

#[test]
fn a_count_read_off_imagery_has_the_period_of_that_imagery() {
    let text = "Port Watch\n\nAn update\n\nMay 4, 2026\n\n\
        Our team has examined satellite photos of Chongjin port taken since November 2025. We \
        counted at least 31 visits to Chongjin by Russian freighters.\n";
    let r = row(text, 31.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2025-11", "2026-05-04")
    );
    // Without the material's period the count has none.
    let bare = text.replace(" taken since November 2025", "");
    assert_eq!(row(&bare, 31.0).period_start, "");
}

#[test]
fn an_answers_capacity_converts_the_count_a_few_sentences_back() {
    let text = "Interview | 3 February 2026\n\n\
        Q: What did the agency tell you?\n\n\
        LEHTO: It says that since May 2024 North Korea has sent more than 9,000 containers of \
        arms to Russia. Most of that went out by sea.\n\n\
        Q: And what is inside?\n\n\
        LEHTO: The agency did the arithmetic. If each held 122 mm rounds, it says, they could \
        hold more than 2 million rounds.\n";
    let r = row(text, 2e6);
    assert_eq!(r.qualifier, "capacity_equivalent");
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2024-05", "2026-02-03")
    );
}

#[test]
fn a_quoted_claim_the_text_calls_unfounded_is_no_row() {
    let text = "FACT CHECK\n\nPublished 8 May 2026\n\n\
        Finland's defence minister put the number of containers sent to Russia at about 5,400 \
        in April. Posts on Telegram saying \"12,000 containers of shells crossed in a week\" are \
        false, the ministry said.\n";
    let q: Vec<_> = lookout_claims::extract(text)
        .into_iter()
        .filter_map(|r| r.quantity)
        .collect();
    assert!(q.contains(&5400.0), "{q:?}");
    assert!(!q.contains(&12000.0), "{q:?}");
    // A quote the text does not call unfounded stays a claim.
    let kept = text.replace("are false", "were shared widely");
    assert!(lookout_claims::extract(&kept)
        .iter()
        .any(|r| r.quantity == Some(12000.0)));
}
