//! One record of the project's sanctions list by FtM id (`/sanctions/{id}`): an entity with its
//! listings and relations, the entity a `Sanction` names, or a relation. The risk score's
//! evidence links here.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::time::format_day;
use lookout_sanctions::{Entity, Link, Listing, SanctionsList};
use serde::Serialize;

use super::extract::Id;
use super::Shared;
use crate::problem::Problem;

pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/sanctions/{id}", get(record))
}

/// What an FtM id names.
#[derive(Serialize)]
struct FtmRecord {
    id: String,
    /// `entity`, `sanction` (a listing: `entity` is the entity it names) or `relation`.
    kind: &'static str,
    entity: Option<EntityBody>,
    relation: Option<RelationBody>,
}

#[derive(Serialize)]
struct EntityBody {
    id: String,
    schema: &'static str,
    caption: String,
    names: Vec<String>,
    aliases: Vec<String>,
    previous_names: Vec<String>,
    imos: Vec<u32>,
    mmsis: Vec<u32>,
    callsigns: Vec<String>,
    flags: Vec<String>,
    past_flags: Vec<String>,
    countries: Vec<String>,
    topics: Vec<String>,
    datasets: Vec<String>,
    listings: Vec<ListingBody>,
    relations: Vec<RelationBody>,
    /// File and line.
    origin: String,
}

#[derive(Serialize)]
struct ListingBody {
    /// The `Sanction` entity's id.
    id: String,
    authority: String,
    program: String,
    start: Option<String>,
    end: Option<String>,
    source_url: String,
    origin: String,
}

impl From<&Listing> for ListingBody {
    fn from(l: &Listing) -> Self {
        ListingBody {
            id: l.id.clone(),
            authority: l.authority.clone(),
            program: l.program.clone(),
            start: l.start.map(format_day),
            end: l.end.map(format_day),
            source_url: l.source_url.clone(),
            origin: l.origin.to_string(),
        }
    }
}

/// A relation: `subject` owns, operates, manages, directs or is a member of `object`.
#[derive(Serialize)]
struct RelationBody {
    id: String,
    relation: &'static str,
    subject: String,
    subject_name: String,
    object: String,
    object_name: String,
    role: String,
    start: Option<String>,
    end: Option<String>,
    origin: String,
}

fn relation(list: &SanctionsList, l: &Link) -> RelationBody {
    let (s, o) = (&list.entities[l.from], &list.entities[l.to]);
    RelationBody {
        id: l.id.clone(),
        relation: l.kind.as_str(),
        subject: s.id.clone(),
        subject_name: s.caption().to_owned(),
        object: o.id.clone(),
        object_name: o.caption().to_owned(),
        role: l.role.clone(),
        start: l.start.map(format_day),
        end: l.end.map(format_day),
        origin: l.origin.to_string(),
    }
}

fn entity(list: &SanctionsList, i: usize) -> EntityBody {
    let e: &Entity = &list.entities[i];
    EntityBody {
        id: e.id.clone(),
        schema: e.schema,
        caption: e.caption().to_owned(),
        names: e.names.clone(),
        aliases: e.aliases.clone(),
        previous_names: e.previous_names.clone(),
        imos: e.imos.clone(),
        mmsis: e.mmsis.clone(),
        callsigns: e.callsigns.clone(),
        flags: e.flags.clone(),
        past_flags: e.past_flags.clone(),
        countries: e.countries.clone(),
        topics: e.topics.clone(),
        datasets: e.datasets.iter().map(|d| d.to_string()).collect(),
        listings: e.listings.iter().map(ListingBody::from).collect(),
        relations: list
            .links_of(i)
            .iter()
            .map(|&l| relation(list, &list.links[l]))
            .collect(),
        origin: e.origin.to_string(),
    }
}

async fn record(State(st): State<Shared>, Id(id): Id) -> Result<Json<FtmRecord>, Problem> {
    let s = st.snapshot();
    let list = s
        .project
        .sanctions
        .as_deref()
        .ok_or_else(|| Problem::not_found("the project has no sanctions list"))?;
    let listed = || {
        list.entities
            .iter()
            .position(|e| e.listings.iter().any(|l| l.id == id))
    };
    let (kind, entity, relation) = if let Some(i) = list.index_of(&id) {
        ("entity", Some(entity(list, i)), None)
    } else if let Some(i) = listed() {
        ("sanction", Some(entity(list, i)), None)
    } else if let Some(l) = list.links.iter().find(|l| l.id == id) {
        ("relation", None, Some(relation(list, l)))
    } else {
        return Err(Problem::not_found(format!("no FtM record {id:?}")));
    };
    Ok(Json(FtmRecord {
        id,
        kind,
        entity,
        relation,
    }))
}
