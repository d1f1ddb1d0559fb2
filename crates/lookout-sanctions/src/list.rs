//! The sanctions graph: entities (vessels, companies, organizations, people, legal entities,
//! addresses), the relations between them with their dates (ownership, operation, management,
//! directorship, membership), and the sanctions that name them. Read from FtM JSON lines whole
//! ([`SanctionsList::read`]) or, for files of any size, in two passes that keep only what lies
//! within a few hops of a vessel ([`SanctionsList::load`]).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::sync::Arc;

use lookout_core::time::parse_span;

use crate::ftm::{self, Record};
use crate::ident::{imo_valid, normalize_name, parse_imo, parse_mmsi};

/// Where a record was read: file and line (shown as `file:line`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// File (shared by every record read from it).
    pub file: Arc<str>,
    /// Line, from 1.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One listing: a `Sanction` entity naming an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// FtM id of the `Sanction`.
    pub id: String,
    /// Who listed it.
    pub authority: String,
    /// Programme.
    pub program: String,
    /// In force from (ms; `startDate`, else `listingDate`; a partial date counts from the
    /// first day of the period it names).
    pub start: Option<i64>,
    /// In force until (ms, exclusive; `endDate`), when lifted.
    pub end: Option<i64>,
    /// Source link.
    pub source_url: String,
    /// File and line.
    pub origin: Origin,
}

impl Listing {
    /// True if the listing is dated and in force at `at` (ms).
    pub fn in_force(&self, at: i64) -> bool {
        self.start.is_some_and(|s| s <= at) && self.end.is_none_or(|e| at < e)
    }
}

/// An entity: a vessel, company, organization, person, legal entity or address. An entity that a
/// relation or sanction names but the files do not hold has an empty `schema` and `origin`.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// FtM id.
    pub id: String,
    /// Schema (one of the entity schemata read).
    pub schema: &'static str,
    /// Names (`name`; for an address, its full text).
    pub names: Vec<String>,
    /// Aliases (`alias`; `weakAlias` is not read: FtM says not to match on it).
    pub aliases: Vec<String>,
    /// Former names (`previousName`).
    pub previous_names: Vec<String>,
    /// Dates of name changes (`nameChangeDate`, vessels), ms.
    pub name_changes: Vec<i64>,
    /// Valid IMO numbers (vessels; `imoNumber`).
    pub imos: Vec<u32>,
    /// MMSIs (vessels).
    pub mmsis: Vec<u32>,
    /// Call signs (vessels; `callSign`).
    pub callsigns: Vec<String>,
    /// Flags (vessels; ISO 3166-1 alpha-2, lower case).
    pub flags: Vec<String>,
    /// Former flags (vessels; `pastFlags`), lower case.
    pub past_flags: Vec<String>,
    /// Countries (`country`, `jurisdiction`, `nationality`, `mainCountry`), lower case.
    pub countries: Vec<String>,
    /// Topics (`sanction`, ...).
    pub topics: Vec<String>,
    /// Addresses as text (`address`).
    pub addresses: Vec<String>,
    /// `Address` entities (`addressEntity`).
    pub address_entities: Vec<String>,
    /// Datasets.
    pub datasets: Vec<Arc<str>>,
    /// Listings that name it.
    pub listings: Vec<Listing>,
    /// File and line.
    pub origin: Origin,
}

impl Entity {
    /// True for a `Vessel`.
    pub fn is_vessel(&self) -> bool {
        self.schema == "Vessel"
    }

    /// The first name, else the id.
    pub fn caption(&self) -> &str {
        self.names.first().map_or(&self.id, String::as_str)
    }

    /// Names, aliases and former names.
    pub fn all_names(&self) -> impl Iterator<Item = &String> {
        self.names
            .iter()
            .chain(&self.aliases)
            .chain(&self.previous_names)
    }
}

/// What a relation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `Ownership` (owner -> asset), or a vessel's `owner` property.
    Owns,
    /// A vessel's `operator` property (operator -> vessel), or an `UnknownLink` whose role
    /// names an operator.
    Operates,
    /// An `UnknownLink` whose role names a manager (subject -> object as written).
    Manages,
    /// `Directorship` (director -> organization).
    Directs,
    /// `Membership` (member -> organization).
    MemberOf,
}

