import { expect, test, type Page, type Request } from "@playwright/test";
import { botMessages, CHECK_IN, clientMessages, composer, log, MOOD_QUESTION, sendButton, startCheckIn } from "../support/chat-page";

/**
 * The client chat in a real browser against a production build in template mode (deterministic
 * script text, no model). Each test starts its own conversation; the browser context (and so the
 * anonymous identity cookie) is fresh per test.
 */

const WELCOME = "Welcome back, it's good to see you.";
const WORDS_QUESTION = "sum up your week in a word or two";
const WEEK_QUESTION = "What's one thing that went okay this week";
/** How long the page waits before sending a message again after a 409 busy (components/chat/chat-transport.ts). */
const BUSY_PAUSE_MS = 1_500;

/** Types an answer and presses Enter once the previous reply has finished (sending waits until then). */
async function answer(page: Page, text: string) {
  await composer(page).fill(text);
  await expect(sendButton(page)).toBeEnabled();
  await composer(page).press("Enter");
  await expect(clientMessages(page).last()).toHaveText(text);
}

/** Records every POST /api/chat the page makes. */
function chatPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/chat") posts.push(request);
  });
  return posts;
}

test("the home page leads to the chat", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Start a conversation" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("heading", { level: 1, name: "Start a conversation" })).toBeVisible();
  await expect(page.getByTestId("script-card").filter({ hasText: CHECK_IN })).toBeVisible();
});

test("a check-in: welcome, answer, streamed next question, reload keeps the transcript, resume from the list", async ({ page }) => {
  await startCheckIn(page);
  await expect(botMessages(page).first()).toContainText(WELCOME);

  const posts = chatPosts(page);
  await composer(page).fill("Pretty good actually, I'd say a 7");
  await sendButton(page).click();
  await expect(clientMessages(page).last()).toHaveText(/I'd say a 7/);
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  // Focus comes back to the message box, ready for the next answer.
  await expect(composer(page)).toBeFocused();
  expect(posts).toHaveLength(1);
  const body = posts[0]!.postDataJSON() as { sessionId: string; message: { id: string; text: string } };
  expect(body.sessionId).toBe(page.url().split("/").at(-1));
  expect(body.message.text).toBe("Pretty good actually, I'd say a 7");
  expect(body.message.id).toBeTruthy();

  await answer(page, "calm but busy");
  await expect(botMessages(page).last()).toContainText(WEEK_QUESTION);

  const transcript = async () => (await log(page).locator("li .bubble").allInnerTexts()).map((text) => text.trim());
  const before = await transcript();
  expect(before).toHaveLength(6);

  await page.reload();
  await expect(botMessages(page).last()).toContainText(WEEK_QUESTION);
  expect(await transcript()).toEqual(before);

  // The conversation is listed under "Your conversations" and resumes where it was.
  const url = page.url();
  await page.getByRole("link", { name: "Conversations" }).click();
  const item = page.getByTestId("session-item").filter({ hasText: CHECK_IN });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("In progress");
  await item.getByRole("link", { name: `Resume “${CHECK_IN}”` }).click();
  await expect(page).toHaveURL(url);
  expect(await transcript()).toEqual(before);
  await answer(page, "I went for a run on Saturday; the hardest part was a deadline at work");
  await expect(botMessages(page).last()).toContainText("anything you were going to try between sessions");
});

test("Enter sends, Shift+Enter adds a line, and the typing indicator shows while the reply is on its way", async ({ page }) => {
  await startCheckIn(page);
  // Hold the request back until the indicator has been seen, so it is seen before the first byte.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/chat", async (route) => {
    await released;
    await route.continue();
  });

  const input = composer(page);
  await input.click();
  await page.keyboard.type("Honestly, about a 2");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("it was a long week");
  await expect(input).toHaveValue("Honestly, about a 2\nit was a long week");
  await expect(clientMessages(page)).toHaveCount(0);

  await input.press("Enter");
  await expect(page.getByTestId("typing-indicator")).toBeVisible();
  await expect(input).toHaveValue("");
  // Sending waits while the reply is on its way.
  await expect(sendButton(page)).toBeDisabled();
  release();

  await expect(clientMessages(page).last()).toHaveText("Honestly, about a 2\nit was a long week");
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  await expect(page.getByTestId("typing-indicator")).toBeHidden();
});

test("a message over 4,000 characters is refused in plain words and nothing is sent", async ({ page }) => {
  await startCheckIn(page);
  const posts = chatPosts(page);
  const input = composer(page);
  await input.fill("a".repeat(4_001));
  await expect(page.getByText("4,001 / 4,000")).toBeVisible();
  await input.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "too long" })).toContainText("4,000 characters");
  await expect(sendButton(page)).toBeDisabled();
  expect(posts).toHaveLength(0);
  await expect(clientMessages(page)).toHaveCount(0);
  await expect(input).toHaveValue("a".repeat(4_001));

  // Back under the limit, it sends. Requests are recorded in the order they are made, so a send
  // of the long message (however late) would be recorded before this one.
  await input.fill("7");
  await input.press("Enter");
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  expect(posts.map((post) => (post.postDataJSON() as { message: { text: string } }).message.text)).toEqual(["7"]);
});

