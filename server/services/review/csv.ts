/**
 * CSV (RFC 4180) for spreadsheet users: every field quoted when it holds a quote, comma, or line
 * break, quotes doubled, CRLF line ends, and cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) prefixed with an apostrophe.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * The bytes of a CSV download: UTF-8 with a byte-order mark first, so spreadsheet programs (Excel
 * in particular) read Chinese variable names and client text as UTF-8 instead of the local code page.
 */
export function csvDownload(csv: string): string {
  return `\uFEFF${csv}`;
}
