export { readReply } from "./read-reply";
export { extractDuration } from "./values";
export * from "./types";
export { correctedPart, namedSummaryPart } from "./summary-part";
