//! Matching a vessel to a list: by IMO number (check digit verified), then by MMSI, then by
//! normalized name + flag. A candidate with a different valid IMO never matches, whatever its
//! name; several candidates with different IMOs are reported as ambiguous rather than merged.
//! The listing status of the match as of a date.

use std::collections::HashSet;

use crate::ident::{imo_valid, normalize_name};
use crate::list::{Entity, Listing, SanctionsList};

/// How a vessel was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Same IMO number.
    Imo,
    /// Same MMSI.
    Mmsi,
    /// Same normalized name and flag.
    NameFlag,
}

impl MatchKind {
    /// Name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Imo => "imo",
            MatchKind::Mmsi => "mmsi",
            MatchKind::NameFlag => "name_flag",
        }
    }
}

/// What a list says about a vessel on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// `listed`, `not_yet_listed`, `delisted`, `listed_undated`, `not_listed`, `ambiguous`.
    pub status: &'static str,
    /// The matched entity, if one.
    pub entity: Option<String>,
    /// How it matched.
    pub matched_by: Option<MatchKind>,
    /// Authorities in force on the date (or the first listing to come).
    pub detail: String,
}

/// The identity of a vessel to match.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// IMO number.
    pub imo: Option<u32>,
    /// MMSIs.
    pub mmsis: &'a [u32],
    /// Names (first = current).
    pub names: Vec<&'a str>,
    /// Flag (ISO alpha-2).
    pub flag: Option<&'a str>,
}

/// What the lists say about one entity on a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed<'a> {
    /// Dated listings in force.
    InForce(Vec<&'a Listing>),
    /// Listed without a start date (or only the `sanction` topic; `sanction.linked` and
    /// `sanction.counter` are not listings): cannot be placed in time.
    Undated,
    /// No listing in force (none, not yet, or lifted).
    No,
}

impl SanctionsList {
    /// The listing state of an entity at `at` (ms).
    pub fn listed(&self, entity: usize, at: i64) -> Listed<'_> {
        let e = &self.entities[entity];
        let in_force: Vec<&Listing> = e.listings.iter().filter(|l| l.in_force(at)).collect();
        if !in_force.is_empty() {
            Listed::InForce(in_force)
        } else if e.listings.iter().any(|l| l.start.is_none())
            || (e.listings.is_empty() && e.topics.iter().any(|t| t == "sanction"))
        {
            Listed::Undated
        } else {
            Listed::No
        }
    }

    /// The vessel entities a query matches (indexes), by the first rule that finds any.
    pub fn find_ids(&self, q: &Query) -> (Vec<usize>, Option<MatchKind>) {
        let imo = q.imo.filter(|i| imo_valid(*i));
        let conflict =
            |e: &Entity| imo.is_some_and(|imo| !e.imos.is_empty() && !e.imos.contains(&imo));
        if let Some(hits) = imo.and_then(|i| self.by_imo.get(&i)) {
            return (hits.clone(), Some(MatchKind::Imo));
        }
        let mut hits: Vec<usize> = Vec::new();
        for m in q.mmsis {
            for &i in self.by_mmsi.get(m).into_iter().flatten() {
                if !conflict(&self.entities[i]) && !hits.contains(&i) {
                    hits.push(i);
                }
            }
        }
        if !hits.is_empty() {
            return (hits, Some(MatchKind::Mmsi));
        }
        let Some(flag) = q.flag.map(str::to_lowercase) else {
            return (hits, None);
        };
        for name in &q.names {
            for &i in self
                .by_name
                .get(&normalize_name(name))
                .into_iter()
                .flatten()
            {
                let e = &self.entities[i];
                if !conflict(e) && e.flags.contains(&flag) && !hits.contains(&i) {
                    hits.push(i);
                }
            }
        }
        let kind = (!hits.is_empty()).then_some(MatchKind::NameFlag);
        (hits, kind)
    }

    /// The vessel entities a query matches, by the first rule that finds any.
    pub fn find(&self, q: &Query) -> (Vec<&Entity>, Option<MatchKind>) {
        let (ids, kind) = self.find_ids(q);
        (ids.into_iter().map(|i| &self.entities[i]).collect(), kind)
    }

    /// The listing status of a vessel on a date (ms).
    pub fn status(&self, q: &Query, at: i64) -> Status {
        let (hits, kind) = self.find(q);
        let distinct_imos: HashSet<u32> =
            hits.iter().flat_map(|e| e.imos.iter().copied()).collect();
        if hits.is_empty() {
            return Status {
                status: "not_listed",
                entity: None,
                matched_by: None,
                detail: String::new(),
            };
        }
        if distinct_imos.len() > 1 {
            let ids: Vec<_> = hits.iter().map(|e| e.id.as_str()).collect();
            return Status {
                status: "ambiguous",
                entity: None,
                matched_by: kind,
                detail: format!("candidates with different IMOs: {}", ids.join(", ")),
            };
        }
        let listings: Vec<&Listing> = hits.iter().flat_map(|e| &e.listings).collect();
        let entity = Some(
            hits.iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        );
        let in_force: Vec<&Listing> = listings
            .iter()
            .copied()
            .filter(|l| l.in_force(at))
            .collect();
        if !in_force.is_empty() {
            return Status {
                status: "listed",
                entity,
                matched_by: kind,
                detail: authorities(&in_force),
            };
        }
        let future: Vec<&Listing> = listings
            .iter()
            .copied()
            .filter(|l| l.start.is_some_and(|s| s > at))
            .collect();
        let past: Vec<&Listing> = listings
            .iter()
            .copied()
            .filter(|l| l.end.is_some_and(|e| e <= at))
            .collect();
        let undated = listings.iter().any(|l| l.start.is_none())
            || (listings.is_empty()
                && hits
                    .iter()
                    .any(|e| e.topics.iter().any(|t| t == "sanction")));
        let (status, detail) = if undated {
            ("listed_undated", "listed without a start date".to_owned())
        } else if !future.is_empty() {
            ("not_yet_listed", authorities(&future))
        } else if !past.is_empty() {
            ("delisted", authorities(&past))
        } else {
            ("not_listed", "entity without sanctions".to_owned())
        };
        Status {
            status,
            entity,
            matched_by: kind,
            detail,
        }
    }
}

