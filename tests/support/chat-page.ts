/** The client chat page as the browser tests (and the browser bench) drive it. */
import { expect, type Page } from "@playwright/test";

export const CHECK_IN = "Weekly check-in";
export const MOOD_QUESTION = "On a scale from 0 to 10";

// The interface follows the session's language, so these are named in either.
export function composer(page: Page) {
  return page.getByRole("textbox", { name: /^(Your message|你的消息)$/ });
}

export function log(page: Page) {
  return page.getByRole("log", { name: /^(Conversation|对话内容)$/ });
}

export function botMessages(page: Page) {
  return log(page).locator('li[data-role="bot"] .bubble');
}

export function clientMessages(page: Page) {
  return log(page).locator('li[data-role="client"] .bubble');
}

export function sendButton(page: Page) {
  return page.getByRole("button", { name: "Send" });
}

/** Starts the weekly check-in from the script list and waits until the first question can be answered. */
export async function startCheckIn(page: Page) {
  await page.goto("/chat");
  await page.getByRole("button", { name: `Start “${CHECK_IN}”` }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: CHECK_IN })).toBeVisible();
  await expect(botMessages(page).filter({ hasText: MOOD_QUESTION })).toBeVisible();
  // The composer is ready once the transcript is loaded.
  await expect(composer(page)).toBeEditable();
}