test("a send that fails on the network is retried with the same message id and stored once", async ({ page }) => {
  await startCheckIn(page);
  let failNext = true;
  await page.route("**/api/chat", async (route) => {
    if (failNext) {
      failNext = false;
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  });
  const posts = chatPosts(page);
  await composer(page).fill("8");
  await composer(page).press("Enter");
  const problem = page.getByTestId("send-problem");
  await expect(problem).toContainText("connection was lost");
  await problem.getByRole("button", { name: "Retry" }).click();
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  await expect(problem).toBeHidden();
  expect(posts).toHaveLength(2);
  const ids = posts.map((post) => (post.postDataJSON() as { message: { id: string } }).message.id);
  expect(ids[1]).toBe(ids[0]);

  await page.reload();
  await expect(clientMessages(page)).toHaveCount(1);
  await expect(clientMessages(page)).toHaveText("8");
});

test("429 asks to wait, then Retry works; 409 busy is waited out and sent again with the same id", async ({ page }) => {
  // The page's clock is moved on past each wait (the Retry-After, the pause between busy sends)
  // instead of the test sitting through it.
  await page.clock.install();
  await startCheckIn(page);
  const refusals: number[] = [429, 409, 409];
  await page.route("**/api/chat", async (route) => {
    const status = refusals.shift();
    if (status === 429) {
      await route.fulfill({ status, headers: { "Retry-After": "2" }, json: { error: "You are sending messages very quickly. Please wait a moment." } });
    } else if (status === 409) {
      await route.fulfill({ status, json: { error: "Your previous message is still being answered." } });
    } else {
      await route.continue();
    }
  });
  const posts = chatPosts(page);

  await composer(page).fill("7");
  await composer(page).press("Enter");
  const problem = page.getByTestId("send-problem");
  await expect(problem).toContainText("Please wait 2 s, then retry.");
  const retry = problem.getByRole("button", { name: "Retry" });
  await expect(retry).toBeDisabled();
  await page.clock.fastForward(2_000);
  await expect(retry).toBeEnabled();

  // Two "busy" answers are waited out without the client doing anything: the same message goes
  // again after each pause, until the fourth request is answered.
  await retry.click();
  await expect(page.getByTestId("typing-indicator")).toBeVisible();
  await expect
    .poll(async () => {
      await page.clock.fastForward(BUSY_PAUSE_MS);
      return posts.length;
    })
    .toBe(4);
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  await expect(problem).toBeHidden();
  expect(posts).toHaveLength(4);
  const ids = new Set(posts.map((post) => (post.postDataJSON() as { message: { id: string } }).message.id));
  expect(ids.size).toBe(1);
  await expect(clientMessages(page)).toHaveText(["7"]);
});

test("a reload mid-reply shows the stored reply, stored once", async ({ page }) => {
  await startCheckIn(page);
  let serverAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (serverAnswered = resolve));
  await page.route("**/api/chat", async (route) => {
    // The server runs and stores the turn, but its reply never reaches this page.
    await route.fetch();
    serverAnswered();
  });
  await composer(page).fill("7");
  await composer(page).press("Enter");
  await expect(page.getByTestId("typing-indicator")).toBeVisible();
  await answered;
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const posts = chatPosts(page);

  await page.reload();
  await expect(botMessages(page).last()).toContainText(WORDS_QUESTION);
  await expect(clientMessages(page)).toHaveText(["7"]);
  await expect(page.getByTestId("typing-indicator")).toBeHidden();
  // The page keeps the message in sessionStorage until its reply is stored: once it is gone, the
  // page has settled it (found the reply, or sent it again and had it answered).
  const sessionId = page.url().split("/").at(-1)!;
  await expect.poll(() => page.evaluate((key) => window.sessionStorage.getItem(key), `heartline.pending.${sessionId}`)).toBeNull();
  // Anything sent again after the reload carried the same message id, so the server only replayed it.
  expect(posts.length).toBeLessThanOrEqual(1);
  await page.reload();
  await expect(clientMessages(page)).toHaveText(["7"]);
  await expect(botMessages(page).filter({ hasText: WORDS_QUESTION })).toHaveCount(1);
});

