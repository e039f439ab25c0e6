import { expect, test, type Page } from "@playwright/test";
import { adminStorageState } from "../support/e2e-pages";

/**
 * Accounts in a real browser: the admin (from playwright.config.ts) opens Accounts, disables an
 * author who is signed in elsewhere (whose next page asks them to sign in again, and whose right
 * password is refused), enables them again, gives them a new password, and signs them out
 * everywhere; signing out ends the session on the server, so a kept copy of the cookie is refused.
 */

async function signIn(page: Page, email: string, password: string, returnTo = "/review"): Promise<void> {
  await page.goto(`/signin?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${returnTo.replace("/", "\\/")}$`));
}

test("an admin disables, enables, resets and signs out an author; sign-out ends the session on the server", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const admin = await browser.newContext({ baseURL, storageState: await adminStorageState(baseURL!) });
  const page = await admin.newPage();
  await page.goto("/review");
  // An author of this test's own: every row and count below is theirs.
  const email = `author-${Date.now()}@heartline.test`;
  const password = "an author passphrase here";
  const created = await page.request.post("/api/trpc/auth.createUser", { data: { json: { email, password, role: "author" } } });
  expect(created.status()).toBe(200);

  const author = await browser.newContext();
  const authorPage = await author.newPage();
  try {
    await signIn(authorPage, email, password);

    await page.getByRole("link", { name: "Accounts" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
    const row = page.getByTestId(`account-${email}`);
    await expect(row).toContainText("Active");
    await expect(row.getByRole("cell").nth(3)).toHaveText("1");

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    await authorPage.goto("/review");
    await expect(authorPage).toHaveURL(/\/signin\?returnTo=%2Freview$/);
    await authorPage.getByLabel("Email").fill(email);
    await authorPage.getByLabel("Password").fill(password);
    await authorPage.getByRole("button", { name: "Sign in" }).click();
    await expect(authorPage.locator("form").getByRole("alert")).toContainText("This account has been disabled");

    await row.getByRole("button", { name: "Enable" }).click();
    await expect(row).toContainText("Active");
    await row.getByLabel("New password", { exact: true }).fill("aaaaaaaaaaaa");
    await row.getByRole("button", { name: "Set password" }).click();
    await expect(row.getByRole("alert")).toContainText("too easy to guess");
    await row.getByLabel("New password", { exact: true }).fill("the admin gave me this one");
    await row.getByRole("button", { name: "Set password" }).click();
    await expect(row.getByRole("status")).toContainText("signed out everywhere");
    await signIn(authorPage, email, "the admin gave me this one");
    await page.reload();
    await expect(page.getByTestId(`account-${email}`).getByRole("cell").nth(3)).toHaveText("1");
    await page.getByTestId(`account-${email}`).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByTestId(`account-${email}`).getByRole("cell").nth(3)).toHaveText("0");
    await authorPage.goto("/review");
    await expect(authorPage).toHaveURL(/\/signin\?returnTo=%2Freview$/);

    // Sign-out ends the session on the server: the cookie, kept, no longer works.
    await signIn(authorPage, email, "the admin gave me this one");
    const kept = (await author.cookies()).find((cookie) => cookie.name === "hl_user");
    expect(kept).toBeDefined();
    await authorPage.getByRole("button", { name: /sign out/i }).click();
    await expect(authorPage).toHaveURL(/\/signin/);
    await author.addCookies([kept!]);
    await authorPage.goto("/review");
    await expect(authorPage).toHaveURL(/\/signin\?returnTo=%2Freview$/);
  } finally {
    await author.close();
    await admin.close();
  }
});
