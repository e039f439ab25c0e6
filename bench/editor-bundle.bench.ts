/**
 * The editor page's JavaScript, from a production build's manifests (run `npm run build` first):
 * what the browser loads up front for /studio/[projectId]/files/[scriptId] (framework, shared and
 * route chunks, gzipped), and Monaco, which only that route loads, afterwards and on its own
 * (`dynamic(..., { ssr: false })`): its chunks and web workers. Target: the route's JavaScript
 * outside Monaco ≤ 250 KB gzipped. Also checks that no route's up-front JavaScript contains Monaco,
 * nor the flow view's graph library and layout engine (React Flow, ELK), which load when the
 * editor's Flow tab is opened; their size is printed too.
 *
 * Run: npx tsx bench/editor-bundle.bench.ts [path/to/.next]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const TARGET_KB = 250;
const EDITOR_ROUTE = "/studio/[projectId]/files/[scriptId]/page";
/** Strings only Monaco, its workers and monaco-yaml's language service contain. */
const MONACO_MARKERS = ["MonacoEnvironment", "editorSimpleWorker", "StandaloneCodeEditor", "monaco-editor", "yaml-language-server"];
/** Strings only React Flow and ELK contain. */
const FLOW_MARKERS = ["react-flow__pane", "org.eclipse.elk"];

const nextDir = path.resolve(process.argv[2] ?? ".next");
if (!existsSync(path.join(nextDir, "build-manifest.json"))) {
  console.error(`No production build in ${nextDir}: run \`npm run build\` first.`);
  process.exit(1);
}

interface BuildManifest {
  rootMainFiles: string[];
  polyfillFiles: string[];
}

interface ClientReferenceManifest {
  entryJSFiles: Record<string, string[]>;
}

const buildManifest = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as BuildManifest;

/** Every app route's client-reference manifest, by route ("/chat/page" → manifest). */
function routeManifests(): Map<string, ClientReferenceManifest> {
  const found = new Map<string, ClientReferenceManifest>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page_client-reference-manifest.js") {
        // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
        const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } };
        vm.runInNewContext(readFileSync(full, "utf8"), sandbox);
        for (const [route, manifest] of Object.entries(sandbox.globalThis.__RSC_MANIFEST ?? {})) found.set(route, manifest);
      }
    }
  };
  walk(path.join(nextDir, "server", "app"));
  return found;
}

const sizes = new Map<string, { raw: number; gzip: number; monaco: boolean; flow: boolean }>();
function sizeOf(file: string) {
  const key = file.replace(/^\/?_next\//, "");
  let known = sizes.get(key);
  if (!known) {
    const text = readFileSync(path.join(nextDir, key));
    const source = text.toString("utf8");
    known = {
      raw: text.length,
      gzip: gzipSync(text, { level: 9 }).length,
      monaco: MONACO_MARKERS.some((m) => source.includes(m)),
      flow: FLOW_MARKERS.some((m) => source.includes(m)),
    };
    sizes.set(key, known);
  }
  return known;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JavaScript a route loads before anything runs: the root main files, then the route's entry chunks. */
function upFront(manifest: ClientReferenceManifest, route: string): string[] {
  const files = new Set(buildManifest.rootMainFiles);
  for (const [entry, list] of Object.entries(manifest.entryJSFiles)) {
    if (entry.endsWith("/layout") || entry === `[project]/app${route.replace(/\/page$/, "")}/page` || entry.endsWith(route)) {
      for (const file of list) files.add(file);
    }
  }
  return [...files];
}

const manifests = routeManifests();
const editor = manifests.get(EDITOR_ROUTE);
if (!editor) {
  console.error(`The build has no ${EDITOR_ROUTE}.`);
  process.exit(1);
}

const editorFiles = upFront(editor, EDITOR_ROUTE);
const shared = new Set(buildManifest.rootMainFiles);
let total = 0;
let own = 0;
console.log(`Editor route ${EDITOR_ROUTE.replace(/\/page$/, "")}: JavaScript loaded up front (gzip -9)`);
for (const file of editorFiles) {
  const size = sizeOf(file);
  total += size.gzip;
  if (!shared.has(file)) own += size.gzip;
  console.log(
    `  ${file.padEnd(40)} ${kb(size.gzip).padStart(10)}  (${kb(size.raw)} raw)${shared.has(file) ? "  framework" : ""}${size.monaco ? "  MONACO!" : ""}${size.flow ? "  FLOW VIEW!" : ""}`,
  );
}
console.log(`  total ${kb(total)} (framework ${kb(total - own)}, layout + route ${kb(own)}); target ≤ ${TARGET_KB} KB: ${total <= TARGET_KB * 1024 ? "met" : "MISSED"}`);

// Monaco: every static chunk with its markers (loaded after the page, by the editor route only),
// split into the main thread's part and the web workers (Turbopack names each worker's chunks
// beside its `turbopack-worker-*.js` bootstrap).
const chunkDir = path.join(nextDir, "static", "chunks");
const workers: string[][] = [];
const monacoChunks: string[] = [];
for (const name of readdirSync(chunkDir)) {
  if (!name.endsWith(".js")) continue;
  const file = `static/chunks/${name}`;
  if (!sizeOf(file).monaco) continue;
  monacoChunks.push(file);
  const source = readFileSync(path.join(chunkDir, name), "utf8");
  for (const match of source.matchAll(/turbopack-worker-[\w-]+\.js",(\[[^\]]*\])/g)) workers.push(JSON.parse(match[1]!) as string[]);
}
const inWorkers = new Set(workers.flat());
const mainThread = monacoChunks.filter((file) => !inWorkers.has(file));
const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + sizeOf(file).gzip, 0);
console.log(`Monaco, loaded afterwards by the editor route only (gzip -9):`);
console.log(`  main thread (editor, YAML language, monaco-yaml client): ${kb(sum(mainThread))} in ${mainThread.map((f) => path.basename(f)).join(", ")}`);
workers.forEach((list, index) => {
  const files = list.filter((file) => !shared.has(file) && !file.includes("turbopack-"));
  console.log(`  web worker ${index + 1}: ${kb(sum(files))} in ${files.map((f) => path.basename(f)).join(", ")}`);
});

const flowChunks = readdirSync(chunkDir)
  .filter((name) => name.endsWith(".js") && sizeOf(`static/chunks/${name}`).flow)
  .map((name) => `static/chunks/${name}`);
console.log(`Flow view (React Flow + ELK), loaded when the Flow tab is opened (gzip -9): ${kb(sum(flowChunks))} in ${flowChunks.map((f) => path.basename(f)).join(", ")}`);

// No route loads Monaco or the flow view up front.
const leaks: string[] = [];
console.log("Up-front JavaScript of every route (gzip -9):");
for (const [route, manifest] of [...manifests.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const files = upFront(manifest, route);
  const bytes = files.reduce((sum, file) => sum + sizeOf(file).gzip, 0);
  const monaco = files.filter((file) => sizeOf(file).monaco || sizeOf(file).flow);
  if (monaco.length) leaks.push(`${route}: ${monaco.join(", ")}`);
  console.log(`  ${route.replace(/\/page$/, "") || "/"}`.padEnd(48) + kb(bytes).padStart(10));
}
if (leaks.length) {
  console.log(`Monaco or the flow view is loaded up front by: ${leaks.join("; ")}`);
  process.exitCode = 1;
} else {
  console.log("No route loads Monaco or the flow view up front.");
}
