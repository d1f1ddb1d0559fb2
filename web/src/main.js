// Lookout dashboard: the header (a banner whenever any input is simulated; each total with the
// provenance of its evidence and the total from real evidence alone), map (Leaflet over Natural
// Earth land, no tile server), ledger chart, voyages with their evidence, vessel search and
// pages, the event list with its filters and downloads, the fleet ranked by risk (risk.js) and
// the add-observation form. Everything comes from the same server's /api/v1.
import { drawRisk, showRisk } from "./risk.js";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./style.css";
import { startWatch } from "./watch.js";

const api = (path) => "/api/v1" + path;
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const day = (t) => (t ? String(t).slice(0, 10) : "");
const fmt = (x) => (x == null ? "" : Math.round(x).toLocaleString("en"));
const EVENT_COLOURS = { port_visit: "#1b7f3a", gap: "#c0392b", encounter: "#8e44ad", loitering: "#d68910" };

async function getJson(path) {
  const r = await fetch(api(path));
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

const state = { project: null, window: [0, 1], tracks: [], events: [], cutoff: Infinity };

// ---------- map ----------
const map = L.map("map", { attributionControl: true }).setView([42.5, 131], 6);
map.attributionControl.addAttribution("Land: Natural Earth");
const trackLayer = L.layerGroup().addTo(map);
const eventLayer = L.layerGroup().addTo(map);
const focusLayer = L.layerGroup().addTo(map);
const trackRenderer = L.canvas();

function timeColour(t) {
  // Early = blue, late = red, along the analysis window.
  const [a, b] = state.window;
  const f = Math.min(1, Math.max(0, (t - a) / (b - a || 1)));
  return `hsl(${Math.round(230 - 230 * f)}, 80%, 45%)`;
}

async function drawBase() {
  const land = await getJson("/basemap");
  L.geoJSON(land, { style: { color: "#9a9a86", weight: 0.5, fillColor: "#efeadb", fillOpacity: 1 }, interactive: false }).addTo(map);
  const areas = state.project.areas;
  const layer = L.geoJSON(areas, {
    pointToLayer: (f, latlng) => L.circle(latlng, { radius: (f.properties.radius_km || 1) * 1000 }),
    style: (f) => ({ className: "area", color: f.properties.kind === "rail" ? "#6c3483" : "#c0392b", weight: 2, fillOpacity: 0.15 }),
    onEachFeature: (f, l) => l.bindTooltip(`${esc(f.properties.name)} (${esc(f.properties.kind)})`),
  }).addTo(map);
  // Framed on the corridors' ends (a project may name far places too, such as the Suez Canal).
  const ends = new Set(state.project.corridors.flatMap((c) => c.origins.concat(c.destinations)));
  const framed = layer.getLayers().filter((l) => ends.has(l.feature.properties.name));
  map.fitBounds((framed.length ? L.featureGroup(framed) : layer).getBounds().pad(0.3));
}

async function loadTracks() {
  const watched = await getJson("/vessels?watched=true&limit=1000");
  // All vessels at once: the server reads each vessel's positions from the store once.
  await Promise.all(watched.items.map(async (v) => {
    const tracks = v.mmsi.map((mmsi) => getJson(`/tracks/${mmsi}?zoom=9`)
      .then((t) => state.tracks.push({ vessel: v.name, mmsi, coords: t.coordinates }))
      .catch(() => { /* no positions for that MMSI */ }));
    const ev = await getJson(`/events?vessel=${encodeURIComponent(v.id)}&type=port_visit,gap,encounter,loitering&limit=1000`);
    for (const e of ev.items) state.events.push({ ...e, vessel: v.name });
    await Promise.all(tracks);
  }));
  drawDynamic();
}

function drawDynamic() {
  trackLayer.clearLayers();
  eventLayer.clearLayers();
  const cut = state.cutoff;
  for (const tr of state.tracks) {
    const c = tr.coords.filter((p) => p[2] <= cut);
    // Short runs, each coloured by its time; runs split at silences over 6 hours.
    for (let i = 0; i + 1 < c.length; i += 8) {
      const run = [];
      for (let k = i; k <= Math.min(i + 8, c.length - 1); k++) {
        if (run.length && c[k][2] - run[run.length - 1][2] > 6 * 3600e3) break;
        run.push(c[k]);
      }
      if (run.length < 2) continue;
      L.polyline(run.map((p) => [p[1], p[0]]), { renderer: trackRenderer, color: timeColour(run[0][2]), weight: 2, opacity: 0.9, interactive: false }).addTo(trackLayer);
    }
  }
  for (const e of state.events) {
    if (Date.parse(e.start_time) > cut || e.lat == null) continue;
    L.circleMarker([e.lat, e.lon], { radius: 5, color: EVENT_COLOURS[e.event_type] || "#333", weight: 1, fillOpacity: 0.8, className: "event-marker" })
      .bindTooltip(`${esc(e.vessel)}: ${esc(e.event_type)}<br>${esc(e.start_time)} - ${esc(e.end_time)}<br>${esc(e.area || "")} ${esc(e.other_area ? "-> " + e.other_area : "")}`)
      .addTo(eventLayer);
  }
}

function setupSlider() {
  const [a, b] = state.window;
  const s = $("#slider");
  const update = () => {
    const f = Number(s.value) / 1000;
    state.cutoff = f >= 1 ? Infinity : a + f * (b - a);
    $("#slider-label").textContent = "up to " + new Date(f >= 1 ? b : state.cutoff).toISOString().slice(0, 10);
    drawDynamic();
  };
  s.addEventListener("input", update);
  update();
  // Colours through element.style: the Content-Security-Policy refuses style="..." attributes.
  const legend = $("#legend");
  legend.innerHTML = `track time: <span>early</span> → <span>late</span>` +
    Object.keys(EVENT_COLOURS).map((k) => `<i data-event="${k}"></i>${k}`).join("");
  const [early, late] = legend.querySelectorAll("span");
  early.style.color = timeColour(a);
  late.style.color = timeColour(b);
  for (const i of legend.querySelectorAll("i")) i.style.background = EVENT_COLOURS[i.dataset.event];
}

// ---------- what the numbers rest on ----------
// The banner shows whenever any input is simulated (the server's `simulated_inputs`), never
// otherwise: the element is then absent.
function drawBanner() {
  const p = state.project.provenance;
  if (!p.simulated_inputs.length) return;
  const what = [];
  if (p.ais === "simulated") what.push("AIS");
  if (p.observations.simulated > 0) what.push("imagery");
  const b = document.createElement("div");
  b.id = "simulated-banner";
  b.setAttribute("role", "alert");
  b.innerHTML = `<b>Simulated ${esc(what.join(" and "))}: a demonstration, not an estimate.</b> Simulated: ${esc(p.simulated_inputs.join("; "))}. No total here may be quoted as an estimate of what moved.`;
  $("#banner-slot").append(b);
}

const bounds = (b, unit) => `${fmt(b.central)} ${esc(unit)} (90%: ${fmt(b.low)}–${fmt(b.high)})`;

// A corridor's total, the real / secondary / simulated evidence behind it, and beside it the
// total from real evidence alone when some evidence is not real.
function totalHtml(c) {
  const e = c.evidence;
  const r = c.real_only;
  let real = "";
  if (e.secondary + e.simulated > 0 && r.status === "value") real = `real evidence alone: ${bounds(r.total, c.unit)}`;
  else if (r.status === "nothing") real = "real evidence alone: no total";
  return `<span class="total" data-corridor="${c.index}"><b>${esc(c.name)}: ${bounds(c.total, c.unit)}</b>` +
    `<small class="evidence">evidence ${e.real} real / ${e.secondary} secondary / ${e.simulated} simulated</small>` +
    (real ? `<small class="real-only">${real}</small>` : "") + "</span>";
}

// ---------- ledger ----------
async function drawLedger() {
  const [ledger, claims] = await Promise.all([getJson("/ledger"), getJson("/claims?limit=1000")]);
  $("#totals").innerHTML = ledger.corridors
    .filter((c) => c.total && c.total.high > 0)
    .map(totalHtml)
    .join(" · ");
  $("#totals").dataset.revision = ledger.revision;
  const c = ledger.corridors.find((c) => c.total && c.total.high > 0) || ledger.corridors[0];
  const weeks = c.weeks;
  const W = 560, H = 320, m = { l: 56, r: 12, t: 12, b: 28 };
  const t0 = Date.parse(ledger.window[0]), t1 = Date.parse(ledger.window[1]);
  const pts = claims.items.filter((k) => k.unit === c.unit && k.quantity != null && k.comparison && k.comparison.metric === c.unit);
  const ymax = Math.max(1, ...weeks.map((w) => w.cumulative.high), ...pts.map((k) => k.quantity)) * 1.05;
  const x = (t) => m.l + ((t - t0) / (t1 - t0 || 1)) * (W - m.l - m.r);
  const y = (v) => H - m.b - (v / ymax) * (H - m.t - m.b);
  const wt = weeks.map((w) => Date.parse(w.week_start) + 7 * 86400e3);
  const band = weeks.map((w, i) => `${x(wt[i])},${y(w.cumulative.high)}`).concat(weeks.map((w, i) => `${x(wt[i])},${y(w.cumulative.low)}`).reverse()).join(" ");
  const line = weeks.map((w, i) => `${x(wt[i])},${y(w.cumulative.central)}`).join(" ");
  let svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="cumulative ${esc(c.unit)}">`;
  for (let i = 0; i <= 4; i++) {
    const v = (ymax / 4) * i;
    svg += `<line x1="${m.l}" x2="${W - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${m.l - 4}" y="${y(v) + 4}" text-anchor="end" font-size="10">${fmt(v)}</text>`;
  }
  // A label every `step` months, so that labels stay apart on long windows.
  const step = Math.max(1, Math.ceil(((t1 - t0) / (30.4 * 86400e3)) * 50 / (W - m.l - m.r)));
  for (let d = new Date(t0); d <= t1; d.setUTCMonth(d.getUTCMonth() + step, 1)) {
    svg += `<text x="${x(d.getTime())}" y="${H - 8}" font-size="10" text-anchor="middle">${d.toISOString().slice(0, 7)}</text>`;
  }
  svg += `<polygon class="band" points="${band}" fill="#c0392b33" stroke="none"/><polyline class="central" points="${line}" fill="none" stroke="#c0392b" stroke-width="2"/>`;
  for (const k of pts) {
    const t = Math.min(t1, Math.max(t0, Date.parse(k.period[1])));
    svg += `<circle class="claim" data-id="${esc(k.id)}" cx="${x(t)}" cy="${y(k.quantity)}" r="5" fill="${k.comparison.consistent ? "#1b7f3a" : "#1d2530"}" fill-opacity="0.8"></circle>`;
  }
  svg += `<text x="${m.l + 4}" y="${m.t + 10}" font-size="11">${esc(c.name)}: cumulative ${esc(c.unit)}, central with 90% band; dots: claims</text></svg>`;
  $("#chart").innerHTML = svg;
  const tip = $("#chart-tip");
  for (const el of document.querySelectorAll("#chart circle.claim")) {
    const k = pts.find((p) => p.id === el.dataset.id);
    el.addEventListener("mouseenter", (ev) => {
      tip.innerHTML = `<b>${fmt(k.quantity)} ${esc(k.unit)}</b> (${esc(k.qualifier)})<br>${esc(k.speaker)}, ${esc(k.organization)}, ${esc(k.date)}<br>${esc(k.statement_summary)}<br><i>${esc(k.source_url)}</i><br>evidence: ${esc(k.comparison.position)}`;
      tip.hidden = false;
      tip.style.left = ev.clientX + 12 + "px";
      tip.style.top = ev.clientY + 12 + "px";
    });
    el.addEventListener("mouseleave", () => (tip.hidden = true));
  }
}

