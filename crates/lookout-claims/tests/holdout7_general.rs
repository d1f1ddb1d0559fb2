//! General rules prompted by the seventh holdout's first run (docs/accuracy.md step 14), each
//! tried here on wordings and names of its own, not the corpus's: counts of things the corridor
//! is not about (views, casualties, passenger flights, a railway's freight in general or its new
//! rolling stock, a country's own production and fire rate) are off topic even in a text that
//! names the corridor's places.

use lookout_project::ClaimRow;

fn rows(text: &str) -> Vec<ClaimRow> {
    lookout_claims::extract(text)
}

/// The row of a text with that number.
fn row(text: &str, quantity: f64) -> ClaimRow {
    rows(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}"))
}

fn on_topic(text: &str, quantity: f64) -> bool {
    lookout_claims::is_on_topic(&row(text, quantity))
}

/// Every row of the text is off topic (the on-topic ones are shown when not).
fn all_off_topic(text: &str) {
    let on: Vec<_> = rows(text)
        .into_iter()
        .filter(lookout_claims::is_on_topic)
        .map(|r| (r.quantity, r.unit, r.note))
        .collect();
    assert!(on.is_empty(), "{on:#?}");
}

#[test]
fn views_and_shares_of_a_post_are_not_voyages() {
    let text = "Monitors count North Korean ships at Rajin\n\n\
        The Varnel Maritime Watch said on Monday that North Korean cargo ships had called at \
        Rajin 14 times since March to load containers for Russia.\n\n\
        Its video of the port was watched about 250,000 times in two days and shared 9,000 \
        times.\n";
    assert!(on_topic(text, 14.0));
    assert!(!on_topic(text, 250_000.0));
    assert!(!on_topic(text, 9000.0));
}

#[test]
fn soldiers_killed_are_casualties_not_troops_sent() {
    let text = "Kyiv says North Korea sent more soldiers\n\n\
        North Korea has sent about 3,000 more troops to Russia, Ukraine's military intelligence \
        chief Petro Dalnyk said on Tuesday.\n\n\
        He said some 1,200 North Korean soldiers had been killed in the Kursk region, and gave \
        the army's own toll of dead as 4,500 troops.\n";
    assert!(on_topic(text, 3000.0));
    let r = row(text, 1200.0);
    assert!(!lookout_claims::is_on_topic(&r), "{r:#?}");
    let r = row(text, 4500.0);
    assert!(!lookout_claims::is_on_topic(&r), "{}", r.note);
}

#[test]
fn passenger_flights_between_the_capitals_are_not_transport_of_materiel() {
    let text = "Airline adds a route\n\n\
        Russia and North Korea have opened a route from Vladivostok to Pyongyang, and the \
        airline said it will run three passenger flights a week from June.\n";
    all_off_topic(text);
}

#[test]
fn a_railways_freight_in_general_and_its_new_wagons_are_off_topic() {
    let text = "Border railway posts record half-year\n\n\
        The Primorye rail operator hauled 12.4 million tonnes of cargo in the first half, the \
        company said, as trade with North Korea through Khasan picked up.\n\n\
        Traffic over the Khasan bridge to Tumangang, mostly fertiliser and timber, came to \
        640,000 tonnes.\n\n\
        The operator has ordered 800 new flat wagons for its fleet.\n";
    all_off_topic(text);
}

#[test]
fn railcars_named_by_their_type_are_still_counted() {
    // "ore cars", "tank cars": the kind of wagon, not a load of trade goods.
    let text = "Satellite images show wagons at the border\n\n\
        Images from 3 May show about 90 tank cars at Tumangang station on the North Korean side \
        of the bridge to Khasan, the Halvorsen Institute said.\n";
    assert!(on_topic(text, 90.0));
}

#[test]
fn a_countrys_own_production_and_fire_rate_are_off_topic() {
    let text = "Can Moscow's factories keep up?\n\n\
        Russia's arms plants manufactured some 2.5 million shells in 2024, according to a \
        Western estimate.\n\n\
        Russian gunners fired about 8 million rounds that year, the Dalby Institute calculated.\n\n\
        The gap has been filled partly by North Korea, which this piece leaves aside.\n";
    all_off_topic(text);
}

#[test]
fn a_fire_rate_beside_the_corridors_own_counts_is_kept() {
    // In a text that counts the corridor, the fire rate is the context of its counts.
    let text = "North Korean shells keep coming\n\n\
        North Korea has sent Russia about 4 million shells since last autumn, the Seoul \
        defence ministry said on Friday.\n\n\
        Russian forces fire about 9,000 shells a day, said Mira Tallent of the Orwell Centre.\n";
    assert!(on_topic(text, 4_000_000.0));
    assert!(on_topic(text, 9000.0));
}

#[test]
fn a_projects_parent_named_in_full_is_no_persons_name() {
    // "... of the Center for Strategic and International Studies": the words after "and" are
    // part of the organization's name, not a speaker.
    let text = "May 2, 2024\n\n\
        Think tank counts ships\n\n\
        WASHINGTON -- \"Cargo ships made at least 31 trips to Rajin since March,\" the Beyond \
        Parallel project of the Center for Strategic and International Studies said on Tuesday.\n";
    let r = row(text, 31.0);
    assert_eq!(r.speaker, "CSIS Beyond Parallel");
    assert_eq!(r.organization, "CSIS Beyond Parallel");
}

