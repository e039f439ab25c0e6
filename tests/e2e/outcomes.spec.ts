import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { axeFor } from "../support/axe";
import { adminStorageState, publishScript } from "../support/e2e-pages";

/**
 * A client's outcomes in a real browser. The admin (from playwright.config.ts) writes and publishes
 * a weekly PHQ-9 script of this test's own (a unique name) through the studio's API; one anonymous
 * client (their own request context, so one identity) takes it three times through the chat
 * route, answering every item; the admin opens the last session's review, follows the link to the
 * client's outcomes and reads the scores, the band, the change and the reliable improvement, on the
 * chart and in its table.
 */

interface TrpcResult<T> {
  result: { data: { json: T } };
}

async function trpc<T>(api: APIRequestContext, procedure: string, input?: unknown): Promise<T> {
  const response =
    input === undefined ? await api.get(`/api/trpc/${procedure}`) : await api.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.ok(), `${procedure}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as TrpcResult<T>).result.data.json;
}

/** PHQ-9 answers per session: 19 (moderately severe) → 13 (moderate) → 6 (mild); item 9 always 0. */
const SESSIONS = [
  [3, 3, 3, 2, 2, 2, 2, 2, 0],
  [2, 2, 2, 2, 2, 1, 1, 1, 0],
  [1, 1, 1, 1, 1, 1, 0, 0, 0],
] as const;

function weeklyScript(name: string): string {
  return `metadata: { name: "${name}", language: en }
session:
  session_id: weekly_phq9
  phases:
    - phase_id: measure
      topics:
        - topic_id: phq9
          actions:
            - action_type: assess
              action_id: weekly_phq9
              config: { instrument: phq9 }
            - action_type: ai_say
              action_id: thanks
              config: { content: "Thank you. That's all for this week." }
`;
}

test("a counsellor follows a client's PHQ-9 over three sessions to a reliable improvement", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const scriptName = `Weekly PHQ-9 ${Date.now().toString(36)}`;

  // The admin publishes the script through the studio's API.
  await publishScript(baseURL!, `sessions/${scriptName.toLowerCase().replaceAll(" ", "-")}.yaml`, weeklyScript(scriptName), "Weekly PHQ-9");
  const admin = await browser.newContext({ baseURL, storageState: await adminStorageState(baseURL!) });
  const page = await admin.newPage();

  // One client, three sessions, every item answered.
  const client = await playwrightRequest.newContext({ baseURL });
  const sessionIds: string[] = [];
  try {
    const scripts = await trpc<{ id: string; name: string }[]>(client, "session.scripts");
    const script = scripts.find((s) => s.name === scriptName);
    expect(script, "the published script").toBeDefined();
    for (const [n, answers] of SESSIONS.entries()) {
      const { sessionId } = await trpc<{ sessionId: string }>(client, "session.start", { scriptId: script!.id });
      for (const [i, answer] of answers.entries()) {
        const turn = await client.post("/api/chat", { data: { sessionId, message: { id: `e2e-outcomes-${n}-${i}`, text: String(answer) } } });
        expect(turn.status()).toBe(200);
        await turn.body(); // the whole stream, so the turn is stored
      }
      sessionIds.push(sessionId);
    }
  } finally {
    await client.dispose();
  }

  // From the last session's review to the client's outcomes.
  const last = sessionIds.at(-1)!;
  await page.goto(`/review/${last}`);
  const link = page.getByTestId("client-outcomes-link");
  await expect(link).toHaveText("Outcomes over 3 sessions");
  await link.click();
  await expect(page).toHaveURL(/\/review\/clients\/[^/?]+\?from=/);
  await expect(page.getByRole("heading", { level: 1, name: "Client outcomes" })).toBeVisible();

  // The summary: the latest band, the change since the first score, and that it is reliable.
  const summary = page.getByTestId("phq9-summary");
  await expect(summary.getByTestId("phq9-latest")).toContainText("6 · Mild");
  await expect(summary.getByTestId("phq9-change")).toContainText("−13 points");
  await expect(summary.getByTestId("phq9-change")).toContainText("from 19");
  await expect(summary.getByTestId("phq9-verdict")).toHaveAttribute("data-verdict", "reliable_improvement");
  await expect(summary.getByTestId("phq9-verdict")).toContainText("Reliable improvement");
  await expect(summary.getByTestId("phq9-item9")).toContainText("0 in all 3");

  // The chart: drawn on the server, with every score and the reliable improvement written on it.
  const figure = page.locator('figure[data-chart="outcome-phq9"]');
  const svg = figure.locator(".chart-image svg");
  await expect(svg).toBeVisible();
  const svgText = (await svg.locator("text").allTextContents()).map((t) => t.trim());
  for (const score of ["19", "13", "6"]) expect(svgText).toContain(score);
  expect(svgText).toContain("Reliable improvement");
  for (const band of ["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"]) expect(svgText).toContain(band);

  // Its table, in session order.
  await figure.getByText("Table: PHQ-9 scores over time").click();
  const rows = figure.locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("#1");
  await expect(rows.nth(0)).toContainText("19");
  await expect(rows.nth(0)).toContainText("Moderately severe");
  await expect(rows.nth(0)).toContainText("first score");
  await expect(rows.nth(1)).toContainText("13");
  await expect(rows.nth(1)).toContainText("−6 points");
  await expect(rows.nth(1)).toContainText("Reliable improvement");
  await expect(rows.nth(2)).toContainText("6");
  await expect(rows.nth(2)).toContainText("−13 points");
  await expect(rows.nth(2)).toContainText("Reliable improvement");

  // Nothing on the page that axe finds inaccessible (WCAG 2.1 A and AA).
  const audit = await (await axeFor(page)).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // The sessions, each linked to its review, and the way back.
  const sessions = page.getByTestId("client-sessions");
  for (const [i, id] of sessionIds.entries()) {
    await expect(sessions.locator(`tr[data-session-id="${id}"]`)).toContainText(`#${i + 1}`);
  }
  await expect(sessions.locator(`tr[data-session-id="${sessionIds[0]}"]`)).toContainText("PHQ-9 19 (Moderately severe)");
  await page.getByRole("link", { name: `← Session ${last.slice(-8)}` }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${last}$`));
  await admin.close();
});
