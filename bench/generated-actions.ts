/**
 * The actions the benchmarks' generated session scripts are made of, as YAML lines indented for a
 * topic's `actions:` list; `n` numbers them so ids and variables stay unique.
 */

/** Thanks the client by name (`extra`: more config lines, each a `key: value`). */
export function sayAction(n: number, extra: readonly string[] = []): string[] {
  return [
    "            - action_type: ai_say",
    `              action_id: say_${n}`,
    "              config:",
    `                content: "Thank you, \${user_name}. Let us look at step ${n} together."`,
    ...extra.map((line) => `                ${line}`),
  ];
}

/** Asks how the client feels, into `answer_<n>`. */
export function askAction(n: number): string[] {
  return [
    "            - action_type: ai_ask",
    `              action_id: ask_${n}`,
    "              config:",
    `                content: How do you feel about step ${n}?`,
    `                output: [{ get: answer_${n}, define: the feeling in one word }]`,
  ];
}

/** Judges the previous answer into `judged_<n>`, under a condition on it. */
export function thinkAction(n: number): string[] {
  return [
    "            - action_type: ai_think",
    `              action_id: think_${n}`,
    `              condition: "answer_${n - 1} != '' and user_name != 'nobody'"`,
    "              config:",
    `                content: Judge the answer {{answer_${n - 1}}}.`,
    `                output: [{ get: judged_${n}, type: boolean }]`,
  ];
}
