import { expect, test } from "@playwright/test";

test("the home page shows live service information from system.info", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const report = await health.json();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Heartline" })).toBeVisible();
  const info = page.getByTestId("system-info");
  await expect(info).toBeVisible();
  await expect(page.getByTestId("system-version")).toHaveText(report.version);
  await expect(page.getByTestId("system-db")).toHaveText(report.db.kind === "postgres" ? "PostgreSQL" : "Embedded PGlite");
  await expect(page.getByTestId("system-llm")).toContainText("Template mode");
  // The example scripts are seeded on first start, so a client has something to choose.
  await expect(page.getByTestId("system-scripts")).not.toHaveText("0");
});
