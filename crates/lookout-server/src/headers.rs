//! Security headers on every response, pages and API answers alike (docs/server.md): one
//! middleware added in [`crate::app`], so every route gets them, whatever module serves it.

use axum::http::{header, HeaderValue};
use axum::response::Response;

/// What the dashboard needs and nothing more: its bundled script, style sheet and API calls from
/// this server, `data:` images (Leaflet's control icons and the empty favicon). No inline
/// script or style attribute, no `eval`, no plugins, no framing, no foreign form targets.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Adds the Content-Security-Policy, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`
/// and `Referrer-Policy: no-referrer` to `response`.
pub async fn add(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
