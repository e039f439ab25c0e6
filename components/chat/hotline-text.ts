/**
 * Bot messages list crisis lines as text ("• 988 Suicide & Crisis Lifeline: call or text 988 (…)"),
 * the form that is stored and read in review. The chat shows those lines as a card with Call and
 * Text links instead: a bullet line is taken as a crisis line only when it is exactly how the
 * engine writes one of the known lines, so a script's own bullets stay text.
 */
import { CRISIS_LINES, formatCrisisLine, type CrisisLine } from "@/server/engine/safety/crisis-lines";

export type MessagePart = { kind: "text"; text: string } | { kind: "lines"; lines: CrisisLine[] };

const BULLET = "• ";

const KNOWN = new Map<string, CrisisLine>(
  CRISIS_LINES.flatMap((line) => [
    [`${BULLET}${formatCrisisLine(line, "en")}`, line] as const,
    [`${BULLET}${formatCrisisLine(line, "zh")}`, line] as const,
  ]),
);

/** A message's text with each run of known crisis-line bullets turned into one `lines` part. */
export function splitHotlines(text: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length > 0) parts.push({ kind: "text", text: prose.join("\n") });
    prose = [];
  };
  for (const row of text.split("\n")) {
    const line = KNOWN.get(row.trim());
    if (!line) {
      prose.push(row);
      continue;
    }
    flushProse();
    const previous = parts.at(-1);
    if (previous?.kind === "lines") previous.lines.push(line);
    else parts.push({ kind: "lines", lines: [line] });
  }
  flushProse();
  return parts;
}
