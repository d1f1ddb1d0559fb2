//! Sanctions lists as OpenSanctions / FollowTheMoney JSON lines: `Vessel` entities, and the
//! `Sanction` entities that name them (flat lines with `properties.entity`, or nested under the
//! vessel's `properties.sanctions`, as in OpenSanctions' `targets.nested.json`).
//!
//! Matching a vessel: by IMO number (check digit verified), then by MMSI, then by normalized
//! name + flag. Two different valid IMO numbers never match, whatever the names say; several
//! candidates with different IMOs are reported as ambiguous rather than merged.

use std::collections::HashMap;
use std::io::BufRead;

use serde::Deserialize;
use serde_json::Value;

use lookout_core::time::parse_span;

/// True if a 7-digit IMO number passes its check digit (weights 7..2 over the first six digits;
/// the sum's last digit is the seventh).
pub fn imo_valid(imo: u32) -> bool {
    if !(1_000_000..=9_999_999).contains(&imo) {
        return false;
    }
    let digits: Vec<u32> = imo
        .to_string()
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let sum: u32 = digits[..6]
        .iter()
        .zip((2..=7).rev())
        .map(|(d, w)| d * w)
        .sum();
    sum % 10 == digits[6]
}

/// Parses `IMO9179842`, `9179842`, `IMO 9179842`.
pub fn parse_imo(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = t
        .strip_prefix("IMO")
        .or_else(|| t.strip_prefix("imo"))
        .unwrap_or(t)
        .trim();
    if t.len() == 7 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Upper case, letters and digits only: `Maia-1` and `MAIA 1` both become `MAIA1`.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// One listing of a vessel.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// Who listed it.
    pub authority: String,
    /// Programme.
    pub program: String,
    /// In force from (ms), when dated.
    pub start: Option<i64>,
    /// In force until (ms, exclusive), when lifted.
    pub end: Option<i64>,
    /// Source link.
    pub source_url: String,
}

/// A `Vessel` entity.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// FtM id.
    pub id: String,
    /// Names, aliases and former names.
    pub names: Vec<String>,
    /// Valid IMO numbers.
    pub imos: Vec<u32>,
    /// MMSIs.
    pub mmsis: Vec<u32>,
    /// Flags (ISO 3166-1 alpha-2, lower case).
    pub flags: Vec<String>,
    /// Topics (`sanction`, ...).
    pub topics: Vec<String>,
    /// Datasets.
    pub datasets: Vec<String>,
    /// Listings that name it.
    pub listings: Vec<Listing>,
    /// File and line.
    pub origin: String,
}

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

/// All entities read from one or more FtM files, plus the lines that were set aside.
#[derive(Debug, Clone, Default)]
pub struct SanctionsList {
    /// Vessel entities.
    pub entities: Vec<Entity>,
    /// Set-aside lines: (file, line, reason).
    pub rejects: Vec<(String, usize, String)>,
    /// IMO numbers that failed the check digit: (file, line, value).
    pub bad_imos: Vec<(String, usize, String)>,
    pending: Vec<(Vec<String>, Listing)>,
}

#[derive(Deserialize)]
struct Line {
    id: String,
    schema: String,
    #[serde(default)]
    properties: HashMap<String, Vec<Value>>,
    #[serde(default)]
    datasets: Vec<String>,
}

