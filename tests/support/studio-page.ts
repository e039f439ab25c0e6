/** The author studio as the browser tests (and the browser bench) drive it: signed-in contexts and the editor. */
import { expect, request, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const ADMIN_EMAIL = "admin@heartline.test";
export const ADMIN_PASSWORD = "e2e-admin-password-0123";
export const PROJECT = "Heartline examples";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
let signedIn: StorageState | null = null;

/**
 * A browser context signed in as the admin. Signs in once through the API (sign-in attempts are
 * rate limited per email; the first test signs in through the page).
 */
export async function authorContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  if (!signedIn) {
    const api = await request.newContext({ baseURL });
    const response = await api.post("/api/trpc/auth.signIn", { data: { json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } } });
    expect(response.ok(), "sign-in through the API").toBe(true);
    signedIn = await api.storageState();
    await api.dispose();
  }
  return browser.newContext({ baseURL, storageState: signedIn, viewport: { width: 1440, height: 900 } });
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
