import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface YamlFile {
  /** Relative to the folder read, with forward slashes. */
  path: string;
  text: string;
}

const SKIPPED = new Set(["node_modules", ".git", ".next"]);

/** Every .yaml/.yml file under `root`, sorted by path; a missing folder gives none. */
export async function readYamlFiles(root: string): Promise<YamlFile[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) await walk(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) found.push(full);
    }
  }
  await walk(root);
  found.sort();
  return Promise.all(
    found.map(async (full) => ({ path: path.relative(root, full).split(path.sep).join("/"), text: await readFile(full, "utf8") })),
  );
}