impl LinkKind {
    /// The relations followed by default when looking for sanctioned entities behind a vessel.
    pub const BEHIND_A_VESSEL: [LinkKind; 4] = [
        LinkKind::Owns,
        LinkKind::Operates,
        LinkKind::Manages,
        LinkKind::Directs,
    ];

    /// Name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Owns => "owns",
            LinkKind::Operates => "operates",
            LinkKind::Manages => "manages",
            LinkKind::Directs => "directs",
            LinkKind::MemberOf => "member_of",
        }
    }
}

/// A dated relation between two entities.
#[derive(Debug, Clone)]
pub struct Link {
    /// FtM id of the relation entity, or `VESSEL_ID#owner` / `VESSEL_ID#operator` for a
    /// vessel's property.
    pub id: String,
    /// What it is.
    pub kind: LinkKind,
    /// Owner, operator, manager, director or member (entity index).
    pub from: usize,
    /// Asset, vessel or organization (entity index).
    pub to: usize,
    /// `role` as written.
    pub role: String,
    /// From (ms; `startDate`, else `date`), when dated.
    pub start: Option<i64>,
    /// Until (ms, exclusive; `endDate`), when ended.
    pub end: Option<i64>,
    /// File and line.
    pub origin: Origin,
}

impl Link {
    /// True unless the relation starts after `at` or ended by then (undated relations count).
    pub fn in_force(&self, at: i64) -> bool {
        self.start.is_none_or(|s| s <= at) && self.end.is_none_or(|e| at < e)
    }
}

/// Counts of what reading saw.
#[derive(Debug, Clone, Default)]
pub struct ReadStats {
    /// Lines read (all files, both passes counted once).
    pub lines: u64,
    /// Entities parsed (nested ones included).
    pub records: u64,
    /// Entities, relations and sanctions kept.
    pub kept: u64,
    /// Entities of schemata Lookout does not read (`Family`, `Passport`, ...).
    pub other_schema: u64,
    /// Relations, sanctions and entities left out because no vessel is within the kept hops.
    pub out_of_reach: u64,
    /// `UnknownLink`s whose role names neither a manager nor an operator.
    pub unknown_links: u64,
}

/// Entities read from one or more FtM files, the relations between them, and the lines that
/// were set aside.
#[derive(Debug, Default)]
pub struct SanctionsList {
    /// Every entity kept (indexes are stable).
    pub entities: Vec<Entity>,
    /// Every relation kept.
    pub links: Vec<Link>,
    /// Set-aside lines: (file, line, reason).
    pub rejects: Vec<(String, usize, String)>,
    /// IMO numbers that failed the check digit: (file, line, value).
    pub bad_imos: Vec<(String, usize, String)>,
    /// Counts.
    pub stats: ReadStats,
    ids: HashMap<String, usize>,
    adjacent: Vec<Vec<usize>>,
    datasets: HashSet<Arc<str>>,
    pub(crate) by_imo: HashMap<u32, Vec<usize>>,
    pub(crate) by_mmsi: HashMap<u32, Vec<usize>>,
    pub(crate) by_name: HashMap<String, Vec<usize>>,
}

/// The entity schemata kept as entities.
const ENTITY_SCHEMATA: [&str; 7] = [
    "Vessel",
    "Company",
    "Organization",
    "Person",
    "LegalEntity",
    "PublicBody",
    "Address",
];

/// Relation schemata and their (from, to) properties.
fn relation_props(schema: &str) -> Option<(&'static str, &'static str)> {
    match schema {
        "Ownership" => Some(("owner", "asset")),
        "Directorship" => Some(("director", "organization")),
        "Membership" => Some(("member", "organization")),
        "UnknownLink" => Some(("subject", "object")),
        _ => None,
    }
}

/// The earliest instant of the dates in a property.
fn first_date(rec: &Record, key: &str) -> Option<i64> {
    rec.get(key)
        .iter()
        .filter_map(|d| parse_span(d))
        .map(|(s, _)| s)
        .min()
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.trim().to_lowercase()).collect()
}