// ---------- voyages ----------
function sanctionsBadge(s) {
  return s ? `<span class="badge ${esc(s.status)}" title="${esc(s.detail)}">${esc(s.status)}</span>` : "";
}

async function drawVoyages() {
  const v = await getJson("/voyages?limit=1000");
  const rows = v.items.map((y) => `<tr class="row voyage" data-id="${esc(y.id)}"><td>${esc(y.id)}</td><td>${esc(y.vessel)}</td><td>${day(y.depart_time)}</td><td>${day(y.arrive_time)}</td><td>${fmt(y.cargo?.central)} (${fmt(y.cargo?.low)}–${fmt(y.cargo?.high)})</td><td>${sanctionsBadge(y.sanctions)}</td></tr>`);
  $("#voyage-list").innerHTML = `<table><tr><th>id</th><th>vessel</th><th>depart</th><th>arrive</th><th>cargo (90%)</th><th>sanctions</th></tr>${rows.join("")}</table>`;
  for (const tr of document.querySelectorAll("tr.voyage")) tr.addEventListener("click", () => showVoyage(tr.dataset.id));
}

async function showVoyage(id) {
  for (const tr of document.querySelectorAll("tr.voyage")) tr.classList.toggle("selected", tr.dataset.id === id);
  const v = await getJson(`/voyages/${encodeURIComponent(id)}`);
  const obs = v.evidence_observations.map((o) => `<tr><td>${esc(o.id)}</td><td>${day(o.time)}</td><td>${esc(o.site)}</td><td>${esc(o.kind)}</td><td>${o.count ?? ""}</td><td>${esc(o.source)}</td></tr>`).join("");
  const evs = v.evidence_events.map((e) => `<tr><td>${esc(e.event_type)}</td><td>${esc(e.start_time)}</td><td>${esc(e.end_time)}</td><td>${esc(e.area || "")} ${esc(e.other_area || "")}</td></tr>`).join("");
  $("#voyage-panel").innerHTML = `<div id="voyage-evidence"><h2>${esc(v.id)}: <a href="#vessel/${encodeURIComponent(v.vessel)}">${esc(v.vessel)}</a> (${esc(v.kind)})</h2>
    <p>${esc(v.origin)} → ${esc(v.destination)}<br>${esc(v.depart_time)} → ${esc(v.arrive_time)}; confidence ${v.confidence.toFixed(2)}</p>
    <p>Cargo ${fmt(v.cargo?.central)} (90%: ${fmt(v.cargo?.low)}–${fmt(v.cargo?.high)}), basis <b>${esc(v.cargo_basis)}</b> ${esc((v.cargo_evidence || []).join(", "))}</p>
    <p>Sanctions on departure: ${sanctionsBadge(v.sanctions)} ${esc(v.sanctions?.detail || "")}</p>
    <h3>AIS events (${v.evidence_events.length})</h3><table class="ev-events">${evs}</table>
    <h3>Observations (${v.evidence_observations.length})</h3><table class="ev-obs">${obs}</table>
    ${v.note ? `<p>${esc(v.note)}</p>` : ""}<hr></div>`;
  $("#tab-voyages").scrollTop = 0;
  focusLayer.clearLayers();
  const pts = v.evidence_events.filter((e) => e.lat != null).map((e) => [e.lat, e.lon]);
  const sites = new Set(v.evidence_observations.map((o) => o.site).concat([v.origin, v.destination]));
  for (const f of state.project.areas.features) {
    if (sites.has(f.properties.name) && f.geometry.type === "Point") pts.push([f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  }
  for (const p of pts) L.circleMarker(p, { radius: 9, color: "#000", weight: 2, fill: false }).addTo(focusLayer);
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 9 });
}

