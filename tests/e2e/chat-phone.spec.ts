import { expect, test } from "@playwright/test";
import { adminStorageState, botBubbles, DESKTOP, messageLog, PHONE, sayImminentRisk, startConversation } from "../support/e2e-pages";

/**
 * The chat as a client in distress meets it, on a phone (390×844) and a desktop: a crisis banner
 * that leaves the conversation readable, crisis lines as links that dial, who is speaking, and the
 * words at the end of a conversation.
 */

const CHECK_IN = "Weekly check-in";
/**
 * The bot's name is a setting of the one project every conversation belongs to (there is no other
 * to give a test of its own): the test that renames it and the tests that expect the default name
 * never run at the same time, whichever workers run them.
 */
const BOT_NAME_LOCK = "project-bot-name";

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "en-US" });

  test("the crisis banner is one line with the most relevant line's Call link, at most a quarter of the screen, and opens to every line", async ({ page }) => {
    await startConversation(page, CHECK_IN);
    await sayImminentRisk(page);
    const banner = page.getByTestId("crisis-banner");
    await expect(banner).toHaveAttribute("data-expanded", "false");
    await expect(banner.getByRole("link", { name: /^Call 988/ })).toHaveAttribute("href", "tel:988");

    const viewportHeight = page.viewportSize()!.height;
    const collapsed = (await banner.boundingBox())!;
    // Measured: at most 25 % of the screen, and a single row (the Call link's own height plus padding).
    expect(collapsed.height).toBeLessThanOrEqual(viewportHeight * 0.25);
    console.log(`crisis banner on a ${PHONE.width}×${PHONE.height} phone: ${collapsed.height.toFixed(0)} px (${((collapsed.height / viewportHeight) * 100).toFixed(1)} % of the height)`);
    const call = (await banner.getByRole("link", { name: /^Call 988/ }).boundingBox())!;
    expect(collapsed.height).toBeLessThan(call.height * 2);
    // The conversation keeps most of the screen.
    const log = (await messageLog(page).boundingBox())!;
    expect(log.height).toBeGreaterThan(viewportHeight * 0.4);
    await expect(botBubbles(page).last()).toBeInViewport();

    await banner.getByRole("button", { name: "More" }).click();
    await expect(banner).toHaveAttribute("data-expanded", "true");
    await expect(banner.getByRole("heading", { name: "If you are in danger now, call your local emergency number" })).toBeVisible();
    await expect(banner.getByRole("link", { name: /^Call 116 123/ })).toHaveAttribute("href", "tel:116123");
    await expect(banner.getByRole("link", { name: /^Call 12356/ })).toHaveAttribute("href", "tel:12356");
    await banner.getByRole("button", { name: "Less" }).click();
    await expect(banner).toHaveAttribute("data-expanded", "false");

    await banner.getByRole("button", { name: "Hide the crisis lines" }).click();
    await expect(banner).toBeHidden();
    await page.getByRole("button", { name: "Crisis lines" }).click();
    await expect(banner).toBeVisible();
  });

  test("the medium-risk note is one line too, and opens to the lines", async ({ page }) => {
    await startConversation(page, CHECK_IN);
    const box = page.locator("textarea.composer-input");
    await box.fill("sometimes I wish I could just disappear");
    await box.press("Enter");
    const note = page.getByTestId("crisis-note");
    await expect(note).toContainText("You don't have to carry this alone.");
    const height = (await note.boundingBox())!.height;
    expect(height).toBeLessThanOrEqual(page.viewportSize()!.height * 0.25);
    expect(height).toBeLessThan(70);
    console.log(`medium-risk note on a phone: ${height.toFixed(0)} px (${((height / page.viewportSize()!.height) * 100).toFixed(1)} %)`);
    await note.getByRole("button", { name: "Lines" }).click();
    await expect(note.getByRole("link", { name: /^Call 988/ })).toBeVisible();
  });

  test("a Chinese conversation puts China's line in the banner, and the whole interface follows the script's language", async ({ page }) => {
    await startConversation(page, "情绪小记");
    await expect(page.getByRole("textbox", { name: "你的消息" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await sayImminentRisk(page, "我不想活了，今晚就吃药结束自己");
    const banner = page.getByTestId("crisis-banner");
    await expect(banner.getByRole("link", { name: /^拨打 12356/ })).toHaveAttribute("href", "tel:12356");
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(page.viewportSize()!.height * 0.25);
  });
});

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test.describe(`on a ${size}`, () => {
    test.use({ viewport, locale: "en-US" });

    test("crisis lines in the bot's messages are a card of Call and Text links, not bullet text", async ({ page }) => {
      // A worrying message gets the engine's check-in, which lists the lines.
      await startConversation(page, CHECK_IN);
      const box = page.locator("textarea.composer-input");
      await box.fill("sometimes I wish I could just disappear");
      await box.press("Enter");
      const card = messageLog(page).locator('li[data-role="bot"]').getByRole("list", { name: "Crisis lines" }).first();
      await expect(card).toBeVisible();
      await expect(card.getByRole("link", { name: /^Call 988/ })).toHaveAttribute("href", "tel:988");
      await expect(card.getByRole("link", { name: /^Text 988/ })).toHaveAttribute("href", "sms:988");
      await expect(card.getByRole("link", { name: /^Call 116 123/ })).toHaveAttribute("href", "tel:116123");
      await expect(card.getByRole("link", { name: "findahelpline.com" })).toHaveAttribute("href", "https://findahelpline.com");
      await expect(card.locator("xpath=ancestor::li[1]")).toContainText("It sounds like things have been really heavy lately.");
      for (const text of await botBubbles(page).allTextContents()) expect(text).not.toContain("•");
    });

    test("in Chinese, the crisis protocol's lines are a card with China's lines first", async ({ page }) => {
      await startConversation(page, "情绪小记");
      await sayImminentRisk(page, "我不想活了，今晚就吃药结束自己");
      const card = messageLog(page).locator('li[data-role="bot"]').getByRole("list", { name: "求助热线" }).first();
      await expect(card).toBeVisible();
      await expect(card.getByRole("link").first()).toHaveAttribute("href", "tel:12356");
      await expect(card.getByRole("link", { name: /^拨打 400-161-9995/ })).toHaveAttribute("href", "tel:4001619995");
      for (const text of await botBubbles(page).allTextContents()) expect(text).not.toContain("•");
    });

    test("the bot speaks under its name, and a finished conversation points up to its transcript", { lock: BOT_NAME_LOCK }, async ({ page }) => {
      await startConversation(page, CHECK_IN);
      await expect(messageLog(page).getByTestId("bot-speaker").first()).toHaveText(/Heartline/);
      await page.getByRole("button", { name: "End conversation" }).click();
      await page.getByRole("dialog", { name: "End this conversation?" }).getByRole("button", { name: "End conversation" }).click();
      const notice = page.getByTestId("read-only-notice");
      await expect(notice).toContainText("This conversation has ended. You can read it all above.");
      // The transcript is indeed above the notice.
      expect((await notice.boundingBox())!.y).toBeGreaterThan((await messageLog(page).boundingBox())!.y);
    });
  });
}

