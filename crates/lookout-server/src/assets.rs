//! The web UI, embedded at build time from `web/dist` (see `build.rs`). Requests are matched
//! against the embedded table only: no request path reaches the file system.

use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::problem::Problem;

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Serves an embedded asset (`/` is `index.html`).
pub async fn serve(method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return Problem::new(StatusCode::METHOD_NOT_ALLOWED, "the web UI is read-only")
            .into_response();
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    match ASSETS.iter().find(|a| a.0 == path) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *bytes,
        )
            .into_response(),
        None => Problem::not_found(format!("no page {:?}", uri.path())).into_response(),
    }
}
