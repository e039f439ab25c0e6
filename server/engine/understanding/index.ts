export { readReply, valueFor } from "./read-reply";
export { extractChoice, extractDuration, extractName, extractOption, extractRating } from "./values";
export * from "./types";
export { correctedPart, namedSummaryPart } from "./summary-part";
