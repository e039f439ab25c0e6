/** axe-core on a page, as the browser tests run it. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * An AxeBuilder for the page as it is now. On a page without frames it runs axe in the page
 * itself (axe.run): the same rules on the same document as the frame-by-frame run, without the
 * blank page that run opens to merge frames' results, which cost about half of each analysis.
 */
export function axeFor(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1);
}
