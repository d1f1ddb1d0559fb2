//! Security headers over real HTTP on loopback: the dashboard's pages and assets carry a
//! Content-Security-Policy without inline script, `nosniff`, `DENY` framing and no referrer;
//! every API answer (problems included) carries them too. The bearer scheme name is matched
//! without regard to case (RFC 9110, sections 11.1 and 11.4).

mod common;

use common::{fixture, start};
use reqwest::header::HeaderMap;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// The policy the dashboard is served with (docs/server.md).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

fn assert_secure(headers: &HeaderMap, what: &str) {
    assert_eq!(
        header(headers, "x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header(headers, "content-security-policy"),
        Some(CSP),
        "{what}"
    );
    assert_eq!(header(headers, "x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(
        header(headers, "referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_api_answers_carry_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let base = start(&project, &out, Some("s3cret")).await;
    let client = Client::new();

    let page = reqwest::get(format!("{base}/")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_secure(page.headers(), "/");
    // The policy allows no inline script: the page has none.
    let html = page.text().await.unwrap();
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for s in scripts {
        let tag = &s[..s.find('>').unwrap()];
        assert!(tag.contains("src="), "inline script: <script{tag}>");
        assert!(s[tag.len() + 1..].starts_with("</script>"), "script body");
    }
    assert!(
        !html.contains("style="),
        "inline style attribute in index.html"
    );

    for (path, status) in [
        ("/main.js", 200),
        ("/main.css", 200),
        ("/no-such-page", 404),
        ("/api/v1/project", 200),
        ("/api/v1/vessels?limit=1", 200),
        ("/api/v1/openapi.json", 200),
        ("/api/v1/vessels/NOBODY", 404),
        ("/api/v1/nothing-here", 404),
    ] {
        let r = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{path}");
        assert_secure(r.headers(), path);
    }
    // Refused writes carry them too.
    let r = client
        .post(format!("{base}/api/v1/observations"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_secure(r.headers(), "401");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bearer_scheme_name_is_case_insensitive() {
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = fixture(dir.path());
    let api = format!("{}/api/v1", start(&project, &out, Some("s3cret")).await);
    // An empty row: past the token check it is refused as invalid (422), before it as 401.
    let status = |authorization: &'static str| {
        let url = format!("{api}/observations");
        async move {
            Client::new()
                .post(url)
                .header("authorization", authorization)
                .json(&json!({}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for accepted in [
        "Bearer s3cret",
        "bearer s3cret",
        "BEARER s3cret",
        "bEaReR  s3cret",
    ] {
        assert_eq!(status(accepted).await, 422, "{accepted:?}");
    }
    for refused in [
        "Bearer s3cre",
        "Bearers3cret",
        "Bearerx s3cret",
        "Basic s3cret",
        "s3cret",
        "Bearer",
        "Bearer s3cret x",
    ] {
        assert_eq!(status(refused).await, 401, "{refused:?}");
    }
    assert!(!project.join("audit.jsonl").exists());
}
