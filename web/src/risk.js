// The Risk tab: the fleet ranked by its explained risk score (/api/v1/risk), one vessel's
// breakdown (every signal's points, how they were reached and the evidence rows behind them),
// and each evidence row opened from the resource it links to (an AIS event, a sanctions record,
// an observation). `ui` gives the page's helpers: getJson, esc, day, activate(tab) and
// focus(lat, lon) on the map.

const $ = (sel) => document.querySelector(sel);
const points = (x) => (Math.round(x * 10) / 10).toString();

// The ranked fleet, as last drawn (rows whose vessel has no page open from here).
let fleet = [];

function badge(ui, s) {
  return s ? `<span class="badge ${ui.esc(s.status)}" title="${ui.esc(s.detail)}">${ui.esc(s.status)}</span>` : "";
}

// The signals that gave points, largest first, as "dark 21.5".
function topSignals(ui, row) {
  return row.signals
    .filter((s) => s.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((s) => `${ui.esc(s.signal)} ${points(s.points)}`)
    .join(" · ");
}

export async function drawRisk(ui) {
  const list = await ui.getJson("/risk?limit=1000");
  fleet = list.items;
  $("#risk-date").textContent = `${list.total} vessels scored on ${ui.day(list.date)}; highest first. Click one for its breakdown.`;
  const rows = list.items.map((r) => `<tr class="row risk" data-rank="${r.rank}"><td>${r.rank}</td>
    <td>${ui.esc(r.vessel.name)}${r.vessel.watched ? " ★" : ""}</td>
    <td class="score"><meter min="0" max="100" value="${r.score}"></meter> ${points(r.score)}</td>
    <td>${topSignals(ui, r)}</td><td>${badge(ui, r.sanctions)}</td></tr>`);
  $("#risk-list").innerHTML = `<table><tr><th>#</th><th>vessel</th><th>score</th><th>signals (points)</th><th>sanctions</th></tr>${rows.join("")}</table>`;
  for (const tr of document.querySelectorAll("tr.risk")) {
    tr.addEventListener("click", () => {
      const row = fleet.find((r) => r.rank === Number(tr.dataset.rank));
      const hash = "#risk/" + encodeURIComponent(row.vessel_id);
      if (!row.vessel_id) showBreakdown(ui, row, list.total);
      else if (location.hash === hash) showRisk(ui, row.vessel_id);
      else location.hash = hash;
    });
  }
}

// `#risk/ID`: the breakdown of the vessel `/vessels/{id}` names.
export async function showRisk(ui, id) {
  ui.activate("risk");
  const v = await ui.getJson(`/vessels/${encodeURIComponent(id)}/risk`);
  showBreakdown(ui, v, v.of);
}

function showBreakdown(ui, r, of) {
  const { esc } = ui;
  for (const tr of document.querySelectorAll("tr.risk")) tr.classList.toggle("selected", Number(tr.dataset.rank) === r.rank);
  const signals = r.signals.map((s) => {
    const ev = s.evidence.map((e) => `<tr class="evidence"><td>${esc(e.kind)}</td><td>${ui.day(e.time)}</td>
      <td>${e.href ? `<a class="evidence-link" href="${esc(e.href)}">${esc(e.id)}</a>` : esc(e.id)}</td><td>${esc(e.detail)}</td></tr>`).join("");
    return `<tr class="signal${s.points > 0 ? " scored" : ""}" data-signal="${esc(s.signal)}"><th>${esc(s.signal)}</th>
      <td>${points(s.points)} / ${points(s.weight)}</td><td colspan="2">${esc(s.note)}</td></tr>${ev}`;
  }).join("");
  const page = r.vessel_id ? ` <a href="#vessel/${encodeURIComponent(r.vessel_id)}">vessel page</a>` : "";
  $("#risk-detail").innerHTML = `<div id="risk-breakdown"><h2>${esc(r.vessel.name)}: ${points(r.score)}${r.capped ? " (capped at 100)" : ""}, rank ${r.rank} of ${of}</h2>
    <p>MMSI ${esc(r.vessel.mmsis.join(", ") || "none")} · IMO ${esc(r.vessel.imo ?? "unknown")}${page}</p>
    <p>Sanctions: ${badge(ui, r.sanctions)} ${esc(r.sanctions?.detail || "")}</p>
    <table class="signals"><tr><th>signal</th><th>points / weight</th><th colspan="2">how, and the evidence</th></tr>${signals}</table>
    <div id="risk-evidence"></div><hr></div>`;
  $("#tab-risk").scrollTop = 0;
  for (const a of document.querySelectorAll("#risk-breakdown a.evidence-link")) {
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      openEvidence(ui, a.getAttribute("href"));
    });
  }
}

// An evidence row's record, fetched from the resource it links to.
async function openEvidence(ui, href) {
  const { esc } = ui;
  const r = await fetch(href);
  const rec = await r.json();
  const out = $("#risk-evidence");
  if (!r.ok) {
    out.innerHTML = `<p class="error">${r.status}: ${esc(rec.detail)}</p>`;
    return;
  }
  // The record's own fields; a sanctions record's entity or relation one level down.
  const body = rec.entity || rec.relation || rec;
  const rows = Object.entries(body)
    .filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0) && typeof v !== "object")
    .concat(Object.entries(body).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] !== "object").map(([k, v]) => [k, v.join(", ")]))
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
  const listings = (body.listings || []).map((l) => `<li>${esc(l.authority)} ${esc(l.program)} ${esc(l.start || "")}–${esc(l.end || "")}</li>`).join("");
  out.innerHTML = `<h3>Evidence <code>${esc(rec.event_id || rec.id)}</code> <small>(${esc(href)})</small></h3>
    <table class="record">${rows}</table>${listings ? `<ul class="listings">${listings}</ul>` : ""}`;
  out.scrollIntoView({ block: "nearest" });
  if (rec.lat != null) ui.focus(rec.lat, rec.lon);
}
