import { expect, test } from "@playwright/test";
import { DESKTOP, PHONE, sayImminentRisk, startConversation } from "../support/e2e-pages";

/**
 * The screenshots in docs/screenshots (linked from the README). Not a test: run on purpose with
 * `HEARTLINE_SCREENSHOTS=1 npx playwright test tests/e2e/screenshots.spec.ts`, then commit the PNGs.
 */
test.skip(!process.env.HEARTLINE_SCREENSHOTS, "set HEARTLINE_SCREENSHOTS=1 to regenerate docs/screenshots");

const OUT = "docs/screenshots";

test("home, desktop and phone", async ({ browser, baseURL }) => {
  for (const [name, viewport, locale] of [
    ["home-desktop-en", DESKTOP, "en-US"],
    ["home-phone-zh", PHONE, "zh-CN"],
  ] as const) {
    const context = await browser.newContext({ baseURL, viewport, locale, isMobile: viewport === PHONE });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("link", { name: locale === "zh-CN" ? "开始一次对话" : "Start a conversation" })).toBeVisible();
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: viewport === DESKTOP });
    await context.close();
  }
});

test("chat on a phone in English and Chinese, and the crisis banner", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  for (const [lang, script, locale] of [
    ["en", "Weekly check-in", "en-US"],
    ["zh", "情绪小记", "zh-CN"],
  ] as const) {
    const context = await browser.newContext({ baseURL, viewport: PHONE, locale, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await startConversation(page, script, (name) => (lang === "zh" ? `开始“${name}”` : `Start “${name}”`));
    const box = page.locator("textarea.composer-input");
    await box.fill(lang === "zh" ? "大家都叫我小林" : "7");
    await box.press("Enter");
    await expect(page.getByTestId("message-log").locator('li[data-role="client"]')).toHaveCount(1);
    await expect(page.locator('li[data-role="bot"][data-state="stored"]').last()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/chat-phone-${lang}.png` });
    if (lang === "en") {
      await sayImminentRisk(page);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${OUT}/crisis-banner-phone.png` });
      await page.getByTestId("crisis-banner").getByRole("button", { name: "More" }).click();
      await page.screenshot({ path: `${OUT}/crisis-banner-phone-open.png` });
    }
    await context.close();
  }
});
