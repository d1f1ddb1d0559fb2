//! The sanctions graph on hand-built FtM fixtures (`data/network.ftm.jsonl`): ownership chains
//! with dates, circular ownership, a person directing two companies, a renamed and reflagged
//! vessel, the two unrelated ANGARA vessels, nested entities and bad lines; read whole and in
//! two passes keeping only what lies near vessels.

use std::path::PathBuf;

use lookout_core::time::parse_time;
use lookout_sanctions::{LinkKind, Listed, MatchKind, Query, SanctionsList};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/network.ftm.jsonl")
}

fn whole() -> SanctionsList {
    SanctionsList::load(&[fixture()], None).unwrap()
}

fn day(d: &str) -> i64 {
    parse_time(d).unwrap()
}

/// The FtM ids of the listed entities within `hops` of the vessel with this IMO, with their
/// hop counts.
fn behind(list: &SanctionsList, imo: u32, at: &str, hops: usize) -> Vec<(String, usize)> {
    let q = Query {
        imo: Some(imo),
        ..Default::default()
    };
    let (ids, kind) = list.find_ids(&q);
    assert_eq!(kind, Some(MatchKind::Imo), "IMO {imo}");
    let mut out: Vec<(String, usize)> = list
        .network(&ids, day(at), hops, &LinkKind::BEHIND_A_VESSEL)
        .iter()
        .map(|c| (list.entities[c.entity].id.clone(), c.hops))
        .collect();
    out.sort();
    out
}

#[test]
fn ownership_chain_counts_only_what_was_in_force_on_the_date() {
    let l = whole();
    // The voyage date: the parent is sanctioned only from 2024-03-01, the buyer owns the ship
    // only from 2024-01-15, the former owner sold it in 2019.
    assert!(behind(&l, 9_300_001, "2023-10-01", 3).is_empty());
    assert_eq!(
        behind(&l, 9_300_001, "2024-02-01", 3),
        [("c-buyer".to_owned(), 1)]
    );
    assert_eq!(
        behind(&l, 9_300_001, "2024-04-01", 3),
        [("c-buyer".to_owned(), 1), ("c-parent".to_owned(), 2)]
    );
    assert_eq!(
        behind(&l, 9_300_001, "2019-06-01", 3),
        [("c-former".to_owned(), 1)]
    );
    // The path: vessel <- holder <- parent, with the relations' ids, names and dates.
    let (ids, _) = l.find_ids(&Query {
        imo: Some(9_300_001),
        ..Default::default()
    });
    let c = l
        .network(&ids, day("2024-04-01"), 3, &LinkKind::BEHIND_A_VESSEL)
        .into_iter()
        .find(|c| l.entities[c.entity].id == "c-parent")
        .unwrap();
    let path: Vec<(&str, &str, &str, bool, Option<&str>)> = c
        .path
        .iter()
        .map(|s| {
            (
                s.link.as_str(),
                s.relation,
                s.subject_name.as_str(),
                s.upstream,
                s.start.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        path,
        [
            (
                "own-holder-chain",
                "owns",
                "HOLDER SHIPPING LTD",
                true,
                Some("2020-01-01")
            ),
            (
                "own-parent-holder",
                "owns",
                "PARENT GROUP JSC",
                true,
                Some("2021-06-01")
            ),
        ]
    );
    match &c.listed {
        Listed::InForce(ls) => assert_eq!(ls[0].authority, "US OFAC"),
        other => panic!("{other:?}"),
    }
    // One hop is not enough for the parent.
    assert_eq!(
        behind(&l, 9_300_001, "2024-04-01", 1),
        [("c-buyer".to_owned(), 1)]
    );
}

#[test]
fn circular_ownership_is_walked_once() {
    let l = whole();
    assert_eq!(
        behind(&l, 9_400_007, "2023-10-01", 5),
        [("c-y".to_owned(), 2)]
    );
    assert!(behind(&l, 9_400_007, "2019-10-01", 5).is_empty());
}

#[test]
fn a_person_directing_two_companies_links_the_manager_to_the_sanctioned_one() {
    let l = whole();
    // Vessel <- managed by STAR SHIP MANAGEMENT <- directed by Ivan Director -> directs
    // BLACK SEA TRADING (UK, 2023-05-01). The port agent link is not a management relation.
    assert_eq!(
        behind(&l, 9_500_003, "2023-10-01", 3),
        [("c-bst".to_owned(), 3)]
    );
    assert!(behind(&l, 9_500_003, "2023-10-01", 2).is_empty());
    assert!(behind(&l, 9_500_003, "2023-04-01", 3).is_empty());
    assert_eq!(l.stats.unknown_links, 1, "the port agent link is left out");
}

#[test]
fn renamed_and_reflagged_vessel_keeps_its_history() {
    let l = whole();
    let (ids, kind) = l.find_ids(&Query {
        imo: Some(9_600_009),
        names: vec!["SOMETHING ELSE"],
        ..Default::default()
    });
    assert_eq!(kind, Some(MatchKind::Imo));
    // Its owner carries OpenSanctions' `sanction.linked` topic: linked, not listed.
    assert!(behind(&l, 9_600_009, "2023-10-01", 3).is_empty());
    let facts = l.identity(&ids);
    let get = |f: &str| -> Vec<(String, Option<String>)> {
        facts
            .iter()
            .filter(|x| x.field == f)
            .map(|x| (x.value.clone(), x.start.clone()))
            .collect()
    };
    assert_eq!(get("name"), [("NEW DAWN".to_owned(), None)]);
    assert_eq!(get("previous_name"), [("OLD DAWN".to_owned(), None)]);
    assert_eq!(
        get("name_change"),
        [(String::new(), Some("2023-06-01".to_owned()))]
    );
    assert_eq!(get("flag"), [("cm".to_owned(), None)]);
    assert_eq!(get("past_flag"), [("ru".to_owned(), None)]);
    assert_eq!(get("mmsi"), [("613000001".to_owned(), None)]);
    assert_eq!(get("callsign"), [("TJMC1".to_owned(), None)]);
    // Without an IMO: the current name under the current flag, or the former name, match by
    // name + flag and say so; the old flag alone does not.
    for name in ["NEW DAWN", "Old Dawn"] {
        let (hits, kind) = l.find(&Query {
            names: vec![name],
            flag: Some("CM"),
            ..Default::default()
        });
        assert_eq!((hits.len(), kind), (1, Some(MatchKind::NameFlag)), "{name}");
    }
    let (hits, _) = l.find(&Query {
        names: vec!["OLD DAWN"],
        flag: Some("ru"),
        ..Default::default()
    });
    assert!(hits.is_empty());
    // By MMSI.
    let (hits, kind) = l.find(&Query {
        mmsis: &[613_000_001],
        ..Default::default()
    });
    assert_eq!(
        (hits[0].id.as_str(), kind),
        ("v-dawn", Some(MatchKind::Mmsi))
    );
}

#[test]
fn the_two_angara_vessels_are_never_merged() {
    let l = whole();
    let (hits, _) = l.find(&Query {
        imo: Some(9_179_842),
        names: vec!["ANGARA"],
        flag: Some("sl"),
        ..Default::default()
    });
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "v-angara");
    assert_eq!(
        behind(&l, 9_179_842, "2023-10-01", 3),
        [("c-m-leasing".to_owned(), 1)]
    );
    assert!(behind(&l, 9_124_043, "2023-10-01", 3).is_empty());
    // Name + flag without an IMO picks the one with that flag; a third IMO matches neither.
    let (hits, kind) = l.find(&Query {
        names: vec!["Angara"],
        flag: Some("RU"),
        ..Default::default()
    });
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].id.as_str(), kind),
        ("v-angara", Some(MatchKind::NameFlag))
    );
    let (hits, _) = l.find(&Query {
        imo: Some(9_161_003),
        names: vec!["ANGARA"],
        flag: Some("ru"),
        ..Default::default()
    });
    assert!(hits.is_empty());
}

