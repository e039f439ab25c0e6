export * from "./format";
export { runGoldenConversation } from "./run";
