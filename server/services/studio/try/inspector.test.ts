/** The try-it inspector lists variables by their own (Chinese) names, as the engine stored them. */
import { describe, expect, it } from "vitest";
import { compileScript } from "../../../engine/script";
import { collect, start, turn, type EngineOptions } from "../../../engine/runtime";
import { templateLlm } from "../../../engine/llm/template";
import { inspect } from "./inspector";
import { describeEvent } from "../../../../components/studio/try-events";

const compiled = compileScript(`
session:
  session_id: zh_inspect
  declare: [{ var: 年龄, type: number, value: 30 }]
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          declare: [{ var: 话题备注, type: text, value: 开场 }]
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config: { content: 怎么称呼你？, output: [{ get: 用户称呼 }] }
            - action_type: ai_ask
              action_id: ask_more
              config: { content: "{{用户称呼}}，还有吗？", output: [{ get: 补充 }] }
`);

describe("inspector with Chinese variable names", () => {
  it("shows each variable under its name, scope and source", async () => {
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const opts: EngineOptions = { llm: templateLlm, scriptVersion: "draft" };
    const first = await collect(start(compiled.script, opts));
    const second = await collect(turn(compiled.script, first.state, "叫我小林吧", opts));
    expect(second.messages).toEqual(["小林，还有吗？"]);
    const view = inspect(second.state, "template", [], []);
    expect(view.variables).toEqual(
      expect.arrayContaining([
        { name: "年龄", value: 30, scope: "session", source: "declare", turn: 0 },
        { name: "用户称呼", value: "小林", scope: "session", source: "ask_name", turn: 1 },
        { name: "话题备注", value: "开场", scope: "topic", source: "declare", turn: 0 },
      ]),
    );
    const set = second.events.find((e) => e.type === "variable-set");
    expect(set && describeEvent({ ...set })).toBe("用户称呼 = 小林 (session, from ask_name)");
  });
});