#[test]
fn nested_entities_and_bad_lines() {
    let l = whole();
    assert_eq!(
        behind(&l, 9_700_005, "2023-10-01", 1),
        [],
        "the nested vessel's own listing is not a connection"
    );
    let (ids, _) = l.find_ids(&Query {
        imo: Some(9_700_005),
        ..Default::default()
    });
    assert!(matches!(
        l.listed(ids[0], day("2023-10-01")),
        Listed::InForce(_)
    ));
    assert_eq!(l.listed(ids[0], day("2023-01-01")), Listed::No);
    let owner = l
        .identity(&ids)
        .into_iter()
        .find(|f| f.field == "owner")
        .unwrap();
    assert_eq!(
        (owner.value.as_str(), owner.start.as_deref()),
        ("NESTED OWNER", Some("2021-01-01"))
    );
    assert_eq!(l.rejects.len(), 1);
    assert_eq!(l.rejects[0].1, 37);
    assert!(l.rejects[0].2.starts_with("not an FtM entity"));
    assert_eq!(l.bad_imos.len(), 1);
    assert_eq!(l.bad_imos[0].1, 36);
    assert_eq!(l.stats.other_schema, 1, "the Family line");
}

#[test]
fn two_passes_keep_only_what_lies_near_vessels_and_answer_the_same() {
    let all = whole();
    let near = SanctionsList::load(&[fixture()], Some(3)).unwrap();
    // The unrelated person, company, their directorship and sanction are left out.
    for id in ["p-far", "c-far"] {
        assert!(all.index_of(id).is_some());
        assert!(near.index_of(id).is_none(), "{id}");
    }
    assert_eq!(
        near.stats.out_of_reach, 5,
        "p-far, c-far, dir-far, s-far and the Family line"
    );
    assert_eq!(near.rejects, all.rejects);
    for (imo, at) in [
        (9_300_001, "2024-04-01"),
        (9_400_007, "2023-10-01"),
        (9_500_003, "2023-10-01"),
        (9_179_842, "2023-10-01"),
    ] {
        assert_eq!(behind(&near, imo, at, 3), behind(&all, imo, at, 3), "{imo}");
    }
    // One hop kept: the director (two hops from the ship) and what lies beyond are gone.
    let one = SanctionsList::load(&[fixture()], Some(1)).unwrap();
    assert!(one.index_of("p-director").is_none());
    assert!(behind(&one, 9_500_003, "2023-10-01", 3).is_empty());
}
