//! Who is behind a vessel on a date: the sanctioned entities within N relations of it (through
//! ownership, operation, management or directorship by default), each with the shortest path of
//! relations in force on that date, and the vessel's identity history as the lists give it
//! (names, flags, owners, operators, managers, with the dates the sources give).

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use lookout_core::time::format_day;

use crate::list::{LinkKind, SanctionsList};
use crate::matching::Listed;

/// A sanctioned entity reached from a vessel.
#[derive(Debug, Clone)]
pub struct Connection<'a> {
    /// The entity (index).
    pub entity: usize,
    /// Relations between the vessel and it.
    pub hops: usize,
    /// The path, vessel first.
    pub path: Vec<Step>,
    /// Its listing on the date.
    pub listed: Listed<'a>,
}

/// One relation on a path, in the direction of travel from the vessel.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// FtM id of the relation (or `VESSEL_ID#owner` / `#operator`).
    pub link: String,
    /// `owns`, `operates`, `manages`, `directs`, `member_of`.
    pub relation: &'static str,
    /// The relation's subject: owner, operator, manager, director, member (FtM id).
    pub subject: String,
    /// Its name.
    pub subject_name: String,
    /// The relation's object: asset, vessel, organization (FtM id).
    pub object: String,
    /// Its name.
    pub object_name: String,
    /// True if the path walks from object to subject (from an asset to its owner).
    pub upstream: bool,
    /// Role as written.
    pub role: String,
    /// From (YYYY-MM-DD), when dated.
    pub start: Option<String>,
    /// Until (YYYY-MM-DD, exclusive), when ended.
    pub end: Option<String>,
    /// File and line.
    pub origin: String,
}

/// One fact of a vessel's identity history from the lists.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// `name`, `alias`, `previous_name`, `name_change`, `imo`, `mmsi`, `callsign`, `flag`,
    /// `past_flag`, `owner`, `operator`, `manager`.
    pub field: &'static str,
    /// The value (for owners, operators and managers: the entity's name).
    pub value: String,
    /// The entity behind an owner, operator or manager (FtM id).
    pub entity: Option<String>,
    /// From (YYYY-MM-DD), when the source dates it.
    pub start: Option<String>,
    /// Until (YYYY-MM-DD, exclusive), when the source dates it.
    pub end: Option<String>,
    /// The FtM entity or relation the fact comes from.
    pub source: String,
    /// File and line.
    pub origin: String,
}

impl SanctionsList {
    /// The listed entities (dated in force on `at`, or undated) within `max_hops` relations of
    /// the `from` entities, following only relations of the given kinds that are in force on
    /// `at` (undated relations count). Breadth first, so each path is a shortest one; cycles
    /// (circular ownership) are walked once. The `from` entities themselves are not reported.
    pub fn network(
        &self,
        from: &[usize],
        at: i64,
        max_hops: usize,
        follow: &[LinkKind],
    ) -> Vec<Connection<'_>> {
        // Entity -> (hops from the vessel, relation it was reached by).
        let mut seen: HashMap<usize, (usize, Option<usize>)> = HashMap::new();
        let mut queue = VecDeque::new();
        for &f in from {
            if seen.insert(f, (0, None)).is_none() {
                queue.push_back(f);
            }
        }
        let mut out = Vec::new();
        while let Some(x) = queue.pop_front() {
            let (depth, _) = seen[&x];
            if depth > 0 {
                let listed = self.listed(x, at);
                if listed != Listed::No {
                    out.push(Connection {
                        entity: x,
                        hops: depth,
                        path: self.path_to(x, &seen),
                        listed,
                    });
                }
            }
            if depth == max_hops {
                continue;
            }
            for &l in self.links_of(x) {
                let link = &self.links[l];
                if !follow.contains(&link.kind) || !link.in_force(at) {
                    continue;
                }
                let y = if link.from == x { link.to } else { link.from };
                if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(y) {
                    v.insert((depth + 1, Some(l)));
                    queue.push_back(y);
                }
            }
        }
        out
    }

    fn path_to(&self, mut x: usize, seen: &HashMap<usize, (usize, Option<usize>)>) -> Vec<Step> {
        let mut steps = Vec::new();
        while let Some(&(_, Some(l))) = seen.get(&x) {
            let link = &self.links[l];
            let prev = if link.from == x { link.to } else { link.from };
            steps.push(self.step(l, link.from == x));
            x = prev;
        }
        steps.reverse();
        steps
    }

    fn step(&self, l: usize, upstream: bool) -> Step {
        let link = &self.links[l];
        let (s, o) = (&self.entities[link.from], &self.entities[link.to]);
        Step {
            link: link.id.clone(),
            relation: link.kind.as_str(),
            subject: s.id.clone(),
            subject_name: s.caption().to_owned(),
            object: o.id.clone(),
            object_name: o.caption().to_owned(),
            upstream,
            role: link.role.clone(),
            start: link.start.map(format_day),
            end: link.end.map(format_day),
            origin: link.origin.to_string(),
        }
    }

    /// The identity history of a vessel (its matched entities) as the lists give it.
    pub fn identity(&self, vessels: &[usize]) -> Vec<Fact> {
        let mut facts = Vec::new();
        for &v in vessels {
            let e = &self.entities[v];
            let fact = |field, value: String| Fact {
                field,
                value,
                entity: None,
                start: None,
                end: None,
                source: e.id.clone(),
                origin: e.origin.to_string(),
            };
            let texts: [(&'static str, &Vec<String>); 6] = [
                ("name", &e.names),
                ("alias", &e.aliases),
                ("previous_name", &e.previous_names),
                ("callsign", &e.callsigns),
                ("flag", &e.flags),
                ("past_flag", &e.past_flags),
            ];
            for (field, values) in texts {
                facts.extend(values.iter().map(|x| fact(field, x.clone())));
            }
            facts.extend(e.imos.iter().map(|x| fact("imo", x.to_string())));
            facts.extend(e.mmsis.iter().map(|x| fact("mmsi", x.to_string())));
            for &d in &e.name_changes {
                facts.push(Fact {
                    start: Some(format_day(d)),
                    ..fact("name_change", String::new())
                });
            }
            for &l in self.links_of(v) {
                let link = &self.links[l];
                let field = match link.kind {
                    LinkKind::Owns => "owner",
                    LinkKind::Operates => "operator",
                    LinkKind::Manages => "manager",
                    _ => continue,
                };
                if link.to != v {
                    continue;
                }
                let other = &self.entities[link.from];
                facts.push(Fact {
                    field,
                    value: other.caption().to_owned(),
                    entity: Some(other.id.clone()),
                    start: link.start.map(format_day),
                    end: link.end.map(format_day),
                    source: link.id.clone(),
                    origin: link.origin.to_string(),
                });
            }
        }
        facts
    }
}
