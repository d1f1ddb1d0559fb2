// Bundles src/main.js (with Leaflet and its CSS) into dist/, next to index.html.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outdir: "dist",
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  logLevel: "warning",
});
copyFileSync("index.html", "dist/index.html");
