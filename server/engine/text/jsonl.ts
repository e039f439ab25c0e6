/**
 * JSON Lines with a line parser that returns the record or what is wrong with it: blank lines are
 * skipped, and the first bad line throws `<source> line N: …`. Used by the labelled corpora.
 */
export function parseJsonLines<T>(jsonl: string, source: string, parseLine: (line: string) => T | string): T[] {
  const records: T[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = parseLine(line);
    if (typeof parsed === "string") throw new Error(`${source} line ${index + 1}: ${parsed}`);
    records.push(parsed);
  });
  return records;
}

/** One line as a JSON object, or what is wrong with it ("not valid JSON (…)", "expected a JSON object"). */
export function parseJsonObject(line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object";
  return value as Record<string, unknown>;
}
