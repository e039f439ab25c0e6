export * from "./format";
export { runGoldenConversation, type GoldenResult, type TranscriptLine } from "./run";
