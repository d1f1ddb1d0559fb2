// Live panels of `lookout watch` (docs/watch.md): the alerts panel (server-sent events from
// /api/v1/alerts/stream, acknowledgement with the token), the feed health table
// (/api/v1/watch) and the last known position of every vessel seen in the last hours
// (/api/v1/watch/positions) on the map. Loaded by main.js when /api/v1/project says "watch".
const REFRESH_MS = 2000;

export function startWatch({ L, map, api, esc, token, onLedgerChange }) {
  // A tab for alerts and feeds, before "Add observation".
  const nav = document.querySelector("#side nav");
  const button = document.createElement("button");
  button.dataset.tab = "alerts";
  button.innerHTML = 'Alerts <span id="alert-count" class="count">0</span>';
  nav.insertBefore(button, nav.querySelector("[data-tab=observe]"));
  const tab = document.createElement("div");
  tab.id = "tab-alerts";
  tab.className = "tab";
  tab.innerHTML = `<div id="watch-state"></div>
    <h3>Alerts</h3><label>rule <select id="alert-rule"><option value="">all</option></select></label> <span id="alert-result"></span>
    <table id="alerts-list"><thead><tr><th>event start</th><th>rule</th><th>vessel</th><th>event</th><th>state</th><th>area</th><th></th></tr></thead><tbody></tbody></table>
    <h3>Feeds</h3><table id="feed-table"><thead><tr><th>feed</th><th>state</th><th>lines</th><th>decoded</th><th>late</th><th>rejects</th><th>reconnects</th><th>last message</th></tr></thead><tbody></tbody></table>
    <h3>Sinks</h3><table id="sink-table"><thead><tr><th>sink</th><th>delivered</th><th>failed</th><th>dropped</th><th>retries</th><th>lag</th><th>last error</th></tr></thead><tbody></tbody></table>`;
  document.querySelector("#side").insertBefore(tab, document.querySelector("#tab-observe"));
  button.addEventListener("click", () => {
    for (const b of document.querySelectorAll("nav button")) b.classList.toggle("active", b === button);
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t === tab);
  });

  const alerts = new Map(); // alert id -> its latest notification (open, then complete)
  const rules = new Set();
  const body = tab.querySelector("#alerts-list tbody");
  const ruleSelect = tab.querySelector("#alert-rule");
  ruleSelect.addEventListener("change", drawAlerts);

  function row(a) {
    const acked = a.acknowledged ? "acknowledged" : `<button class="ack" data-id="${esc(a.id)}">ack</button>`;
    return `<tr class="alert ${esc(a.state)}" data-key="${esc(a.key)}" title="${esc(a.id)}"><td>${esc(a.start_time)}</td><td>${esc(a.rule)}</td>
      <td>${esc(a.vessel || a.mmsi)}</td><td>${esc(a.event_type)}</td><td>${esc(a.state)}</td><td>${esc(a.area || "")}</td><td>${acked}</td></tr>`;
  }

  function drawAlerts() {
    const rule = ruleSelect.value;
    const list = [...alerts.values()].filter((a) => !rule || a.rule === rule).sort((a, b) => b.seq - a.seq);
    body.innerHTML = list.slice(0, 500).map(row).join("");
    document.querySelector("#alert-count").textContent = alerts.size;
    for (const b of body.querySelectorAll("button.ack")) b.addEventListener("click", () => acknowledge(b.dataset.id));
  }

  function add(a) {
    const had = alerts.get(a.id);
    if (!had || had.seq <= a.seq) alerts.set(a.id, { ...a, acknowledged: a.acknowledged || had?.acknowledged });
    if (!rules.has(a.rule)) {
      rules.add(a.rule);
      ruleSelect.insertAdjacentHTML("beforeend", `<option>${esc(a.rule)}</option>`);
    }
  }

  async function acknowledge(id) {
    const headers = { "content-type": "application/json" };
    if (token()) headers.authorization = "Bearer " + token();
    const r = await fetch(api(`/alerts/${encodeURIComponent(id)}/ack`), { method: "POST", headers, body: "{}" });
    const state = document.querySelector("#alert-result");
    if (!r.ok) {
      const j = await r.json().catch(() => ({}));
      state.className = "error";
      state.textContent = `${r.status}: ${j.detail || "acknowledgement refused"}`;
      return;
    }
    const ack = await r.json();
    const a = alerts.get(id);
    if (a) a.acknowledged = ack;
    state.className = "ok";
    state.textContent = `acknowledged ${id}`;
    drawAlerts();
  }

  // Every new alert as it is written, and once the stream is open the ones written before
  // (so none falls between the two); the browser resumes a broken stream after the last one.
  function loadAlerts() {
    const source = new EventSource(api("/alerts/stream"));
    source.addEventListener("alert", (ev) => {
      const a = JSON.parse(ev.data);
      const fresh = alerts.get(a.id)?.key !== a.key;
      add(a);
      drawAlerts();
      const tr = body.querySelector(`tr[data-key="${CSS.escape(a.key)}"]`);
      if (fresh && tr) tr.classList.add("new");
    });
    source.addEventListener("open", async () => {
      const page = await (await fetch(api("/alerts?limit=1000"))).json();
      for (const a of page.items) add(a);
      drawAlerts();
    });
  }

  // Feed health and sinks.
  const fmtTime = (t) => (t ? new Date(t).toISOString().replace(".000Z", "Z") : "");
  async function drawStatus() {
    const s = await (await fetch(api("/watch"))).json();
    document.querySelector("#watch-state").textContent =
      `watermark ${s.watermark || "-"} · lateness ${s.lateness_seconds} s · ${s.vessels_live} vessels · ${s.in_progress} in progress` +
      (s.checkpoint ? ` · checkpoint ${s.checkpoint.at}` : "");
    tab.querySelector("#feed-table tbody").innerHTML = s.feeds
      .map((f) => {
        const rejects = Object.entries({ ...f.rejects, ...f.decoder_rejects }).map(([k, n]) => `${k} ${n}`).join(", ");
        return `<tr class="feed ${esc(f.state)}"><td>${esc(f.name)}</td><td>${esc(f.state)}${f.error ? ` <span class="error">${esc(f.error)}</span>` : ""}</td>
          <td>${f.lines}</td><td>${f.decoded}</td><td>${f.late}</td><td>${esc(rejects)}</td><td>${f.reconnects}</td><td>${fmtTime(f.last_time)}</td></tr>`;
      })
      .join("");
    tab.querySelector("#sink-table tbody").innerHTML = s.sinks
      .map((k) => `<tr><td>${esc(k.name)} (${esc(k.kind)})</td><td>${k.delivered}</td><td>${k.failed}</td><td>${k.dropped}</td><td>${k.retries}</td><td>${k.lag}</td><td>${esc(k.last_error || "")}</td></tr>`)
      .join("");
  }

  // The last known positions, redrawn as they move.
  const layer = L.layerGroup().addTo(map);
  async function drawPositions() {
    const p = await (await fetch(api("/watch/positions"))).json();
    layer.clearLayers();
    for (const v of p.items) {
      const colour = v.dark ? "#777" : v.watched ? "#c0392b" : "#1f5f8b";
      L.circleMarker([v.lat, v.lon], { radius: v.watched ? 6 : 4, color: colour, weight: 1, fillOpacity: 0.9, className: "live-position" })
        .bindTooltip(`${esc(v.name || v.mmsi)} (${v.mmsi})<br>${esc(v.time)}${v.sog != null ? `<br>${v.sog.toFixed(1)} kn` : ""}${v.dark ? "<br>dark" : ""}`)
        .addTo(layer);
    }
  }

  // The ledger chart follows the voyages as they close.
  let revision = null;
  async function checkLedger() {
    const l = await (await fetch(api("/ledger"))).json();
    if (revision !== null && l.revision !== revision) onLedgerChange();
    revision = l.revision;
  }

  const every = (f, ms) => {
    const run = () => f().catch((e) => console.warn(e)).finally(() => setTimeout(run, ms));
    run();
  };
  loadAlerts();
  every(drawStatus, REFRESH_MS);
  every(drawPositions, REFRESH_MS * 2);
  every(checkLedger, REFRESH_MS * 5);
}
