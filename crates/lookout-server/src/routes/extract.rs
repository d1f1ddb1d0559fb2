//! Extractors whose rejections are [`Problem`]s: query parameters, a JSON body and the one path
//! parameter of a route, so every refusal of a request has the same shape.

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;

use crate::problem::Problem;

/// Query parameters (`?limit=...`); a bad one is a 400.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Params(q.0))
            .map_err(|e| Problem::bad_request(e.body_text()))
    }
}

/// A JSON request body; refused with the status axum gives (400 not JSON, 413 too large, 415
/// not `application/json`, 422 not the expected shape).
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        Json::<T>::from_request(req, state)
            .await
            .map(|b| Body(b.0))
            .map_err(|e| Problem::new(e.status(), e.body_text()))
    }
}

/// The one path parameter of a route (`/vessels/{id}`, `/tracks/{mmsi}`).
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|p| Id(p.0))
            .map_err(|e| Problem::new(e.status(), e.body_text()))
    }
}
