//! Attribution rules prompted by the fourteenth and fifteenth holdouts' first runs
//! (docs/accuracy.md step 23), each tried here on wordings, names, bodies, numbers and dates of
//! its own, not the corpora's: a document signed only by the issuing office ("Office of the
//! Spokesperson"), Q/A interviews whose introduction describes the interviewee after "is" or in
//! an apposition after a translation note, a narrative interview ("We met NAME, the head of
//! X"), a ministry the text names without its country in a story whose date line is in the
//! country's script, a minister answering a legislature's committee, figures lawmakers relay
//! "citing a briefing by" an agency (and a report cited, which stays the speaker's), and a body
//! whose relative clause lists its member states, or whose description comes before its name.

mod common;

use common::{pair, row, who};

#[test]
fn a_note_signed_by_the_office_of_the_spokesperson_is_the_departments() {
    for (label, lead) in [
        ("Media Note", "The United States has assessed that the DPRK has delivered more than 2,400 containers of munitions to Russia since May 2024."),
        ("Press Statement", "Since May 2024, the DPRK has delivered more than 2,400 containers of munitions to Russia."),
    ] {
        let text = format!(
            "{label}\n\
            Office of the Spokesperson\n\
            March 4, 2025\n\
            \n\
            Arms Deliveries to Russia Continue\n\
            \n\
            {lead}\n\
            \n\
            We will continue to expose these transfers.\n"
        );
        assert_eq!(
            who(&text, 2400.0),
            pair("US Department of State", "US Department of State"),
            "{label}"
        );
    }
}

#[test]
fn a_press_statement_label_alone_names_no_issuer() {
    // No office, ministry or body in the header: the label is no publisher.
    let text = "Press Statement\n\
        March 4, 2025\n\
        \n\
        Since May 2024, the DPRK has delivered more than 2,400 containers of munitions to Russia.\n";
    let (speaker, _) = who(text, 2400.0);
    assert_ne!(speaker, "Press Statement");
}

#[test]
fn a_qa_interviewee_introduced_after_is() {
    let text = "Interview | 3 May 2025\n\
        \n\
        \"We watched every ship\": tracking the northern route\n\
        \n\
        Maria Lind is an analyst at the Nordic Shipping Observatory, the Stockholm group that followed cargo ships between North Korea and Russia for a year. We spoke to her by phone.\n\
        \n\
        Q: What did you see?\n\
        \n\
        A: We counted 41 voyages between Rajin and Russian ports from October 2023 to January 2025.\n";
    assert_eq!(
        who(text, 41.0),
        pair("Maria Lind", "Nordic Shipping Observatory")
    );
}

#[test]
fn a_translated_interviewee_in_apposition_after_the_note() {
    let text = "04.03.2025 | 10:05\n\
        Interview\n\
        \n\
        \"The deliveries go on\": an intelligence spokesman on the northern supplies\n\
        \n\
        Translated from Ukrainian. Petro Kovalenko, the spokesman of Ukraine's Defence Intelligence (HUR), answered our questions on Monday.\n\
        \n\
        Q: How many shells has North Korea sent?\n\
        A: Since last spring North Korea has delivered more than 2 million artillery rounds to Russia.\n";
    assert_eq!(
        who(text, 2_000_000.0),
        pair("Petro Kovalenko", "Ukraine Defence Intelligence (HUR)")
    );
}

#[test]
fn a_narrative_interview_he_told_us_is_the_person_met() {
    let text = "Posted: 2 March 2025\n\
        \n\
        The spymaster's count\n\
        \n\
        Last week we met Petro Kovalenko, the head of Ukraine's military intelligence, at his headquarters in Kyiv.\n\
        \n\
        North Korea, he told us, now supplies up to 35 percent of the artillery ammunition Russia fires at the front.\n";
    assert_eq!(
        who(text, 35.0),
        pair("Petro Kovalenko", "Ukraine Defence Intelligence (HUR)")
    );
}

