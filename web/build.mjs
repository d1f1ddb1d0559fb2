// Bundles src/main.js (with Leaflet and its CSS) into OUT_DIR (default dist/) with index.html.
// crates/lookout-server/build.rs runs it with cargo's OUT_DIR and embeds the result.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] || "dist";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outdir: out,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  logLevel: "warning",
});
copyFileSync("index.html", join(out, "index.html"));