fn strings(props: &HashMap<String, Vec<Value>>, key: &str) -> Vec<String> {
    props
        .get(key)
        .map(|v| {
            v.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn listing(props: &HashMap<String, Vec<Value>>) -> Listing {
    let first = |k: &str| strings(props, k).into_iter().next().unwrap_or_default();
    let date = |k: &str| {
        strings(props, k)
            .iter()
            .filter_map(|d| parse_span(d))
            .map(|(s, _)| s)
            .min()
    };
    Listing {
        authority: first("authority"),
        program: first("program"),
        start: date("startDate").or_else(|| date("listingDate")),
        end: date("endDate"),
        source_url: first("sourceUrl"),
    }
}

impl SanctionsList {
    /// Reads FtM JSON lines; lines of other schemas are skipped, malformed lines set aside.
    pub fn read(&mut self, reader: impl BufRead, file: &str) {
        for (i, line) in reader.lines().enumerate() {
            let n = i + 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    self.rejects
                        .push((file.into(), n, format!("unreadable: {e}")));
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let entry: Line = match serde_json::from_str(&line) {
                Ok(e) => e,
                Err(e) => {
                    self.rejects
                        .push((file.into(), n, format!("not an FtM entity: {e}")));
                    continue;
                }
            };
            match entry.schema.as_str() {
                "Vessel" => {
                    let e = self.vessel(&entry, file, n);
                    self.entities.push(e);
                }
                "Sanction" => {
                    let targets = strings(&entry.properties, "entity");
                    self.pending.push((targets, listing(&entry.properties)));
                }
                _ => {}
            }
        }
        // Attach flat Sanction lines to their vessels (they may come before or after).
        let pending = std::mem::take(&mut self.pending);
        for (targets, l) in pending {
            let mut found = false;
            for e in self.entities.iter_mut().filter(|e| targets.contains(&e.id)) {
                e.listings.push(l.clone());
                found = true;
            }
            if !found {
                self.pending.push((targets, l));
            }
        }
    }

    fn vessel(&mut self, entry: &Line, file: &str, n: usize) -> Entity {
        let p = &entry.properties;
        let mut imos = Vec::new();
        for v in strings(p, "imoNumber") {
            match parse_imo(&v) {
                Some(imo) if imo_valid(imo) => imos.push(imo),
                _ => self.bad_imos.push((file.into(), n, v)),
            }
        }
        let mut names = strings(p, "name");
        names.extend(strings(p, "alias"));
        names.extend(strings(p, "previousName"));
        let mut flags: Vec<String> = strings(p, "flag");
        flags.extend(strings(p, "pastFlags"));
        let mut listings = Vec::new();
        if let Some(nested) = p.get("sanctions") {
            for s in nested {
                if let Some(props) = s.get("properties") {
                    if let Ok(props) =
                        serde_json::from_value::<HashMap<String, Vec<Value>>>(props.clone())
                    {
                        listings.push(listing(&props));
                    }
                }
            }
        }
        Entity {
            id: entry.id.clone(),
            names,
            imos,
            mmsis: strings(p, "mmsi")
                .iter()
                .filter_map(|m| m.trim().parse().ok())
                .collect(),
            flags: flags.into_iter().map(|f| f.to_lowercase()).collect(),
            topics: strings(p, "topics"),
            datasets: entry.datasets.clone(),
            listings,
            origin: format!("{file}:{n}"),
        }
    }

    /// The entities a vessel matches, by the first rule that finds any.
    pub fn find(&self, q: &Query) -> (Vec<&Entity>, Option<MatchKind>) {
        let conflict = |e: &Entity| match q.imo {
            Some(imo) if imo_valid(imo) => !e.imos.is_empty() && !e.imos.contains(&imo),
            _ => false,
        };
        if let Some(imo) = q.imo.filter(|i| imo_valid(*i)) {
            let hits: Vec<_> = self
                .entities
                .iter()
                .filter(|e| e.imos.contains(&imo))
                .collect();
            if !hits.is_empty() {
                return (hits, Some(MatchKind::Imo));
            }
        }
        let hits: Vec<_> = self
            .entities
            .iter()
            .filter(|e| !conflict(e) && q.mmsis.iter().any(|m| e.mmsis.contains(m)))
            .collect();
        if !hits.is_empty() {
            return (hits, Some(MatchKind::Mmsi));
        }
        let names: Vec<String> = q.names.iter().map(|n| normalize_name(n)).collect();
        let flag = q.flag.map(str::to_lowercase);
        let hits: Vec<_> = self
            .entities
            .iter()
            .filter(|e| {
                !conflict(e)
                    && e.names.iter().any(|n| names.contains(&normalize_name(n)))
                    && flag.as_ref().is_some_and(|f| e.flags.contains(f))
            })
            .collect();
        let kind = (!hits.is_empty()).then_some(MatchKind::NameFlag);
        (hits, kind)
    }

    /// The listing status of a vessel on a date (ms).
    pub fn status(&self, q: &Query, at: i64) -> Status {
        let (hits, kind) = self.find(q);
        let distinct_imos: std::collections::HashSet<u32> =
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
        let in_force: Vec<&&Listing> = listings
            .iter()
            .filter(|l| l.start.is_some_and(|s| s <= at) && l.end.is_none_or(|e| at < e))
            .collect();
        let auth = |ls: &[&&Listing]| {
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
        };
        if !in_force.is_empty() {
            return Status {
                status: "listed",
                entity,
                matched_by: kind,
                detail: auth(&in_force),
            };
        }
        let future: Vec<&&Listing> = listings
            .iter()
            .filter(|l| l.start.is_some_and(|s| s > at))
            .collect();
        let past: Vec<&&Listing> = listings
            .iter()
            .filter(|l| l.end.is_some_and(|e| e <= at))
            .collect();
        let undated = listings.iter().any(|l| l.start.is_none())
            || (listings.is_empty()
                && hits
                    .iter()
                    .any(|e| e.topics.iter().any(|t| t.starts_with("sanction"))));
        let (status, detail) = if undated {
            ("listed_undated", "listed without a start date".to_owned())
        } else if !future.is_empty() {
            ("not_yet_listed", auth(&future))
        } else if !past.is_empty() {
            ("delisted", auth(&past))
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
    fn imo_check_digit() {
        assert!(imo_valid(9_179_842));
        assert!(imo_valid(9_161_003));
        assert!(imo_valid(9_124_043));
        assert!(!imo_valid(9_179_843));
        assert!(!imo_valid(123));
        assert_eq!(parse_imo("IMO9179842"), Some(9_179_842));
        assert_eq!(parse_imo("IMO 12345"), None);
    }

    #[test]
    fn reads_entities_and_sets_aside_bad_lines() {
        let l = list();
        assert_eq!(l.entities.len(), 4);
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
