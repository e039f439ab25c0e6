/** A unified diff as rows with old and new line numbers, for a readable table. */

export interface DiffRow {
  kind: "file" | "hunk" | "add" | "remove" | "context" | "note";
  oldLine: number | null;
  newLine: number | null;
  text: string;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

export function parseUnifiedDiff(unified: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const lines = unified.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      rows.push({ kind: "hunk", oldLine: null, newLine: null, text: line });
      continue;
    }
    if (!inHunk) {
      if (line.startsWith("---") || line.startsWith("+++") || line.startsWith("Index:") || line.startsWith("====")) {
        rows.push({ kind: "file", oldLine: null, newLine: null, text: line });
      }
      continue;
    }
    if (line.startsWith("+")) rows.push({ kind: "add", oldLine: null, newLine: newLine++, text: line.slice(1) });
    else if (line.startsWith("-")) rows.push({ kind: "remove", oldLine: oldLine++, newLine: null, text: line.slice(1) });
    else if (line.startsWith("\\")) rows.push({ kind: "note", oldLine: null, newLine: null, text: line });
    else rows.push({ kind: "context", oldLine: oldLine++, newLine: newLine++, text: line.startsWith(" ") ? line.slice(1) : line });
  }
  return rows;
}
