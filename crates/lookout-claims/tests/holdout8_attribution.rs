//! Attribution rules prompted by the eighth holdout's first run (docs/accuracy.md step 16),
//! each tried here on wordings, names, bodies and dates of its own, not the corpus's: the
//! country a translated Korean report gives its bodies, a clause after "according to X," that
//! is the claim and no apposition, "the Ukrainian leader" pointing back to the named
//! president, a titled name after a bracketed dateline and its surname later, a passive "This
//! was stated by TITLE, NAME," a bare word of an agency's name ("the intelligence estimated"),
//! a capital opening its sentence as the country of the office it names, and "put Seoul's
//! figure at".

use lookout_project::ClaimRow;

/// The row of a text with that number.
fn row(text: &str, quantity: f64) -> ClaimRow {
    lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}"))
}

fn who(text: &str, quantity: f64) -> (String, String) {
    let r = row(text, quantity);
    (r.speaker, r.organization)
}

fn pair(speaker: &str, org: &str) -> (String, String) {
    (speaker.to_owned(), org.to_owned())
}

#[test]
fn a_body_of_a_translated_korean_report_is_seouls() {
    let text = "2024.11.05 09:40 | Politics\n\n\
        Joint Chiefs: North Korea moved 4,800 containers north by rail\n\n\
        North Korea moved about 4,800 containers of munitions to Russia by rail in September \
        and October, the Joint Chiefs of Staff said on the 5th.\n\n\
        According to the JCS, the North had also shipped about 2,600 containers by sea in the \
        summer.\n\n\
        (Translated from Korean.)\n";
    let jcs = pair("ROK Joint Chiefs of Staff", "ROK Joint Chiefs of Staff");
    assert_eq!(who(text, 4800.0), jcs);
    // "the North" in the claim after "According to the JCS," is no apposition of the JCS.
    assert_eq!(who(text, 2600.0), jcs);
}

#[test]
fn a_north_korean_body_stays_north_korean_in_a_korean_report() {
    // The same hint must not turn an institution whose country the text names into Seoul's.
    let text = "2024.12.01 10:00 | Defense\n\n\
        Kim Kwang-ho, the chief of North Korea's General Staff, said on the 1st that about \
        1,700 containers of shells had gone to Russia in November.\n\n\
        (Translated from Korean.)\n";
    let (_, org) = who(text, 1700.0);
    assert!(!org.starts_with("ROK"), "{org}");
}

#[test]
fn the_leader_of_a_country_points_back_to_its_named_president() {
    let text = "VILNIUS, March 3 (Baltic Wire) -- North Korea has sent Russia roughly 2.8 \
        million shells since January, said Volodymyr Zelensky, Ukraine's president, at a \
        summit in Vilnius on Monday.\n\n\
        The Ukrainian leader said that about 9,500 North Korean soldiers were stationed in \
        Russia's border regions.\n";
    let z = pair("Volodymyr Zelensky", "Ukrainian government");
    assert_eq!(who(text, 2_800_000.0), z);
    assert_eq!(who(text, 9500.0), z);
}

#[test]
fn a_titled_name_after_a_bracketed_dateline_and_its_surname_later() {
    let text = "2024年5月12日 08時00分\n\n\
        Minister: North Korean shells for Russia\n\n\
        [Tokyo] South Korea's Unification Minister Park Jae-hoon gave an interview to the \
        Asahi in Tokyo on the 12th. He said North Korea had sent Russia about 7,300 \
        containers.\n\n\
        In March, Minister Park had told reporters that some 4,100 containers had left the \
        port.\n\n\
        (This article is a translation.)\n";
    let park = pair("Park Jae-hoon", "ROK Ministry of Unification");
    assert_eq!(who(text, 7300.0), park);
    // Not "Park" of the Japanese government the outlet's country would give.
    assert_eq!(who(text, 4100.0), park);
}

#[test]
fn stated_by_a_title_then_the_name_in_apposition_and_the_agency_again() {
    let text = "03.09.2025 | 14:05\n\n\
        Intelligence chief: a third of Russia's shells are North Korean\n\n\
        North Korea now supplies up to 35% of the shells Russia fires at Ukraine. This was \
        stated by the head of the Main Intelligence Directorate of the Ministry of Defence of \
        Ukraine, Oleh Marchenko, in an interview with Reuters.\n\n\
        As a reminder, in May the intelligence estimated that the DPRK had sent more than 4 \
        million artillery rounds since 2023.\n";
    let r = row(text, 35.0);
    assert_eq!(r.speaker, "Oleh Marchenko", "{r:#?}");
    assert_eq!(r.organization, "Ukraine Defence Intelligence (HUR)");
    let hur = pair(
        "Ukraine Defence Intelligence (HUR)",
        "Ukraine Defence Intelligence (HUR)",
    );
    assert_eq!(who(text, 4_000_000.0), hur);
}

