import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { axeFor } from "../support/axe";
import { PROJECT, authorContext, createFile, editor, goToLineEnd, lineOf, problems, publish, replaceText, saveStatus } from "../support/studio-page";

/**
 * What the studio shows around the editor: the flow view of a whole script (graph, conditions,
 * technique calls, zoom and fit, a node moves the editor), the publish dialog's diff, one notice in
 * try-it for a draft with errors, a side panel that keeps its width, and the sign-in page's hint.
 * With STUDIO_SCREENSHOTS=<folder> the flow view and the publish dialog are saved as PNGs there.
 */

const SCREENSHOTS = process.env.STUDIO_SCREENSHOTS;
const INTAKE = "sessions/first-session-intake.en.yaml";

const count = (text: string, key: string) => text.split("\n").filter((line) => new RegExp(`^\\s*-?\\s*${key}:`).test(line)).length;

async function openFile(page: Page, path: string) {
  await page.goto("/studio");
  await page.getByRole("link", { name: `Open ${PROJECT}` }).click();
  await page.getByRole("link", { name: `Open ${path}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toBeVisible();
  await expect(editor(page).locator(".view-lines")).toBeVisible({ timeout: 20_000 });
}

/** The React Flow viewport's zoom, read from its transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform).a);
}

test("the flow view draws the whole script as a graph; a node moves the editor to its line", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const text = await readFile(INTAKE.replace("sessions/", "scripts/sessions/"), "utf8");
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await openFile(page, INTAKE);
  await expect(problems(page).getByTestId("problems-summary")).toBeVisible();

  // The graph library is not part of the editor page until the tab is opened.
  expect(await page.locator(".react-flow").count()).toBe(0);
  await page.getByRole("tab", { name: "Flow" }).click();
  const flow = page.getByTestId("flow-view");
  await expect(flow.locator(".react-flow__node").first()).toBeVisible({ timeout: 15_000 });

  // Every phase, topic and action of the file, Start and End, and the technique it calls.
  const phases = count(text, "phase_id");
  const topics = count(text, "topic_id");
  const actions = count(text, "action_id");
  await expect(page.getByTestId("flow-summary")).toContainText(`${phases} phases · ${topics} topics · ${actions} actions · 1 technique call`);
  await expect(flow.locator('.react-flow__node [data-kind="phase"]')).toHaveCount(phases);
  await expect(flow.locator('.react-flow__node [data-kind="topic"]')).toHaveCount(topics);
  await expect(flow.locator('.react-flow__node [data-kind="action"]')).toHaveCount(actions);
  await expect(flow.getByRole("button", { name: /^Technique called cognitive_restructuring/ })).toBeVisible();
  // Conditions are written on the edges into the steps they guard.
  // (Two topics of the screening phase share one condition.)
  await expect(flow.locator(".flow-edge-conditional .react-flow__edge-text", { hasText: "if ready_for_questionnaire == true" })).toHaveCount(2);
  await expect(flow.locator(".flow-edge-conditional .react-flow__edge-text", { hasText: "if consent_to_continue != false" }).first()).toBeAttached();
  await expect(flow.locator(".flow-edge-skill .react-flow__edge-text")).toHaveText(["use_skill"]);

  // It opens on the beginning, readable; Fit View shows the whole script inside the canvas, not cut off.
  const canvas = (await flow.locator(".flow-canvas").boundingBox())!;
  const inside = async (name: RegExp) => {
    const box = (await flow.getByRole("button", { name }).boundingBox())!;
    return box.x >= canvas.x - 1 && box.x + box.width <= canvas.x + canvas.width + 1 && box.y >= canvas.y - 1 && box.y + box.height <= canvas.y + canvas.height + 1;
  };
  expect(await inside(/^Start\b.*line \d+$/)).toBe(true);
  expect(await inside(/^End\b.*line \d+$/)).toBe(false);
  const opening = await zoom(page);
  expect(opening).toBeGreaterThanOrEqual(0.5);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-flow.png` });
  await flow.getByRole("button", { name: "Fit View" }).click();
  await expect.poll(() => inside(/^End\b.*line \d+$/)).toBe(true);
  expect(await inside(/^Start\b.*line \d+$/)).toBe(true);
  const fitted = await zoom(page);
  expect(fitted).toBeLessThan(opening);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-flow-whole.png` });

  // Zoom in with the buttons; fit brings the whole picture back.
  await flow.getByRole("button", { name: "Zoom In" }).click();
  await expect.poll(() => zoom(page)).toBeGreaterThan(fitted * 1.1);
  await flow.getByRole("button", { name: "Fit View" }).click();
  await expect.poll(async () => Math.abs((await zoom(page)) - fitted)).toBeLessThan(0.01);

  // A topic's node moves the editor's cursor to its line.
  const phq9Line = text.split("\n").findIndex((line) => line.trim() === "- topic_id: phq9") + 1;
  const phq9 = flow.getByRole("button", { name: /^Topic phq9\b/ });
  await expect(phq9).toHaveAccessibleName(new RegExp(`^Topic phq9\\b.*line ${phq9Line}$`));
  await phq9.click();
  await expect(editor(page).locator(".line-numbers.active-line-number")).toHaveText(String(phq9Line));
  // So does an action's, by keyboard.
  const call = flow.getByRole("button", { name: /^Action use_skill run_cognitive_restructuring\b/ });
  await call.focus();
  await page.keyboard.press("Enter");
  await expect(editor(page).locator(".line-numbers.active-line-number")).toHaveText(String(lineOf(text, "action_type: use_skill")));
  await context.close();
});

test("the flow view fits a phone's width", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await openFile(page, INTAKE);
  await page.getByRole("tab", { name: "Flow" }).click();
  const flow = page.getByTestId("flow-view");
  await expect(flow.getByRole("button", { name: /^Start\b.*line \d+$/ })).toBeVisible({ timeout: 15_000 });
  const canvas = (await flow.locator(".flow-canvas").boundingBox())!;
  expect(canvas.x).toBeGreaterThanOrEqual(0);
  expect(canvas.x + canvas.width).toBeLessThanOrEqual(390);
  expect(canvas.height).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("the flow view follows the draft as it changes", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-flow-${Date.now().toString(36)}`);
  await page.getByRole("tab", { name: "Flow" }).click();
  const flow = page.getByTestId("flow-view");
  await expect(flow.locator(".react-flow__node").first()).toBeVisible({ timeout: 15_000 });

  await replaceText(page, TWO_PHASES);
  await expect(page.getByTestId("flow-summary")).toContainText("2 phases · 2 topics · 3 actions · 1 safety trigger");
  await expect(flow.locator(".flow-edge-conditional .react-flow__edge-text")).toHaveText(["if mood > 3"]);
  // The first action of a topic has no edge from a sibling: its condition is on the node.
  await expect(flow.getByRole("button", { name: /^Action say greet\b/ })).toContainText("if first_visit");
  await expect(flow.getByRole("button", { name: /^Safety trigger crisis\b/ })).toContainText("on risk_high");
  await expect(flow.locator(".flow-edge-trigger .react-flow__edge-text")).toHaveText(["runs"]);
  // The graph lays itself out again after the draft changes; a click that lands while the nodes
  // move can be lost, as a person's would be, who would click again. So is this one.
  const closing = flow.getByRole("button", { name: /^Phase Closing\b/ });
  const activeLine = editor(page).locator(".line-numbers.active-line-number");
  await expect(async () => {
    await closing.click();
    await expect(activeLine).toHaveText(String(lineOf(TWO_PHASES, "phase_id: closing")), { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await context.close();
});

const TWO_PHASES = `session:
  session_id: e2e_flow
  phases:
    - phase_id: opening
      phase_name: Opening
      topics:
        - topic_id: hello
          actions:
            - action_type: ai_say
              action_id: greet
              condition: "first_visit"
              config:
                content: Welcome.
            - action_type: ai_say
              action_id: again
              config:
                content: Good to see you.
    - phase_id: closing
      phase_name: Closing
      entry_condition: "mood > 3"
      topics:
        - topic_id: bye
          actions:
            - action_type: ai_say
              action_id: bye_say
              config:
                content: Goodbye.
triggers:
  - trigger_id: crisis
    on: risk_high
    run: { topic: bye }
`;

test("the publish dialog shows what changes since the last version", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-publish-diff-${Date.now().toString(36)}`);

  // The first version: everything is new.
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  await page.getByRole("button", { name: "Publish…" }).first().click();
  let dialog = page.getByRole("dialog", { name: /^Publish / });
  await expect(dialog.getByRole("heading", { name: "First version" })).toBeVisible();
  await expect(dialog.getByTestId("publish-diff")).toContainText(/all \d+ lines are new/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await publish(page, "Skeleton", 1);

  // An edit: the dialog compares the draft with version 1, saved first.
  await goToLineEnd(page, 1);
  await page.keyboard.type(" EDITED_FOR_V2");
  await page.getByRole("button", { name: "Publish…" }).first().click();
  dialog = page.getByRole("dialog", { name: /^Publish / });
  await expect(dialog.getByRole("heading", { name: "Changes since version 1" })).toBeVisible();
  const diff = dialog.getByTestId("publish-diff");
  await expect(diff).toContainText("v1 → saved draft");
  await expect(diff.locator("tr.diff-add")).toHaveCount(1);
  await expect(diff.locator("tr.diff-add")).toContainText("EDITED_FOR_V2");
  await expect(diff.locator("tr.diff-remove")).toHaveCount(1);
  await expect(diff.locator("tr.diff-remove")).not.toContainText("EDITED_FOR_V2");
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-publish-dialog.png` });
  await dialog.getByLabel("What changed (optional)").fill("Second");
  await dialog.getByRole("button", { name: "Publish version 2" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Published version 2.")).toBeVisible();
  await context.close();
});

test("try-it: a draft with an error gets one notice, and the earlier transcript is marked as older", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-try-error-${Date.now().toString(36)}`);
  await replaceText(page, TWO_PHASES);
  await expect(problems(page).locator("button.problem-error")).toHaveCount(0);
  await page.getByRole("tab", { name: "Try it" }).click();
  const panel = page.getByRole("tabpanel", { name: "Try it" });
  await panel.getByRole("button", { name: "Start" }).click();
  const log = page.getByRole("log", { name: "Try-it messages" });
  await expect(log.locator('li[data-role="bot"]').first()).toHaveText("Good to see you.");
  await expect(panel.getByTestId("try-notice")).toHaveCount(0);

  // Break the draft: an unknown action type.
  await goToLineEnd(page, lineOf(TWO_PHASES, "action_id: again") - 1);
  await page.keyboard.type("x");
  await expect(problems(page).locator("button.problem-error")).toHaveCount(1);
  await expect(panel.getByTestId("try-notice")).toHaveCount(1);
  await expect(panel.getByTestId("try-notice")).toContainText("The draft has 1 error (see Problems): fix it to try the draft. The conversation below ran on the text from before.");
  await expect(panel.locator(".notice")).toHaveCount(1);
  await expect(panel.getByRole("button", { name: "Restart" })).toBeDisabled();
  await expect(panel.getByLabel("Message as the client")).toBeDisabled();
  await expect(panel.locator(".try-chat")).toHaveAttribute("data-stale", "true");

  // Fixed: the notice goes, and it runs again.
  await page.keyboard.press("Backspace");
  await expect(problems(page).locator("button.problem-error")).toHaveCount(0);
  await expect(panel.getByTestId("try-notice")).toHaveCount(0);
  await expect(panel.locator(".try-chat")).not.toHaveAttribute("data-stale", "true");
  await expect(panel.getByRole("button", { name: "Restart" })).toBeEnabled();
  await context.close();
});

for (const width of [1280, 1440]) {
  test(`the side panel keeps its width on every tab at ${width} px`, async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const context = await authorContext(browser, baseURL!);
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await openFile(page, INTAKE);
    const panel = page.getByTestId("side-panel");
    const widths: number[] = [];
    for (const tab of ["Outline", "Flow", "Try it", "Versions"]) {
      await page.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
      await expect(page.getByRole("tab", { name: new RegExp(`^${tab}`) })).toHaveAttribute("aria-selected", "true");
      widths.push(Math.round((await panel.boundingBox())!.width));
    }
    expect(new Set(widths).size, `widths ${widths.join(", ")}`).toBe(1);
    // The page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the sign-in page says how accounts and the first admin are made (${viewport.width} px)`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport });
    const page = await context.newPage();
    await page.goto("/signin");
    const help = page.getByTestId("signin-help");
    await expect(help.getByRole("heading", { name: "No account yet?" })).toBeVisible();
    await expect(help).toContainText("Review → Accounts");
    await expect(help).toContainText("HEARTLINE_ADMIN_EMAIL");
    await expect(help).toContainText("HEARTLINE_ADMIN_PASSWORD");
    await expect(help).toContainText("npm run heartline -- create-admin --email");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await context.close();
  });
}

/** axe-core's serious and critical findings on the page as it is now, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await (await axeFor(page)).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("the flow view and the publish dialog have no serious or critical accessibility findings", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await openFile(page, INTAKE);
  await page.getByRole("tab", { name: "Flow" }).click();
  await expect(page.getByTestId("flow-view").locator(".react-flow__node").first()).toBeVisible({ timeout: 15_000 });
  expect(await seriousViolations(page)).toEqual([]);
  // Every node is reachable with the keyboard.
  await page.getByRole("tab", { name: "Flow" }).focus();
  await page.keyboard.press("Tab");
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    reached = await page.evaluate(() => document.activeElement?.classList.contains("flow-node-button") ?? false);
    if (!reached) await page.keyboard.press("Tab");
  }
  expect(reached, "a flow node takes the focus from the keyboard").toBe(true);

  await page.getByRole("button", { name: "Publish…" }).first().click();
  const dialog = page.getByRole("dialog", { name: /^Publish / });
  await expect(dialog.getByTestId("publish-diff")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
