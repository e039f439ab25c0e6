/**
 * The editor's server side against a real database: live analysis of a draft (diagnostics at the
 * right place, outline, variables, placeholders; use_skill checked against the project's own
 * drafts) and the try-it panel (a throwaway conversation on the unsaved draft, in template mode
 * and in model mode through the real provider against the fake OpenAI server), with project
 * access checks. Nothing of a try-it run is stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Platform } from "@/server/platform";
import type { EngineEvent, SessionState } from "@/server/engine/runtime";
import { clearProjectDraftCache } from "@/server/services/studio/editor/project-drafts";
import { callerFor, testPlatform } from "../support/test-platform";
import { errorOf, signedInCookies } from "../support/auth";
import { setUpTestDatabase } from "../support/set-up-test-database";
import { purposeOf, requestedFields, startFakeOpenAiServer, type FakeOpenAiServer, type FakeReply } from "../support/fake-openai-server";

const testDb = setUpTestDatabase({ examples: true });
let projectA: string;
let projectB: string;
let cookies: { authorA: string; authorB: string; admin: string };

const GOOD = `metadata: { name: Try me, language: en }
session:
  session_id: try_me
  session_name: Try me
  declare:
    - { var: user_name, type: text }
  phases:
    - phase_id: opening
      phase_name: Opening
      topics:
        - topic_id: name
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: What should I call you?
                output: [{ get: user_name, extraction_method: direct }]
    - phase_id: work
      entry_condition: "user_name != ''"
      declare:
        - { var: focus, type: text, value: sleep }
      topics:
        - topic_id: mood
          actions:
            - action_type: ai_ask
              action_id: ask_mood
              config:
                content: "How is your \${focus}, \${user_name}?"
                output: [{ get: mood, define: one word, extraction_method: direct }]
            - action_type: use_skill
              action_id: restructure
              condition: "mood == 'low'"
              config:
                skill: cognitive_restructuring
                input: [{ set: client_name, value: "{{user_name}}" }]
        - topic_id: close
          actions:
            - action_type: ai_say
              action_id: bye
              config: { content: "Thank you, \${user_name}. Take care." }
`;

/** 1-based line and column of the first occurrence of `needle` (column of its first character). */
function lineOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const as = (who: keyof typeof cookies, on: Platform = testDb.platform) => callerFor(on, { cookie: cookies[who] });
const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : undefined);
const messagesOf = (events: EngineEvent[]) => events.flatMap((e) => (e.type === "message-end" ? [e.text] : []));

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  projectA = testDb.projectId;
  projectB = (await prisma.project.create({ data: { slug: "studio-try-b", name: "Project B" } })).id;
  const file = (p: string, kind: "session" | "technique" | "safety", scriptKey: string, draftYaml: string, deleted = false) =>
    prisma.script.create({ data: { projectId: projectB, path: p, kind, scriptKey, draftYaml, ...(deleted ? { deletedAt: new Date() } : {}) } });
  await file(
    "techniques/grounding.yaml",
    "technique",
    "grounding",
    `technique_id: grounding
output_variables: [anchor]
topic:
  topic_id: grounding
  actions:
    - action_type: ai_ask
      action_id: ground_ask
      config:
        content: Name one thing you can see right now.
        output: [{ get: anchor, extraction_method: direct }]
`,
  );
  await file("techniques/old.yaml", "technique", "old_skill", "topic:\n  topic_id: old_skill\n  actions:\n    - { action_type: ai_say, action_id: s, config: { content: hi } }\n", true);
  cookies = await signedInCookies(testDb.platform, { authorA: { projectIds: [projectA] }, authorB: { projectIds: [projectB] }, admin: { role: "admin" } });
});

beforeEach(() => clearProjectDraftCache());

describe("studioTry.schema", () => {
  it("gives signed-in authors the script format's JSON Schema", async () => {
    const schema = (await as("authorA").studioTry.schema()) as Record<string, unknown>;
    expect(JSON.stringify(schema)).toContain("session_id");
    expect(JSON.stringify(schema)).toContain("action_type");
    expect(codeOf(await errorOf(callerFor(testDb.platform).studioTry.schema()))).toBe("UNAUTHORIZED");
  });
});

