import { describe, it } from "vitest";

/** Under CI=true every service the tests use must be there: a missing one fails the run. */
export const servicesRequired = process.env.CI === "true";

/**
 * A suite that needs a service (Postgres, Redis). `missing` says why it cannot run (undefined when
 * it can): locally the suite is skipped with that reason; under CI=true it fails with it instead.
 */
export function describeWithService(name: string, missing: string | undefined, body: () => void): void {
  if (!missing) describe(name, body);
  else if (servicesRequired) {
    describe(name, () => {
      it("has the service it needs", () => {
        throw new Error(`${missing} (CI=true: a missing service is a failure, not a skip)`);
      });
    });
  } else describe.skip(`${name} (skipped: ${missing})`, body);
}
