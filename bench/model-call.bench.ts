/**
 * CPU per model call through the LLM port (server/llm), in process, against the fake
 * OpenAI-compatible server on loopback: a streamed reply (compose) and a structured call
 * (classifyRisk), each next to the provider model's own `doStream` / `doGenerate` for the same
 * request, so the port's overhead over the provider shows on its own. The fake runs in this
 * process too, so every figure includes its share; compare the rows, not the absolute values.
 *
 *   npx tsx bench/model-call.bench.ts
 * Settings: CALLS (400 per kind), ROUNDS (3).
 */
import { createOpenAI } from "@ai-sdk/openai";
import { createAiSdkLlm } from "../server/llm/ai-sdk-llm";
import { startFakeOpenAiServer } from "../tests/support/fake-openai-server";
import { percentile } from "./stats";

const CALLS = Number(process.env.CALLS ?? 400);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const fake = await startFakeOpenAiServer({
  script: (request) =>
    request.stream ? { type: "text", text: ["Thank ", "you ", "for ", "telling ", "me."] } : { type: "json", value: { level: "none", category: "none", rationale: "ordinary reply" } },
});
const model = createOpenAI({ apiKey: "bench", baseURL: fake.baseURL }).chat("fake");
const llm = createAiSdkLlm({ model, modelName: "fake" });
const prompt = { system: "You are a counsellor.", messages: [{ role: "user" as const, content: "I had a long week." }] };

async function compose(): Promise<void> {
  for await (const delta of llm.compose({ purpose: "say", prompt, fallbackText: "" })) void delta;
}

async function classify(): Promise<void> {
  await llm.classifyRisk?.({ prompt, text: "I had a long week." });
}

async function providerStream(): Promise<void> {
  const { stream } = await model.doStream({ prompt: [{ role: "system", content: prompt.system }, { role: "user", content: [{ type: "text", text: "I had a long week." }] }] });
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

async function providerGenerate(): Promise<void> {
  await model.doGenerate({
    prompt: [{ role: "system", content: prompt.system }, { role: "user", content: [{ type: "text", text: "I had a long week." }] }],
    responseFormat: { type: "json", name: "classify_risk", schema: { type: "object", properties: {}, additionalProperties: false } },
  });
}

/** CPU ms (user + system) per call, calls made one after another. */
async function cpuPerCall(call: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 50; i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / CALLS;
}

const kinds = { "compose (port)": compose, "doStream (provider)": providerStream, "classifyRisk (port)": classify, "doGenerate (provider)": providerGenerate };
const results = new Map<string, number[]>(Object.keys(kinds).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of Object.entries(kinds)) results.get(name)?.push(await cpuPerCall(call));
}
await fake.close();
console.log(`CPU per model call, ${CALLS} calls × ${ROUNDS} rounds (the in-process fake server included):`);
for (const [name, values] of results) {
  console.log(`  ${name.padEnd(24)} median ${percentile(values, 0.5).toFixed(3)} ms (${values.map((v) => v.toFixed(3)).join(", ")})`);
}