describe("studioTry.analyse", () => {
  it("reports a broken draft's problems at the right line and column", async () => {
    const broken = GOOD.replace("action_type: ai_say", "action_type: ai_sya")
      .replace(`condition: "mood == 'low'"`, `condition: "mood == "`)
      .replace("skill: cognitive_restructuring", "skill: cognitive_restructure");
    const { diagnostics } = await as("authorA").studioTry.analyse({ projectId: projectA, yaml: broken, path: "sessions/try.yaml" });
    const byCode = (code: string) => diagnostics.find((d) => d.code === code);

    expect(byCode("unknown-action-type")).toMatchObject({ severity: "error", ...lineOf(broken, "ai_sya") });
    const condition = byCode("condition-syntax");
    expect(condition).toMatchObject({ severity: "error", line: lineOf(broken, `"mood == "`).line });
    const skill = byCode("unknown-technique");
    expect(skill).toMatchObject({ severity: "error", ...lineOf(broken, "cognitive_restructure") });
    expect(skill?.message).toContain("cognitive_restructuring");
  });

  it("gives a good draft's outline: phases → topics → actions with conditions and skill calls", async () => {
    const result = await as("authorA").studioTry.analyse({ projectId: projectA, yaml: GOOD });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.outline).toHaveLength(1);
    const [session] = result.outline;
    expect(session).toMatchObject({ kind: "session", id: "try_me", label: "Try me", line: lineOf(GOOD, "session_id").line });
    expect(session!.children.map((p) => [p.kind, p.id, p.label, p.condition])).toEqual([
      ["phase", "opening", "Opening", undefined],
      ["phase", "work", "work", "user_name != ''"],
    ]);
    const work = session!.children[1]!;
    expect(work.line).toBe(lineOf(GOOD, "phase_id: work").line);
    expect(work.children.map((t) => t.id)).toEqual(["mood", "close"]);
    const [ask, skill] = work.children[0]!.children;
    expect(ask).toMatchObject({ kind: "action", id: "ask_mood", actionType: "ai_ask", label: "How is your ${focus}, ${user_name}?", ...lineOf(GOOD, "action_type: ai_ask\n              action_id: ask_mood") });
    expect(ask!.endLine).toBe(lineOf(GOOD, "output: [{ get: mood").line);
    expect(skill).toMatchObject({ kind: "action", id: "restructure", actionType: "use_skill", condition: "mood == 'low'", skill: "cognitive_restructuring" });
  });

  it("lists variables (declared, produced, built-in) and the placeholders used", async () => {
    const { variables, placeholders } = await as("authorA").studioTry.analyse({ projectId: projectA, yaml: GOOD });
    expect(variables).toEqual([
      { name: "user_name", type: "text", scope: "session", declaredAt: lineOf(GOOD, "user_name, type: text"), producedBy: "ask_name" },
      { name: "focus", type: "text", scope: "phase", declaredAt: lineOf(GOOD, "focus, type"), producedBy: null },
      { name: "mood", type: "text", scope: "session", declaredAt: null, producedBy: "ask_mood" },
      { name: "risk_level", type: "enum", scope: "builtin", declaredAt: null, producedBy: null },
    ]);
    expect(placeholders).toEqual(["focus", "user_name"]);
  });

  it("keeps an outline for a draft with schema errors, and none for unreadable YAML", async () => {
    const missingId = GOOD.replace("              action_id: bye\n", "");
    const result = await as("authorA").studioTry.analyse({ projectId: projectA, yaml: missingId });
    expect(result.diagnostics.some((d) => d.code === "missing-field")).toBe(true);
    expect(result.outline[0]?.children[1]?.children[1]?.children[0]).toMatchObject({ kind: "action", id: "", actionType: "ai_say" });

    const unreadable = await as("authorA").studioTry.analyse({ projectId: projectA, yaml: "session:\n  phases: [\n" });
    expect(unreadable.diagnostics[0]).toMatchObject({ code: "yaml-syntax" });
  });

  it("checks use_skill against this project's non-deleted drafts, with the edited file replaced by the draft", async () => {
    const calling = (skill: string) => GOOD.replace("skill: cognitive_restructuring", `skill: ${skill}`);
    const unknownIn = async (who: "authorA" | "authorB", projectId: string, yaml: string, filePath?: string) =>
      (await as(who).studioTry.analyse({ projectId, yaml, ...(filePath ? { path: filePath } : {}) })).diagnostics.filter((d) => d.code === "unknown-technique");

    expect(await unknownIn("authorA", projectA, GOOD)).toEqual([]);
    // Project B has its own technique, not project A's, and its deleted one does not count.
    expect(await unknownIn("authorB", projectB, GOOD)).toHaveLength(1);
    expect(await unknownIn("authorB", projectB, calling("grounding"))).toEqual([]);
    expect(await unknownIn("authorB", projectB, calling("old_skill"))).toHaveLength(1);
    // Editing the technique file itself: its stored draft no longer counts.
    expect(await unknownIn("authorB", projectB, calling("grounding"), "techniques/grounding.yaml")).toHaveLength(1);
  });

  it("sees another file's newer draft revision (the cache is keyed by revision)", async () => {
    const prisma = testDb.db.prisma;
    const calling = GOOD.replace("skill: cognitive_restructuring", "skill: breathing");
    const before = await as("authorB").studioTry.analyse({ projectId: projectB, yaml: calling });
    expect(before.diagnostics.some((d) => d.code === "unknown-technique")).toBe(true);
    const grounding = await prisma.script.findFirstOrThrow({ where: { projectId: projectB, path: "techniques/grounding.yaml" } });
    await prisma.script.update({
      where: { id: grounding.id },
      data: { draftYaml: grounding.draftYaml.replace("technique_id: grounding", "technique_id: breathing"), draftRevision: { increment: 1 } },
    });
    try {
      const after = await as("authorB").studioTry.analyse({ projectId: projectB, yaml: calling });
      expect(after.diagnostics.some((d) => d.code === "unknown-technique")).toBe(false);
    } finally {
      await prisma.script.update({ where: { id: grounding.id }, data: { draftYaml: grounding.draftYaml, draftRevision: { increment: 1 } } });
    }
  });

  it("is limited to projects the user may access", async () => {
    expect(codeOf(await errorOf(as("authorB").studioTry.analyse({ projectId: projectA, yaml: GOOD })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("authorB").studioTry.analyse({ projectId: "no-such-project", yaml: GOOD })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(callerFor(testDb.platform).studioTry.analyse({ projectId: projectA, yaml: GOOD })))).toBe("UNAUTHORIZED");
    expect((await as("admin").studioTry.analyse({ projectId: projectA, yaml: GOOD })).outline).toHaveLength(1);
  });
});

