import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { axeFor } from "../support/axe";
import { adminStorageState, DESKTOP, flaggedSessionId, PHONE, sayImminentRisk, startConversation } from "../support/e2e-pages";

/**
 * Every page (client, studio, analytics, review, outcomes), in both languages, at desktop and phone size: axe-core finds no serious or critical
 * violation of WCAG 2.1 A/AA, and every visible control can be reached with the Tab key.
 */

const LANGUAGES = [
  { lang: "en", locale: "en-US" },
  { lang: "zh", locale: "zh-CN" },
] as const;
const SIZES = [
  { size: "desktop", viewport: DESKTOP },
  { size: "phone", viewport: PHONE },
] as const;

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await (await axeFor(page)).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

/**
 * Presses Tab until every visible control has had focus (or far more presses than controls).
 * A focusin listener notes each control that takes focus, so the page is read once per run of
 * presses rather than after each one. Monaco keeps Tab for indenting; Ctrl+M, its own key for
 * "Tab moves focus", lets the walk go on: on a page with an editor, focus is read after every
 * press, to press Ctrl+M the moment it lands in the editor.
 */
async function expectEveryControlReachable(page: Page, what: string) {
  const { total, hasEditor } = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    let n = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      el.removeAttribute("data-tabwalk");
      if (el.closest(".monaco-editor")) continue;
      // Out of the tab order on purpose (a file input behind its button), disabled, or not shown
      // (inside a closed <details>, hidden): not a control to reach.
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest("[inert], [aria-hidden='true']")) continue;
      if (!el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: false, visibilityProperty: true })) continue;
      if (el.getClientRects().length === 0) continue;
      el.setAttribute("data-tabwalk", String(n++));
    }
    const monaco = document.querySelector(".monaco-editor");
    const hasEditor = Boolean(monaco && monaco.getClientRects().length > 0);
    if (monaco && hasEditor) monaco.setAttribute("data-tabwalk", String(n++));
    // One listener per page, even when a page is walked again after it changed.
    const walk = window as typeof window & { tabwalk?: { reached: Set<string>; stop: () => void } };
    walk.tabwalk?.stop();
    const reached = new Set<string>();
    const markOf = (el: Element | null) => (el?.closest(".monaco-editor") ?? el)?.getAttribute("data-tabwalk") ?? null;
    const note = (event: FocusEvent) => {
      const mark = markOf(event.target instanceof Element ? event.target : null);
      // Counted only if focus stays there (a script could pass it straight on).
      if (!mark) return;
      queueMicrotask(() => {
        if (markOf(document.activeElement) === mark) reached.add(mark);
      });
    };
    document.addEventListener("focusin", note, true);
    walk.tabwalk = { reached, stop: () => document.removeEventListener("focusin", note, true) };
    return { total: n, hasEditor };
  });
  const progress = () =>
    page.evaluate(() => ({
      reached: (window as typeof window & { tabwalk?: { reached: Set<string> } }).tabwalk?.reached.size ?? 0,
      inEditor: Boolean(document.activeElement?.closest(".monaco-editor")),
    }));
  await page.locator("body").focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const limit = total + 15;
  let presses = 0;
  let reached = 0;
  while (presses < limit && reached < total) {
    // At least one press per control not reached yet (none can be skipped over); one at a time
    // where focus may land in the editor.
    const run = hasEditor ? 1 : Math.min(total - reached, limit - presses);
    for (let i = 0; i < run; i++) await page.keyboard.press("Tab");
    presses += run;
    const now = await progress();
    reached = now.reached;
    if (now.inEditor) await page.keyboard.press("Control+M");
  }
  const missed = await page.evaluate(() => {
    const walk = window as typeof window & { tabwalk?: { reached: Set<string>; stop: () => void } };
    const seen = walk.tabwalk?.reached ?? new Set<string>();
    walk.tabwalk?.stop();
    return Array.from(document.querySelectorAll<HTMLElement>("[data-tabwalk]"))
      .filter((el) => !seen.has(el.getAttribute("data-tabwalk")!))
      .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`);
  });
  expect(missed, `controls Tab never reached on ${what}`).toEqual([]);
}

async function check(page: Page, what: string) {
  await expectNoSeriousViolations(page, what);
  await expectEveryControlReachable(page, what);
}

async function contextFor(browser: Browser, baseURL: string, options: { locale: string; lang: string; viewport: { width: number; height: number }; signedIn?: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale,
    viewport: options.viewport,
    ...(options.signedIn ? { storageState: await adminStorageState(baseURL) } : {}),
  });
  await context.addCookies([{ name: "heartline-lang", value: options.lang, url: baseURL }]);
  return context;
}

for (const { lang, locale } of LANGUAGES) {
  for (const { size, viewport } of SIZES) {
    test.describe(`${lang}, ${size}`, () => {
      test("client pages: home, the conversation list, a conversation with the crisis banner, a finished one", async ({ browser, baseURL }) => {
        test.setTimeout(300_000);
        const context = await contextFor(browser, baseURL!, { locale, lang, viewport });
        const page = await context.newPage();
        await page.goto("/");
        await check(page, "home");
        await page.goto("/chat");
        await expect(page.getByTestId("script-card").first()).toBeVisible();
        await check(page, "the conversation list");
        await startConversation(page, lang === "zh" ? "情绪小记" : "Weekly check-in", (name) => (lang === "zh" ? `开始“${name}”` : `Start “${name}”`));
        await check(page, "a conversation");
        await sayImminentRisk(page, lang === "zh" ? "我不想活了，今晚就吃药结束自己" : undefined);
        await check(page, "a conversation with the crisis banner");
        // On a phone the banner starts as one line: open it too.
        const opener = page.getByTestId("crisis-banner").getByRole("button", { expanded: false });
        if ((await opener.count()) > 0) {
          await opener.click();
          await expectNoSeriousViolations(page, "the crisis banner opened");
        }
        await page.getByRole("button", { name: lang === "zh" ? "结束对话" : "End conversation" }).click();
        await page.getByRole("dialog").getByRole("button", { name: lang === "zh" ? "结束对话" : "End conversation" }).click();
        await expect(page.getByTestId("read-only-notice")).toBeVisible();
        await check(page, "a finished conversation");
        await context.close();
      });

      test("sign-in, studio, editor and review pages", async ({ browser, baseURL }) => {
        test.setTimeout(300_000);
        const sessionId = await flaggedSessionId(baseURL!);
        const anonymous = await contextFor(browser, baseURL!, { locale, lang, viewport });
        const signin = await anonymous.newPage();
        await signin.goto("/signin");
        await check(signin, "sign-in");
        await anonymous.close();

        const context = await contextFor(browser, baseURL!, { locale, lang, viewport, signedIn: true });
        const page = await context.newPage();
        await page.goto("/studio");
        await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
        await check(page, "the studio");
        await page.locator("a.btn", { hasText: "Open" }).first().click();
        await expect(page.getByRole("link", { name: /check-in\.en\.yaml/ }).first()).toBeVisible();
        await check(page, "a project");
        const projectUrl = page.url();
        await page.getByRole("link", { name: "Analytics", exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
        await check(page, "the project's analytics");
        await page.goto(projectUrl);
        await page.getByRole("link", { name: /check-in\.en\.yaml/ }).first().click();
        await expect(page.locator(".monaco-editor").first()).toBeVisible({ timeout: 20_000 });
        await check(page, "the editor");
        await page.goto("/review");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await check(page, "the flagged sessions");
        await page.goto(`/review/${sessionId}`);
        await expect(page.getByTestId("safety-events")).toBeVisible();
        await check(page, "a reviewed session");
        await page.getByRole("link", { name: /Outcomes over/ }).click();
        await expect(page).toHaveURL(/\/review\/clients\//);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await check(page, "a client's outcomes");
        await context.close();
      });
    });
  }
}
