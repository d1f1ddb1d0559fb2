//! Speaker and organization mechanisms of branch `claims9s`, each checked on a text in a
//! wording no corpus text uses, with invented names and other countries (so no list of persons
//! can pass them): a paragraph without a source speaks for the text's current one, but not when
//! it names a source of its own; "the Canadian official" after a named Canadian; labelled
//! entries of a digest and of a live blog's header; "This was stated by TITLE of ORG NAME on
//! the air of ..."; "the head of state" after a titled name; "the Ministry" in its own press
//! release; an organization described by a relative clause before its name. The expectations
//! were written before the extractor first ran on these texts (docs/accuracy.md, step 13a,
//! gives that first run and the probe left out: a "Source:" line after the claim, which the
//! layout reads as furniture).

use lookout_project::ClaimRow;

/// The row of a text with that number (all rows shown when there is none).
fn row(text: &str, quantity: f64) -> ClaimRow {
    let rows = lookout_claims::extract(text);
    let Some(r) = rows.iter().find(|r| r.quantity == Some(quantity)) else {
        panic!("no row of {quantity} in {rows:#?}");
    };
    r.clone()
}

/// Speaker and organization.
fn who(r: &ClaimRow) -> (&str, &str) {
    (r.speaker.as_str(), r.organization.as_str())
}

#[test]
fn a_paragraph_without_a_source_speaks_for_the_lead_source() {
    let text = "Helsinki says Russian trains carry North Korean shells\n\n\
        HELSINKI, March 14, 2025 - North Korea is still sending artillery ammunition to Russia \
        by rail, Finnish Defence Minister Antti Lahtinen said on Friday.\n\n\
        Roughly 400 railcars loaded with munitions crossed the Tumen River bridge at Khasan in \
        February alone.\n\n\
        Some 90 more wagons are held at Tumangang, according to customs data seen by a Finnish \
        newspaper.\n";
    let r = row(text, 400.0);
    assert_eq!(who(&r), ("Antti Lahtinen", "Finland Ministry of Defence"));
    assert!(r.note.contains("speaks for"), "{}", r.note);
    // A paragraph with a source of its own does not take the lead's.
    let r = row(text, 90.0);
    assert_ne!(r.speaker, "Antti Lahtinen");
}

#[test]
fn a_paragraph_with_an_unread_source_of_its_own_is_not_the_leads() {
    let text = "OSLO, May 2, 2025 - North Korea has shipped about 3,000 containers of shells to \
        Russia since January, Norway's foreign minister Ingrid Solberg-Haug said on Friday.\n\n\
        A customs bulletin from Lithuania says 35 wagons of North Korean munitions crossed \
        Belarus in April.\n";
    let r = row(text, 3000.0);
    assert_eq!(r.speaker, "Ingrid Solberg-Haug");
    let r = row(text, 35.0);
    assert_ne!(r.speaker, "Ingrid Solberg-Haug");
}

#[test]
fn a_definite_official_after_a_named_one_is_that_person() {
    let text = "OTTAWA, Nov. 5, 2024 - Canada's deputy foreign minister, Colette Marchand, told \
        reporters on Tuesday that North Korea had sent more than 8,000 containers to Russia \
        since last year.\n\n\
        Russia has also fired at least 40 North Korean missiles at Ukrainian cities, according \
        to the Canadian official.\n";
    let r = row(text, 40.0);
    assert_eq!(
        who(&r),
        ("Colette Marchand", "Canada Ministry of Foreign Affairs")
    );
}

#[test]
fn labelled_entries_of_a_digest_and_a_live_blog_name_their_sources() {
    let digest = "WEEK IN REVIEW | 8 March 2025\n\n\
        Marta Kowalczyk, Poland's deputy foreign minister, 3 March: about 2,500 containers from \
        North Korea to Russia since January.\n\n\
        Jonas Petraitis, head of Lithuania's military intelligence, 5 March: at least 60 \
        North Korean missiles launched at Ukraine this year.\n";
    let r = row(digest, 2500.0);
    assert_eq!(
        who(&r),
        ("Marta Kowalczyk", "Poland Ministry of Foreign Affairs")
    );
    let r = row(digest, 60.0);
    assert_eq!(r.speaker, "Jonas Petraitis");
    let blog = "Ukraine war live\n\nFriday 11 April 2025\n\n09:12\n\
        Lukas Brenner: 5,000 North Korean troops now on the front\n\
        Germany's defence minister told the Bundestag that about 5,000 North Korean soldiers \
        had been moved to the front line near Kursk.\n";
    let r = row(blog, 5000.0);
    assert_eq!(who(&r), ("Lukas Brenner", "Germany Ministry of Defence"));
}

