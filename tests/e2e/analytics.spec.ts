import { expect, test, type Page } from "@playwright/test";
import { checkInWithReplies } from "../support/e2e-pages";

/**
 * Project analytics in a real browser: clients start weekly check-ins through the API, some leave
 * after the first topic and some after the second; the funnel of the check-in then shows the
 * drop-off after the first topic, in its chart and in its table, and the chart downloads as PNG.
 * Counts are compared before and after, so sessions other tests made do not matter.
 */

const ADMIN_EMAIL = "admin@heartline.test";
const ADMIN_PASSWORD = "e2e-admin-password-0123";
const CHECK_IN_PATH = "sessions/check-in.en.yaml";

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

test("the funnel shows the drop-off after the topic where sessions stopped", async ({ page, baseURL }) => {
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Fstudio$/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Open Heartline examples" }).click();
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

  // The check-in's newest version: the one new sessions start on.
  const versionId = await page.locator(`#analytics-version optgroup[label="${CHECK_IN_PATH}"] option`).first().getAttribute("value");
  expect(versionId).toBeTruthy();
  await page.getByLabel("Version", { exact: true }).selectOption(versionId!);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`version=${versionId}`));
  const analyticsUrl = page.url();
  // The chosen version's funnel lists every topic, reached or not.
  const before = { welcome: await funnelRow(page, "welcome_back"), week: await funnelRow(page, "the_week") };

  // Four clients leave after the greeting; two answer the first topic and leave in the second.
  for (let i = 0; i < 4; i++) await checkInWithReplies(baseURL!, [], "e2e-analytics-");
  for (let i = 0; i < 2; i++) await checkInWithReplies(baseURL!, ["6", "calm but busy"], "e2e-analytics-");

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
});