/// Appends the values not already there, growing the vector by exactly what it holds (most
/// properties have one value: the default growth would reserve four).
fn extend_new<T: PartialEq>(into: &mut Vec<T>, from: impl IntoIterator<Item = T>) {
    for x in from {
        if !into.contains(&x) {
            into.reserve_exact(1);
            into.push(x);
        }
    }
}

/// What the second pass keeps (hashes of ids).
struct Keep {
    entities: HashSet<u64>,
    addresses: HashSet<u64>,
}

fn id_hash(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Keep {
    fn wants(&self, rec: &Record) -> bool {
        let kept = |id: &String| self.entities.contains(&id_hash(id));
        if rec.schema == "Sanction" {
            return rec.get("entity").iter().any(kept);
        }
        if rec.schema == "Address" {
            return self.addresses.contains(&id_hash(&rec.id));
        }
        match relation_props(&rec.schema) {
            Some((a, b)) => rec.get(a).iter().any(kept) && rec.get(b).iter().any(kept),
            None => self.entities.contains(&id_hash(&rec.id)),
        }
    }
}

/// Calls `f` with each line of a reader (1-based number, text); lines that are not UTF-8 are
/// passed as errors.
fn each_line(
    mut reader: impl BufRead,
    mut f: impl FnMut(usize, Result<&str, String>),
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        n += 1;
        match std::str::from_utf8(&buf) {
            Ok(s) if s.trim().is_empty() => {}
            Ok(s) => f(n, Ok(s)),
            Err(e) => f(n, Err(format!("not UTF-8: {e}"))),
        }
    }
}

/// First pass: the ids within `hops` relations of a vessel (and the addresses they name).
/// Holds two hashes per relation and per address reference, and one per vessel.
fn survey(paths: &[PathBuf], hops: usize) -> io::Result<Keep> {
    let mut vessels = Vec::new();
    let mut edges: Vec<(u64, u64)> = Vec::new();
    let mut address_refs: Vec<(u64, u64)> = Vec::new();
    for path in paths {
        let reader = BufReader::with_capacity(1 << 20, File::open(path)?);
        each_line(reader, |_, line| {
            let Ok(recs) = line.and_then(ftm::parse) else {
                return;
            };
            for r in recs {
                let h = id_hash(&r.id);
                if r.schema == "Vessel" {
                    vessels.push(h);
                    for t in r.get("owner").iter().chain(r.get("operator")) {
                        edges.push((h, id_hash(t)));
                    }
                }
                if let Some((a, b)) = relation_props(&r.schema) {
                    for x in r.get(a) {
                        for y in r.get(b) {
                            edges.push((id_hash(x), id_hash(y)));
                        }
                    }
                }
                for a in r.get("addressEntity") {
                    address_refs.push((h, id_hash(a)));
                }
            }
        })?;
    }
    let mut adjacency: Vec<(u64, u64)> =
        edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
    drop(edges);
    adjacency.sort_unstable();
    adjacency.dedup();
    let mut entities: HashSet<u64> = vessels.iter().copied().collect();
    let mut frontier = vessels;
    for _ in 0..hops {
        let mut next = Vec::new();
        for x in frontier {
            let from = adjacency.partition_point(|&(a, _)| a < x);
            for &(_, y) in adjacency[from..].iter().take_while(|&&(a, _)| a == x) {
                if entities.insert(y) {
                    next.push(y);
                }
            }
        }
        frontier = next;
    }
    let addresses = address_refs
        .iter()
        .filter(|(e, _)| entities.contains(e))
        .map(|&(_, a)| a)
        .collect();
    Ok(Keep {
        entities,
        addresses,
    })
}

impl SanctionsList {
    /// Reads FtM JSON lines, keeping every entity, relation and sanction of the schemata Lookout
    /// reads; malformed lines are set aside with their line number.
    pub fn read(&mut self, reader: impl BufRead, file: &str) {
        if let Err(e) = self.read_with(reader, file, None) {
            self.rejects
                .push((file.into(), 0, format!("unreadable: {e}")));
        }
    }

