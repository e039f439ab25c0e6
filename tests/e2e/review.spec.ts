import { expect, request as playwrightRequest, test } from "@playwright/test";
import { adminStorageState, checkInWithReplies, flaggedSessionId } from "../support/e2e-pages";

/**
 * Counsellor review in a real browser: a client (their own browser context, through the API) says
 * something that means they are at risk; the admin (from HEARTLINE_ADMIN_EMAIL/PASSWORD in
 * playwright.config.ts) signs in, finds the session flagged, sees the evidence highlighted in the
 * client's message, and marks the event reviewed with a note.
 *
 * Other tests make sessions on the same server at the same time: each test here makes its own and
 * finds its row by session id. The lists show 50 rows a page: the flagged list (highest risk first)
 * holds fewer than that in the whole suite, and the all-sessions list (newest first) gets far fewer
 * new rows in the seconds a test takes.
 */

const ADMIN_EMAIL = "admin@heartline.test";
const ADMIN_PASSWORD = "e2e-admin-password-0123";
const CRISIS_TEXT = "I don't want to live anymore, I want to kill myself";

test("a counsellor signs in, finds the flagged session with the evidence highlighted, and marks it reviewed", async ({ page, baseURL }) => {
  const sessionId = await flaggedSessionId(baseURL!, CRISIS_TEXT);

  // Counsellor pages need a sign-in, and come back afterwards.
  await page.goto("/review");
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Freview$/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password do not match an account.");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("heading", { level: 1, name: "Flagged sessions" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toContainText(ADMIN_EMAIL);
  const row = page.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("High");
  await expect(row).toContainText("Needs review (1)");

  // Filters keep it or drop it.
  await page.getByLabel("Risk level").selectOption("high");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/risk=high/);
  await expect(row).toBeVisible();
  await page.getByLabel("Risk level").selectOption("low");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("link", { name: "Clear" }).click();

  // The CSV lists it (and never the client's words).
  const csv = await page.request.get("/review/export");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  expect(csvText).toContain(sessionId);
  expect(csvText).not.toContain("kill myself");

  await page.getByRole("link", { name: `Open session ${sessionId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${sessionId}$`));
  const clientMessage = page.locator(".transcript-message.role-client").filter({ hasText: "kill myself" });
  await expect(clientMessage).toHaveCount(1);
  await expect(clientMessage.locator("mark.evidence").filter({ hasText: "kill myself" })).toBeVisible();
  await expect(page.locator(".transcript-message.role-bot mark")).toHaveCount(0);

  const events = page.getByTestId("safety-events");
  await expect(events).toContainText("suicidal ideation");
  await expect(events).toContainText("lexicon");
  // The event's own level, and what was done in words: the trigger's id as written, never read as a level.
  const card = events.locator(".event-card").first();
  await expect(card.getByTestId("event-level")).toHaveText((await card.locator(".risk-badge").textContent())!);
  await expect(card.getByTestId("event-action")).toHaveText("Ran the safety trigger crisis_risk_high");
  await expect(card.getByTestId("event-action").locator("code")).toHaveText("crisis_risk_high");
  await expect(card).not.toContainText("risk high");
  await expect(page.getByTestId("session-review-state")).toHaveText("Needs review (1 open)");

  await page.getByLabel("Review note").fill("Phoned the client; they are with family tonight. Follow up tomorrow.");
  await page.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByTestId("event-reviewed")).toContainText(`Reviewed by ${ADMIN_EMAIL}`);
  await expect(page.getByTestId("event-reviewed")).toContainText("Phoned the client; they are with family tonight.");
  await expect(page.getByTestId("session-review-state")).toHaveText("Reviewed");

  await page.getByRole("link", { name: "← Flagged sessions" }).click();
  await expect(row).toContainText("Reviewed");

  // Every session, flagged or not, with filters in the URL and both CSVs.
  await page.getByRole("navigation", { name: "Review lists" }).getByRole("link", { name: "All sessions" }).click();
  await expect(page).toHaveURL(/\/review\/sessions$/);
  await expect(page.getByRole("heading", { level: 1, name: "All sessions" })).toBeVisible();
  await expect(row).toBeVisible();
  await page.getByLabel("Script version").fill("1");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/version=1/);
  await expect(row).toBeVisible();
  await page.getByLabel("Script version").fill("99");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(row).toBeVisible();
  const sessionsCsv = await page.request.get("/review/export/sessions");
  expect(sessionsCsv.headers()["content-type"]).toContain("text/csv");
  expect(await sessionsCsv.text()).toContain(sessionId);
  // The crisis message set no variable: the variables CSV is there, with its header, and no client words.
  const variablesCsv = await page.request.get("/review/export/variables");
  expect(variablesCsv.headers()["content-type"]).toContain("text/csv");
  const variablesText = await variablesCsv.text();
  expect(variablesText).toContain("session_id,script,script_version,variable,scope,scope_id,value_json");
  expect(variablesText).not.toContain("kill myself");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto(`/review/${sessionId}`);
  await expect(page).toHaveURL(new RegExp(`/signin\\?returnTo=%2Freview%2F${sessionId}$`));
  const signedOut = await page.request.get("/review/export/variables?status=active", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers().location).toContain("returnTo=%2Freview%2Fsessions%3Fstatus%3Dactive");
});

