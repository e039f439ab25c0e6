/**
 * Variable names are Unicode identifiers, as in JavaScript: an ID_Start character or `_`, then
 * ID_Continue characters (which include `_` and digits), so HeartRule's Chinese names (`用户称呼`,
 * `年龄`) work wherever a variable is named or used. Names are compared in NFC, so a name typed
 * with a decomposed accent is the same variable as its composed form. Ids (`session_id`,
 * `phase_id`, `topic_id`, `action_id`) keep their ASCII rule (see `ID_PATTERN` in schema.ts).
 */

/** One whole variable name. */
export const VARIABLE_NAME_PATTERN = /^[\p{ID_Start}_][\p{ID_Continue}_]*$/u;

/** The regex source of a name (no anchors), for building larger patterns with the `u` flag. */
export const VARIABLE_NAME_SOURCE = String.raw`[\p{ID_Start}_][\p{ID_Continue}_]*`;

/** Whether `text` is a variable name (before normalisation). */
export const isVariableName = (text: string): boolean => VARIABLE_NAME_PATTERN.test(text);

/** The canonical (NFC) form under which a variable is stored and looked up. */
export function normaliseName(name: string): string {
  // ASCII needs no work; most names are ASCII.
  return /^[\x00-\x7f]*$/.test(name) ? name : name.normalize("NFC");
}

/**
 * Puts every non-ASCII string value of a parsed script in NFC, in place (containers keep their
 * identity, which the source map relies on), so names and the placeholders and conditions that
 * mention them compare equal however the author's editor encoded them. Keys are left as written.
 */
export function normaliseStringsInPlace(root: unknown): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => {
        if (typeof item === "string") node[index] = normaliseName(item);
        else stack.push(item);
      });
    } else {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const value = record[key];
        if (typeof value === "string") record[key] = normaliseName(value);
        else stack.push(value);
      }
    }
  }
}
