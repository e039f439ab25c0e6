/**
 * A script whose variables are all Chinese, end to end against a real database: the session runs
 * through the services, the variables are stored under their Chinese names with lineage, the review
 * transcript shows them, and the variables CSV export carries them (UTF-8; downloads add a BOM).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runTurn } from "@/server/services/sessions/run-turn";
import { startSession } from "@/server/services/sessions/start-session";
import { csvDownload } from "@/server/services/review/csv";
import { callerFor, testPlatform } from "../support/test-platform";
import { signedInCookies } from "../support/auth";
import { publishedScript } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase({ examples: true });
let scriptId: string;
let projectId: string;
let cookie: string;

beforeAll(async () => {
  ({ scriptId, projectId } = await publishedScript(testDb.db.prisma, "sessions/mood-check.zh.yaml"));
  ({ admin: cookie } = await signedInCookies(testPlatform(testDb.db), { admin: { role: "admin" } }));
});

describe("Chinese variable names through the services", () => {
  it("run, store with lineage, show in review and export as CSV", async () => {
    const clientId = "zh_names_client";
    const { sessionId } = await startSession(testDb.deps, { clientId, scriptId });
    const replies = ["叫我小林就好", "二十五", "3", "换了新工作，总是睡不好", "姐姐"];
    for (const [i, text] of replies.entries()) await runTurn(testDb.deps, { clientId, sessionId, clientMessageId: `m${i}`, text });

    const stored = await testDb.db.prisma.variableValue.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((v) => [v.name, v.value])).toEqual([
      ["用户称呼", "小林"],
      ["年龄", 25],
      ["心情评分", 3],
      ["主要困扰", "换了新工作，总是睡不好"],
      ["支持来源", "姐姐"],
    ]);

    const caller = callerFor(testPlatform(testDb.db), { cookie });
    const review = await caller.review.session({ sessionId });
    expect(review.variables.find((v) => v.name === "用户称呼")).toMatchObject({ value: "小林", current: true, sourceActionId: "ask_name" });
    expect(review.messages.some((m) => m.role === "bot" && m.text.includes("谢谢你，小林。你给这周打了 3 分"))).toBe(true);

    const { csv } = await caller.review.exportVariablesCsv({});
    const lines = csv.split("\r\n");
    expect(lines.some((line) => line.includes(`,用户称呼,session,`) && line.includes('"""小林"""'))).toBe(true);
    expect(lines.some((line) => line.includes(`,主要困扰,`) && line.includes("换了新工作"))).toBe(true);
    expect([...new TextEncoder().encode(csvDownload(csv)).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("try-it starts a draft at a chosen topic with initial values under Chinese names, and the inspector shows them", async () => {
    const caller = callerFor(testPlatform(testDb.db), { cookie });
    const { draftYaml } = await testDb.db.prisma.script.findUniqueOrThrow({ where: { id: scriptId } });
    const started = await caller.studioTry.start({ projectId, yaml: draftYaml, startTopicId: "summary", variables: { 用户称呼: "阿明", 心情评分: 8, 主要困扰: "考试有点多" } });
    const said = started.events.filter((e) => e.type === "message-end").map((e) => (e as { text?: unknown }).text);
    expect(said).toEqual(["谢谢你，阿明。你给这周打了 8 分，最困扰的是「考试有点多」。", "今天的情绪小记就到这里，阿明，下周见。"]);
    expect(started.inspector.variables).toEqual(expect.arrayContaining([{ name: "用户称呼", value: "阿明", scope: "session", source: "initial", turn: 0 }]));
  });
});

