import { expect, request as playwrightRequest, test, type Page, type Request } from "@playwright/test";
import { botMessages, clientMessages, composer } from "../support/chat-page";

/**
 * Quick replies in the client chat (template mode): a yes/no question and a PHQ-2 item offer their
 * answers as buttons under the bot's last message, in the session's language; choosing one sends its
 * text like a typed message, and the buttons go away until the next closed question. The scripts
 * are published once through the studio's API by the seeded admin.
 */

const ADMIN_EMAIL = "admin@heartline.test";
const ADMIN_PASSWORD = "e2e-admin-password-0123";

const NAMES = { en: "Quick replies (e2e)", zh: "快捷回复测试" } as const;

const SCRIPTS = {
  en: `
metadata: { name: "${NAMES.en}", language: en }
session:
  session_id: e2e_quick_replies_en
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: "What should I call you?"
                output: [{ get: user_name, type: text }]
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "Shall we start with two short questions?"
                output: [{ get: ready, type: boolean }]
            - action_type: assess
              action_id: screen
              config: { instrument: phq2 }
            - action_type: ai_say
              action_id: bye
              config: { content: "Thank you, that's all for today." }
`,
  zh: `
metadata: { name: "${NAMES.zh}", language: zh }
session:
  session_id: e2e_quick_replies_zh
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: "你希望我怎么称呼你？"
                output: [{ get: 用户称呼, type: text }]
            - action_type: ai_ask
              action_id: ask_ready
              config:
                content: "我们先做两个简短的问题，可以吗？"
                output: [{ get: ready, type: boolean }]
            - action_type: assess
              action_id: screen
              config: { instrument: phq2 }
            - action_type: ai_say
              action_id: bye
              config: { content: "谢谢你，今天就到这里。" }
`,
} as const;

const EN_ANSWERS = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
const ZH_ANSWERS = ["完全不会", "好几天", "一半以上的天数", "几乎每天"];

interface TrpcResult<T> {
  result: { data: { json: T } };
}

// In order on one worker: a second worker's beforeAll would publish the same paths at the same time.
test.describe.configure({ mode: "default" });

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    // Published once per server (a worker restarted after a failure finds them there).
    const startable = await api.get("/api/trpc/session.scripts");
    expect(startable.ok()).toBe(true);
    const names = ((await startable.json()) as TrpcResult<{ name: string }[]>).result.data.json.map((s) => s.name);
    if (names.includes(NAMES.en) && names.includes(NAMES.zh)) return;
    const signedIn = await api.post("/api/trpc/auth.signIn", { data: { json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } } });
    expect(signedIn.ok(), await signedIn.text()).toBe(true);
    const projects = await api.get("/api/trpc/studioFiles.projects");
    expect(projects.ok(), await projects.text()).toBe(true);
    const [project] = ((await projects.json()) as TrpcResult<{ id: string }[]>).result.data.json;
    expect(project, "the default project").toBeDefined();
    for (const language of ["en", "zh"] as const) {
      const created = await api.post("/api/trpc/studioFiles.create", {
        data: { json: { projectId: project!.id, path: `sessions/e2e-quick-replies-${language}.yaml`, yaml: SCRIPTS[language] } },
      });
      expect(created.ok(), await created.text()).toBe(true);
      const file = ((await created.json()) as TrpcResult<{ id: string; draftRevision: number }>).result.data.json;
      const published = await api.post("/api/trpc/studioFiles.publish", {
        data: { json: { projectId: project!.id, scriptId: file.id, expectedRevision: file.draftRevision, note: "quick replies" } },
      });
      expect(published.ok(), await published.text()).toBe(true);
    }
  } finally {
    await api.dispose();
  }
});

function quickReplies(page: Page, label: string) {
  return page.getByRole("group", { name: label });
}

/** Records the text of every message the page sends to POST /api/chat. */
function sentTexts(page: Page): string[] {
  const texts: string[] = [];
  page.on("request", (request: Request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/chat") {
      texts.push((request.postDataJSON() as { message: { text: string } }).message.text);
    }
  });
  return texts;
}

