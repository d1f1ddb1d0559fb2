// End-to-end checks of the dashboard in Debian's chromium (driven by playwright-core):
// the page loads, the header has the simulated banner and the evidence behind each total
// (and a second server over the public-record example has no banner), the map shows the
// corridor, vessels are found by name, MMSI and IMO, the event list filters by type, vessel,
// area and time and downloads what it shows as CSV and GeoJSON, a voyage shows its evidence, the ranked fleet
// opens a vessel whose risk breakdown links to its evidence, a write without the
// token is refused, an observation added with the token changes the ledger, and the
// Content-Security-Policy the page is served with blocks nothing it needs.
// Usage: node e2e/run.mjs BASE_URL TOKEN SCREENSHOT_DIR [PUBLIC_BASE_URL]
// (CHROMIUM overrides /usr/bin/chromium; PUBLIC_BASE_URL serves a project without simulated input)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { args, run } from "./harness.mjs";

const [base, token, shots, publicBase] = args("node e2e/run.mjs BASE_URL TOKEN SCREENSHOT_DIR [PUBLIC_BASE_URL]");
await run("e2e", shots, async (page, check) => {
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  // Chromium reports what the Content-Security-Policy blocks as console errors.
  const blocked = [];
  page.on("console", (m) => { if (m.text().includes("Content Security Policy")) blocked.push(m.text()); });
  const project = await (await fetch(base + "/api/v1/project")).json();

  // 1. The page loads; the map shows the corridor's areas and the land.
  const response = await page.goto(base + "/");
  await page.waitForSelector("body[data-ready], body[data-error]", { state: "attached" });
  check(!(await page.getAttribute("body", "data-error")), "page loads without error");
  check(/script-src 'self';/.test(response.headers()["content-security-policy"] || ""), "page served with its Content-Security-Policy");
  const legend = await page.locator("#legend i").first().evaluate((e) => getComputedStyle(e).backgroundColor);
  check(legend !== "rgba(0, 0, 0, 0)", `legend coloured under the policy (${legend})`);
  const areas = await page.locator("path.area").count();
  check(areas === project.areas.features.length, `map shows the ${project.areas.features.length} corridor areas (${areas} drawn)`);
  check((await page.locator("#map path").count()) > areas, "map shows land besides the areas");
  check((await page.locator("#chart polygon.band").count()) === 1, "ledger chart has its 90% band");
  await page.screenshot({ path: join(shots, "01-map-and-ledger.png") });

  // The header says the inputs are simulated and what each total rests on.
  check(project.provenance.simulated_inputs.length > 0, `the fixture has simulated inputs (${project.provenance.simulated_inputs.join("; ")})`);
  const banner = await page.locator("#simulated-banner").innerText();
  check(banner.startsWith("Simulated AIS and imagery: a demonstration, not an estimate."), `banner: ${banner}`);
  const ledger = await (await fetch(base + "/api/v1/ledger")).json();
  const withCargo = ledger.corridors.filter((c) => c.total && c.total.high > 0);
  const totals = await page.locator("#totals .total").allInnerTexts();
  check(withCargo.length > 0 && totals.length === withCargo.length, `a total per corridor with cargo (${totals.length})`);
  for (const [i, c] of withCargo.entries()) {
    const e = c.evidence;
    check(totals[i].includes(`evidence ${e.real} real / ${e.secondary} secondary / ${e.simulated} simulated`), `evidence behind the total: ${totals[i]}`);
    const real = c.real_only.status === "value" ? `real evidence alone: ${Math.round(c.real_only.total.central).toLocaleString("en")}` : "real evidence alone: no total";
    check(c.real_only.status !== "not_computed" && totals[i].includes(real), `the real-only total beside it (${c.real_only.status})`);
  }

  // Vessels are found by name, MMSI and IMO.
  const angara = project.watchlist.find((w) => w.name === "ANGARA");
  await page.click("nav button[data-tab=vessels]");
  for (const q of ["angar", String(angara.mmsi[0]), String(angara.imo)]) {
    await page.fill("#vessel-q", "");
    await page.waitForFunction(() => document.querySelectorAll("tr.vessel").length > 1);
    await page.fill("#vessel-q", q);
    await page.waitForFunction(() => document.querySelectorAll("tr.vessel").length === 1);
    const names = await page.locator("tr.vessel td:first-child").allInnerTexts();
    check(names.length === 1 && names[0].startsWith("ANGARA"), `search "${q}" finds ANGARA (${names.join(", ")})`);
  }
  await page.fill("#vessel-q", "no such ship");
  await page.waitForFunction(() => document.querySelectorAll("tr.vessel").length === 0);
  check(true, "search for an unknown name finds nothing");
  await page.fill("#vessel-q", "ANGARA");
  await page.waitForFunction(() => document.querySelectorAll("tr.vessel").length === 1);
  await page.screenshot({ path: join(shots, "01b-vessel-search.png") });

  // The event list: filters, the same matches as the API, downloads of what is shown.
  // `eventsListed()` waits for the list of the filters in the address and gives its count.
  const eventsListed = async () => {
    await page.waitForFunction(() => document.querySelector("#event-total")?.dataset.query === location.hash.slice("#events/".length));
    return Number(await page.getAttribute("#event-total", "data-total"));
  };
  const all = await (await fetch(base + "/api/v1/events?limit=1000")).json();
  await page.click("nav button[data-tab=events]");
  check((await eventsListed()) === all.total, `events tab lists ${all.total} events`);
  check((await page.locator("tr.event").count()) === all.total, `event list shows all ${all.total} events`);
  const filters = [
    ["type", "gap", (e) => e.event_type === "gap"],
    ["vessel", "ANGARA", (e) => angara.mmsi.includes(e.mmsi)],
    ["area", "Rajin (Najin) port", (e) => e.area === "Rajin (Najin) port" || e.other_area === "Rajin (Najin) port"],
  ];
  for (const [name, value, keep] of filters) {
    if (name === "vessel") {
      await page.fill("#event-filter [name=vessel]", value);
      await page.press("#event-filter [name=vessel]", "Enter");
    } else await page.selectOption(`#event-filter [name=${name}]`, value);
    const want = all.items.filter(keep).length;
    check((await eventsListed()) === want, `${name}=${value}: ${want} listed`);
    const types = await page.locator("tr.event td:first-child").allInnerTexts();
    check(want > 0 && want < all.total && types.length === want, `filter ${name}=${value}: ${want} of ${all.total} events (${types.join(", ")})`);
    await page.goto(base + "/#events/");
    check((await eventsListed()) === all.total, "filters cleared");
  }
  // Time: events overlapping [start, end); here the ones starting before `beforeDay`.
  const beforeDay = all.items[all.items.length - 1].start_time.slice(0, 10);
  const inTime = all.items.filter((e) => Date.parse(e.start_time) < Date.parse(beforeDay));
  await page.fill("#event-filter [name=end]", beforeDay);
  await page.locator("#event-filter [name=end]").dispatchEvent("change");
  check((await eventsListed()) === inTime.length && inTime.length > 0 && inTime.length < all.total
    && (await page.locator("tr.event").count()) === inTime.length, `filter before ${beforeDay}: ${inTime.length} of ${all.total} events`);
  // Two filters at once, then the downloads hold exactly the rows shown.
  await page.selectOption("#event-filter [name=type]", "port_visit");
  const shown = inTime.filter((e) => e.event_type === "port_visit");
  check((await eventsListed()) === shown.length && shown.length > 0, `type and time: ${shown.length} listed`);
  check(page.url().includes("type=port_visit") && page.url().includes("end=" + beforeDay), `the filters are in the address (${page.url().split("#")[1]})`);
  await page.screenshot({ path: join(shots, "01c-event-filter.png") });
  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.click("#event-csv")]);
  const csv = readFileSync(await csvFile.path(), "utf8").trim().split("\n");
  check(csvFile.suggestedFilename() === "events.csv" && csv[0].startsWith("event_id,event_type,mmsi") && csv.length === shown.length + 1
    && shown.every((e, i) => csv[i + 1].startsWith(`${e.event_id},port_visit,`)), `CSV download: the ${shown.length} rows shown (${csv.length} lines)`);
  const [geoFile] = await Promise.all([page.waitForEvent("download"), page.click("#event-geojson")]);
  const geo = JSON.parse(readFileSync(await geoFile.path(), "utf8"));
  check(geo.type === "FeatureCollection" && geo.features.length === shown.length
    && geo.features.every((f, i) => f.properties.event_id === shown[i].event_id), `GeoJSON download: the ${geo.features.length} features shown`);
  // An unknown vessel is said plainly.
  await page.goto(base + "/#events/vessel=NOBODY");
  await page.waitForSelector("#event-count .error");
  check((await page.locator("#event-count").innerText()).startsWith("404"), `unknown vessel: ${await page.locator("#event-count").innerText()}`);
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready], body[data-error]", { state: "attached" });

  // The time slider hides what happened later.
  const markers = await page.locator("path.event-marker").count();
  await page.locator("#slider").fill("0");
  const early = await page.locator("path.event-marker").count();
  check(markers > 0 && early < markers, `time slider: ${markers} event markers, ${early} at the window start`);
  await page.locator("#slider").fill("1000");

  // Claims show speaker and source on hover.
  await page.locator("#chart circle.claim").first().hover();
  const tip = await page.locator("#chart-tip").innerText();
  check(!(await page.locator("#chart-tip").isHidden()) && tip.includes(","), `claim tooltip: ${tip.split("\n")[1]}`);
  await page.screenshot({ path: join(shots, "02-claim-tooltip.png") });

  // 2. Clicking a voyage shows its evidence.
  await page.click("nav button[data-tab=voyages]");
  await page.locator("tr.voyage").first().click();
  await page.waitForSelector("#voyage-evidence");
  const obsRows = await page.locator("#voyage-evidence .ev-obs tr").count();
  check(obsRows > 0, `voyage panel lists its evidence (${obsRows} observations)`);
  check((await page.locator("#voyage-evidence").innerText()).includes("Sanctions on departure"), "voyage panel shows sanctions status");
  await page.screenshot({ path: join(shots, "03-voyage-evidence.png") });

  // The vessel page: identity history, sanctions, voyages.
  await page.click("#voyage-evidence h2 a");
  await page.waitForSelector("#vessel-detail");
  const vessel = await page.locator("#vessel-detail").innerText();
  check(vessel.includes("Identity reported over AIS") && vessel.includes("Identity changes detected") && vessel.includes("Sanctions now"), `vessel page: ${vessel.split("\n")[0]}`);
  await page.screenshot({ path: join(shots, "04-vessel-page.png") });
  // Its events open in the event list, filtered by the vessel.
  const vesselEvents = all.items.filter((e) => angara.mmsi.includes(e.mmsi)).length;
  await page.click("#vessel-detail a.vessel-events");
  check((await eventsListed()) === vesselEvents && (await page.inputValue("#event-filter [name=vessel]")) === "ANGARA", `the vessel's ${vesselEvents} events listed`);
  await page.goBack();
  await page.waitForSelector("#vessel-detail");

  // The ranked fleet: highest score first; a vessel's breakdown links to its evidence.
  const risk = await (await fetch(base + "/api/v1/risk?limit=1000")).json();
  await page.click("nav button[data-tab=risk]");
  await page.waitForSelector("tr.risk");
  const ranked = await page.locator("tr.risk td:nth-child(2)").allInnerTexts();
  check(ranked.length === risk.total && ranked[0].startsWith(risk.items[0].vessel.name),
    `ranked fleet lists the ${risk.total} vessels scored, ${risk.items[0].vessel.name} first (${ranked.join(", ")})`);
  await page.locator("tr.risk").first().click();
  await page.waitForSelector("#risk-breakdown");
  const head = await page.locator("#risk-breakdown h2").innerText();
  check(head.startsWith(`${risk.items[0].vessel.name}: ${risk.items[0].score}`) && head.includes(`rank 1 of ${risk.total}`), `breakdown: ${head}`);
  check(page.url().endsWith("#risk/" + encodeURIComponent(risk.items[0].vessel_id)), `the breakdown has its address (${page.url()})`);
  const signals = await page.locator("#risk-breakdown tr.signal").count();
  check(signals === risk.items[0].signals.length, `every signal shown (${signals})`);
  const gap = risk.items[0].signals.find((s) => s.signal === "dark").evidence[0];
  const gapLink = page.locator("#risk-breakdown a.evidence-link", { hasText: gap.id });
  check((await gapLink.getAttribute("href")) === gap.href, `dark time links to its event (${gap.href})`);
  await gapLink.click();
  await page.waitForSelector("#risk-evidence table.record");
  const record = await page.locator("#risk-evidence").innerText();
  check(record.includes(gap.id) && record.includes("gap") && record.includes("Dunai"), `the gap event opens: ${record.split("\n")[0]}`);
  await page.screenshot({ path: join(shots, "04b-risk-evidence-event.png") });
  const listed = risk.items[0].signals.find((s) => s.signal === "listed").evidence[0];
  await page.locator("#risk-breakdown a.evidence-link", { hasText: listed.id }).click();
  await page.waitForFunction((id) => document.querySelector("#risk-evidence h3")?.innerText.includes(id), listed.id);
  const sanction = await page.locator("#risk-evidence").innerText();
  check(sanction.includes("United States") && sanction.includes(risk.items[0].vessel.name), `the listing opens its sanctions record: ${sanction.split("\n").slice(0, 3).join(" | ")}`);
  await page.screenshot({ path: join(shots, "04c-risk-evidence-sanction.png") });
  await page.click("#risk-breakdown a[href^='#vessel/']");
  await page.waitForSelector("#vessel-detail");
  check((await page.locator("#vessel-detail h2").innerText()) === risk.items[0].vessel.name, "the breakdown opens the vessel page");
  await page.waitForSelector("#vessel-detail p.risk-line");
  const riskLine = await page.locator("#vessel-detail p.risk-line").innerText();
  check(riskLine.includes(`rank 1 of ${risk.total}`), `the vessel page shows its score: ${riskLine}`);
  await page.click("#vessel-detail p.risk-line a");
  await page.waitForFunction(() => location.hash.startsWith("#risk/") && document.querySelector("nav button[data-tab=risk]").classList.contains("active"));
  check(true, "and links back to its breakdown");

  // 3. A write without the token is refused, and the ledger does not change.
  const before = await page.locator("#totals").innerText();
  await page.click("nav button[data-tab=observe]");
  await page.fill("#obs-form [name=time]", "2023-08-18T02:00:00Z");
  await page.selectOption("#obs-form [name=site]", "Rajin (Najin) port");
  await page.selectOption("#obs-form [name=kind]", "containers_on_deck");
  await page.selectOption("#obs-form [name=vessel]", "ANGARA");
  await page.fill("#obs-form [name=count]", "900");
  await page.fill("#obs-form [name=source]", "e2e test");
  await page.click("#obs-form button[type=submit]");
  await page.waitForSelector("#obs-result.error");
  const refused = await page.locator("#obs-result").innerText();
  check(refused.startsWith("401"), `write without the token refused: ${refused}`);
  check((await page.locator("#totals").innerText()) === before, "ledger unchanged after the refused write");
  await page.screenshot({ path: join(shots, "05-write-refused.png") });

  // 4. With the token the observation is added and the ledger changes.
  await page.fill("#token", token);
  await page.click("#obs-form button[type=submit]");
  await page.waitForSelector("#obs-result.ok");
  await page.waitForFunction((b) => document.querySelector("#totals").innerText !== b, before);
  const after = await page.locator("#totals").innerText();
  check(after !== before, `ledger changed: "${before}" -> "${after}"`);
  await page.screenshot({ path: join(shots, "06-observation-added.png") });

  // A project without simulated input has no banner.
  if (publicBase) {
    const pub = await (await fetch(publicBase + "/api/v1/project")).json();
    check(pub.provenance.simulated_inputs.length === 0, "the public project has no simulated input");
    await page.goto(publicBase + "/");
    await page.waitForSelector("body[data-ready], body[data-error]", { state: "attached" });
    check(!(await page.getAttribute("body", "data-error")), `public project loads without error (${await page.getAttribute("body", "data-error")})`);
    check((await page.locator("#simulated-banner").count()) === 0, "no simulated banner on the public project");
    const pubTotals = await page.locator("#totals").innerText();
    check(!pubTotals.includes("simulated") || pubTotals.includes("0 simulated"), `public totals: ${pubTotals || "(none)"}`);
    await page.screenshot({ path: join(shots, "07-public-no-banner.png") });
  }

  const outside = external.filter((u) => !(publicBase && u.startsWith(publicBase)));
  check(outside.length === 0, `no request left the servers (${outside.slice(0, 3).join(", ")})`);
  check(blocked.length === 0, `the Content-Security-Policy blocked nothing (${blocked.slice(0, 3).join(" | ")})`);
});
