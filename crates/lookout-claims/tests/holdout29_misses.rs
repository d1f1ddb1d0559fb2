//! Rules prompted by the twenty-eighth and twenty-ninth holdouts' misses (claims27a), each tried
//! here on wordings, names, numbers and dates of its own, not the corpora's: road or passenger
//! traffic across a border ("lorries cross the bridge several times a day") is no count of the
//! corridor's voyages; a body that publishes "together with" another is a joint source with it,
//! and "has published material alleging that" (translated news) relays what the material says,
//! as "the authors" after it do; a body named with "which published its first report on DATE"
//! (a minister's answer in a debate) owns "that report" after it, dated by that day; in a
//! broadcast transcript, the name a speaker label is read from ends with its sentence ("Our
//! reporter is Jan Kowal. Jan, ..."), and a correspondent's "He said" after a title and a surname
//! opening the sentence before ("Chancellor Merz spoke ...") is that person's; records
//! "analysed by X, which show that" a figure are X's, whoever cites them.

mod common;

use common::{on_topic, pair, row, who};

#[test]
fn road_or_passenger_traffic_across_a_border_is_no_corridor_count() {
    for sentence in [
        "Lorries now cross the Tumen road bridge several times a day, local traders say.",
        "Buses carrying passengers run across the border at Khasan two or three times a day.",
    ] {
        let text = format!(
            "Border trade picks up\n\nPublished 4 March 2025\n\nTrade between Russia and North \
             Korea grew last year, customs data showed. {sentence} Officials in Moscow did not \
             comment.\n"
        );
        let rows = on_topic(&text);
        assert!(rows.is_empty(), "{sentence}: {rows:#?}");
    }
    // Ships' voyages in the same kind of text stay the corridor's.
    let text = "Port traffic\n\nPublished 4 March 2025\n\nRussian cargo ships sail from Rajin to \
        Vostochny several times a week, carrying munitions for Moscow's war, officials in Seoul \
        say.\n";
    assert!(!on_topic(text).is_empty());
}

#[test]
fn a_body_publishing_together_with_another_is_a_joint_source_with_it() {
    for lede in [
        "The agency Bloomberg, together with the Royal United Services Institute, has published \
         material alleging that Russian freighters made 41 voyages from Chongjin to Vostochny \
         between May 2023 and January 2025.",
        "The agency Bloomberg, jointly with the Royal United Services Institute, has published a \
         report saying that Russian freighters made 41 voyages from Chongjin to Vostochny \
         between May 2023 and January 2025.",
    ] {
        let text = format!(
            "2 February 2025, 09:10\n\nPress: ships carried shells\n\nMOSCOW, 2 February. \
             {lede}\n\nAccording to the authors, about 11,000 containers were moved in all.\n\n\
             The Kremlin declined to comment.\n"
        );
        for n in [41.0, 11000.0] {
            assert_eq!(
                who(&text, n),
                pair("Bloomberg / RUSI", "Bloomberg / RUSI"),
                "{n} in {lede}"
            );
        }
    }
}

#[test]
fn a_body_which_published_its_report_owns_that_report_and_its_day() {
    for (lede, on) in [
        (
            "We are one of the nine members of the Joint Arms Monitoring Group, which published \
             its second report on 14 March.",
            "According to that report",
        ),
        (
            "Norway belongs to the Joint Arms Monitoring Group, which released its second report \
             on 14 March.",
            "According to the report",
        ),
    ] {
        let text = format!(
            "House of Commons\n\nVolume 771: debated on Wednesday 19 March 2025\n\nThe \
             Minister of State (Jane Holloway)\n\n{lede} {on}, North Korea shipped roughly 4 \
             million artillery shells to Russia in 2024. The report also found that more than 60 \
             ballistic missiles went the same way.\n"
        );
        for n in [4_000_000.0, 60.0] {
            let r = row(&text, n);
            assert_eq!(
                (r.speaker.as_str(), r.organization.as_str(), r.date.as_str()),
                (
                    "Joint Arms Monitoring Group",
                    "Joint Arms Monitoring Group",
                    "2025-03-14"
                ),
                "{n} in {lede}"
            );
        }
    }
}

#[test]
fn a_correspondent_relays_the_titled_person_named_before_his_he_said() {
    for (intro, turn, relayed) in [
        (
            "Our correspondent in Seoul is Mina Park. Mina, what is the ministry saying?",
            "Minister Shin spoke to reporters this afternoon. He said about 9,000 containers \
             have now gone north.",
            pair("Shin Won-sik", "ROK Ministry of National Defense"),
        ),
        (
            "Joining us from Seoul is our reporter Mina Park. Mina, any news today?",
            "President Yoon addressed the nation tonight. He said about 9,000 containers have \
             now gone north.",
            pair("Yoon", "ROK government"),
        ),
    ] {
        let text = format!(
            "EVENING NEWS - TRANSCRIPT\n\nBroadcast 12 March 2024\n\nANCHOR: North Korea \
             keeps shipping munitions to Russia. {intro}\n\nPARK: {turn} He wants more help \
             from Washington.\n\nANCHOR: Mina Park in Seoul, thank you.\n"
        );
        assert_eq!(who(&text, 9000.0), relayed, "{turn}");
    }
}

#[test]
fn records_analysed_by_a_body_which_show_a_figure_are_its() {
    for sentence in [
        "The same report cited customs records analysed by the nonprofit Sentry Watch, which show \
         that more than 52,000 tonnes of munitions moved by rail to depots near Bryansk.",
        "The newspaper also cited shipping data compiled by the group Sentry Watch, which \
         indicate that more than 52,000 tonnes of munitions moved by rail to depots near Bryansk.",
    ] {
        let text = format!(
            "EXPLAINER\n\nHow the shells move\n\nMay 6, 2024\n\nNorth Korean munitions reach \
             Russia by sea, according to a Financial Times report published on Friday. \
             {sentence}\n"
        );
        assert_eq!(
            who(&text, 52000.0),
            pair("Sentry Watch", "Sentry Watch"),
            "{sentence}"
        );
    }
}
