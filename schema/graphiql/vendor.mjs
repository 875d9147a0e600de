// Re-vendors GraphiQL into static/vendor/ from the npm registry.
//
//     node schema/graphiql/vendor.mjs        (or: make graphiql-assets)
//
// Installs exactly what package-lock.json pins (npm ci, no install scripts) in a
// temporary folder, copies the built browser files listed in FILES unchanged,
// writes every installed package's licence to THIRD-PARTY-NOTICES.txt and the
// versions and SHA-256 of the copied files to manifest.json. Nothing is left in
// the repository but static/vendor/. See README.md in this folder.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "static", "vendor");

// [npm package, file in the package, name served under /graphiql/static/vendor/]
const FILES = [
  ["react", "umd/react.production.min.js", "react.production.min.js"],
  ["react-dom", "umd/react-dom.production.min.js", "react-dom.production.min.js"],
  ["graphiql", "graphiql.min.js", "graphiql.min.js"],
  ["graphiql", "graphiql.min.css", "graphiql.min.css"],
  ["@graphiql/plugin-explorer", "dist/index.umd.js", "plugin-explorer.umd.js"],
  ["@graphiql/plugin-explorer", "dist/style.css", "plugin-explorer.css"],
];
const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;

function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function licenceText(dir) {
  const name = fs.readdirSync(dir).find((entry) => LICENCE_FILE.test(entry));
  return name ? fs.readFileSync(path.join(dir, name), "utf8").trim() : null;
}

function notices(work, lock) {
  const sections = [];
  const entries = Object.entries(lock.packages).filter(([key]) => key.startsWith("node_modules/"));
  for (const [key] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const dir = path.join(work, key);
    if (!fs.existsSync(path.join(dir, "package.json"))) continue; // optional, not installed on this platform
    const pkg = readJson(path.join(dir, "package.json"));
    const licence = typeof pkg.license === "string" ? pkg.license : JSON.stringify(pkg.license ?? "UNKNOWN");
    const text = licenceText(dir) ?? `(the package ships no licence file; its package.json declares ${licence})`;
    sections.push(`${pkg.name}@${pkg.version} — ${licence}\n\n${text}\n`);
  }
  const header =
    "Third-party software in this folder\n" +
    "===================================\n\n" +
    "The files here are copied unchanged from the npm packages pinned in\n" +
    "schema/graphiql/package-lock.json (see manifest.json). The bundles include\n" +
    "code of the packages those depend on. Below is the licence of every package\n" +
    "that npm installs for them.\n";
  return [header, ...sections].join(`\n${"-".repeat(78)}\n\n`);
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cettar-graphiql-"));
  try {
    for (const name of ["package.json", "package-lock.json"]) {
      fs.copyFileSync(path.join(here, name), path.join(work, name));
    }
    execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: work, stdio: "inherit" });
    const lock = readJson(path.join(work, "package-lock.json"));
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const manifest = {
      generatedBy: "schema/graphiql/vendor.mjs — do not edit these files by hand",
      packages: {},
      files: {},
    };
    for (const [pkg, from, name] of FILES) {
      const entry = lock.packages[`node_modules/${pkg}`];
      const data = fs.readFileSync(path.join(work, "node_modules", pkg, from));
      fs.writeFileSync(path.join(out, name), data);
      manifest.packages[pkg] = { version: entry.version, integrity: entry.integrity };
      manifest.files[name] = { package: pkg, from, bytes: data.length, sha256: sha256(data) };
    }
    fs.writeFileSync(path.join(out, "THIRD-PARTY-NOTICES.txt"), notices(work, lock));
    fs.writeFileSync(path.join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const [name, file] of Object.entries(manifest.files)) {
      console.log(`${String(file.bytes).padStart(9)}  ${name}  (${file.package}@${manifest.packages[file.package].version})`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
