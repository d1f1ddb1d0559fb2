// End-to-end check of `lookout watch`'s dashboard in Debian's chromium (playwright-core): the
// page loads in watch mode, then an alert raised by a feed replayed after the page loaded
// appears in the alerts panel without a reload; the live positions layer and the feed health
// table follow the feed; acknowledging needs the token.
// Usage: node e2e/watch.mjs BASE_URL TOKEN SCREENSHOT_DIR   (prints READY once the page is up;
// the caller then starts the replay). CHROMIUM overrides /usr/bin/chromium.
import { join } from "node:path";
import { args, run } from "./harness.mjs";

const [base, token, shots] = args("node e2e/watch.mjs BASE_URL TOKEN SCREENSHOT_DIR");
await run("watch e2e", shots, async (page, check) => {
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready], body[data-error]", { state: "attached" });
  check(!(await page.getAttribute("body", "data-error")), "page loads without error");
  // A mark that a reload would erase.
  await page.evaluate(() => { window.loadedOnce = true; });
  await page.click("nav button[data-tab=alerts]");
  await page.waitForSelector("#feed-table tr.feed");
  check((await page.locator("#alerts-list tr.alert").count()) === 0, "no alert before the feed runs");
  console.log("READY");

  // The replay starts now; the alert arrives over server-sent events.
  await page.waitForSelector("#alerts-list tr.alert", { timeout: 180000 });
  const dark = page.locator("#alerts-list tr.alert", { hasText: "dark-near-rajin" }).filter({ hasText: "MAIA-1" }).first();
  await dark.waitFor({ timeout: 180000 });
  const row = await dark.innerText();
  // Pin the row by its alert id: the replay goes on, and a newer alert of the same rule and
  // vessel sorts above this one.
  const pinned = page.locator(`#alerts-list tr.alert[title=${JSON.stringify(await dark.getAttribute("title"))}]`);
  check(row.includes("MAIA-1") && row.includes("gap"), `alerts panel shows: ${row.replace(/\s+/g, " ")}`);
  check(await page.evaluate(() => window.loadedOnce === true), "without reloading the page");
  check(Number(await page.locator("#alert-count").innerText()) > 0, "the tab counts the alerts");
  await page.waitForFunction(() => document.querySelectorAll("path.live-position").length > 0).catch(() => {});
  const live = await page.locator("path.live-position").count();
  check(live > 0, `live positions on the map (${live})`);
  const feed = await page.locator("#feed-table tr.feed").first().innerText();
  check(/reading/.test(feed) && /\d{3,}/.test(feed), `feed health: ${feed.replace(/\s+/g, " ")}`);
  await page.screenshot({ path: join(shots, "11-watch-alert.png") });

  // Acknowledging: refused without the token, done with it.
  await pinned.locator("button.ack").click();
  await page.waitForSelector("#alert-result.error");
  check((await page.locator("#alert-result").innerText()).startsWith("401"), "acknowledging without the token is refused");
  await page.fill("#token", token);
  await pinned.locator("button.ack").click();
  await page.waitForSelector("#alert-result.ok");
  check((await page.locator("#alert-result").innerText()).startsWith("acknowledged"), "acknowledged with the token");
  check((await pinned.innerText()).includes("acknowledged"), "the row says so");
  await page.screenshot({ path: join(shots, "12-watch-acknowledged.png") });
});