// ---------- vessels ----------
async function drawVessels() {
  const q = $("#vessel-q").value;
  const v = await getJson(`/vessels?limit=200&q=${encodeURIComponent(q)}`);
  if ($("#vessel-q").value !== q) return; // a later search is on its way
  $("#vessel-list").innerHTML = `<table><tr><th>name</th><th>MMSI</th><th>IMO</th><th>positions</th></tr>${v.items
    .map((x) => `<tr class="row vessel" data-id="${esc(x.id)}"><td>${esc(x.name)}${x.watched ? " ★" : ""}</td><td>${esc(x.mmsi.join(", "))}</td><td>${esc(x.imo ?? "")}</td><td>${x.positions}</td></tr>`)
    .join("")}</table>`;
  for (const tr of document.querySelectorAll("tr.vessel")) tr.addEventListener("click", () => (location.hash = "vessel/" + encodeURIComponent(tr.dataset.id)));
}

async function showVessel(id) {
  activate("vessels");
  const [v, risk] = await Promise.all([
    getJson(`/vessels/${encodeURIComponent(id)}`),
    getJson(`/vessels/${encodeURIComponent(id)}/risk`).catch(() => null),
  ]);
  const riskLine = risk ? `<p class="risk-line">Risk on ${day(risk.date)}: <b>${Math.round(risk.score * 10) / 10}</b>, rank ${risk.rank} of ${risk.of} <a href="#risk/${encodeURIComponent(risk.vessel_id)}">breakdown</a></p>` : "";
  const changes = v.identity_changes.map((e) => `<tr><td>${esc(e.start_time)}</td><td>${e.mmsi}</td><td>${esc(Object.entries(e.details || {}).map(([k, x]) => `${k}: ${x}`).join(", "))}</td></tr>`).join("");
  const nEvents = Object.values(v.event_counts).reduce((a, b) => a + b, 0);
  const ids = v.identity_history.map((h) => `<tr><td>${h.mmsi}</td><td>${esc(h.names.map((n) => n[0]).join(", "))}</td><td>${esc(h.imos.map((n) => n[0]).join(", "))}</td><td>${esc(h.callsigns.map((n) => n[0]).join(", "))}</td><td>${day(h.first_seen)} – ${day(h.last_seen)}</td></tr>`).join("");
  const voy = v.voyages.map((y) => `<tr class="row voyage-of" data-id="${esc(y.id)}"><td>${esc(y.id)}</td><td>${day(y.depart_time)}</td><td>${day(y.arrive_time)}</td><td>${fmt(y.cargo?.central)}</td><td>${sanctionsBadge(y.sanctions)}</td></tr>`).join("");
  $("#tab-vessels").scrollTop = 0;
  $("#vessel-page").innerHTML = `<div id="vessel-detail"><h2>${esc(v.name)}</h2>
    <p>MMSI ${esc(v.mmsi.join(", "))} · IMO ${esc(v.imo ?? "unknown")} · flag ${esc(v.flag ?? "?")} ${v.aliases?.length ? "· aka " + esc(v.aliases.join(", ")) : ""}</p>
    <p>Sanctions now: ${sanctionsBadge(v.sanctions_now)} ${esc(v.sanctions_now?.detail || "")}</p>
    ${riskLine}
    <p>Events: ${esc(Object.entries(v.event_counts).map(([k, n]) => `${k} ${n}`).join(", ") || "none")}${nEvents ? ` <a class="vessel-events" href="#events/vessel=${encodeURIComponent(v.id)}">list its ${nEvents} events</a>` : ""}</p>
    <h3>Identity reported over AIS</h3><table><tr><th>MMSI</th><th>names</th><th>IMO</th><th>call signs</th><th>seen</th></tr>${ids}</table>
    <h3>Identity changes detected (${v.identity_changes.length})</h3><table class="identity-changes">${changes}</table>
    <h3>Voyages (${v.voyages.length})</h3><table>${voy}</table></div>`;
  for (const tr of document.querySelectorAll("tr.voyage-of")) tr.addEventListener("click", () => { activate("voyages"); showVoyage(tr.dataset.id); });
}

