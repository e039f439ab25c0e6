import { expect, test, type Page } from "@playwright/test";
import { adminStorageState, DESKTOP, PHONE } from "../support/e2e-pages";

/**
 * The client home page: what Heartline is and is not, where to get urgent help, privacy, and Start;
 * in the browser's language, or the one chosen with the toggle (remembered). The developer status
 * lives in the studio.
 */

async function noSideScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test.describe(`on a ${size}`, () => {
    test.use({ viewport, locale: "en-US" });

    test("the home page welcomes a client, says it is not an emergency service with lines to call, explains privacy, and starts", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "Talk things through, at your own pace" })).toBeVisible();
      await expect(page.getByText("an AI counselling assistant")).toBeVisible();

      const urgent = page.getByRole("region", { name: "Not an emergency service" });
      await expect(urgent).toContainText("call your local emergency number now");
      // The most relevant line for an en-US browser, as a link that dials it.
      await expect(urgent.getByRole("link", { name: /^Call 988/ })).toHaveAttribute("href", "tel:988");
      await expect(urgent.getByRole("link", { name: /^Text 988/ })).toHaveAttribute("href", "sms:988");
      await expect(urgent.getByRole("link", { name: "findahelpline.com" })).toBeVisible();

      const privacy = page.getByRole("region", { name: "Your privacy, in plain words" });
      await expect(privacy).toContainText("only this browser can open them");
      await expect(privacy).toContainText("Counsellors authorised by this service may read conversations");

      // The developers' status card is not for clients.
      await expect(page.getByText("Service status")).toHaveCount(0);
      await expect(page.getByTestId("system-info")).toHaveCount(0);
      await noSideScroll(page);

      await page.getByRole("link", { name: "Start a conversation" }).click();
      await expect(page).toHaveURL(/\/chat$/);
      await expect(page.getByRole("heading", { level: 1, name: "Start a conversation" })).toBeVisible();
    });

    test("script cards describe each conversation in plain words, in the interface language", async ({ page }) => {
      await page.goto("/chat");
      const checkIn = page.getByTestId("script-card").filter({ hasText: "Weekly check-in" });
      await expect(checkIn.getByTestId("script-description")).toHaveText(/^A short check-in, about ten minutes: how your mood has been this week/);
      await expect(checkIn).not.toContainText("PHQ-2");
      await noSideScroll(page);

      await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
      await expect(checkIn.getByTestId("script-description")).toHaveText(/^一次约十分钟的简短回访/);
      await expect(checkIn.getByTestId("script-description")).toHaveAttribute("lang", "zh-CN");
    });
  });
}

test.describe("a browser that prefers Chinese", () => {
  test.use({ locale: "zh-CN", viewport: PHONE });

  test("gets the home page in Chinese from Accept-Language, with China's lines first", async ({ page }) => {
    const response = await page.goto("/");
    expect(await response!.request().headerValue("accept-language")).toMatch(/^zh-CN/);
    await expect(page.getByRole("heading", { level: 1, name: "按你自己的节奏，慢慢聊" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const urgent = page.getByRole("region", { name: "这不是紧急服务" });
    await expect(urgent.getByRole("link", { name: /^拨打 12356/ })).toHaveAttribute("href", "tel:12356");
    await expect(page.getByRole("link", { name: "开始一次对话" })).toBeVisible();
  });
});

test.describe("the language toggle", () => {
  test.use({ locale: "en-US" });

  test("is remembered in a cookie: the server renders the chosen language on the next visit", async ({ page, context }) => {
    await page.goto("/");
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "按你自己的节奏，慢慢聊" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "heartline-lang")?.value).toBe("zh");

    // The first HTML the server sends is already Chinese (no English flash).
    const html = await (await page.request.get("/")).text();
    expect(html).toContain("按你自己的节奏，慢慢聊");
    await page.goto("/chat");
    await expect(page.getByRole("heading", { level: 1, name: "开始一次对话" })).toBeVisible();

    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Start a conversation" })).toBeVisible();
  });
});

test("a favicon, app icons and a web manifest are served", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);

  await page.goto("/");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBeTruthy();
  const manifest = (await (await request.get(manifestHref!)).json()) as { name: string; start_url: string; icons: { src: string; sizes: string }[] };
  expect(manifest).toMatchObject({ name: "Heartline", start_url: "/" });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
  }
  for (const selector of ['link[rel="icon"][type="image/svg+xml"]', 'link[rel="apple-touch-icon"]']) {
    const href = await page.locator(selector).first().getAttribute("href");
    expect(href, selector).toBeTruthy();
    expect((await request.get(href!)).status(), selector).toBe(200);
  }
});

test("the service status is on the studio's landing page, for authors", async ({ browser, baseURL, request }) => {
  const report = (await (await request.get("/api/health")).json()) as { version: string; db: { kind: string } };
  const context = await browser.newContext({ baseURL, storageState: await adminStorageState(baseURL!) });
  const page = await context.newPage();
  await page.goto("/studio");
  await expect(page.getByRole("heading", { level: 2, name: "Service status" })).toBeVisible();
  await expect(page.getByTestId("system-version")).toHaveText(report.version);
  await expect(page.getByTestId("system-db")).toHaveText(report.db.kind === "postgres" ? "PostgreSQL" : "Embedded PGlite");
  await expect(page.getByTestId("system-llm")).toContainText("Template mode");
  // The example scripts are seeded on first start, so a client has something to choose.
  await expect(page.getByTestId("system-scripts")).not.toHaveText("0");
  await context.close();
});
