//! Attribution at the level of the discourse (docs/accuracy.md step 17a), each rule tried on
//! invented names, bodies, numbers and dates, in layouts of their own: the speaker labels of
//! a hearing record ("Mr. HALVORSEN.") and of a Security Council record ("Mr. Osei
//! (Ghana):"), a bracketed affiliation in a label, a witness introduced in capitals, the
//! portfolio of a title ("Secretary of State for Japan and Korea" is no Japanese office), "our
//! INSTITUTION" in the mouth of a labelled envoy, a guest relaying the group whose work he
//! describes ("they counted", "their imagery never showed"), a publisher with an apposition
//! before its verb, and list items under the sentence that announces whose findings they are.

/// Speaker and organization of the text's row with that number.
fn who(text: &str, quantity: f64) -> [String; 2] {
    let rows = lookout_claims::extract(text);
    let Some(r) = rows.into_iter().find(|r| r.quantity == Some(quantity)) else {
        panic!("no row of {quantity}");
    };
    [r.speaker, r.organization]
}

#[test]
fn a_hearing_record_label_is_the_witness_its_capitals_introduce() {
    let text = "ARMS FLOWS TO RUSSIA\n\n\
        Hearing before the Subcommittee on Europe\n\
        Thursday, 6 March 2025\n\n\
        STATEMENT OF MARGARET HALVORSEN, ASSISTANT SECRETARY OF STATE FOR EAST ASIAN AFFAIRS\n\n\
        Mr. DUNMORE. The witness is recognised.\n\n\
        Ms. HALVORSEN. Thank you. North Korea has shipped more than 7,400 containers of \
        munitions to Russia since January.\n\n\
        Mr. DUNMORE. And missiles?\n\n\
        Ms. HALVORSEN. Russia has launched about 38 North Korean ballistic missiles at Ukraine.\n";
    let state = ["Margaret Halvorsen", "US Department of State"];
    assert_eq!(who(text, 7400.0), state);
    assert_eq!(who(text, 38.0), state);
}

#[test]
fn the_countries_of_a_portfolio_are_not_the_holders() {
    // "for Japan and Korea" is what the office deals with: the department is still the US one,
    // and "of Finland" after the office names its own country.
    let text = "Hearing on North Korea, 12 May 2025\n\n\
        STATEMENT OF PAUL ASHDOWN, DEPUTY ASSISTANT SECRETARY OF STATE FOR JAPAN AND KOREA\n\n\
        Mr. ASHDOWN. North Korea has sent Russia about 5,300 containers of munitions this year.\n";
    assert_eq!(
        who(text, 5300.0),
        ["Paul Ashdown", "US Department of State"]
    );
}

#[test]
fn a_bracketed_affiliation_gives_a_label_its_organization() {
    // A Council record introduces the envoy by name only; the label's bracket gives the state.
    let text = "Security Council, 9801st meeting\n\
        Tuesday, 14 January 2025, 3 p.m.\n\n\
        The President: I give the floor to Mr. Kwame Osei.\n\n\
        Mr. Osei (United States of America): Some 6,200 soldiers of the DPRK are now deployed \
        in Russia's border regions.\n";
    assert_eq!(who(text, 6200.0), ["Kwame Osei", "US government"]);
}

#[test]
fn a_surname_label_takes_the_bracket_of_the_full_label_before_it() {
    let text = "Press conference of the Joint Chiefs of Staff (translated)\n\n\
        Seoul, 3 April 2025\n\n\
        MODERATOR: Questions, please.\n\n\
        COL. PARK JI-HOON (JCS spokesperson): We will take questions.\n\n\
        REPORTER: How many soldiers went north this year?\n\n\
        PARK: About 2,900 were sent in the first quarter.\n";
    assert_eq!(
        who(text, 2900.0),
        ["Park Ji-hoon", "ROK Joint Chiefs of Staff"]
    );
}

#[test]
fn our_institution_in_a_labelled_envoys_words_is_his_countrys() {
    let text = "Security Council, 9802nd meeting\n\
        Wednesday, 15 January 2025\n\n\
        The President: I give the floor to the representative of Ukraine, Ms. Olena Marchuk.\n\n\
        Ms. Marchuk (Ukraine): The invaders have fired more than 47 North Korean ballistic \
        missiles at our cities, according to our Prosecutor General's Office.\n";
    let office = "Ukraine Office of the Prosecutor General";
    assert_eq!(who(text, 47.0), [office, office]);
}

#[test]
fn a_guest_relaying_a_group_gives_the_groups_counts() {
    // "they" and "their imagery" are the group the guest names, not the guest; what the guest
    // says without them stays the guest's.
    let text = "EVENING REPORT - Transcript\n\n\
        Broadcast 9 November 2023\n\n\
        HOST (Nadia Brenner): With me is Felix Amadou, who writes about rail freight.\n\n\
        AMADOU: The Beyond Parallel team at the Center for Strategic and International Studies \
        looked at the Tumangang yard again. On November 2nd they counted about 61 freight \
        railcars there.\n\n\
        BRENNER: Is that a lot?\n\n\
        AMADOU: It is. Before the summer, their imagery never showed more than about 15 \
        railcars there. My own guess is that 40 of them carried shells.\n";
    let csis = ["CSIS Beyond Parallel", "CSIS Beyond Parallel"];
    assert_eq!(who(text, 61.0), csis);
    assert_eq!(who(text, 15.0), csis);
    assert_eq!(who(text, 40.0)[0], "Felix Amadou");
}