// ---------- events ----------
// The list shows the first EVENT_PAGE matches; the downloads hold every match of the same
// filters (the server writes them in the formats of `lookout events`).
const EVENT_PAGE = 200;

function drawEventFilter() {
  const p = state.project;
  const opt = (xs) => xs.map((x) => `<option>${esc(x)}</option>`).join("");
  const form = $("#event-filter");
  form.innerHTML = `
    <select name="type" aria-label="event type"><option value="">all types</option>${opt(p.event_types)}</select>
    <input name="vessel" placeholder="vessel: name, MMSI or IMO" aria-label="vessel">
    <select name="area" aria-label="area"><option value="">all areas</option>${opt(p.sites)}</select>
    <label>from <input name="start" type="date"></label>
    <label>before <input name="end" type="date"></label>`;
  form.addEventListener("change", () => {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v !== "") q.set(k, v);
    location.hash = "events/" + q.toString();
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
}

async function showEvents(query) {
  activate("events");
  const q = new URLSearchParams(query);
  for (const el of $("#event-filter").elements) el.value = q.get(el.name) || "";
  const r = await fetch(api(`/events?${query}${query ? "&" : ""}limit=${EVENT_PAGE}`));
  const j = await r.json().catch(() => ({}));
  if (location.hash !== "#events/" + query) return; // the filters changed meanwhile
  if (!r.ok) {
    $("#event-count").innerHTML = `<span class="error">${r.status} ${esc(j.detail || j.title || "")}</span>`;
    $("#event-list").innerHTML = "";
    return;
  }
  const file = (f) => esc(api(`/events?${query}${query ? "&" : ""}format=${f}`));
  $("#event-count").innerHTML = `<span id="event-total" data-total="${j.total}" data-query="${esc(query)}">${j.total} events${j.total > j.items.length ? `, the first ${j.items.length} listed` : ""}</span>;` +
    ` download all ${j.total}: <a id="event-csv" href="${file("csv")}" download>CSV</a><a id="event-geojson" href="${file("geojson")}" download>GeoJSON</a>`;
  const rows = j.items.map((e, i) => `<tr class="row event" data-i="${i}"><td>${esc(e.event_type)}</td><td>${e.mmsi}${e.other_mmsi ? " / " + e.other_mmsi : ""}</td><td>${esc(e.start_time)}</td><td>${esc(e.end_time)}</td><td>${esc(e.area || "")}${e.other_area ? " → " + esc(e.other_area) : ""}</td><td>${e.confidence}</td></tr>`);
  $("#event-list").innerHTML = `<table><tr><th>type</th><th>MMSI</th><th>start</th><th>end</th><th>area</th><th>confidence</th></tr>${rows.join("")}</table>`;
  for (const tr of document.querySelectorAll("tr.event")) {
    const e = j.items[Number(tr.dataset.i)];
    if (e.lat != null) tr.addEventListener("click", () => riskUi.focus(e.lat, e.lon));
  }
}

// ---------- add observation ----------
function drawForm() {
  const p = state.project;
  const opt = (xs) => xs.map((x) => `<option>${esc(x)}</option>`).join("");
  $("#obs-form").innerHTML = `
    <label><span>time</span><input name="time" required placeholder="2023-09-01T02:00:00Z or 2023-09-01"></label>
    <label><span>site</span><select name="site">${opt(p.sites)}</select></label>
    <label><span>kind</span><select name="kind">${opt(p.observation_kinds)}</select></label>
    <label><span>vessel</span><select name="vessel"><option value="">(not identified)</option>${opt(p.watchlist.map((w) => w.name))}</select></label>
    <label><span>count</span><input name="count" inputmode="numeric"></label>
    <label><span>count low</span><input name="count_low" inputmode="numeric"></label>
    <label><span>count high</span><input name="count_high" inputmode="numeric"></label>
    <label><span>source</span><input name="source" placeholder="imagery provider, analyst"></label>
    <label><span>url</span><input name="url"></label>
    <label><span>note</span><input name="note"></label>
    <label><span>provenance</span><select name="provenance"><option value="">real (an image or count you made or checked)</option><option>secondary</option><option>simulated</option></select></label>
    <button type="submit">Add observation</button>`;
  $("#obs-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const [k, v] of new FormData(ev.target)) if (v !== "") body[k] = v;
    const token = $("#token").value.trim();
    const headers = { "content-type": "application/json" };
    if (token) headers.authorization = "Bearer " + token;
    const r = await fetch(api("/observations"), { method: "POST", headers, body: JSON.stringify(body) });
    const j = await r.json().catch(() => ({}));
    const out = $("#obs-result");
    if (r.ok) {
      out.className = "ok";
      out.textContent = `Added ${j.id} (revision ${j.revision}); ledger recomputed.`;
      await Promise.all([drawLedger(), drawVoyages()]);
    } else {
      out.className = "error";
      out.textContent = `${r.status} ${j.title || ""}: ${j.detail || ""}` + (j.errors ? " — " + j.errors.map((e) => `${e.field}: ${e.message}`).join("; ") : "");
    }
  });
}

