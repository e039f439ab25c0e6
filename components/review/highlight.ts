/** Splits a message into plain and highlighted parts for evidence spans ([start, end) offsets, may overlap). */

export interface HighlightSpan {
  start: number;
  end: number;
  rule: string;
}

export interface TextSegment {
  text: string;
  /** Rules of the spans covering this part; empty for plain text. */
  rules: string[];
}

export function highlightSegments(text: string, spans: readonly HighlightSpan[]): TextSegment[] {
  const valid = spans
    .map((span) => ({ ...span, start: Math.max(0, span.start), end: Math.min(text.length, span.end) }))
    .filter((span) => span.end > span.start);
  if (!valid.length) return text ? [{ text, rules: [] }] : [];
  const cuts = [...new Set([0, text.length, ...valid.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const rules = [...new Set(valid.filter((span) => span.start <= from && span.end >= to).map((span) => span.rule))];
    const previous = segments.at(-1);
    // Neighbours covered by the same rules read as one mark.
    if (previous && previous.rules.join("\u0000") === rules.join("\u0000")) previous.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), rules });
  }
  return segments;
}
