//! The one error type of every handler: RFC 9457 problem details (`application/problem+json`).
//! Rejected queries, paths and bodies become problems too (see `routes::extract`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error: an HTTP status, a detail, and for rejected rows the problem of each field.
#[derive(Debug)]
pub struct Problem {
    /// HTTP status.
    pub status: StatusCode,
    /// Human-readable explanation of this occurrence.
    pub detail: String,
    /// Problems with fields of a rejected row (the `errors` extension member).
    pub errors: Vec<FieldError>,
    /// Sent as `WWW-Authenticate` (401 responses).
    pub authenticate: bool,
}

/// One field of a rejected row and what is wrong with it.
#[derive(Debug, Serialize)]
pub struct FieldError {
    /// Column name.
    pub field: String,
    /// What is wrong (with the file and line the project loader names).
    pub message: String,
}

/// The body of a problem response.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldError],
}

impl Problem {
    /// A problem with a status and detail.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            detail: detail.into(),
            errors: Vec::new(),
            authenticate: false,
        }
    }
    /// 400 Bad Request.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }
    /// 404 Not Found.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }
    /// 401 Unauthorized, with the `Bearer` challenge.
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self {
            authenticate: true,
            ..Self::new(StatusCode::UNAUTHORIZED, detail)
        }
    }
    /// 500 Internal Server Error (the detail is logged, not sent).
    pub fn internal(error: impl std::fmt::Display) -> Self {
        eprintln!("lookout serve: internal error: {error:#}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (see the server log)",
        )
    }
    /// Adds the problems of each field (422 answers).
    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = Body {
            kind: "about:blank",
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            detail: &self.detail,
            errors: &self.errors,
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        let mut r = (self.status, text).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.authenticate {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"lookout\""),
            );
        }
        r
    }
}
