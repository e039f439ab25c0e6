/**
 * How fast the browser shows what an author or a client is waiting for, measured in the page
 * itself (figures printed, nothing asserted about speed: the machine may be busy):
 *   - the studio: from the last keystroke to the problem listed and its marker drawn, on a
 *     1,000-line script (debounce included; target ≤ 300 ms);
 *   - the chat: from Enter to the typing indicator in the DOM (target < 100 ms).
 * Run with bench/browser/playwright.config.ts (see there).
 */
import { expect, test } from "@playwright/test";
import { clientMessages, composer, startCheckIn } from "../../tests/support/chat-page";
import { authorContext, createFile, goToLineEnd, problems, replaceText, saveStatus } from "../../tests/support/studio-page";

// The studio is laid out for a desktop screen.
test.use({ viewport: { width: 1440, height: 900 } });

/** A generated session script of at least `minLines` lines, and the line of one `action_type: ai_say` near the middle. */
function bigScript(minLines: number): { text: string; middleSayLine: number } {
  const lines = ["metadata:", "  name: E2E big script", "  language: en", "session:", "  session_id: e2e_big_script", "  declare:"];
  for (let v = 1; v <= 20; v++) lines.push(`    - var: answer_${v}`, "      type: text", `      define: answer number ${v}`);
  lines.push("  phases:");
  let phase = 0;
  const sayLines: number[] = [];
  while (lines.length < minLines) {
    phase++;
    lines.push(`    - phase_id: phase_${phase}`, `      phase_name: Phase ${phase}`, "      topics:");
    for (let t = 1; t <= 3; t++) {
      lines.push(`        - topic_id: topic_${phase}_${t}`, `          topic_goal: step ${t} of phase ${phase}`, "          actions:");
      for (let a = 1; a <= 3; a++) {
        const v = ((phase * 9 + t * 3 + a) % 20) + 1;
        sayLines.push(lines.length + 1);
        lines.push(
          "            - action_type: ai_say",
          `              action_id: say_${phase}_${t}_${a}`,
          "              config:",
          `                content: Thank you. So far you said \${answer_${v}|nothing yet}. Let us go on with part ${a}.`,
          "            - action_type: ai_ask",
          `              action_id: ask_${phase}_${t}_${a}`,
          `              condition: "answer_${v} != 'skip'"`,
          "              config:",
          `                content: What comes to mind about part ${a} of step ${t}?`,
          "                output:",
          `                  - get: answer_${v}`,
          "                    type: text",
          "                    extraction_method: direct",
          "                max_rounds: 1",
        );
      }
    }
  }
  const middle = sayLines.find((line) => line >= lines.length / 2) ?? sayLines[0]!;
  return { text: `${lines.join("\n")}\n`, middleSayLine: middle };
}

test("diagnostics on a 1,000-line script: time from the last keystroke to the marker", async ({ browser, baseURL }) => {
  const { text, middleSayLine } = bigScript(1000);
  const lineCount = text.split("\n").length - 1;
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-big-${Date.now().toString(36)}`);
  await replaceText(page, text);
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 15_000 });
  await expect(problems(page).getByTestId("problems-summary")).toHaveText("No problems", { timeout: 15_000 });
  await goToLineEnd(page, middleSayLine);

  // The page's own clock: the last keydown, and the first moment the error is listed and drawn.
  await page.evaluate(() => {
    const w = window as unknown as { __lastKey: number; __listed: number | null; __drawn: number | null; __watch(): void };
    w.__lastKey = 0;
    document.addEventListener("keydown", () => (w.__lastKey = performance.now()), true);
    const list = document.querySelector('[data-testid="problems"]')!;
    const view = document.querySelector('[data-testid="editor"]')!;
    w.__watch = () => {
      w.__listed = null;
      w.__drawn = null;
    };
    new MutationObserver(() => {
      if (w.__listed === null && list.querySelector(".problem-error")) w.__listed = performance.now();
    }).observe(list, { subtree: true, childList: true });
    new MutationObserver(() => {
      if (w.__drawn === null && view.querySelector(".squiggly-error")) w.__drawn = performance.now();
    }).observe(view, { subtree: true, childList: true, attributes: true });
  });

  const listed: number[] = [];
  const drawn: number[] = [];
  for (let round = 0; round < 5; round++) {
    await page.evaluate(() => (window as unknown as { __watch(): void }).__watch());
    await page.keyboard.type("x");
    await expect(problems(page).locator(`button.problem-error[data-line="${middleSayLine}"]`)).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __drawn: number | null }).__drawn !== null)).toBe(true);
    const times = await page.evaluate(() => {
      const w = window as unknown as { __lastKey: number; __listed: number; __drawn: number };
      return { listed: w.__listed - w.__lastKey, drawn: w.__drawn - w.__lastKey };
    });
    listed.push(times.listed);
    drawn.push(times.drawn);
    await page.keyboard.press("Backspace");
    await expect(problems(page).getByTestId("problems-summary")).toHaveText("No problems");
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const fmt = (values: number[]) => values.map((v) => Math.round(v)).join(", ");
  console.log(
    `[studio] diagnostics after the last keystroke on a ${lineCount}-line script (debounce included): ` +
      `listed median ${Math.round(median(listed))} ms (${fmt(listed)}), marker drawn median ${Math.round(median(drawn))} ms (${fmt(drawn)}); target ≤ 300 ms`,
  );
  await context.close();
});

test("chat: from Enter to the typing indicator", async ({ page }) => {
  // Hold every reply back a moment, so the indicator is drawn before the first byte.
  await page.route("**/api/chat", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    await startCheckIn(page);
    await composer(page).fill("about a 6");
    samples.push(
      await composer(page).evaluate(
        (textarea) =>
          new Promise<number>((resolve) => {
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="typing-indicator"]')) return;
              observer.disconnect();
              resolve(performance.now() - start);
            });
            observer.observe(document.body, { childList: true, subtree: true });
            textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, cancelable: true }));
          }),
      ),
    );
    await expect(clientMessages(page).last()).toHaveText("about a 6");
    // The reply has arrived before the next round leaves the page.
    await expect(page.getByTestId("typing-indicator")).toBeHidden();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`[chat] Enter → typing indicator: median ${Math.round(sorted[2]!)} ms (${samples.map((v) => Math.round(v)).join(", ")}); target < 100 ms`);
});
