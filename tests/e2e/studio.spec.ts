import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { strToU8, unzipSync, zipSync } from "fflate";
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT, authorContext, createFile, editor, goToLineEnd, lineOf, problems, publish, replaceText, saveStatus, squiggleOnLine } from "../support/studio-page";

/**
 * The author studio in a real browser against a production build (template mode): sign in,
 * create a script, see a typed error marked at its line, fix it, try the draft, publish, start a
 * client conversation on the published version in another browser context, publish a second
 * version, and see the running conversation stay on the first. (How long diagnostics take to
 * appear on a 1,000-line script is measured by bench/browser/ui-timing.bench.ts.)
 */

const SCREENSHOTS = process.env.STUDIO_SCREENSHOTS;

// The workspace is laid out for a desktop screen.
test.use({ viewport: { width: 1440, height: 900 } });

/** A small session: a greeting, a question with a number extracted by pattern, and a goodbye that uses it. */
function pinnedScript(suffix: string, wording: "first" | "second"): string {
  return `metadata:
  name: E2E pinned ${suffix}
  language: en
  client_description: A short test conversation.
session:
  session_id: e2e_pinned_${suffix}
  session_name: E2E pinned ${suffix}
  phases:
    - phase_id: main
      phase_name: Main
      topics:
        - topic_id: hello
          topic_goal: greet and ask
          actions:
            - action_type: ai_say
              action_id: hello_say
              config:
                content: Hello from the ${wording} version.
            - action_type: ai_ask
              action_id: ask_mood
              config:
                content: How is your mood from 0 to 10?
                output:
                  - get: mood_score
                    type: number
                    define: the number the client gives
                    extraction_method: pattern
                    pattern: '\\b(10|[0-9])\\b'
                    required: true
                max_rounds: 2
            - action_type: ai_say
              action_id: closing
              condition: "mood_score >= 0"
              config:
                content: You said \${mood_score}. Goodbye from the ${wording} version.
`;
}

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`/signin\\?returnTo=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

async function startClientConversation(browser: Browser, baseURL: string, scriptName: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/chat");
  await page.getByRole("button", { name: `Start “${scriptName}”` }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  return { context, page, bot: page.getByRole("log", { name: "Conversation" }).locator('li[data-role="bot"] .bubble') };
}

test("an author writes, tries and publishes a script; a running conversation stays on its version", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}`;
  const name = `e2e-pinned-${suffix}`;
  const v1 = pinnedScript(suffix, "first");
  const v2 = pinnedScript(suffix, "second");
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    // The app has no favicon; anything else logged as an error is a problem.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  // Studio pages need a sign-in and come back afterwards.
  await signIn(page, "/studio");
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toContainText(ADMIN_EMAIL);
  await createFile(page, name);
  await expect(saveStatus(page)).toHaveText("Saved");
  // The new file starts from a skeleton without problems.
  await expect(problems(page).getByTestId("problems-summary")).toHaveText("No problems");

  // Write the script: autosave, outline.
  await replaceText(page, v1);
  await expect(saveStatus(page)).toHaveText(/Unsaved changes|Saving…/);
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  await expect(problems(page).getByTestId("problems-summary")).toHaveText("No problems");
  const outline = page.getByRole("navigation", { name: "Outline" });
  await expect(outline.getByRole("button", { name: /ask_mood/ })).toBeVisible();

  // Type an error: the problems list names the line, and the marker is drawn on that line.
  const errorLine = lineOf(v1, "action_type: ai_say");
  await goToLineEnd(page, errorLine);
  await page.keyboard.type("x");
  const problem = problems(page).locator(`button.problem-error[data-line="${errorLine}"]`);
  await expect(problem).toBeVisible();
  await expect(problem).toContainText(`Line ${errorLine}`);
  await expect(problem).toContainText("unknown-action-type");
  await expect.poll(() => squiggleOnLine(page, errorLine)).toBe(true);
  await expect(page.getByRole("button", { name: "Publish…" }).first()).toBeDisabled();
  await page.getByRole("tab", { name: /Versions/ }).click();
  await expect(page.getByTestId("publish-blocked")).toContainText("fix the error");
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-editor-error.png` });

  // Clicking the problem puts the cursor on its line.
  await page.getByRole("tab", { name: "Outline" }).click();
  await goToLineEnd(page, 1);
  await problem.click();
  await expect(editor(page).locator(".line-numbers.active-line-number")).toHaveText(String(errorLine));

  // Fix it.
  await goToLineEnd(page, errorLine);
  await page.keyboard.press("Backspace");
  await expect(problems(page).getByTestId("problems-summary")).toHaveText("No problems");
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });

  // Try the draft: the chat on one side, the variable it extracted in the inspector.
  await page.getByRole("tab", { name: "Try it" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  const tryLog = page.getByRole("log", { name: "Try-it messages" });
  await expect(tryLog.locator('li[data-role="bot"]').first()).toHaveText("Hello from the first version.");
  await expect(tryLog.locator('li[data-role="bot"]').last()).toHaveText("How is your mood from 0 to 10?");
  await page.getByLabel("Message as the client").fill("about 7 today");
  await page.getByLabel("Message as the client").press("Enter");
  const inspector = page.getByTestId("inspector");
  const moodRow = inspector.locator('tr[data-variable="mood_score"]');
  await expect(moodRow).toBeVisible();
  await expect(moodRow).toContainText("7");
  await expect(moodRow).toContainText("ask_mood");
  await expect(tryLog.locator('li[data-role="bot"]').last()).toHaveText("You said 7. Goodbye from the first version.");
  await expect(inspector.getByTestId("inspector-events")).toContainText("mood_score = 7");
  await expect(inspector.getByTestId("inspector-safety")).toContainText("None");
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-try-it.png` });

  // Publish version 1.
  await publish(page, "First version", 1);

  // A client starts a conversation on it in another browser context.
  const client = await startClientConversation(browser, baseURL!, `E2E pinned ${suffix}`);
  await expect(client.bot.first()).toHaveText("Hello from the first version.");
  await expect(client.bot.last()).toHaveText("How is your mood from 0 to 10?");

  // The author edits and publishes version 2.
  await page.getByRole("tab", { name: "Outline" }).click();
  await replaceText(page, v2);
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  await publish(page, "Second version", 2);
  await page.getByRole("tab", { name: /Versions/ }).click();
  const versions = page.getByTestId("version-list");
  await expect(versions.locator("li")).toHaveCount(2);
  await expect(versions.locator('li[data-version="2"]')).toContainText("Second version");
  await expect(versions.locator('li[data-version="1"]')).toContainText("First version");
  await page.getByLabel("From", { exact: true }).selectOption("1");
  await page.getByLabel("To", { exact: true }).selectOption("2");
  const diff = page.getByTestId("diff");
  await expect(diff).toContainText("v1 → v2");
  await expect(diff.locator("tr.diff-remove")).toHaveCount(2);
  await expect(diff.locator("tr.diff-add").first()).toContainText("Hello from the second version.");
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/studio-versions-diff.png` });

  // The running conversation continues on version 1 ...
  const composer = client.page.getByRole("textbox", { name: "Your message" });
  await composer.fill("I'd say 8");
  await composer.press("Enter");
  await expect(client.bot.last()).toHaveText("You said 8. Goodbye from the first version.");
  await client.context.close();

  // ... while a new one gets version 2.
  const next = await startClientConversation(browser, baseURL!, `E2E pinned ${suffix}`);
  await expect(next.bot.first()).toHaveText("Hello from the second version.");
  await next.context.close();

  expect(consoleErrors, "browser console errors").toEqual([]);
});

test("two tabs: the second save is refused, their version can be loaded, and the author's text stays available", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-tabs-${Date.now().toString(36)}`);

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(editor(other).locator(".view-lines")).toBeVisible({ timeout: 20_000 });

  // Tab one saves first.
  await goToLineEnd(page, 1);
  await page.keyboard.type(" TAB_ONE_EDIT");
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });

  // Tab two's save is refused: nothing is overwritten.
  await goToLineEnd(other, 1);
  await other.keyboard.type(" TAB_TWO_EDIT");
  const conflict = other.getByTestId("conflict");
  await expect(conflict).toBeVisible({ timeout: 10_000 });
  await expect(conflict).toContainText("changed in another tab");
  await expect(saveStatus(other)).toHaveText("Conflict: not saved");
  await expect(other.getByRole("button", { name: "Publish…" })).toBeDisabled();

  // Reload shows their version; the author's own text stays available to copy.
  await conflict.getByRole("button", { name: "Reload their version" }).click();
  await expect(editor(other).locator(".view-lines")).toContainText("TAB_ONE_EDIT");
  await expect(editor(other).locator(".view-lines")).not.toContainText("TAB_TWO_EDIT");
  const kept = other.getByTestId("kept-text");
  await expect(kept.locator("textarea")).toHaveValue(/TAB_TWO_EDIT/);
  await expect(saveStatus(other)).toHaveText("Saved");
  await expect(conflict).toBeHidden();
  await context.close();
});