    /// Reads FtM files of any size. With `keep_hops`, a first pass finds the entities within
    /// that many relations of a vessel and the second keeps only those (with their relations,
    /// sanctions and addresses): memory follows what is kept, plus 16 bytes per relation in
    /// the files during the first pass. Without it, everything is kept.
    pub fn load(paths: &[PathBuf], keep_hops: Option<usize>) -> io::Result<SanctionsList> {
        let keep = keep_hops.map(|h| survey(paths, h)).transpose()?;
        let mut list = SanctionsList::default();
        for path in paths {
            let name = path.display().to_string();
            let reader = BufReader::with_capacity(1 << 20, File::open(path)?);
            list.read_with(reader, &name, keep.as_ref())?;
        }
        Ok(list)
    }

    fn read_with(
        &mut self,
        reader: impl BufRead,
        file: &str,
        keep: Option<&Keep>,
    ) -> io::Result<()> {
        let shared: Arc<str> = file.into();
        each_line(reader, |n, line| {
            self.stats.lines += 1;
            let recs = match line.and_then(ftm::parse) {
                Ok(r) => r,
                Err(reason) => {
                    self.rejects.push((file.into(), n, reason));
                    return;
                }
            };
            for rec in recs {
                self.stats.records += 1;
                if keep.is_some_and(|k| !k.wants(&rec)) {
                    self.stats.out_of_reach += 1;
                    continue;
                }
                self.add(
                    rec,
                    Origin {
                        file: shared.clone(),
                        line: n,
                    },
                );
            }
        })
    }

    /// The index of an entity id, adding an empty entity the first time an id is named.
    fn entry(&mut self, id: &str) -> usize {
        if let Some(&i) = self.ids.get(id) {
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity {
            id: id.to_owned(),
            ..Default::default()
        });
        self.adjacent.push(Vec::new());
        self.ids.insert(id.to_owned(), i);
        i
    }

    fn add(&mut self, rec: Record, origin: Origin) {
        let schema = rec.schema.as_str();
        if let Some(schema) = ENTITY_SCHEMATA.iter().find(|s| **s == schema) {
            self.add_entity(&rec, schema, origin);
        } else if schema == "Sanction" {
            self.add_listing(&rec, origin);
        } else if let Some((a, b)) = relation_props(schema) {
            let kind = match schema {
                "Ownership" => Some(LinkKind::Owns),
                "Directorship" => Some(LinkKind::Directs),
                "Membership" => Some(LinkKind::MemberOf),
                _ => {
                    let role = rec.get("role").join(" ").to_lowercase();
                    if role.contains("manag") {
                        Some(LinkKind::Manages)
                    } else if role.contains("operat") {
                        Some(LinkKind::Operates)
                    } else {
                        None
                    }
                }
            };
            match kind {
                Some(kind) => self.add_links(&rec, kind, a, b, &origin),
                None => self.stats.unknown_links += 1,
            }
        } else {
            self.stats.other_schema += 1;
            return;
        }
        self.stats.kept += 1;
    }