test("the bot's name is a project setting authors change in the studio", { lock: BOT_NAME_LOCK }, async ({ browser, baseURL }) => {
  const author = await browser.newContext({ baseURL, storageState: await adminStorageState(baseURL!) });
  const studio = await author.newPage();
  const client = await browser.newContext({ baseURL, viewport: PHONE });
  const page = await client.newPage();
  const form = studio.getByTestId("bot-name-form").first();
  const name = form.getByRole("textbox");
  try {
    await studio.goto("/studio");
    await expect(name).toHaveAttribute("placeholder", "Heartline");
    await name.fill("Mira");
    await form.getByRole("button", { name: "Save name" }).click();
    await expect(form.getByRole("status")).toContainText("Saved.");

    await startConversation(page, CHECK_IN);
    await expect(messageLog(page).getByTestId("bot-speaker").first()).toContainText("Mira");
    await expect(messageLog(page).locator('li[data-role="bot"]').first()).toContainText("Mira:");

    await studio.reload();
    await expect(name).toHaveValue("Mira");
  } finally {
    // Back to the default, for the other tests on this server.
    await name.fill("");
    await form.getByRole("button", { name: "Save name" }).click();
    await expect(form.getByRole("status")).toContainText("Saved.");
    await author.close();
    await client.close();
  }
});
