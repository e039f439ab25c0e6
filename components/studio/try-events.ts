/** Engine events as one readable line each, for the try-it inspector. */

type Json = unknown;

export interface EventLike {
  type: string;
  [key: string]: Json;
}

function text(value: Json): string {
  return typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
}

function quote(value: string, max = 90): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

export function formatValue(value: Json): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

/** Where the engine is: "opening › welcome › ask_name (round 1)". */
export function formatPosition(p: { phaseId?: Json; topicId?: Json; actionId?: Json; round?: Json; skill?: Json }): string {
  const path = [p.phaseId, p.topicId, p.actionId].filter((part) => typeof part === "string" && part).join(" › ");
  const extra = [typeof p.skill === "string" && p.skill ? `in ${p.skill}` : "", typeof p.round === "number" && p.round > 0 ? `round ${p.round}` : ""].filter(Boolean);
  return `${path || "—"}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

/** One line for an event; null for events that only repeat another (text deltas). */
export function describeEvent(event: EventLike): string | null {
  switch (event.type) {
    case "text-delta":
      return null;
    case "message-start":
      return `${text(event.actionId)} starts a message (${text(event.purpose)})`;
    case "message-end":
      return `${text(event.actionId)} says ${quote(text(event.text))}`;
    case "variable-set":
      return `${text(event.name)} = ${formatValue(event.value)} (${text(event.scope)}, from ${text(event.source)})`;
    case "action-complete": {
      const unfilled = Array.isArray(event.unfilled) && event.unfilled.length ? `; unfilled: ${event.unfilled.join(", ")}` : "";
      return `${text(event.actionId)} complete: ${text(event.reason).replaceAll("_", " ")}${unfilled}`;
    }
    case "position":
      return `at ${formatPosition(event as Parameters<typeof formatPosition>[0])}`;
    case "safety": {
      const details = [event.source, event.action].filter((v) => typeof v === "string" && v).join(", ");
      return `risk ${text(event.level)}: ${text(event.reason)}${details ? ` (${details})` : ""}`;
    }
    case "awaiting-input": {
      const labels = Array.isArray(event.options)
        ? event.options.flatMap((o: Json) => (o && typeof o === "object" && "label" in o && typeof o.label === "string" ? [o.label] : []))
        : [];
      return labels.length ? `waits for the client (quick replies: ${labels.join(" · ")})` : "waits for the client";
    }
    case "session-complete":
      return "the session is complete";
    default:
      return JSON.stringify(event);
  }
}
