export { readReply, valueFor } from "./read-reply";
export { extractName } from "./names";
export { extractChoice, extractDuration, extractOption, extractRating } from "./values";
export * from "./types";
export { correctedPart, namedSummaryPart } from "./summary-part";
