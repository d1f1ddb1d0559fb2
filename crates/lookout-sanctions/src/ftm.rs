//! FollowTheMoney JSON lines: one entity per line (`id`, `schema`, `properties` with lists of
//! values, `datasets`). Entities nested in a property (OpenSanctions' `targets.nested.json`:
//! a vessel's `sanctions`, a company's `ownershipAsset`, ...) are lifted out as entities of their
//! own and replaced by their id; a nested relation found under a reverse property gets the
//! back-reference it leaves out. Property names are FollowTheMoney's (`followthemoney/schema/*.yaml`).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

/// One FtM entity as read, every property value as text.
#[derive(Debug, Default)]
pub struct Record {
    /// FtM id.
    pub id: String,
    /// Schema (`Vessel`, `Company`, `Ownership`, `Sanction`, ...).
    pub schema: String,
    /// Properties.
    pub props: HashMap<String, Vec<String>>,
    /// Datasets.
    pub datasets: Vec<String>,
}

impl Record {
    /// The values of a property (empty when absent).
    pub fn get(&self, key: &str) -> &[String] {
        self.props.get(key).map_or(&[], Vec::as_slice)
    }

    /// The first value of a property.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.get(key).first().map(String::as_str)
    }
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

/// Reverse properties (on the entity a relation names) and the relation's forward property
/// that names it back: `Sanction.entity` (reverse `sanctions`), `Ownership.owner` /
/// `Ownership.asset`, `Directorship.director` / `.organization`, `Membership.member` /
/// `.organization`.
const REVERSE: [(&str, &str); 7] = [
    ("sanctions", "entity"),
    ("ownershipOwner", "owner"),
    ("ownershipAsset", "asset"),
    ("directorshipDirector", "director"),
    ("directorshipOrganization", "organization"),
    ("membershipMember", "member"),
    ("membershipOrganization", "organization"),
];

/// Parses one line into its entity and the entities nested in it.
pub fn parse(line: &str) -> Result<Vec<Record>, String> {
    let l: Line = serde_json::from_str(line).map_err(|e| format!("not an FtM entity: {e}"))?;
    if l.id.is_empty() || l.schema.is_empty() {
        return Err("FtM entity without id or schema".into());
    }
    let mut out = Vec::new();
    lift(l.id, l.schema, l.properties, l.datasets, &mut out);
    Ok(out)
}

fn lift(
    id: String,
    schema: String,
    properties: HashMap<String, Vec<Value>>,
    datasets: Vec<String>,
    out: &mut Vec<Record>,
) {
    let mut props = HashMap::with_capacity(properties.len());
    for (key, values) in properties {
        let mut texts = Vec::with_capacity(values.len());
        for value in values {
            match value {
                Value::String(s) => texts.push(s),
                Value::Number(n) => texts.push(n.to_string()),
                Value::Object(o) => {
                    if let Ok(mut nested) = serde_json::from_value::<Line>(Value::Object(o)) {
                        if let Some((_, forward)) = REVERSE.iter().find(|(r, _)| *r == key) {
                            let back = nested.properties.entry((*forward).into()).or_default();
                            if back.is_empty() {
                                back.push(Value::String(id.clone()));
                            }
                        }
                        texts.push(nested.id.clone());
                        lift(
                            nested.id,
                            nested.schema,
                            nested.properties,
                            nested.datasets,
                            out,
                        );
                    }
                }
                _ => {}
            }
        }
        props.insert(key, texts);
    }
    out.push(Record {
        id,
        schema,
        props,
        datasets,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_entities_are_lifted_with_their_back_reference() {
        let line = r#"{"id":"v1","schema":"Vessel","properties":{"name":["X"],"tonnage":[5000],
            "sanctions":[{"id":"s1","schema":"Sanction","properties":{"authority":["US"]}}],
            "ownershipAsset":[{"id":"o1","schema":"Ownership","properties":{"owner":[{"id":"c1","schema":"Company","properties":{"name":["C"]}}]}}]}}"#;
        let recs = parse(line).unwrap();
        let by_id = |id: &str| recs.iter().find(|r| r.id == id).unwrap();
        assert_eq!(recs.len(), 4);
        assert_eq!(by_id("s1").get("entity"), ["v1"]);
        assert_eq!(by_id("o1").get("asset"), ["v1"]);
        assert_eq!(by_id("o1").get("owner"), ["c1"]);
        assert_eq!(by_id("v1").get("sanctions"), ["s1"]);
        assert_eq!(by_id("v1").first("tonnage"), Some("5000"));
        assert_eq!(by_id("c1").first("name"), Some("C"));
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(parse("not json").is_err());
        assert!(parse(r#"{"id":"","schema":"Vessel"}"#).is_err());
        assert!(parse(r#"{"schema":"Vessel"}"#).is_err());
    }
}
