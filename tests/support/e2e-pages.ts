/** What several browser tests do: sign the admin in, start a conversation, say something at risk. */
import { expect, request, type APIResponse, type BrowserContext, type Page } from "@playwright/test";

/** The first admin, from HEARTLINE_ADMIN_EMAIL/PASSWORD in playwright.config.ts. */
const ADMIN_EMAIL = "admin@heartline.test";
const ADMIN_PASSWORD = "e2e-admin-password-0123";

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function signInAdmin(baseURL: string): Promise<StorageState> {
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post("/api/trpc/auth.signIn", { data: { json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } } });
    expect(response.ok(), "sign-in through the API").toBe(true);
    return await api.storageState();
  } finally {
    await api.dispose();
  }
}

const adminStates = new Map<string, Promise<StorageState>>();

/**
 * The admin's cookies, signed in through the API once per worker (only failed sign-ins are rate
 * limited). No test signs this sign-in out: those that test signing out sign in on their own.
 */
export function adminStorageState(baseURL: string): Promise<StorageState> {
  let state = adminStates.get(baseURL);
  if (!state) {
    state = signInAdmin(baseURL);
    adminStates.set(baseURL, state);
    // A failed sign-in is not kept: the next test tries again.
    state.catch(() => adminStates.delete(baseURL));
  }
  return state;
}

export function messageLog(page: Page) {
  return page.getByTestId("message-log");
}

export function botBubbles(page: Page) {
  return messageLog(page).locator('li[data-role="bot"] .bubble');
}

/** Starts the named script from /chat and waits until the composer is ready. */
export async function startConversation(page: Page, scriptName: string, startLabel = (name: string) => `Start “${name}”`) {
  await page.goto("/chat");
  await page.getByRole("button", { name: startLabel(scriptName) }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: scriptName })).toBeVisible();
  await expect(page.locator("textarea.composer-input")).toBeEditable();
}

/** Sends a message that means imminent risk and waits for the crisis banner. */
export async function sayImminentRisk(page: Page, text = "I want to kill myself tonight, I have the pills ready") {
  const box = page.locator("textarea.composer-input");
  await box.fill(text);
  await box.press("Enter");
  await expect(page.getByTestId("crisis-banner")).toBeVisible();
}

interface TrpcResult<T> {
  result: { data: { json: T } };
}

async function trpcJson<T>(response: APIResponse, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as TrpcResult<T>).result.data.json;
}

/**
 * Creates a file at `path` in the first project and publishes it, as the admin through the API.
 * Tests that count sessions or change a script publish one of their own this way, so that what
 * other tests do at the same time on the shared server never shows in their figures.
 */
export async function publishScript(baseURL: string, path: string, yaml: string, note: string): Promise<void> {
  const api = await request.newContext({ baseURL, storageState: await adminStorageState(baseURL) });
  try {
    const [project] = await trpcJson<{ id: string }[]>(await api.get("/api/trpc/studioFiles.projects"), "studioFiles.projects");
    expect(project, "the default project").toBeDefined();
    const file = await trpcJson<{ id: string; draftRevision: number }>(
      await api.post("/api/trpc/studioFiles.create", { data: { json: { projectId: project!.id, path, yaml } } }),
      "studioFiles.create",
    );
    await trpcJson(
      await api.post("/api/trpc/studioFiles.publish", { data: { json: { projectId: project!.id, scriptId: file.id, expectedRevision: file.draftRevision, note } } }),
      "studioFiles.publish",
    );
  } finally {
    await api.dispose();
  }
}

/**
 * Starts a published script (by default the seeded check-in) as a new anonymous client (a request
 * context of its own, so one identity) and sends `replies` through the chat route, one turn each;
 * returns the session id. Message ids are `${messageIdPrefix}${index}`.
 */
export async function checkInWithReplies(baseURL: string, replies: readonly string[], messageIdPrefix: string, scriptName = "Weekly check-in"): Promise<string> {
  const client = await request.newContext({ baseURL });
  try {
    const scriptsResponse = await client.get("/api/trpc/session.scripts");
    expect(scriptsResponse.ok()).toBe(true);
    const scripts = ((await scriptsResponse.json()) as TrpcResult<{ id: string; name: string }[]>).result.data.json;
    const checkIn = scripts.find((s) => s.name === scriptName);
    expect(checkIn, `the published script "${scriptName}"`).toBeDefined();
    const started = await client.post("/api/trpc/session.start", { data: { json: { scriptId: checkIn!.id } } });
    expect(started.ok()).toBe(true);
    const { sessionId } = ((await started.json()) as TrpcResult<{ sessionId: string }>).result.data.json;
    for (const [i, text] of replies.entries()) {
      const turn = await client.post("/api/chat", { data: { sessionId, message: { id: `${messageIdPrefix}${i}`, text } } });
      expect(turn.status()).toBe(200);
      await turn.body(); // the whole stream, so the turn is stored
    }
    return sessionId;
  } finally {
    await client.dispose();
  }
}

/** A check-in in its own client identity that said something at high risk: a session the review lists. */
export function flaggedSessionId(baseURL: string, text = "I don't want to live anymore, I want to kill myself"): Promise<string> {
  return checkInWithReplies(baseURL, [text], `flag-${Date.now()}-`);
}
