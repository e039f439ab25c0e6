/** The author studio as the browser tests (and the browser bench) drive it: signed-in contexts, the editor and publishing. */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { adminStorageState } from "./e2e-pages";

export const ADMIN_EMAIL = "admin@heartline.test";
export const ADMIN_PASSWORD = "e2e-admin-password-0123";
export const PROJECT = "Heartline examples";

/** The line of `text` (1-based) that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" is not in the script`);
  return index + 1;
}

/** A browser context signed in as the admin (signed in once per worker, through the API). */
export async function authorContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState: await adminStorageState(baseURL), viewport: { width: 1440, height: 900 } });
}

/** Creates a session file from the project page and waits for the editor. */
export async function createFile(page: Page, name: string) {
  await page.getByRole("link", { name: `Open ${PROJECT}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page.getByRole("button", { name: "New file" }).click();
  const dialog = page.getByRole("dialog", { name: "New file" });
  await dialog.getByLabel("Folder").selectOption("sessions");
  await dialog.getByLabel("File name").fill(name);
  await expect(dialog.getByText(`Saved as sessions/${name}.yaml`)).toBeVisible();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/studio\/[^/]+\/files\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`sessions/${name}\\.yaml`) })).toBeVisible();
  await expect(editor(page).locator(".view-lines")).toBeVisible({ timeout: 20_000 });
}

export function editor(page: Page) {
  return page.getByTestId("editor").locator(".monaco-editor");
}

export function saveStatus(page: Page) {
  return page.getByTestId("save-status");
}

export function problems(page: Page) {
  return page.getByTestId("problems");
}

/** Replaces the whole text by pasting it (typed text would be auto-indented). */
export async function replaceText(page: Page, text: string) {
  await editor(page).locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await editor(page)
    .locator("textarea")
    .evaluate((target, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
}

/** Moves the cursor to the end of a line with Monaco's "Go to line" (Ctrl+G). */
export async function goToLineEnd(page: Page, line: number) {
  await editor(page).locator(".view-lines").click();
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-box input");
  await expect(input).toBeVisible();
  await input.fill(`:${line}`);
  await input.press("Enter");
  await expect(input).toBeHidden();
  await page.keyboard.press("End");
}

/** True when an error squiggle is drawn on the same row as line number `line`. */
export async function squiggleOnLine(page: Page, line: number): Promise<boolean> {
  return editor(page).evaluate((root, wanted) => {
    const numbers = [...root.querySelectorAll<HTMLElement>(".margin-view-overlays .line-numbers")];
    const label = numbers.find((n) => n.textContent?.trim() === String(wanted));
    if (!label) return false;
    const row = label.getBoundingClientRect();
    return [...root.querySelectorAll<HTMLElement>(".view-overlays .squiggly-error")].some((s) => {
      const box = s.getBoundingClientRect();
      return box.top >= row.top - 1 && box.bottom <= row.bottom + 1;
    });
  }, line);
}

export async function publish(page: Page, note: string, number: number) {
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 10_000 });
  const button = page.getByRole("button", { name: "Publish…" }).first();
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole("dialog", { name: /^Publish / });
  await dialog.getByLabel("What changed (optional)").fill(note);
  await dialog.getByRole("button", { name: `Publish version ${number}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Published version ${number}.`)).toBeVisible();
}

