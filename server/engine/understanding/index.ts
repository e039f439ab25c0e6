export { readReply } from "./read-reply";
export { extractDuration } from "./durations";
export * from "./types";
export { correctedPart, namedSummaryPart } from "./summary-part";
