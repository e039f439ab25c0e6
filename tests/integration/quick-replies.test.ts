/**
 * Quick replies end to end through the services: a reloaded page (session.get) shows the options of
 * the question the session is waiting on, derived from the stored state and the pinned script, and
 * the streamed turn carries the same ones.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runTurn } from "@/server/services/sessions/run-turn";
import type { QuickReply } from "@/server/engine/runtime";
import { testPlatform } from "../support/test-platform";
import { makeUser, signedInCaller } from "../support/auth";
import { publishThroughStudio, startAsNewClient } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";

const SCRIPT = (language: "en" | "zh") => `
metadata: { name: Quick replies ${language}, language: ${language} }
session:
  session_id: quick_replies_${language}
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: "${language === "zh" ? "你希望我怎么称呼你？" : "What should I call you?"}"
                output: [{ get: user_name, type: text }]
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "${language === "zh" ? "可以开始了吗？" : "Shall we start?"}"
                output: [{ get: ready, type: boolean }]
            - action_type: assess
              action_id: screen
              config: { instrument: phq2 }
            - action_type: ai_say
              action_id: bye
              config: { content: "${language === "zh" ? "谢谢。" : "Thank you."}" }
`;

const testDb = setUpTestDatabase({ examples: true });
const scriptIds: Record<"en" | "zh", string> = { en: "", zh: "" };

beforeAll(async () => {
  const author = await signedInCaller(testDb.platform, await makeUser(testDb.db.prisma, { role: "admin" }));
  for (const language of ["en", "zh"] as const) {
    scriptIds[language] = await publishThroughStudio(author, testDb.projectId, `sessions/quick-replies-${language}.yaml`, SCRIPT(language), "quick replies");
  }
});

describe("quick replies of a stored session", () => {
  it.each([
    ["en", "Sam", ["Yes", "No"], ["Not at all", "Several days", "More than half the days", "Nearly every day"]],
    ["zh", "小林", ["是的", "不是"], ["完全不会", "好几天", "一半以上的天数", "几乎每天"]],
  ] as const)("follow the pending question in %s: none for an open one, yes/no, then the questionnaire's answers", async (language, name, yesNo, answers) => {
    const { sessionId, client: returning } = await startAsNewClient(testPlatform(testDb.db), scriptIds[language]);
    const clientId = (await testDb.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).clientId;
    const labels = async () => (await returning.session.get({ sessionId })).quickReplies.map((o) => o.label);

    expect(await labels()).toEqual([]);
    let streamed: QuickReply[] | undefined;
    const turn = async (id: string, text: string) => {
      streamed = undefined;
      await runTurn(testDb.deps, { clientId, sessionId, clientMessageId: id, text }, (event) => {
        if (event.type === "awaiting-input") streamed = event.options ?? [];
      });
    };

    await turn("m1", name);
    expect(await labels()).toEqual(yesNo);
    expect(streamed?.map((o) => o.label)).toEqual(yesNo);

    await turn("m2", yesNo[0]);
    expect(await labels()).toEqual(answers);
    expect(streamed?.map((o) => o.label)).toEqual(answers);

    await turn("m3", answers[1]);
    await turn("m4", answers[0]);
    const ended = await returning.session.get({ sessionId });
    expect(ended.status).toBe("completed");
    expect(ended.quickReplies).toEqual([]);
  });
});
