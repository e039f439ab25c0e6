"use client";

/**
 * Importing a zip archive into the project through the import endpoint (a binary upload, so not
 * tRPC), and the notice that says what it changed and what it skipped.
 */
import { useState } from "react";
import { errorMessage } from "./errors";
import type { FilesNotice } from "./files-notice";

interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  skipped: { path: string; reason: string }[];
}

interface ZipImportOptions {
  projectId: string;
  setNotice(notice: FilesNotice | null): void;
  onImported(): void;
}

export function useZipImport({ projectId, setNotice, onImported }: ZipImportOptions) {
  const [importing, setImporting] = useState(false);

  const importZip = async (file: File) => {
    setImporting(true);
    setNotice(null);
    try {
      const response = await fetch(`/api/studio/projects/${encodeURIComponent(projectId)}/import`, {
        method: "POST",
        headers: { "Content-Type": "application/zip" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as (Partial<ImportReport> & { error?: string }) | null;
      if (!response.ok || !body) {
        setNotice({ tone: "error", text: `The import failed: ${body?.error ?? `the server answered ${response.status}`}` });
        return;
      }
      const created = body.created ?? [];
      const updated = body.updated ?? [];
      const unchanged = body.unchanged ?? [];
      const skipped = body.skipped ?? [];
      setNotice({
        tone: skipped.length ? "error" : "info",
        text: `Imported ${file.name}: ${created.length} new, ${updated.length} updated, ${unchanged.length} unchanged${skipped.length ? `, ${skipped.length} skipped` : ""}. Imported files are drafts until you publish them.`,
        details: skipped.map((s) => `${s.path}: ${s.reason}`),
      });
      onImported();
    } catch (error) {
      setNotice({ tone: "error", text: `The import failed: ${errorMessage(error)}` });
    } finally {
      setImporting(false);
    }
  };

  return { importing, importZip };
}
