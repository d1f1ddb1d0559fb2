// End-to-end checks of the dashboard in Debian's chromium (driven by playwright-core):
// the page loads, the map shows the corridor, a voyage shows its evidence, the ranked fleet
// opens a vessel whose risk breakdown links to its evidence, a write without the
// token is refused, an observation added with the token changes the ledger, and the
// Content-Security-Policy the page is served with blocks nothing it needs.
// Usage: node e2e/run.mjs BASE_URL TOKEN SCREENSHOT_DIR   (CHROMIUM overrides /usr/bin/chromium)
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, token, shots] = process.argv.slice(2);
if (!base || !token || !shots) {
  console.error("usage: node e2e/run.mjs BASE_URL TOKEN SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "lookout-e2e-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1400, height: 850 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const external = [];
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};
try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  page.on("pageerror", (e) => failures.push("page error: " + e.message));
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
  check(vessel.includes("Identity reported over AIS") && vessel.includes("Sanctions now"), `vessel page: ${vessel.split("\n")[0]}`);
  await page.screenshot({ path: join(shots, "04-vessel-page.png") });

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

  check(external.length === 0, `no request left the server (${external.slice(0, 3).join(", ")})`);
  check(blocked.length === 0, `the Content-Security-Policy blocked nothing (${blocked.slice(0, 3).join(" | ")})`);
} catch (e) {
  failures.push(String(e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} e2e failure(s):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("e2e: all checks passed; screenshots in " + shots);