#[test]
fn stated_by_a_titled_name_on_the_air_and_the_head_of_state() {
    let text = "12.03.2025 | 10:15\n\n\
        VILNIUS, March 12. North Korea has delivered about 700 missiles to Russia. This was \
        stated by the spokesman of the Second Investigation Department of Lithuania Tomas \
        Jurgaitis on the air of a national radio station.\n\n\
        President of Latvia Edgars Kalnins met reporters in Riga on Wednesday. The head of state \
        noted that Russia had received about 4 million shells from the DPRK.\n";
    let r = row(text, 700.0);
    assert_eq!(r.speaker, "Tomas Jurgaitis");
    let r = row(text, 4_000_000.0);
    assert_eq!(who(&r), ("Edgars Kalnins", "Latvian government"));
}

#[test]
fn the_ministry_in_its_own_press_release() {
    let text = "Press Release\n\nMinistry of Defence, Estonia\n\n4 April 2025\n\n\
        The Ministry assesses that North Korea has sent more than 4,000 containers of \
        munitions to Russia since the start of the year.\n";
    let r = row(text, 4000.0);
    assert_eq!(
        who(&r),
        ("Estonia Ministry of Defence", "Estonia Ministry of Defence")
    );
}

#[test]
fn an_organization_described_by_a_relative_clause_before_its_name() {
    let text = "STOCKHOLM, June 3, 2025 - A Nordic network that tracks sanctions evasion said on \
        Tuesday that North Korea had shipped about 1,200 containers to Russia in the spring.\n\n\
        The Sanctions Evasion Observatory, founded in 2022, publishes its counts every quarter.\n";
    let r = row(text, 1200.0);
    assert_eq!(
        who(&r),
        (
            "Sanctions Evasion Observatory",
            "Sanctions Evasion Observatory"
        )
    );
}

#[test]
fn a_headline_source_speaks_for_an_unattributed_lead() {
    let text = "Pyongyang has sent 9,000 containers of arms to Moscow, Tokyo says\n\n\
        TOKYO, Aug. 2, 2025 - North Korea has shipped about 9,000 containers of munitions to \
        Russia since January, the latest sign of the deepening military ties between the two.\n\n\
        The shipments went through the port of Rajin.\n";
    let r = row(text, 9000.0);
    assert_eq!(who(&r), ("Japan", "Japanese government"));
    // The body's own source wins over the headline's.
    let text = "Seoul: North Korea keeps shipping shells\n\n\
        SEOUL, Aug. 4, 2025 - North Korea has shipped about 2,000 more containers to Russia since \
        June, the Finnish defence ministry said on Monday.\n";
    let r = row(text, 2000.0);
    assert_eq!(r.organization, "Finland Ministry of Defence");
}

#[test]
fn a_list_after_a_source_that_published_a_document() {
    let text = "RIGA, Feb. 10, 2025 - The Baltic Shipping Watch published its annual review on \
        Monday. Its main findings on the North Korea-Russia trade:\n\n\
        - at least 40 voyages between Rajin and Russian ports in 2024;\n\
        - about 3,000 containers unloaded at Vostochny.\n\n\
        The group did not say how it counted the containers.\n";
    for n in [40.0, 3000.0] {
        let r = row(text, n);
        assert_eq!(who(&r), ("Baltic Shipping Watch", "Baltic Shipping Watch"));
    }
}

#[test]
fn she_added_after_a_mentioned_person_and_a_relayed_judgement() {
    let text = "VILNIUS, Jan. 13, 2025 - Lithuanian Defence Minister Rasa Kaunaite said on Monday \
        that North Korea had shipped at least 500 containers of shells to Russia in December.\n\n\
        She spoke after meeting NATO Secretary General Mark Rutte in Vilnius.\n\n\
        About 200 more containers are waiting at Rajin, she added.\n";
    let r = row(text, 200.0);
    assert_eq!(who(&r), ("Rasa Kaunaite", "Lithuania Ministry of Defence"));
    // "According to X, Y judged that N": Y's judgement, relayed by X.
    let text = "[Politics] NIS: \"North Korea sent 1,000 more containers\"\n\n2025.03.05 16:20\n\n\
        The National Intelligence Service (NIS) reported to the National Assembly Intelligence \
        Committee on the 5th that North Korea had sent about 1,000 more containers to Russia \
        since January.\n\n\
        According to Rep. Park Min-jae, who attended the closed meeting, the NIS also judged \
        that about 3,000 additional troops were dispatched to Russia.\n";
    let r = row(text, 3000.0);
    assert_eq!(r.speaker, "ROK National Intelligence Service");
}
