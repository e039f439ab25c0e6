/** axe-core on a page, as the browser tests run it. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * An AxeBuilder for the page as it is now. On a page without frames it runs axe in the page
 * itself (axe.run): the same rules on the same document as the frame-by-frame run, without the
 * blank page that run opens to merge frames' results. And axe-core (1.5 MB of script) goes into
 * a document once: a document that already has it (the same one after client-side navigation) is
 * analysed without sending it again.
 */
export async function axeFor(page: Page): Promise<AxeBuilder> {
  if (page.frames().length > 1) return new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  const loaded = await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === "function");
  // A source that is a bare statement leaves AxeBuilder nothing to inject.
  return (
    new AxeBuilder({ page, ...(loaded ? { axeSource: ";" } : {}) })
      .setLegacyMode(true)
      // Every rule still runs and every violation is reported in full; passes and incomplete
      // results, which no test reads, are cut to one example node each.
      .options({ resultTypes: ["violations"] })
  );
}