// ---------- tabs and routing ----------
function activate(tab) {
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("active", b.dataset.tab === tab);
  for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.id === "tab-" + tab);
}
for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => activate(b.dataset.tab));
window.addEventListener("hashchange", route);
// What the Risk tab uses of the page.
const riskUi = {
  getJson, esc, day, activate,
  focus: (lat, lon) => {
    focusLayer.clearLayers();
    L.circleMarker([lat, lon], { radius: 9, color: "#000", weight: 2, fill: false }).addTo(focusLayer);
    map.setView([lat, lon], Math.max(map.getZoom(), 8));
  },
};
function route() {
  const m = location.hash.match(/^#(vessel|risk|events)\/(.*)$/);
  if (!m) return;
  if (m[1] === "events") return showEvents(m[2]);
  const id = decodeURIComponent(m[2]);
  if (m[1] === "vessel") showVessel(id);
  else showRisk(riskUi, id);
}

async function main() {
  const tokenBox = $("#token");
  tokenBox.value = sessionStorage.getItem("lookout-token") || "";
  tokenBox.addEventListener("change", () => sessionStorage.setItem("lookout-token", tokenBox.value));
  state.project = await getJson("/project");
  state.window = state.project.window.map(Date.parse);
  $("#project-name").textContent = state.project.name + (state.project.writable ? "" : " (read-only)");
  drawBanner();
  drawEventFilter();
  $("nav button[data-tab=events]").addEventListener("click", () => { if (!location.hash.startsWith("#events/")) location.hash = "events/"; });
  await drawBase();
  setupSlider();
  drawForm();
  const risk = drawRisk(riskUi);
  $("#vessel-q").addEventListener("input", drawVessels);
  await Promise.all([drawLedger(), drawVoyages(), drawVessels()]);
  if (state.project.watch) {
    startWatch({ L, map, api, esc, token: () => $("#token").value.trim(), onLedgerChange: () => Promise.all([drawLedger(), drawVoyages()]) });
  }
  await route();
  await loadTracks();
  await risk;
  document.body.dataset.ready = "true";
}
main().catch((e) => {
  document.body.dataset.error = String(e);
  console.error(e);
});
