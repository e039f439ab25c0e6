/**
 * Safety-event evidence as stored ([{start, end, text, rule}] on the client message), read
 * defensively: rows written by older code or other sources may differ, and a span is only placed
 * in a message when its offsets really point at its text there.
 */

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
  rule: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The well-formed spans of a stored evidence value (anything else is dropped). */
export function readEvidence(value: unknown): EvidenceSpan[] {
  if (!Array.isArray(value)) return [];
  const spans: EvidenceSpan[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const { start, end, text, rule } = item;
    if (typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) continue;
    spans.push({ start, end, text: typeof text === "string" ? text : "", rule: typeof rule === "string" ? rule : "" });
  }
  return spans;
}

/**
 * Where a span sits in the message text: its own offsets when they match its text (or when it has
 * no text to compare), else the first occurrence of its text, else nowhere (null).
 */
export function placeSpan(messageText: string, span: EvidenceSpan): { start: number; end: number } | null {
  if (span.end <= messageText.length && (!span.text || messageText.slice(span.start, span.end) === span.text)) {
    return { start: span.start, end: span.end };
  }
  if (span.text) {
    const at = messageText.indexOf(span.text);
    if (at >= 0) return { start: at, end: at + span.text.length };
  }
  return null;
}