test("files: create, rename, duplicate, delete and restore; export and import a zip", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-files-${suffix}`);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: PROJECT }).click();
  const row = (path: string) => page.locator(`li.file-row[data-path="${path}"]`);
  await expect(row(`sessions/e2e-files-${suffix}.yaml`)).toContainText("Not published");

  await page.getByRole("button", { name: `Rename sessions/e2e-files-${suffix}.yaml` }).click();
  const rename = page.getByRole("dialog", { name: `Rename sessions/e2e-files-${suffix}.yaml` });
  await rename.getByLabel("Path").fill(`sessions/e2e-renamed-${suffix}`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText(`Renamed to sessions/e2e-renamed-${suffix}.yaml.`)).toBeVisible();
  await expect(row(`sessions/e2e-files-${suffix}.yaml`)).toHaveCount(0);

  await page.getByRole("button", { name: `Duplicate sessions/e2e-renamed-${suffix}.yaml` }).click();
  const duplicate = page.getByRole("dialog", { name: `Duplicate sessions/e2e-renamed-${suffix}.yaml` });
  await expect(duplicate.getByLabel("Path")).toHaveValue(`sessions/e2e-renamed-${suffix}-copy.yaml`);
  await duplicate.getByRole("button", { name: "Duplicate" }).click();
  const copy = `sessions/e2e-renamed-${suffix}-copy.yaml`;
  await expect(row(copy)).toBeVisible();

  // Soft delete, visible again with "Show deleted files", and restored.
  await page.getByRole("button", { name: `Delete ${copy}` }).click();
  await page.getByRole("dialog", { name: `Delete ${copy}?` }).getByRole("button", { name: "Delete" }).click();
  await expect(row(copy)).toHaveCount(0);
  await page.getByLabel("Show deleted files").check();
  await expect(row(copy)).toContainText("Deleted");
  await page.getByRole("button", { name: `Restore ${copy}` }).click();
  await expect(page.getByText(`Restored ${copy}.`)).toBeVisible();
  await expect(row(copy)).not.toContainText("Deleted");

  // Export: a zip of the drafts.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export as zip" }).click();
  const download = await downloading;
  const archive = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(archive)).toEqual(expect.arrayContaining([copy, "sessions/check-in.en.yaml"]));

  // Import: a new technique from a zip.
  const imported = `techniques/e2e-imported-${suffix}.yaml`;
  const technique = `technique_id: e2e_imported_${suffix}\ntopic:\n  topic_id: e2e_imported_${suffix}\n  actions:\n    - action_type: ai_say\n      action_id: imported_say\n      config:\n        content: Imported.\n`;
  await page.getByLabel("Zip archive to import").setInputFiles({
    name: "e2e-import.zip",
    mimeType: "application/zip",
    buffer: Buffer.from(zipSync({ [imported]: strToU8(technique) })),
  });
  await expect(page.getByText("Imported e2e-import.zip: 1 new, 0 updated, 0 unchanged.", { exact: false })).toBeVisible();
  await expect(row(imported)).toContainText("technique");
  await context.close();
});

test("rollback publishes an old version again; try-it starts at a chosen topic with chosen values", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await authorContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto("/studio");
  await createFile(page, `e2e-rollback-${Date.now().toString(36)}`);
  await publish(page, "Skeleton", 1);
  await goToLineEnd(page, 1);
  await page.keyboard.type(" EDIT_TWO");
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  await publish(page, "With an edit", 2);

  await page.getByRole("tab", { name: /Versions/ }).click();
  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back to version 1?" });
  await expect(dialog).toContainText("publishes version 3 with the text of version 1");
  await dialog.getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByText("Rolled back: version 3 is a copy of version 1")).toBeVisible();
  await expect(page.getByTestId("version-list").locator("li")).toHaveCount(3);
  await expect(page.getByTestId("version-list").locator('li[data-version="3"]')).toContainText("Rolled back to version 1");
  await expect(editor(page).locator(".view-lines")).not.toContainText("EDIT_TWO");
  await expect(page.getByTestId("kept-text").locator("textarea")).toHaveValue(/EDIT_TWO/);
  await expect(saveStatus(page)).toHaveText("Saved");

  await page.getByRole("tab", { name: "Try it" }).click();
  await page.getByLabel("Start from").selectOption("welcome");
  await page.getByRole("button", { name: "+ Add a value" }).click();
  await page.getByLabel("Variable 1 name").fill("client_name");
  await page.getByLabel("Variable 1 value").fill("Sam");
  await page.getByRole("button", { name: "Start" }).click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector.getByTestId("inspector-position")).toContainText("welcome");
  await expect(inspector.locator('tr[data-variable="client_name"]')).toContainText("Sam");
  await context.close();
});
