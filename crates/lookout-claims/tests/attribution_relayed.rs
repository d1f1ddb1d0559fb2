//! General attribution forms of branch `claims11a` (docs/accuracy.md step 15a), each tried on
//! wordings, names and bodies of its own, not those of the `dev6a/` corpus: a speaker who cites
//! another source in an aside keeps the figure (the ledger's convention), a quote paragraph attributed by the paragraph after it
//! ("That was how X put it"), a person named once and referred to later by surname or title.

use lookout_project::ClaimRow;

fn row(text: &str, quantity: f64) -> ClaimRow {
    lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}"))
}

/// The speaker and organization of the row with that number.
fn source_of(text: &str, quantity: f64, speaker: &str, organization: &str) {
    let r = row(text, quantity);
    assert_eq!(r.speaker, speaker, "{}", r.note);
    assert_eq!(r.organization, organization, "{}", r.note);
}

/// The ledger's convention (docs/ledger.md, "Speaker and organization"): "according to X" and
/// "citing X" name the speaker only without a reporting verb; an apposition ", citing a report
/// by X" names the source, not the speaker nor the speaker's organization.
#[test]
fn a_citing_aside_before_the_verb_leaves_the_figure_to_the_speaker() {
    let text = "TOKYO, May 9, 2024 --\n\n\
        Senator Hiroshi Tanaka of the Constitutional Democratic Party, citing an assessment by \
        the Open Source Centre, told parliament on Thursday that North Korea had shipped about \
        9,000 containers of munitions to Russia.\n";
    source_of(
        text,
        9000.0,
        "Hiroshi Tanaka",
        "Constitutional Democratic Party",
    );
}

#[test]
fn a_citing_aside_after_the_verb_leaves_the_figure_to_the_speaker() {
    let text = "SEOUL, June 3, 2024 --\n\n\
        Opposition lawmaker Park Ji-hoon said on Monday, citing the Royal United Services \
        Institute, that at least 20 Russian ships had loaded North Korean munitions at Rajin.\n";
    let r = row(text, 20.0);
    assert_eq!(r.speaker, "Park Ji-hoon", "{}", r.note);
    assert_ne!(r.organization, "RUSI", "{}", r.note);
}

#[test]
fn a_citing_clause_after_the_claim_does_not_override_the_speaker() {
    // The claim is the minister's own; the citing clause is about something else, in a clause
    // past a semicolon.
    let text = "SEOUL, Feb. 26, 2024 --\n\n\
        Defence Minister Shin Won-sik said about 6,700 containers had gone from North Korea to \
        Russia; lawmakers asked for more, citing a report by C4ADS.\n";
    let r = row(text, 6700.0);
    assert_eq!(r.speaker, "Shin Won-sik", "{}", r.note);
}

#[test]
fn a_quote_paragraph_takes_the_speaker_the_next_paragraph_points_back_to() {
    let text = "KYIV, March 4, 2024 --\n\n\
        \"North Korea has handed Russia about 1.2 million shells for its artillery since the \
        autumn, and Russia is firing them at our cities.\"\n\n\
        Those were the words of Kyrylo Budanov, head of Ukraine's military intelligence, \
        speaking on national television on Monday.\n";
    let r = row(text, 1_200_000.0);
    assert_eq!(r.speaker, "Kyrylo Budanov", "{}", r.note);
}

#[test]
fn a_quote_paragraph_takes_the_speaker_of_that_was_how_x_put_it() {
    let text = "WASHINGTON, May 2, 2024 --\n\n\
        \"North Korea has shipped more than 11,000 containers of munitions to Russia.\"\n\n\
        That was how State Department spokesman Matthew Miller summed up the latest intelligence \
        for reporters on Thursday.\n";
    source_of(text, 11000.0, "Matthew Miller", "US Department of State");
}

#[test]
fn a_legislator_is_recorded_with_the_party_the_text_names() {
    let text = "SEOUL, May 20, 2024 --\n\n\
        North Korea has sent Russia about 7,000 containers of munitions, said Park Ji-won, a \
        lawmaker of the opposition Democratic Party who sits on the parliamentary intelligence \
        committee.\n";
    source_of(text, 7000.0, "Park Ji-won", "Democratic Party");
}