#[test]
fn a_ministry_without_its_country_in_a_story_dated_in_hangul() {
    let text = "2025년 3월 4일 09:30 | Politics\n\
        \n\
        Kim: \"9,100 containers since August\"\n\
        \n\
        Defense Minister Kim Chul-soo told reporters on the 4th that North Korea had sent about 9,100 containers to Russia since August of last year.\n";
    assert_eq!(
        who(text, 9100.0),
        pair("Kim Chul-soo", "ROK Ministry of National Defense")
    );
}

#[test]
fn a_minister_answering_a_committee_is_of_the_committees_ministry() {
    let text = "National Assembly, Foreign Affairs and Unification Committee\n\
        Tuesday 5 March 2024\n\
        (Excerpt of the minutes, translated from Korean)\n\
        \n\
        MEMBER: Minister, how many containers has the North sent?\n\
        MINISTER PARK JI-HO: Since August last year, we assess that about 4,200 containers have gone to Russia.\n\
        MEMBER: Thank you.\n";
    let (speaker, org) = who(text, 4200.0);
    assert_eq!(speaker, "Park Ji-ho");
    assert_ne!(org, "ROK National Assembly");
}

#[test]
fn a_minister_answering_a_defence_committee() {
    let text = "National Assembly, National Defense Committee\n\
        Thursday 7 March 2024\n\
        (Excerpt of the minutes)\n\
        \n\
        MEMBER: Minister, what has the North sent to Russia?\n\
        MINISTER CHOI HYUN-WOO: We assess that about 8,300 containers have gone to Russia since last August.\n";
    assert_eq!(
        who(text, 8300.0),
        pair("Choi Hyun-woo", "ROK Ministry of National Defense")
    );
}

#[test]
fn lawmakers_citing_a_briefing_relay_the_briefer() {
    let text = "SEOUL, March 5, 2025 --\n\
        \n\
        North Korea has sent more than 2,500 containers of shells to Russia since May 2024, lawmakers said on Wednesday, citing a closed-door briefing by the National Intelligence Service.\n";
    assert_eq!(
        who(text, 2500.0),
        pair(
            "ROK National Intelligence Service",
            "ROK National Intelligence Service"
        )
    );
    let r = row(text, 2500.0);
    assert!(r.note.contains("relayed by"), "{}", r.note);
}

#[test]
fn a_lawmaker_citing_a_report_speaks() {
    // The documented convention (docs/ledger.md): with a reporting verb the subject speaks;
    // ", citing a report by X" names the source, not the speaker.
    let text = "SEOUL, March 5, 2025 --\n\
        \n\
        North Korea has sent more than 2,500 containers of shells to Russia since May 2024, Rep. Lee Min-ho of the Democratic Party said on Wednesday, citing a report by the National Intelligence Service.\n";
    assert_eq!(who(text, 2500.0).0, "Lee Min-ho");
}

#[test]
fn a_body_whose_relative_clause_lists_its_members() {
    let text = "OSLO (March 3, 2025) - In its annual report, the Arctic Sanctions Panel, which includes Norway, Finland and Iceland, said some 4 million rounds of artillery ammunition reached Russia in 2024.\n";
    let (speaker, org) = who(text, 4_000_000.0);
    assert_eq!(org, "Arctic Sanctions Panel");
    assert!(speaker.contains("Panel"), "{speaker}");
}

#[test]
fn a_panel_described_before_its_name() {
    let text = "OSLO (March 3, 2025) - A nine-nation panel set up to watch over sanctions on North Korea said Monday that Pyongyang has shipped more than 7,000 containers of munitions to Russia since June 2023.\n\
        \n\
        In its annual report, the Arctic Sanctions Monitoring Panel said the shipments went by sea.\n";
    let (_, org) = who(text, 7000.0);
    assert_eq!(org, "Arctic Sanctions Monitoring Panel");
}