describe("studioTry.start and turn in template mode", () => {
  it("runs the unsaved draft: the answer becomes a variable in the inspector, with its source", async () => {
    const caller = as("authorA");
    const started = await caller.studioTry.start({ projectId: projectA, yaml: GOOD });
    expect(messagesOf(started.events)).toEqual(["What should I call you?"]);
    expect(started.state.scriptVersion).toBe("draft");
    expect(started.inspector).toMatchObject({
      mode: "template",
      position: { phaseId: "opening", topicId: "name", actionId: "ask_name", skill: null, status: "awaiting_input", turn: 0 },
      safetyLevel: "none",
      llmCalls: [],
    });
    expect(started.inspector.variables.some((v) => v.name === "user_name")).toBe(false);

    const next = await caller.studioTry.turn({ projectId: projectA, yaml: GOOD, state: started.state, text: "Sam" });
    expect(messagesOf(next.events)).toEqual(["How is your sleep, Sam?"]);
    expect(next.inspector.variables).toEqual(
      expect.arrayContaining([
        { name: "user_name", value: "Sam", scope: "session", source: "ask_name", turn: 1 },
        { name: "focus", value: "sleep", scope: "phase", source: "declare", turn: 1 },
      ]),
    );
    expect(next.inspector.position).toMatchObject({ phaseId: "work", topicId: "mood", actionId: "ask_mood", turn: 1 });
  });

  it("runs the project's techniques, and a later edit of the draft continues the same conversation", async () => {
    const caller = as("authorB");
    const yaml = GOOD.replace("skill: cognitive_restructuring", "skill: grounding");
    const started = await caller.studioTry.start({ projectId: projectB, yaml, startTopicId: "mood", variables: { user_name: "Ana" } });
    const low = await caller.studioTry.turn({ projectId: projectB, yaml, state: started.state, text: "low" });
    expect(messagesOf(low.events)).toEqual(["Name one thing you can see right now."]);
    expect(low.inspector.position).toMatchObject({ skill: "grounding", actionId: "ground_ask" });

    const edited = yaml.replace("Thank you, ${user_name}. Take care.", "Bye for now, ${user_name}.");
    const done = await caller.studioTry.turn({ projectId: projectB, yaml: edited, state: low.state, text: "a lamp" });
    expect(messagesOf(done.events)).toEqual(["Bye for now, Ana."]);
    expect(done.state.status).toBe("complete");
    expect(codeOf(await errorOf(caller.studioTry.turn({ projectId: projectB, yaml: edited, state: done.state, text: "hello?" })))).toBe("PRECONDITION_FAILED");
  });

  it("starts at a chosen topic with chosen variable values", async () => {
    const started = await as("authorA").studioTry.start({ projectId: projectA, yaml: GOOD, startTopicId: "close", variables: { user_name: "Kim", extra: { n: 1 } } });
    expect(messagesOf(started.events)).toEqual(["Thank you, Kim. Take care."]);
    expect(started.inspector.variables).toEqual(
      expect.arrayContaining([
        { name: "user_name", value: "Kim", scope: "session", source: "initial", turn: 0 },
        { name: "extra", value: { n: 1 }, scope: "session", source: "initial", turn: 0 },
      ]),
    );
    expect(started.inspector.position).toMatchObject({ phaseId: "work", topicId: "close" });

    const error = await errorOf(as("authorA").studioTry.start({ projectId: projectA, yaml: GOOD, startTopicId: "nowhere" }));
    expect(codeOf(error)).toBe("BAD_REQUEST");
    expect((error as Error).message).toContain("nowhere");
    expect(codeOf(await errorOf(as("authorA").studioTry.start({ projectId: projectA, yaml: GOOD, variables: { risk_level: "high" } })))).toBe("BAD_REQUEST");
  });

  it("runs with the project's safety files: crisis words interrupt the draft", async () => {
    const caller = as("authorA");
    const started = await caller.studioTry.start({ projectId: projectA, yaml: GOOD });
    const crisis = await caller.studioTry.turn({ projectId: projectA, yaml: GOOD, state: started.state, text: "I want to kill myself" });
    expect(crisis.events.some((e) => e.type === "safety")).toBe(true);
    expect(["high", "imminent"]).toContain(crisis.inspector.safetyLevel);
    expect(crisis.inspector.position.skill).toBe("crisis_support");
  });

  it("refuses to run a draft with errors, naming the first ones by line:column", async () => {
    const broken = GOOD.replace("action_type: ai_say", "action_type: ai_sya");
    const error = await errorOf(as("authorA").studioTry.start({ projectId: projectA, yaml: broken }));
    expect(codeOf(error)).toBe("BAD_REQUEST");
    const at = lineOf(broken, "ai_sya");
    expect((error as Error).message).toContain(`${at.line}:${at.column} error unknown-action-type`);

    const technique = await errorOf(as("authorB").studioTry.start({ projectId: projectB, yaml: "topic:\n  topic_id: t\n  actions:\n    - { action_type: ai_say, action_id: s, config: { content: hi } }\n" }));
    expect(codeOf(technique)).toBe("BAD_REQUEST");
    expect((technique as Error).message).toContain("technique");
  });

  it("checks the state the browser sends back", async () => {
    const caller = as("authorA");
    const { state } = await caller.studioTry.start({ projectId: projectA, yaml: GOOD });
    const send = (s: unknown) => caller.studioTry.turn({ projectId: projectA, yaml: GOOD, state: s as SessionState, text: "Sam" });
    expect(codeOf(await errorOf(send({ ...state, stateVersion: 99 })))).toBe("BAD_REQUEST");
    expect(codeOf(await errorOf(send({ ...state, stack: [] })))).toBe("BAD_REQUEST");
    expect(codeOf(await errorOf(send({ ...state, variables: { session: { x: { value: new Date(), source: "a", turn: 0 } }, phase: {}, topic: {} } })))).toBe("BAD_REQUEST");
    const huge = { ...state, memory: { recent: [{ role: "client", text: "x".repeat(300 * 1024), turn: 1 }], summary: "" } };
    const tooBig = await errorOf(send(huge));
    expect(codeOf(tooBig)).toBe("BAD_REQUEST");
    expect((tooBig as Error).message).toContain("256 KB");
    // Another draft's script (a renamed session_id) is refused with a hint to restart.
    const renamed = await errorOf(caller.studioTry.turn({ projectId: projectA, yaml: GOOD.replace("session_id: try_me", "session_id: other"), state, text: "Sam" }));
    expect(codeOf(renamed)).toBe("BAD_REQUEST");
    expect((renamed as Error).message).toContain("Restart");
  });

  it("stores nothing and is limited to projects the user may access", async () => {
    const prisma = testDb.db.prisma;
    const before = await Promise.all([prisma.session.count(), prisma.message.count(), prisma.script.count()]);
    const started = await as("authorA").studioTry.start({ projectId: projectA, yaml: GOOD });
    await as("authorA").studioTry.turn({ projectId: projectA, yaml: GOOD, state: started.state, text: "Sam" });
    expect(await Promise.all([prisma.session.count(), prisma.message.count(), prisma.script.count()])).toEqual(before);

    expect(codeOf(await errorOf(as("authorB").studioTry.start({ projectId: projectA, yaml: GOOD })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(as("authorB").studioTry.turn({ projectId: projectA, yaml: GOOD, state: started.state, text: "Sam" })))).toBe("NOT_FOUND");
  });

  it("runs in template mode when model mode is asked for but no model is configured", async () => {
    const started = await as("authorA").studioTry.start({ projectId: projectA, yaml: GOOD, mode: "model" });
    expect(started.inspector.mode).toBe("template");
    expect(started.inspector.llmCalls).toEqual([]);
  });
});

describe("studioTry in model mode (fake OpenAI server)", () => {
  let fake: FakeOpenAiServer;
  let modelPlatform: Platform;

  const EXTRACTED: Record<string, string> = { user_name: "Samantha", mood: "okay" };

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    fake.setScript((request): FakeReply => {
      switch (purposeOf(request)) {
        case "compose":
          return { type: "text", text: ["Model ", "wording ", `#${fake.requests.length}.`] };
        case "extract":
          return { type: "json", value: Object.fromEntries(requestedFields(request).filter((f) => f in EXTRACTED).map((f) => [f, EXTRACTED[f]])) };
        case "classify_risk":
          return { type: "json", value: { level: "none", category: "none", rationale: "ordinary" } };
        case "judge":
          return { type: "json", value: { done: true, understanding: 90, hasQuestions: false } };
        default:
          return { type: "text", text: "A summary." };
      }
    });
    modelPlatform = testPlatform(testDb.db, { OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model" });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it("records each step's prompts and raw model outputs in the inspector", async () => {
    const caller = as("authorA", modelPlatform);
    const yaml = GOOD.replaceAll(", extraction_method: direct", "");
    const started = await caller.studioTry.start({ projectId: projectA, yaml });
    expect(started.inspector.mode).toBe("model");
    const firstText = messagesOf(started.events)[0];
    expect(firstText).toMatch(/^Model wording #\d+\.$/);
    expect(started.inspector.llmCalls).toHaveLength(1);
    const [compose] = started.inspector.llmCalls;
    expect(compose).toMatchObject({ purpose: "compose:ask", output: firstText });
    expect(compose!.prompt.system).toContain("What should I call you?");
    expect(started.inspector.usage).toEqual([expect.objectContaining({ purpose: "compose:ask", model: "fake-model" })]);

    const next = await caller.studioTry.turn({ projectId: projectA, yaml, state: started.state, text: "Call me Sam, short for Samantha" });
    const purposes = next.inspector.llmCalls.map((c) => c.purpose);
    expect(purposes).toEqual(expect.arrayContaining(["classify_risk", "extract", "compose:ask"]));
    const extract = next.inspector.llmCalls.find((c) => c.purpose === "extract");
    expect(extract?.output).toEqual({ user_name: "Samantha" });
    expect(JSON.stringify(extract?.prompt.messages)).toContain("Call me Sam, short for Samantha");
    expect(next.inspector.llmCalls.find((c) => c.purpose === "compose:ask")?.output).toBe(messagesOf(next.events)[0]);
    expect(next.inspector.variables).toEqual(expect.arrayContaining([expect.objectContaining({ name: "user_name", value: "Samantha", source: "ask_name" })]));
    // Every model request of the step is in the inspector.
    expect(next.inspector.llmCalls.length).toBe(next.inspector.usage.length);
  });

  it("runs in template mode when asked, without calling the model", async () => {
    const before = fake.requests.length;
    const started = await as("authorA", modelPlatform).studioTry.start({ projectId: projectA, yaml: GOOD, mode: "template" });
    expect(started.inspector).toMatchObject({ mode: "template", llmCalls: [], usage: [] });
    expect(messagesOf(started.events)).toEqual(["What should I call you?"]);
    expect(fake.requests.length).toBe(before);
  });
});
