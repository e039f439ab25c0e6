import { createHash } from "node:crypto";
import { readYamlFiles } from "../lib/yaml-files";
import { compileProject } from "../engine/project";
import type { PrismaClient } from "../db/generated/client";

/**
 * Imports the example scripts shipped in `scripts/` into a default project, idempotently:
 * a file already imported with the same content is left alone, a changed shipped file becomes a
 * new version only while nobody has edited its draft, and an author's own work is never touched.
 */

export const DEFAULT_PROJECT = { slug: "default", name: "Heartline examples" } as const;

export interface SeedReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Files that do not compile: path and how many errors, never their content. */
  rejected: { path: string; errors: number }[];
}

interface ShippedFile {
  relativePath: string;
  yaml: string;
  hash: string;
}

async function readShippedFiles(dir: string): Promise<ShippedFile[]> {
  const files = await readYamlFiles(dir);
  return files.map((file) => ({
    relativePath: file.path,
    yaml: file.text,
    hash: createHash("sha256").update(file.text).digest("hex"),
  }));
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

export async function seedExampleScripts(prisma: PrismaClient, scriptsDir: string): Promise<SeedReport> {
  const report: SeedReport = { created: [], updated: [], unchanged: [], rejected: [] };
  const files = await readShippedFiles(scriptsDir);
  if (files.length === 0) return report;

  const project = await prisma.project.upsert({
    where: { slug: DEFAULT_PROJECT.slug },
    create: { slug: DEFAULT_PROJECT.slug, name: DEFAULT_PROJECT.name },
    update: {},
  });

  const { results } = compileProject(files.map((file) => ({ path: file.relativePath, text: file.yaml })));
  for (const file of files) {
    const result = results.get(file.relativePath);
    if (!result) continue;
    if (!result.ok) {
      report.rejected.push({
        path: file.relativePath,
        errors: result.diagnostics.filter((d) => d.severity === "error").length,
      });
      continue;
    }
    const { script: compiled } = result;
    try {
      const outcome = await prisma.$transaction(async (tx) => {
        const existing = await tx.script.findUnique({
          where: { projectId_path: { projectId: project.id, path: file.relativePath } },
          include: { versions: { orderBy: { number: "desc" }, take: 1 } },
        });
        if (!existing) {
          await tx.script.create({
            data: {
              projectId: project.id,
              path: file.relativePath,
              kind: compiled.kind,
              scriptKey: compiled.key,
              draftYaml: file.yaml,
              versions: {
                create: { number: 1, yaml: file.yaml, compiled: toJson(compiled), contentHash: file.hash, note: "Shipped example" },
              },
            },
          });
          return "created" as const;
        }
        const latest = existing.versions[0];
        if (latest?.contentHash === file.hash) return "unchanged" as const;
        // Someone has edited the draft since: their work wins over the shipped file.
        if (existing.deletedAt || (latest && existing.draftYaml !== latest.yaml)) return "unchanged" as const;
        await tx.script.update({
          where: { id: existing.id },
          data: {
            draftYaml: file.yaml,
            draftRevision: { increment: 1 },
            kind: compiled.kind,
            scriptKey: compiled.key,
            versions: {
              create: {
                number: (latest?.number ?? 0) + 1,
                yaml: file.yaml,
                compiled: toJson(compiled),
                contentHash: file.hash,
                note: "Updated shipped example",
              },
            },
          },
        });
        return "updated" as const;
      });
      report[outcome].push(file.relativePath);
    } catch (error) {
      // Another instance seeded the same file at the same moment: theirs stands.
      if (isUniqueViolation(error)) report.unchanged.push(file.relativePath);
      else throw error;
    }
  }
  return report;
}

/** Compiled scripts are plain JSON by contract; this narrows the type for Prisma's Json column. */
function toJson(value: unknown): object {
  return JSON.parse(JSON.stringify(value)) as object;
}