test("ending a conversation (after confirming) makes it read-only", async ({ page }) => {
  await startCheckIn(page);
  await page.getByRole("button", { name: "End conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "End this conversation?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep talking" }).click();
  await expect(dialog).toBeHidden();
  await expect(composer(page)).toBeVisible();

  await page.getByRole("button", { name: "End conversation" }).click();
  await dialog.getByRole("button", { name: "End conversation" }).click();
  await expect(page.getByTestId("read-only-notice")).toContainText("This conversation has ended");
  await expect(composer(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "End conversation" })).toHaveCount(0);
  await expect(botMessages(page).filter({ hasText: MOOD_QUESTION })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(composer(page)).toHaveCount(0);
  await page.getByRole("link", { name: "Start a new conversation" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  const item = page.getByTestId("session-item").filter({ hasText: CHECK_IN });
  await expect(item).toContainText("Ended");
  await expect(item.getByRole("link", { name: `Read “${CHECK_IN}”` })).toBeVisible();
});

test("high risk shows the crisis banner with the lines; it can be hidden and reopened", async ({ page }) => {
  await startCheckIn(page);
  await composer(page).fill("I want to kill myself tonight, I have the pills ready");
  await composer(page).press("Enter");
  const banner = page.getByRole("alert").filter({ hasText: "If you are in danger now" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("988");
  await expect(banner).toContainText("116 123");
  await expect(banner).toContainText("12356");
  await expect(banner).toContainText("400-161-9995");
  await expect(banner.getByRole("link", { name: "findahelpline.com" })).toBeVisible();

  await banner.getByRole("button", { name: "Hide the crisis lines" }).click();
  await expect(banner).toBeHidden();
  await page.getByRole("button", { name: "Crisis lines" }).click();
  await expect(banner).toBeVisible();

  // The stored risk level brings it back after a reload.
  await page.reload();
  await expect(page.getByTestId("crisis-banner")).toBeVisible();
});

test("medium risk shows a gentler note with the lines", async ({ page }) => {
  await startCheckIn(page);
  await answer(page, "sometimes I wish I could just disappear");
  const note = page.getByTestId("crisis-note");
  await expect(note).toContainText("You don't have to carry this alone.");
  await expect(note).toContainText("988");
  await expect(page.getByTestId("crisis-banner")).toHaveCount(0);
  await note.getByRole("button", { name: "Dismiss" }).click();
  await expect(note).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("no horizontal scroll, and the composer stays in view", async ({ page }) => {
    await page.goto("/chat");
    await expect(page.getByTestId("script-card").first()).toBeVisible();
    const widths = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    let { scroll, client } = await widths();
    expect(scroll).toBeLessThanOrEqual(client);

    await startCheckIn(page);
    for (const text of ["6", "tired but okay", "A long walk with a friend; the hardest part was sleep"]) await answer(page, text);
    await expect(botMessages(page).last()).toContainText("anything you were going to try");
    ({ scroll, client } = await widths());
    expect(scroll).toBeLessThanOrEqual(client);
    await expect(composer(page)).toBeInViewport();
    await expect(sendButton(page)).toBeInViewport();
    // The newest message is in view (auto-scroll), the page itself does not scroll.
    await expect(botMessages(page).last()).toBeInViewport();
  });

  test("auto-scroll follows new messages, but not while the reader has scrolled up", async ({ page }) => {
    await startCheckIn(page);
    for (const text of ["6", "tired but okay", "A long walk with a friend; the hardest part was sleep"]) await answer(page, text);
    await expect(botMessages(page).last()).toContainText("anything you were going to try");
    await expect(botMessages(page).last()).toBeInViewport();

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/chat", async (route) => {
      await released;
      await route.continue();
    });
    await answer(page, "I partly did it");
    await expect(clientMessages(page).last()).toBeInViewport();
    // The reader scrolls back up to reread the start while the reply is on its way.
    await log(page).evaluate((el) => el.scrollTo({ top: 0 }));
    await log(page).dispatchEvent("scroll");
    await expect(page.getByRole("button", { name: "Jump to the newest message" })).toBeVisible();
    release();
    await expect(botMessages(page).last()).toContainText("Little interest or pleasure in doing things");
    await expect(botMessages(page).first()).toBeInViewport();
    await expect(botMessages(page).last()).not.toBeInViewport();

    await page.getByRole("button", { name: "Jump to the newest message" }).click();
    await expect(botMessages(page).last()).toBeInViewport();
  });
});

test("the Chinese toggle shows Chinese UI text; a conversation's interface follows its script's language", async ({ page }) => {
  await page.goto("/chat");
  await expect(page.getByRole("heading", { level: 1, name: "Start a conversation" })).toBeVisible();
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "开始一次对话" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "你的对话" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  // The choice is remembered; an English script's conversation is in English all the same.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "开始一次对话" })).toBeVisible();
  await page.getByRole("button", { name: `开始“${CHECK_IN}”` }).click();
  await expect(page.getByRole("textbox", { name: "Your message" })).toBeVisible();
  await expect(page.getByRole("button", { name: "End conversation" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The toggle still decides when used in the conversation.
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("textbox", { name: "你的消息" })).toBeVisible();
  await expect(page.getByRole("button", { name: "发送" })).toBeVisible();

  // Back on the list, the remembered choice applies again.
  await page.getByRole("link", { name: "对话", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "开始一次对话" })).toBeVisible();
});