#[test]
fn a_report_out_on_a_weekday_dates_what_it_says() {
    let text = "Friday 8 March 2024\n\n\
        Researchers see more ships\n\n\
        North Korean freighters have made about 12 voyages to Vostochny since January, the \
        Halvorsen Institute wrote in a study out on Tuesday.\n";
    let r = row(text, 12.0);
    assert_eq!(r.date, "2024-03-05");
}

#[test]
fn what_is_said_afterwards_is_of_the_occasion_named_before() {
    let text = "Published 15 March 2024\n\n\
        Seoul lawmakers give new figures\n\n\
        SEOUL -- Members of the defence committee left a closed hearing with the spy agency on \
        Thursday with fresh estimates of the arms trade with Russia.\n\n\
        Kang Min-jae, an opposition lawmaker on the committee, told reporters afterwards that \
        about 8,000 containers had gone to Russia since last August.\n";
    let r = row(text, 8000.0);
    assert_eq!(r.date, "2024-03-14");
}

#[test]
fn a_day_of_the_month_is_not_a_count() {
    let text = "Published 30 May 2024\n\n\
        Imagery dated May 21 showed containers stacked at Rajin, and on 24 May a North Korean \
        cargo ship left for Vostochny, the Halvorsen Institute said.\n";
    assert!(rows(text)
        .iter()
        .all(|r| r.quantity != Some(21.0) && r.quantity != Some(24.0)));
}

#[test]
fn a_long_capitalised_title_label_answers_for_its_ministry() {
    let text = "National Assembly of the Republic of Korea\n\
        Foreign Affairs and Unification Committee - minutes (excerpt)\n\
        Wednesday 13 March 2024\n\n\
        REP. PARK (People Power Party): Minister, how many containers has the North sent?\n\n\
        MINISTER OF NATIONAL DEFENSE LEE JUNG-HO: North Korea has sent about 7,400 containers \
        to Russia since last September.\n\n\
        REP. PARK: And the missiles?\n\n\
        LEE: We believe North Korea has handed Russia some 40 ballistic missiles.\n";
    for q in [7400.0, 40.0] {
        let r = row(text, q);
        assert_eq!(r.speaker.to_lowercase(), "lee jung-ho", "{r:#?}");
        assert_eq!(r.organization, "ROK Ministry of National Defense", "{q}");
    }
}

#[test]
fn a_minister_of_national_defense_named_in_a_seoul_story_is_seouls() {
    let text = "SEOUL, March 4 (Wire) -- Minister of National Defense Lee Jung-ho said on Monday \
        that North Korea had shipped about 7,400 containers to Russia since September.\n";
    let r = row(text, 7400.0);
    assert_eq!(r.organization, "ROK Ministry of National Defense");
}

#[test]
fn a_verb_past_a_semicolon_does_not_take_the_claim_its_own_clause_introduced() {
    let text = "THE WEEK IN BRIEF\nFriday 8 November 2024\n\n\
        - 4 Nov -- Tokyo accused Pyongyang of sending about 2,300 more soldiers to Russia; the \
        defence ministry said transport planes flew them to Vladivostok.\n";
    let r = row(text, 2300.0);
    assert_eq!(r.speaker, "Japan");
}

#[test]
fn a_table_with_semicolon_cells_gives_each_row_its_source_and_date() {
    let text = "Tracker\n\nUpdated 2 March 2025\n\n\
        Estimates of North Korean shipments to Russia, by the day each was given.\n\n\
        Day given ; Who ; Figure ; Covering\n\
        9 Nov 2023 ; Maria Lindqvist, Nordic Defence Research Agency ; about 2,400 containers ; since August 2023\n\
        17 Jan 2024 ; ROK Joint Chiefs of Staff ; more than 7,800 containers ; n/a\n\n\
        None of these counts says what the containers held.\n";
    let r = row(text, 2400.0);
    assert_eq!(r.speaker, "Maria Lindqvist");
    assert_eq!(r.date, "2023-11-09");
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2023-08", "2023-11-09")
    );
    let r = row(text, 7800.0);
    assert_eq!(r.date, "2024-01-17");
    assert_eq!(r.period_start, "");
}

#[test]
fn a_body_that_posts_its_count_on_a_day_speaks_for_the_posts_that_follow() {
    let text = "Military intelligence posts a tally\n\n\
        14 June 2024\n\n\
        ODESA - Ukraine's Defence Intelligence (HUR) posted its tally of North Korean shells on \
        Telegram on Wednesday. The messages read:\n\n\
        \"Since last autumn, the enemy has received about 3 million North Korean shells.\"\n";
    let r = row(text, 3_000_000.0);
    assert_eq!(r.speaker, "Ukraine Defence Intelligence (HUR)");
    assert_eq!(r.date, "2024-06-12");
}

#[test]
fn a_label_speaker_does_not_take_the_country_his_introduction_talks_about() {
    let text = "LATE BULLETIN - transcript\nTuesday, March 5, 2024\n\n\
        HOST: Our reporter Sam Okafor is at the Pentagon.\n\n\
        OKAFOR: Pentagon press secretary Pat Ryder told reporters today that North Korea has \
        handed Russia dozens of ballistic missiles. Here he is.\n\n\
        RYDER (recorded): Russia has fired at least 40 of these North Korean missiles at Ukraine.\n";
    let r = row(text, 40.0);
    assert_eq!(r.speaker, "Pat Ryder");
    assert!(!r.organization.starts_with("DPRK"), "{}", r.organization);
}
