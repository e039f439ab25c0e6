/** Runs golden conversations against the engine and says, step by step, what did not hold. */
import { isDeepStrictEqual } from "node:util";
import type { CompiledScript, CompiledTechniqueScript, CompiledTrigger } from "../script";
import type { LlmPort } from "../llm/port";
import { collect, engineVariable, isEngineVariable, PROTOCOL_ACTION_ID, start, turn, type EngineEvent, type SessionState } from "../runtime";
import type { GoldenConversation, GoldenStep } from "./format";

export interface TranscriptLine {
  role: "client" | "bot";
  text: string;
}

export interface GoldenResult {
  name: string;
  passed: boolean;
  failures: string[];
  transcript: TranscriptLine[];
  state: SessionState | null;
}

function lookup(state: SessionState, name: string): unknown {
  if (isEngineVariable(name)) return engineVariable(state, name);
  const frame = state.stack[state.stack.length - 1];
  const scoped = frame?.locals?.[name] ?? state.variables.topic[name] ?? state.variables.phase[name] ?? state.variables.session[name];
  return scoped?.value;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function checkStep(step: GoldenStep, index: number, events: EngineEvent[], messages: string[], state: SessionState): string[] {
  const failures: string[] = [];
  const where = `step ${index + 1}${step.client !== undefined ? ` (client: "${step.client.slice(0, 40)}")` : " (start)"}`;
  const text = messages.join("\n");
  let from = 0;
  for (const expected of asList(step.bot)) {
    const at = text.toLowerCase().indexOf(expected.toLowerCase(), from);
    if (at < 0) failures.push(`${where}: the bot did not say "${expected}"${from > 0 ? " after the earlier expected text" : ""}. It said: ${JSON.stringify(text)}`);
    else from = at + expected.length;
  }
  for (const forbidden of step.bot_not ?? []) {
    if (text.toLowerCase().includes(forbidden.toLowerCase())) failures.push(`${where}: the bot said "${forbidden}", which it must not.`);
  }
  if (step.messages !== undefined && messages.length !== step.messages) {
    failures.push(`${where}: expected ${step.messages} bot message(s), got ${messages.length}.`);
  }
  for (const [name, expected] of Object.entries(step.variables ?? {})) {
    const actual = lookup(state, name);
    if (!isDeepStrictEqual(actual, expected)) failures.push(`${where}: variable ${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}.`);
  }
  for (const name of step.unset ?? []) {
    const actual = lookup(state, name);
    if (actual !== undefined) failures.push(`${where}: variable ${name} should be unset, is ${JSON.stringify(actual)}.`);
  }
  const reached = new Set(events.flatMap((e) => (e.type === "position" ? [e.actionId] : [])));
  for (const actionId of asList(step.reached)) {
    if (!reached.has(actionId)) failures.push(`${where}: action ${actionId} was not reached (reached: ${[...reached].join(", ") || "none"}).`);
  }
  if (step.unfilled) {
    const unfilled = events.flatMap((e) => (e.type === "action-complete" ? (e.unfilled ?? []) : []));
    if (!isDeepStrictEqual([...unfilled].sort(), [...step.unfilled].sort())) {
      failures.push(`${where}: unfilled fields ${JSON.stringify(unfilled)}, expected ${JSON.stringify(step.unfilled)}.`);
    }
  }
  if (step.safety && state.risk.level !== step.safety) failures.push(`${where}: risk level is ${state.risk.level}, expected ${step.safety}.`);
  if (step.safety_action) {
    const actions = events.flatMap((e) => (e.type === "safety" && e.action ? [e.action] : []));
    if (!actions.includes(step.safety_action)) failures.push(`${where}: no safety event with action ${step.safety_action} (actions: ${actions.join(", ") || "none"}).`);
  }
  return failures;
}

/** The actions that speak for the safety protocol: the built-in one, and those of what safety triggers run. */
function protocolActions(script: CompiledScript, techniques: Record<string, CompiledTechniqueScript>, triggers: readonly CompiledTrigger[]): Set<string> {
  const ids = new Set([PROTOCOL_ACTION_ID]);
  for (const trigger of triggers) {
    const topic = trigger.run.skill
      ? techniques[trigger.run.skill]?.technique.topic
      : script.kind === "session"
        ? script.session.phases.flatMap((p) => p.topics).find((t) => t.topic_id === trigger.run.topic)
        : undefined;
    for (const action of topic?.actions ?? []) ids.add(action.action_id);
  }
  return ids;
}

/** The questions in a message: its sentences that end with a question mark. */
function questionsIn(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[?？]$/u.test(sentence));
}

export async function runGoldenConversation(
  conversation: GoldenConversation,
  setup: {
    script: CompiledScript;
    techniques: Record<string, CompiledTechniqueScript>;
    llm: LlmPort;
    scriptVersion?: string;
    safety?: { safetyTriggers: CompiledTrigger[]; crisisKeywords: string[] };
  },
): Promise<GoldenResult> {
  const safety = conversation.project_triggers === false ? undefined : setup.safety;
  const options = {
    llm: setup.llm,
    scriptVersion: setup.scriptVersion ?? "golden",
    techniques: setup.techniques,
    ...(safety ?? {}),
    ...(conversation.language ? { language: conversation.language } : {}),
  };
  const failures: string[] = [];
  const transcript: TranscriptLine[] = [];
  let state: SessionState | null = null;
  const protocol = protocolActions(setup.script, setup.techniques, [...(setup.script.kind === "session" ? setup.script.triggers : []), ...(safety?.safetyTriggers ?? [])]);
  const askedBy = new Map<string, number>();

  for (const [index, step] of conversation.steps.entries()) {
    if (index === 0 && step.client !== undefined) {
      // The session must start before the first client message.
      const started = await collect(start(setup.script, options));
      state = started.state;
      for (const text of started.messages) transcript.push({ role: "bot", text });
    }
    if (index > 0 && step.client === undefined) {
      failures.push(`step ${index + 1}: only the first step may leave out \`client\` (it is what the bot says at the start).`);
      break;
    }
    if (state?.status === "complete" && step.client !== undefined) {
      failures.push(`step ${index + 1}: the session had already ended before the client said "${step.client}".`);
      break;
    }
    const run = step.client === undefined || state === null ? start(setup.script, options) : turn(setup.script, state, step.client, options);
    if (step.client !== undefined) transcript.push({ role: "client", text: step.client });
    const { events, messages, state: next } = await collect(run);
    state = next;
    for (const text of messages) transcript.push({ role: "bot", text });
    failures.push(...checkStep(step, index, events, messages, next));
    if (conversation.no_repeated_questions) {
      for (const event of events) {
        if (event.type !== "message-end" || !protocol.has(event.actionId)) continue;
        for (const question of questionsIn(event.text)) {
          const first = askedBy.get(question);
          if (first !== undefined) failures.push(`step ${index + 1}: the safety protocol asked again, word for word, what it asked at step ${first}: "${question}"`);
          else askedBy.set(question, index + 1);
        }
      }
    }
  }

  if (state) {
    if (conversation.complete !== undefined && (state.status === "complete") !== conversation.complete) {
      failures.push(conversation.complete ? "the session did not complete after the last step." : "the session completed, but should still be running.");
    }
    for (const [name, expected] of Object.entries(conversation.variables ?? {})) {
      const actual = lookup(state, name);
      if (!isDeepStrictEqual(actual, expected)) failures.push(`at the end: variable ${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}.`);
    }
  }
  return { name: conversation.name, passed: failures.length === 0, failures, transcript, state };
}