    fn add_entity(&mut self, rec: &Record, schema: &'static str, origin: Origin) {
        let i = self.entry(&rec.id);
        let vessel = schema == "Vessel";
        let mut imos = Vec::new();
        let mut mmsis = Vec::new();
        if vessel {
            for v in rec.get("imoNumber") {
                match parse_imo(v) {
                    Some(imo) if imo_valid(imo) => imos.push(imo),
                    _ => self
                        .bad_imos
                        .push((origin.file.to_string(), origin.line, v.clone())),
                }
            }
            mmsis = rec
                .get("mmsi")
                .iter()
                .filter_map(|m| parse_mmsi(m))
                .collect();
        }
        let names: Vec<String> = if schema == "Address" {
            rec.get("full").to_vec()
        } else {
            rec.get("name").to_vec()
        };
        let mut countries = Vec::new();
        for key in ["country", "jurisdiction", "nationality", "mainCountry"] {
            countries.extend(lower(rec.get(key)));
        }
        let datasets: Vec<Arc<str>> = rec
            .datasets
            .iter()
            .map(|d| match self.datasets.get(d.as_str()) {
                Some(shared) => shared.clone(),
                None => {
                    let shared: Arc<str> = d.as_str().into();
                    self.datasets.insert(shared.clone());
                    shared
                }
            })
            .collect();
        let e = &mut self.entities[i];
        if e.schema.is_empty() {
            e.schema = schema;
            e.origin = origin;
        }
        extend_new(&mut e.names, names);
        extend_new(&mut e.aliases, rec.get("alias").iter().cloned());
        extend_new(
            &mut e.previous_names,
            rec.get("previousName").iter().cloned(),
        );
        extend_new(
            &mut e.name_changes,
            rec.get("nameChangeDate")
                .iter()
                .filter_map(|d| parse_span(d).map(|s| s.0)),
        );
        extend_new(&mut e.imos, imos);
        extend_new(&mut e.mmsis, mmsis);
        extend_new(&mut e.callsigns, rec.get("callSign").iter().cloned());
        extend_new(&mut e.flags, lower(rec.get("flag")));
        extend_new(&mut e.past_flags, lower(rec.get("pastFlags")));
        extend_new(&mut e.countries, countries);
        extend_new(&mut e.topics, rec.get("topics").iter().cloned());
        extend_new(&mut e.addresses, rec.get("address").iter().cloned());
        extend_new(
            &mut e.address_entities,
            rec.get("addressEntity").iter().cloned(),
        );
        extend_new(&mut e.datasets, datasets);
        if vessel {
            self.index_vessel(i);
            for (key, kind) in [("owner", LinkKind::Owns), ("operator", LinkKind::Operates)] {
                for target in rec.get(key) {
                    let from = self.entry(target);
                    self.push_link(Link {
                        id: format!("{}#{key}", rec.id),
                        kind,
                        from,
                        to: i,
                        role: key.into(),
                        start: None,
                        end: None,
                        origin: self.entities[i].origin.clone(),
                    });
                }
            }
        }
    }

    fn index_vessel(&mut self, i: usize) {
        let e = &self.entities[i];
        for &imo in &e.imos {
            let v = self.by_imo.entry(imo).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
        for &m in &e.mmsis {
            let v = self.by_mmsi.entry(m).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
        for name in e.all_names() {
            let v = self.by_name.entry(normalize_name(name)).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }

    fn add_listing(&mut self, rec: &Record, origin: Origin) {
        let first = |k: &str| rec.first(k).unwrap_or_default().to_owned();
        let listing = Listing {
            id: rec.id.clone(),
            authority: first("authority"),
            program: first("program"),
            start: first_date(rec, "startDate").or_else(|| first_date(rec, "listingDate")),
            end: first_date(rec, "endDate"),
            source_url: first("sourceUrl"),
            origin,
        };
        for target in rec.get("entity") {
            let i = self.entry(target);
            if !self.entities[i].listings.iter().any(|l| l.id == listing.id) {
                self.entities[i].listings.push(listing.clone());
            }
        }
    }

    fn add_links(&mut self, rec: &Record, kind: LinkKind, a: &str, b: &str, origin: &Origin) {
        for x in rec.get(a) {
            for y in rec.get(b) {
                let (from, to) = (self.entry(x), self.entry(y));
                self.push_link(Link {
                    id: rec.id.clone(),
                    kind,
                    from,
                    to,
                    role: rec.get("role").join("; "),
                    start: first_date(rec, "startDate").or_else(|| first_date(rec, "date")),
                    end: first_date(rec, "endDate"),
                    origin: origin.clone(),
                });
            }
        }
    }

    fn push_link(&mut self, link: Link) {
        let duplicate = self.adjacent[link.from].iter().any(|&l| {
            let o = &self.links[l];
            o.id == link.id && o.from == link.from && o.to == link.to
        });
        if duplicate {
            return;
        }
        let l = self.links.len();
        self.adjacent[link.from].push(l);
        if link.to != link.from {
            self.adjacent[link.to].push(l);
        }
        self.links.push(link);
    }

    /// The index of an entity by FtM id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The relations of an entity (indexes into `links`).
    pub fn links_of(&self, entity: usize) -> &[usize] {
        &self.adjacent[entity]
    }

    /// The vessels (index, entity).
    pub fn vessels(&self) -> impl Iterator<Item = (usize, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_vessel())
    }
}
