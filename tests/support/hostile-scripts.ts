/**
 * Hostile script texts shared by the hostile-input test (which checks each is refused) and its
 * bench (which times the refusal): one definition, so both measure the same input.
 */

/** A billion-laughs alias bomb: nine levels of nine aliases each. */
export const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i] ?? "a"}`).join(",")}]`),
  "session: *i",
].join("\n");

/** 50,000 bytes of seeded binary junk. */
export function binaryJunk(): string {
  let seed = 7;
  return Array.from({ length: 50_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)).join("");
}

/** A script with a condition of 5,000 open brackets and a placeholder soup of 20,000 `${`. */
export const pathologicalConditions = [
  "session:",
  "  session_id: s",
  "  phases:",
  "    - phase_id: p",
  `      entry_condition: "${"(".repeat(5_000)}"`,
  "      topics:",
  "        - topic_id: t",
  "          actions:",
  "            - action_type: ai_say",
  "              action_id: a",
  `              config: { content: "${"${".repeat(20_000)}{{{{{{" }`,
].join("\n");