#[test]
fn a_capital_opening_its_sentence_gives_the_country_of_the_office_it_names() {
    let text = "WASHINGTON, May 9, 2024 -- The State Department said on Thursday that North \
        Korea had sent Russia more than 12,000 containers of munitions since last September.\n\n\
        Seoul, which tracks the rail crossing at Tumangang, has not updated its count since \
        March, when Defence Minister Han Dong-su put the figure at around 6,900 containers.\n";
    let (speaker, org) = who(text, 6900.0);
    assert_eq!(speaker, "Han Dong-su");
    assert_eq!(org, "ROK Ministry of National Defense");
}

#[test]
fn put_an_owners_figure_at_a_number_is_a_claim_of_the_subject() {
    let text = "Published 4 April 2024\n\n\
        1. What does Washington say?\n\n\
        The US said on Friday that North Korea had sent Russia more than 11,000 containers \
        since last autumn.\n\n\
        2. What does Seoul say?\n\n\
        On Tuesday, Defence Minister Han Dong-su put Seoul's figure at about 7,100 \
        containers. Filled with 152 mm rounds, those would hold roughly 2.9 million shells, \
        he told reporters.\n";
    let han = pair("Han Dong-su", "ROK Ministry of National Defense");
    assert_eq!(who(text, 7100.0), han);
    assert_eq!(who(text, 2_900_000.0), han);
}

#[test]
fn a_lawmaker_quoting_an_agency_as_saying_relays_the_agencys_figure() {
    let text = "SEOUL, March 6, 2024 -- North Korea has sent Russia more than 1.5 million shells \
        since last summer, South Korea's spy agency told a parliamentary committee on \
        Wednesday.\n\n\
        Rep. Lee Min-ho of the Democratic Party of Korea, who spoke to reporters after the \
        session, quoted the agency as saying the shells had left in about 12 shipments.\n";
    let nis = pair(
        "ROK National Intelligence Service",
        "ROK National Intelligence Service",
    );
    assert_eq!(who(text, 12.0), nis);
}

#[test]
fn an_office_after_a_person_named_bare_is_that_person_not_the_byline() {
    let text = "Opinion | Counting the containers\n\n\
        3 May 2024\n\n\
        By Clara Jensen\n\n\
        Six weeks ago, Daniel Ortiz stepped up to the State Department podium with a map. \
        North Korea, the department spokesman said on 20 March 2024, had shipped more than \
        9,000 containers to Russia since the autumn.\n\n\
        Clara Jensen writes about sanctions.\n";
    assert_eq!(
        who(text, 9000.0),
        pair("Daniel Ortiz", "US Department of State")
    );
}

#[test]
fn a_second_verb_of_the_opening_subject_after_and() {
    let text = "TOKYO, June 3, 2024 -- North Korea has moved more troops to Russia, officials \
        said.\n\n\
        The Ministry of Defense later published radar images of the convoy and said the North \
        had sent Russia more than 2,400 containers since January.\n";
    let (speaker, org) = who(text, 2400.0);
    assert_eq!(org, "Japan Ministry of Defense", "{speaker}");
}

#[test]
fn a_publisher_is_the_source_of_what_its_document_is_said_to_find() {
    let text = "The Harbour Letter - 9 June 2025\n\n\
        This week:\n\n\
        * The Nordic Maritime Institute published a new study on Monday that tracks 41 \
        voyages by three Russian cargo ships to Rajin since last autumn.\n\
        * About 9,000 containers were carried on those voyages, the researchers estimate.\n";
    let nmi = pair("Nordic Maritime Institute", "Nordic Maritime Institute");
    assert_eq!(who(text, 41.0), nmi);
    assert_eq!(who(text, 9000.0), nmi);
}

#[test]
fn a_titled_name_laying_out_a_count_in_posts_speaks_the_posts_after() {
    let text = "Pentagon spokeswoman sets out troop count in posts\n\n\
        March 4, 2025\n\n\
        The Pentagon's deputy press secretary, Laura Whitfield, laid out Washington's newest \
        estimate in a thread of posts on Monday.\n\n\
        The thread, in full:\n\n\
        1/ Since October 2024, the DPRK has sent more than 14,000 soldiers to Russia.\n\n\
        2/ We will keep exposing this cooperation.\n";
    assert_eq!(
        who(text, 14000.0),
        pair("Laura Whitfield", "US Department of Defense")
    );
}
