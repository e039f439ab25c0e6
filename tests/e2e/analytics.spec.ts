import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { adminStorageState, checkInWithReplies, publishScript } from "../support/e2e-pages";

/**
 * Project analytics in a real browser: clients start weekly check-ins through the API, some leave
 * after the first topic and some after the second; the funnel of the check-in then shows the
 * drop-off after the first topic, in its chart and in its table, and the chart downloads as PNG.
 * The check-in is a copy of the seeded one published by this test under its own name, so the
 * sessions other tests start on the seeded check-in (at the same time, on the same server) never
 * count here; counts are still compared before and after.
 */

/** The seeded weekly check-in, renamed (name and session id) so that it is a script of this test's own. */
async function ownCheckIn(suffix: string): Promise<{ name: string; path: string; yaml: string }> {
  const seeded = await readFile("scripts/sessions/check-in.en.yaml", "utf8");
  const name = `Funnel check-in ${suffix}`;
  const yaml = seeded
    .replace(/^ {2}name: Weekly check-in$/m, `  name: ${name}`)
    .replace(/^ {2}session_id: weekly_check_in$/m, `  session_id: e2e_funnel_${suffix}`)
    .replace(/^ {2}session_name: Weekly check-in$/m, `  session_name: ${name}`);
  expect(yaml.match(new RegExp(name, "g")), "the copy is renamed").toHaveLength(2);
  return { name, path: `sessions/e2e-funnel-${suffix}.yaml`, yaml };
}

interface FunnelRow {
  reached: number;
  stopped: number;
}

/** The funnel table's numbers for a topic (opening the table as a reader would). */
async function funnelRow(page: Page, topic: string): Promise<FunnelRow> {
  const figure = page.locator('figure[data-chart^="funnel-"]');
  const details = figure.locator("details.chart-data");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await figure.getByText(/^Table: Funnel/).click();
  const row = figure.locator("tr", { has: page.getByRole("rowheader", { name: topic, exact: true }) });
  const cells = row.getByRole("cell");
  return { reached: Number(await cells.nth(1).innerText()), stopped: Number(await cells.nth(3).innerText()) };
}

test("the funnel shows the drop-off after the topic where sessions stopped", async ({ browser, baseURL }) => {
  const checkIn = await ownCheckIn(Date.now().toString(36));
  await publishScript(baseURL!, checkIn.path, checkIn.yaml, "Funnel check-in");
  const context = await browser.newContext({ baseURL, storageState: await adminStorageState(baseURL!) });
  const page = await context.newPage();
  await page.goto("/studio");
  await page.getByRole("link", { name: "Open Heartline examples" }).click();
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

  // The check-in's newest (and only) version: the one new sessions start on.
  const versionId = await page.locator(`#analytics-version optgroup[label="${checkIn.path}"] option`).first().getAttribute("value");
  expect(versionId).toBeTruthy();
  await page.getByLabel("Version", { exact: true }).selectOption(versionId!);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`version=${versionId}`));
  const analyticsUrl = page.url();
  // The chosen version's funnel lists every topic, reached or not.
  const before = { welcome: await funnelRow(page, "welcome_back"), week: await funnelRow(page, "the_week") };

  // Four clients leave after the greeting; two answer the first topic and leave in the second.
  for (let i = 0; i < 4; i++) await checkInWithReplies(baseURL!, [], "e2e-analytics-", checkIn.name);
  for (let i = 0; i < 2; i++) await checkInWithReplies(baseURL!, ["6", "calm but busy"], "e2e-analytics-", checkIn.name);

  await page.goto(analyticsUrl);
  const figure = page.locator('figure[data-chart^="funnel-"]');
  await expect(figure.locator("svg text", { hasText: "welcome_back" })).toBeVisible();
  await expect(figure.locator("svg text", { hasText: "the_week" })).toBeVisible();
  const welcome = await funnelRow(page, "welcome_back");
  const week = await funnelRow(page, "the_week");
  expect({ reached: welcome.reached - before.welcome.reached, stopped: welcome.stopped - before.welcome.stopped }).toEqual({ reached: 6, stopped: 4 });
  expect({ reached: week.reached - before.week.reached, stopped: week.stopped - before.week.stopped }).toEqual({ reached: 2, stopped: 2 });
  // The drop-off column: sessions that reached the first topic but not the second.
  const dropOff = figure.locator("tr", { has: page.getByRole("rowheader", { name: "welcome_back", exact: true }) }).getByRole("cell").nth(4);
  expect(Number(await dropOff.innerText())).toBe(welcome.reached - week.reached);

  // The chart downloads as a PNG drawn in the browser.
  const download = page.waitForEvent("download");
  await figure.getByRole("group", { name: /^Download Funnel/ }).getByRole("button", { name: "PNG" }).click();
  expect((await download).suggestedFilename()).toMatch(/^funnel-.+\.png$/);
  await context.close();
});