async function start(page: Page, language: "en" | "zh") {
  await page.goto("/chat");
  await page.getByRole("button", { name: `Start “${NAMES[language]}”` }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(botMessages(page).last()).toContainText(language === "zh" ? "怎么称呼你" : "What should I call you?");
  await expect(composer(page)).toBeEditable();
}

async function type(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(clientMessages(page).last()).toHaveText(text);
}

test("English: none on an open question; Yes/No by keyboard; a PHQ item's answers, kept over a reload; typing still works", async ({ page }) => {
  const sent = sentTexts(page);
  await start(page, "en");
  await expect(page.getByTestId("quick-replies")).toHaveCount(0);

  await type(page, "Sam");
  await expect(botMessages(page).last()).toContainText("Shall we start with two short questions?");
  const yesNo = quickReplies(page, "Suggested replies");
  await expect(yesNo.getByRole("button")).toHaveText(["Yes", "No"]);

  // From the message box, Shift+Tab reaches the buttons (last first); Enter chooses one.
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(yesNo.getByRole("button", { name: "No" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  const yes = yesNo.getByRole("button", { name: "Yes" });
  await expect(yes).toBeFocused();
  expect(await yes.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  // Hold the reply back until the buttons are seen gone: they go as soon as the message is sent.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    "**/api/chat",
    async (route) => {
      await released;
      await route.continue();
    },
    { times: 1 },
  );
  await page.keyboard.press("Enter");
  await expect(clientMessages(page).last()).toHaveText("Yes");
  await expect(page.getByTestId("quick-replies")).toHaveCount(0);
  expect(sent.at(-1)).toBe("Yes");
  release();

  await expect(botMessages(page).last()).toContainText("Little interest or pleasure in doing things");
  await expect(page.getByRole("button", { name: "Yes", exact: true })).toHaveCount(0);
  const answers = quickReplies(page, "Suggested replies");
  await expect(answers.getByRole("button")).toHaveText(EN_ANSWERS);

  // A reloaded page shows the pending question's options again.
  await page.reload();
  await expect(botMessages(page).last()).toContainText("Little interest or pleasure in doing things");
  await expect(quickReplies(page, "Suggested replies").getByRole("button")).toHaveText(EN_ANSWERS);

  await quickReplies(page, "Suggested replies").getByRole("button", { name: "Several days" }).click();
  await expect(clientMessages(page).last()).toHaveText("Several days");
  expect(sent.at(-1)).toBe("Several days");
  await expect(botMessages(page).last()).toContainText("Feeling down, depressed, or hopeless");
  await expect(quickReplies(page, "Suggested replies").getByRole("button")).toHaveText(EN_ANSWERS);

  // Typing instead of choosing works as before; the buttons go once the session is over.
  await type(page, "nearly every day");
  await expect(botMessages(page).last()).toContainText("Thank you, that's all for today.");
  await expect(page.getByTestId("conversation")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("quick-replies")).toHaveCount(0);
});

test("Chinese: the options and their group label are in the session's language", async ({ page }) => {
  const sent = sentTexts(page);
  await start(page, "zh");
  await expect(page.getByTestId("quick-replies")).toHaveCount(0);

  await type(page, "叫我小林就好");
  await expect(botMessages(page).last()).toContainText("我们先做两个简短的问题，可以吗？");
  const yesNo = quickReplies(page, "快捷回复");
  await expect(yesNo).toHaveAttribute("lang", "zh-CN");
  await expect(yesNo.getByRole("button")).toHaveText(["是的", "不是"]);
  await yesNo.getByRole("button", { name: "是的" }).click();
  await expect(clientMessages(page).last()).toHaveText("是的");
  expect(sent.at(-1)).toBe("是的");

  await expect(botMessages(page).last()).toContainText("做事时提不起劲或没有兴趣");
  const answers = quickReplies(page, "快捷回复");
  await expect(answers.getByRole("button")).toHaveText(ZH_ANSWERS);
  await answers.getByRole("button", { name: "好几天" }).click();
  await expect(clientMessages(page).last()).toHaveText("好几天");
  await expect(botMessages(page).last()).toContainText("感到心情低落、沮丧或绝望");
  await expect(quickReplies(page, "快捷回复").getByRole("button")).toHaveText(ZH_ANSWERS);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the buttons are in view, wrap within the width, and a tap sends the answer", async ({ page }) => {
    const sent = sentTexts(page);
    await start(page, "en");
    await type(page, "Sam");

    const fits = async () => {
      const group = quickReplies(page, "Suggested replies");
      await expect(group).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      for (const button of await group.getByRole("button").all()) {
        await expect(button).toBeInViewport();
        const box = await button.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      }
      return group;
    };

    const yesNo = await fits();
    await yesNo.getByRole("button", { name: "Yes" }).tap();
    await expect(clientMessages(page).last()).toHaveText("Yes");
    await expect(botMessages(page).last()).toContainText("Little interest or pleasure in doing things");

    const answers = await fits();
    await expect(answers.getByRole("button")).toHaveText(EN_ANSWERS);
    await answers.getByRole("button", { name: "More than half the days" }).tap();
    await expect(clientMessages(page).last()).toHaveText("More than half the days");
    expect(sent).toEqual(["Sam", "Yes", "More than half the days"]);
    await expect(botMessages(page).last()).toContainText("Feeling down, depressed, or hopeless");
    await fits();
  });
});