test("a cross-site sign-in is refused", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    const response = await api.post("/api/trpc/auth.signIn", {
      data: { json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } },
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("hl_user=");
  } finally {
    await api.dispose();
  }
});

test("the session's variables show a question the client skipped, apart from an answer", async ({ page, baseURL }) => {
  // The mood rating is skipped; the next question is answered.
  const sessionId = await checkInWithReplies(baseURL!, ["I'd rather not say", "okay"], "e2e-skip-");

  await page.goto(`/review/${sessionId}`);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${sessionId}$`));

  const variables = page.locator(".variables-table");
  const skipped = variables.locator('tr[data-variable="mood_score"]');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toHaveAttribute("data-skipped", "true");
  await expect(skipped.getByTestId("variable-skipped")).toContainText("Skipped by the client");
  // With the question it was skipped at, and when.
  await expect(skipped).toContainText("question ask_mood_score");
  await expect(skipped.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await expect(skipped.locator("code")).toHaveCount(0);

  const answered = variables.locator('tr[data-variable="mood_words"]');
  await expect(answered.locator("code")).toHaveText("okay");
  await expect(answered.getByTestId("variable-skipped")).toHaveCount(0);
  await expect(answered).not.toHaveAttribute("data-skipped", "true");

  // The variables CSV carries the flag.
  const csv = await (await page.request.get("/review/export/variables")).text();
  const header = csv.replace(/^\uFEFF/, "").split("\r\n")[0]!.split(",");
  const row = csv.split("\r\n").find((line) => line.startsWith(`${sessionId},`) && line.includes(",mood_score,"));
  expect(row?.split(",")[header.indexOf("skipped")]).toBe("true");
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`review and studio link to each other (${viewport.width} px)`, async ({ browser, baseURL }) => {
    const sessionId = await flaggedSessionId(baseURL!, CRISIS_TEXT);
    const context = await browser.newContext({ baseURL, viewport, storageState: await adminStorageState(baseURL!) });
    const page = await context.newPage();

    // From the session to its script in the studio ...
    await page.goto(`/review/${sessionId}`);
    await expect(page.getByTestId("safety-events").locator(".event-card")).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scrolling").toBeLessThanOrEqual(viewport.width);
    await page.getByRole("link", { name: "Open in the studio: Weekly check-in" }).click();
    await expect(page).toHaveURL(/\/studio\/[^/]+\/files\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: /sessions\/check-in\.en\.yaml/ })).toBeVisible();

    // ... and from the script back to its sessions in review, where the flagged one is listed.
    await page.getByRole("link", { name: "Sessions in review" }).click();
    await expect(page).toHaveURL(/\/review\/sessions\?script=/);
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toBeVisible();

    // The headers link the two places.
    await page.getByRole("navigation", { name: "Counsellor" }).getByRole("link", { name: "Studio" }).click();
    await expect(page).toHaveURL(/\/studio$/);
    await page.getByRole("navigation", { name: "Counsellor" }).getByRole("link", { name: "Review" }).click();
    await expect(page).toHaveURL(/\/review$/);
    await context.close();
  });
}
