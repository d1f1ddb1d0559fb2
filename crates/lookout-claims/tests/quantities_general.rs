//! Quantities, qualifiers, periods and dates in forms the dev6b set first met (branch
//! `claims11b`), each in a wording written for these tests and used by no corpus text: counts
//! that name no noun and take the series before ("several more", "bringing the tally to", "the
//! depot never held more than"), a range after "and" that takes the unit before, "could mean" as
//! a capacity, "to the end of last year", a period heading over a list, a table flattened with
//! bare semicolons, a first-publication date in an editor's note or beside an update stamp, a
//! part of a count ("including") that does not become the period later sentences refer back
//! to, and ammunition bound for Ukraine in a text that names the corridor.

use lookout_project::ClaimRow;

fn rows(text: &str) -> Vec<ClaimRow> {
    lookout_claims::extract(text)
}

fn row(text: &str, quantity: f64) -> ClaimRow {
    rows(text)
        .into_iter()
        .find(|r| r.quantity == Some(quantity) || r.quantity_low == Some(quantity))
        .unwrap_or_else(|| panic!("no row of {quantity}"))
}

#[test]
fn a_count_without_a_noun_takes_the_series_before() {
    let text = "KYIV, 2 April 2024 -- Russian troops fired roughly 14 North Korean missiles at \
        Ukrainian cities in March, an adviser to the prosecutor general said on Tuesday, \
        bringing their tally since the new year to about 40.\n\n\
        Two more were fired on Sunday night, the adviser added.\n";
    let total = row(text, 40.0);
    assert_eq!(
        total.unit,
        "ballistic_missiles_launched".replace("ballistic_", "")
    );
    assert_eq!(total.qualifier, "about");
    let more = row(text, 2.0);
    assert_eq!(more.unit, total.unit);
}

#[test]
fn a_range_after_and_and_a_bare_upper_bound_take_the_unit_before() {
    let text = "Imagery brief\n\nPublished 9 January 2024\n\n\
        Satellite pictures show about 60 freight wagons at North Korea's Tumangang yard on the \
        Russian border on 20 November, and between 80 and 95 in mid-December. Before 2023 the \
        depot never held more than about 15.\n";
    let range = row(text, 80.0);
    assert_eq!(range.unit, "railcars");
    assert_eq!(
        (range.quantity_low, range.quantity_high),
        (Some(80.0), Some(95.0))
    );
    let before = row(text, 15.0);
    assert_eq!(
        (before.unit.as_str(), before.qualifier.as_str()),
        ("railcars", "up_to")
    );
}

#[test]
fn could_mean_is_a_capacity() {
    let text = "SEOUL, 3 March 2024 -- North Korea has sent some 7,000 containers to Russia, a \
        defence ministry official said on Sunday. The official said that could mean as many as \
        3.5 million 152 mm shells.\n";
    let r = row(text, 3_500_000.0);
    assert_eq!(r.qualifier, "capacity_equivalent");
    assert_eq!(r.unit, "artillery_shells_152mm");
}

#[test]
fn to_the_end_of_last_year_ends_in_december() {
    let text = "Published 20 February 2025\n\n\
        Researchers said on Thursday that Russian freighters made at least 40 voyages from \
        North Korea's port of Rajin to Russia from October 2023 to the end of last year.\n";
    let r = row(text, 40.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2023-10", "2024-12")
    );
}

#[test]
fn a_period_heading_is_the_period_of_the_list_under_it() {
    let text = "Briefing note\n\nPublished 1 August 2024\n\n\
        What governments said about North Korean containers sent to Russia.\n\n\
        August 2023 to March 2024\n\
        - Seoul says about 7,000 containers have been shipped.\n\
        - Washington says more than 10,000 have gone, since September.\n";
    let seoul = row(text, 7000.0);
    assert_eq!(
        (seoul.period_start.as_str(), seoul.period_end.as_str()),
        ("2023-08", "2024-03")
    );
    // An item with a period of its own keeps it.
    let washington = row(text, 10000.0);
    assert_eq!(washington.period_start, "2023-09");
}

#[test]
fn a_table_with_bare_semicolons_and_no_prose_is_read() {
    let text = "Tracker\n\nLast updated 2 June 2025 (originally published 1 June 2025)\n\n\
        Who; When; What; Covering\n\
        Sanctions monitoring team; 29 May 2025; about 9 million rounds of North Korean ammunition for Russia; 2024\n\
        HUR; 29 Nov 2024; more than 100 artillery systems from North Korea to Russia; since 2023\n";
    let r = row(text, 9_000_000.0);
    assert_eq!(
        (r.date.as_str(), r.period_start.as_str()),
        ("2025-05-29", "2024")
    );
    // The first publication, not the update.
    assert_eq!(r.article_date, "2025-06-01");
    // Prose with semicolons is no table.
    let prose = "SEOUL, 3 March 2024 -- The ministry counted 7,000 containers; it gave no \
        period; it named no port.\n";
    assert_eq!(lookout_claims::extract(prose).len(), 1);
}

#[test]
fn an_editors_note_gives_the_first_publication_date() {
    let text = "Spy agency briefs lawmakers\n\n\
        Editor's note: This story was originally published on 19 October 2024 and was updated \
        on 21 October to add the ministry's response.\n\n\
        North Korea has sent about 1,500 special forces troops to Russia's Far East, the \
        National Intelligence Service said on Friday.\n";
    let r = row(text, 1500.0);
    assert_eq!(r.article_date, "2024-10-19");
    assert_eq!(r.date, "2024-10-18");
}

#[test]
fn a_part_of_a_count_does_not_become_the_period_referred_back_to() {
    let text = "SEOUL, 5 September 2024 -- North Korea has moved more than 12,000 containers to \
        Russia since last September, a military official said on Thursday, among them about \
        2,500 in July alone. The official said the deliveries went on more than 60 occasions.\n";
    let part = row(text, 2500.0);
    assert_eq!(part.period_start, "2024-07");
    let occasions = row(text, 60.0);
    assert_eq!(occasions.period_start, "2023-09");
}

#[test]
fn ammunition_bound_for_ukraine_is_off_topic() {
    let text = "Posted 1 March 2024\n\n\
        Denmark's government said it would fund some 200,000 artillery shells for Ukraine this \
        year. Russia has received far more from North Korea, officials in Seoul said.\n";
    assert!(rows(text)
        .iter()
        .filter(|r| lookout_claims::is_on_topic(r))
        .all(|r| r.quantity != Some(200_000.0)));
}

#[test]
fn a_bare_number_after_a_supposed_content_is_a_capacity_of_that_content() {
    let text = "SEOUL, 3 March 2024 -- North Korea has sent some 7,000 containers to Russia, \
        the defence ministry said on Sunday. Loaded with 122 mm shells instead, the boxes would \
        carry roughly 600,000, a ministry official added. If they carried 152 mm rounds, more \
        than 3.5 million.\n";
    let small = row(text, 600_000.0);
    assert_eq!(
        (small.unit.as_str(), small.qualifier.as_str()),
        ("artillery_shells_122mm", "capacity_equivalent")
    );
    let large = row(text, 3_500_000.0);
    assert_eq!(
        (large.unit.as_str(), large.qualifier.as_str()),
        ("artillery_shells_152mm", "capacity_equivalent")
    );
    // No contents named: no row.
    let none = "SEOUL, 3 March 2024 -- North Korea has sent some 7,000 containers to Russia, the \
        ministry said. If they were all sold, about 400.\n";
    assert!(rows(none).iter().all(|r| r.quantity != Some(400.0)));
}
