//! Attribution rules prompted by the twenty-fourth and twenty-fifth holdouts' first runs, each
//! tried here on wordings, names, bodies, numbers and dates of its own, not the corpora's: the
//! article's subject source (a body that publishes a report, whose "It found", "the report
//! estimates" and "the team estimates" later sentences give) after a bracketed wire dateline
//! ("[Geneva, Kyodo]") and behind an apposition clause that names other bodies ("set up by ...
//! after the UN panel was disbanded", "of which the UK is one of 11 members"), and relayed by a
//! minister or a lawmaker who speaks of it.

mod common;

use common::{pair, who};

#[test]
fn a_body_after_a_bracketed_wire_dateline_publishes_the_report() {
    for dateline in ["[Geneva, Kyodo]", "[Seoul, Yonhap]", "[Tokyo]"] {
        let text = format!(
            "{dateline} The Multilateral Sanctions Monitoring Team published its second report on the 14th. \
            It concludes that North Korea has sent Russia more than 4,300 containers of munitions since February 2024.\n"
        );
        assert_eq!(who(&text, 4300.0), pair("MSMT", "MSMT"), "{dateline}");
    }
}

#[test]
fn an_apposition_clause_does_not_name_the_publisher() {
    for apposition in [
        "set up by Canada, France, Japan and eight other countries after the UN panel of experts was disbanded",
        "of which the UK is one of 11 members",
        "which the European Union joined last year",
    ] {
        let text = format!(
            "The Multilateral Sanctions Monitoring Team, {apposition}, published its latest report on 12 March 2026. \
            It found that North Korea had shipped more than 3,900 containers to Russia since April 2025.\n"
        );
        assert_eq!(
            who(&text, 3900.0),
            pair("MSMT", "MSMT"),
            "{apposition}"
        );
    }
}

#[test]
fn a_reporting_clause_set_off_by_commas_names_the_document_or_its_body() {
    for clause in [
        "the report estimates",
        "the team estimates",
        "the study notes",
    ] {
        let text = format!(
            "The Multilateral Sanctions Monitoring Team published its latest report on 12 March 2026.\n\
            \n\
            In 2025 alone, {clause}, about 4.5 million rounds of artillery ammunition went to Russia.\n"
        );
        assert_eq!(who(&text, 4_500_000.0), pair("MSMT", "MSMT"), "{clause}");
    }
}

#[test]
fn a_minister_answering_in_parliament_relays_the_body_she_names() {
    for (answer, number) in [
        ("The Multilateral Sanctions Monitoring Team, of which the UK is a member, published its second report on 14 April. It found that more than 2,800 containers had reached Russia since March 2025.", 2800.0),
        ("The Multilateral Sanctions Monitoring Team published its second report on 14 April. According to the team, more than 3,100 containers had reached Russia since March 2025.", 3100.0),
    ] {
        let text = format!(
            "House of Commons\n\
            Wednesday 22 April 2026\n\
            \n\
            Mr Peter Hallam (Eastmoor) (Con)\n\
            What recent assessment the Minister has made of arms transfers from North Korea to Russia.\n\
            \n\
            The Minister of State for the Indo-Pacific (Anne Collier)\n\
            {answer} We will keep working with partners to expose these transfers.\n"
        );
        assert_eq!(who(&text, number), pair("MSMT", "MSMT"), "{answer}");
    }
}

#[test]
fn the_count_a_speaker_gave_is_the_speakers() {
    for sentence in [
        "More than 2,400 containers have crossed from North Korea to Russia since March, by the count that State Department spokesman Matthew Miller gave reporters on Tuesday.",
        "About 2,400 containers reached Russia over the summer, by the figure that State Department spokesman Matthew Miller put to reporters at his briefing.",
    ] {
        assert_eq!(
            who(&format!("{sentence}\n"), 2400.0),
            pair("Matthew Miller", "US Department of State"),
            "{sentence}"
        );
    }
}

#[test]
fn a_report_that_a_body_named_with_its_short_form_released_is_the_bodys() {
    for sentence in [
        "According to a report that the Center for Strategic and International Studies, CSIS, released on Monday, more than 81,000 tonnes of munitions moved by rail.",
        "According to a study that the Royal United Services Institute, RUSI, published last week, more than 81,000 tonnes of munitions moved by rail.",
    ] {
        let (speaker, org) = who(&format!("{sentence}\n"), 81000.0);
        assert!(
            ["CSIS", "RUSI"].contains(&speaker.as_str()) && speaker == org,
            "{sentence}: {speaker} / {org}"
        );
    }
}

#[test]
fn records_a_body_went_through_are_the_bodys_findings() {
    for sentence in [
        "Customs records from Russia's Far East, which the Royal United Services Institute went through line by line, show more than 52,000 tonnes of ammunition arriving by sea.",
        "Shipping manifests, which RUSI analysed over six months, show more than 52,000 tonnes of ammunition arriving by sea.",
    ] {
        assert_eq!(
            who(&format!("{sentence}\n"), 52000.0),
            pair("RUSI", "RUSI"),
            "{sentence}"
        );
    }
}

#[test]
fn a_figure_on_a_bodys_reckoning_is_the_bodys() {
    for sentence in [
        "That tonnage is enough, on RUSI's reckoning, for as many as 1.3 million artillery shells.",
        "On RUSI's estimate, that tonnage would fill as many as 1.3 million artillery shells.",
    ] {
        assert_eq!(
            who(&format!("{sentence}\n"), 1_300_000.0),
            pair("RUSI", "RUSI"),
            "{sentence}"
        );
    }
}

#[test]
fn a_figure_voiced_or_announced_by_someone_is_theirs() {
    for sentence in [
        "The figure - at least 31 ballistic missiles fired at Ukrainian cities since January - was voiced on Tuesday by Defence Minister Rustem Umerov.",
        "A tally of at least 31 ballistic missiles fired at Ukrainian cities since January was announced by Defence Minister Rustem Umerov.",
    ] {
        assert_eq!(
            who(&format!("{sentence}\n"), 31.0).0,
            "Rustem Umerov",
            "{sentence}"
        );
    }
}

#[test]
fn people_of_two_bodies_working_together_are_the_joint_source() {
    for (sentence, joint) in [
        ("Journalists of the Reuters agency and analysts of the British Open Source Centre studied satellite photographs and counted 71 voyages between Rajin and Vostochny.", "Reuters / Open Source Centre"),
        ("Reporters of the Associated Press and researchers of the Open Source Centre counted 71 voyages between Rajin and Vostochny.", "Associated Press / Open Source Centre"),
    ] {
        assert_eq!(who(&format!("{sentence}\n"), 71.0), pair(joint, joint), "{sentence}");
    }
}
