// What both end-to-end scripts share: argument checks, Debian's chromium with a throw-away
// profile (CHROMIUM overrides /usr/bin/chromium), a `check` that records failures, and the
// exit that reports them.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The script's arguments `BASE_URL TOKEN SCREENSHOT_DIR [...]`, or exit 2 with its usage. */
export function args(usage) {
  const argv = process.argv.slice(2);
  if (argv.length < 3 || argv.slice(0, 3).some((a) => !a)) {
    console.error("usage: " + usage);
    process.exit(2);
  }
  mkdirSync(argv[2], { recursive: true });
  return argv;
}

/**
 * Runs `body(page, check)` in a fresh headless chromium, then closes it, prints the failures
 * and exits 1 if there were any (a thrown error counts as one).
 */
export async function run(name, shots, body) {
  const profile = mkdtempSync(join(tmpdir(), `lookout-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 850 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(30000);
    page.on("pageerror", (e) => failures.push("page error: " + e.message));
    await body(page, check);
  } catch (e) {
    failures.push(String(e));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`${failures.length} ${name} failure(s):\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`${name}: all checks passed; screenshots in ${shots}`);
}