/// `AUTHORITY since YYYY-MM-DD; ...`, sorted, without repeats.
pub fn authorities(ls: &[&Listing]) -> String {
    let mut a: Vec<String> = ls
        .iter()
        .map(|l| match l.start {
            Some(s) => format!(
                "{} since {}",
                l.authority,
                lookout_core::time::format_day(s)
            ),
            None => l.authority.clone(),
        })
        .collect();
    a.sort();
    a.dedup();
    a.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::time::parse_time;

    const LIST: &str = r#"{"id":"v-angara","schema":"Vessel","properties":{"name":["ANGARA"],"imoNumber":["IMO9179842"],"flag":["ru"],"topics":["sanction"]},"datasets":["test"]}
{"id":"v-angara-carrier","schema":"Vessel","properties":{"name":["ANGARA"],"imoNumber":["IMO9124043"],"flag":["sl"]},"datasets":["test"]}
{"id":"s-1","schema":"Sanction","properties":{"entity":["v-maria"],"authority":["US State"],"startDate":["2023-12-12"]}}
{"id":"v-maria","schema":"Vessel","properties":{"name":["Maria"],"flag":["ru"],"mmsi":["273111111"]},"datasets":["test"]}
{"id":"v-bad","schema":"Vessel","properties":{"name":["BAD"],"imoNumber":["IMO9179843"]}}
{"id":"s-2","schema":"Sanction","properties":{"entity":["v-angara"],"authority":["US OFAC"],"startDate":["2022-05-08"],"endDate":["2023-01-01"]}}
not json
"#;

    fn list() -> SanctionsList {
        let mut l = SanctionsList::default();
        l.read(LIST.as_bytes(), "t.ftm.jsonl");
        l
    }

    #[test]
    fn reads_entities_and_sets_aside_bad_lines() {
        let l = list();
        assert_eq!(l.vessels().count(), 4);
        assert_eq!(l.rejects.len(), 1);
        assert_eq!(l.rejects[0].1, 7);
        assert_eq!(l.bad_imos.len(), 1);
        let maria = l.entities.iter().find(|e| e.id == "v-maria").unwrap();
        assert_eq!(
            maria.listings.len(),
            1,
            "flat Sanction before its Vessel is attached"
        );
    }

    #[test]
    fn an_unreadable_line_is_set_aside_and_reading_goes_on() {
        let mut bytes = LIST.as_bytes().to_vec();
        bytes.splice(0..0, b"\xff\xfe{\n".iter().copied());
        let mut l = SanctionsList::default();
        l.read(&bytes[..], "t.ftm.jsonl");
        assert_eq!(l.rejects[0].1, 1);
        assert!(l.rejects[0].2.starts_with("not UTF-8"), "{:?}", l.rejects);
        assert_eq!(l.vessels().count(), 4);
    }

    #[test]
    fn never_merges_two_imos() {
        let l = list();
        // Our ANGARA (IMO 9179842) matches by IMO only, never the car carrier of the same name.
        let q = Query {
            imo: Some(9_179_842),
            names: vec!["ANGARA"],
            flag: Some("RU"),
            ..Default::default()
        };
        let (hits, kind) = l.find(&q);
        assert_eq!(kind, Some(MatchKind::Imo));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "v-angara");
        // A different IMO with the same name and flag: no match at all.
        let q = Query {
            imo: Some(9_161_003),
            names: vec!["ANGARA"],
            flag: Some("sl"),
            ..Default::default()
        };
        assert!(l.find(&q).0.is_empty());
        // No IMO known, name only and no flag: no match (the flag is required).
        let q = Query {
            names: vec!["Angara"],
            ..Default::default()
        };
        assert!(l.find(&q).0.is_empty());
    }

    #[test]
    fn status_as_of_date() {
        let l = list();
        let maria = Query {
            names: vec!["MARIA"],
            flag: Some("RU"),
            ..Default::default()
        };
        let before = l.status(&maria, parse_time("2023-11-01").unwrap());
        assert_eq!(before.status, "not_yet_listed");
        assert_eq!(before.matched_by, Some(MatchKind::NameFlag));
        let after = l.status(&maria, parse_time("2023-12-20").unwrap());
        assert_eq!(after.status, "listed");
        assert!(after.detail.contains("US State since 2023-12-12"));
        // By MMSI.
        let q = Query {
            mmsis: &[273_111_111],
            ..Default::default()
        };
        assert_eq!(
            l.status(&q, parse_time("2024-01-01").unwrap()).matched_by,
            Some(MatchKind::Mmsi)
        );
        // A listing that ended.
        let angara = Query {
            imo: Some(9_179_842),
            ..Default::default()
        };
        assert_eq!(
            l.status(&angara, parse_time("2022-06-01").unwrap()).status,
            "listed"
        );
        assert_eq!(
            l.status(&angara, parse_time("2023-06-01").unwrap()).status,
            "delisted"
        );
        let nobody = Query {
            names: vec!["NOBODY"],
            flag: Some("ru"),
            ..Default::default()
        };
        assert_eq!(l.status(&nobody, 0).status, "not_listed");
    }
}
