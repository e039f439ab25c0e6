/**
 * Which Node.js can run Heartline: the range in package.json's `engines`, checked when the server
 * starts. An older Node would start and then fail on the first session (its regular-expression
 * engine refuses patterns the reply reader uses), so it is refused at start with a message that
 * says what to do instead.
 */
import semver from "semver";
import packageJson from "../package.json";

export const SUPPORTED_NODE: string = packageJson.engines.node;

/** Why this Node cannot run Heartline; undefined when it can. */
export function unsupportedNodeReason(version: string = process.versions.node): string | undefined {
  if (semver.satisfies(version, SUPPORTED_NODE)) return undefined;
  return (
    `Heartline needs Node.js ${SUPPORTED_NODE} (24 LTS recommended), and this is Node.js ${version}. ` +
    `On a machine with an older Node, put a newer one first on PATH: export PATH="$(.ci/use-node):$PATH" (see the README's Prerequisites).`
  );
}