#[test]
fn list_items_under_a_publishers_findings_are_its_own() {
    // An apposition between the body and "published" (not a name of two words), then bullets
    // under "its findings are set out below"; the issuer of the alert is no source of them.
    let text = "SHIPPING ADVISORY 2025-11\n\n\
        Issued by the Harbour Compliance Office\n\
        Date: 2 October 2025\n\n\
        Background\n\
        The Multilateral Sanctions Monitoring Team, formed by eleven states after the UN panel \
        lapsed, published its second report on 19 September 2025. Its findings on shipping are \
        set out below.\n\n\
        - Since January 2025, the DPRK has shipped more than 8,800 containers of munitions to \
        Russia.\n\
        - Over the same months, about 2.3 million shells went north by sea.\n";
    let msmt = ["MSMT", "MSMT"];
    assert_eq!(who(text, 8800.0), msmt);
    assert_eq!(who(text, 2_300_000.0), msmt);
}

#[test]
fn an_apposition_before_published_is_the_publisher_named() {
    // "An American think tank, the Center for ...," is the think tank, not the United States.
    let text = "WASHINGTON, Nov. 9, 2023 --\n\n\
        An American think tank, the Center for Strategic and International Studies, released \
        new imagery of the Tumangang yard on Thursday. It shows about 57 freight railcars \
        bound for Russia from North Korea.\n";
    let [speaker, _] = who(text, 57.0);
    assert_ne!(speaker, "United States");
    assert!(speaker.starts_with("CSIS"), "{speaker}");
}

#[test]
fn an_answer_that_only_names_a_body_is_what_it_points_back_to() {
    let text = "FAQ: the rail link\n\n\
        Last updated: 4 March 2025\n\n\
        Q: Who counted the wagons first?\n\
        A: Ukraine's Defence Intelligence. In January it said about 3,700 wagons of shells had \
        crossed from North Korea into Russia at Khasan.\n";
    let hur = "Ukraine Defence Intelligence (HUR)";
    assert_eq!(who(text, 3700.0), [hur, hur]);
}

#[test]
fn a_passive_agent_after_a_day_is_the_source_and_not_the_one_ruled_out() {
    // A correction: the figure "was given on Friday by" the minister, "not by" the agency; the
    // ministry's country is the only one the notice names besides the corridor's two.
    let text = "Corrections\n\n\
        Posted 9 May 2025\n\n\
        A report on Wednesday credited a count to South Korea's intelligence service. The \
        figure of about 4,100 containers was given on Friday by Defence Minister Han Seung-woo, \
        not by the agency.\n";
    assert_eq!(
        who(text, 4100.0),
        ["Han Seung-woo", "ROK Ministry of National Defense"]
    );
}

#[test]
fn a_spokespersons_bare_title_is_of_the_institution_just_named() {
    // No institution in "deputy press secretary": the ministry the entry opened with; an
    // institution in the title itself still wins.
    let text = "Live: the border\n\n\
        3 February 2025\n\n\
        The Pentagon has given its latest count of North Korean soldiers in Russia. \
        \"We assess that about 8,300 North Korean soldiers are now in the Kursk region,\" deputy press secretary \
        Dana Corliss told reporters.\n\n\
        The Pentagon has given its latest count. State Department spokesman Evan Holt said \
        about 8,400 North Korean soldiers were there.\n";
    assert_eq!(
        who(text, 8300.0),
        ["Dana Corliss", "US Department of Defense"]
    );
    assert_eq!(who(text, 8400.0), ["Evan Holt", "US Department of State"]);
}

#[test]
fn a_name_before_of_an_institute_for_something_is_the_person() {
    // "for Defense Analyses" is still the institute's name; after "of Ukraine" a name is the
    // chief's.
    let text = "SEOUL, May 2 (Yonhap) -- Park Soo-min of the Korea Institute for Maritime \
        Studies estimated that the North had shipped more than 4.4 million artillery shells \
        to Russia by sea.\n";
    let [speaker, org] = who(text, 4_400_000.0);
    assert_eq!(speaker, "Park Soo-min");
    assert!(org.contains("Institute for Maritime Studies"), "{org}");
}

#[test]
fn our_institution_in_a_ministrys_statement_is_its_countrys() {
    // No dateline, no label: the country the statement names.
    let text = "Ministry of Defence of Ukraine\n\n\
        Statement on North Korean missiles\n\n\
        20 February 2025\n\n\
        Since 1 January, the Russian Federation has launched at least 14 ballistic missiles \
        supplied by the DPRK against Ukrainian cities, according to our Defence Intelligence.\n";
    let hur = "Ukraine Defence Intelligence (HUR)";
    assert_eq!(who(text, 14.0), [hur, hur]);
}
