/**
 * Hints for template mode, where no model runs and the client reads an ai_say's or ai_ask's text
 * as written: the text must speak to the client, not instruct a model; its placeholders must not
 * need a model to fill them; and free text placed mid-sentence wants a fallback.
 */
import type { Obj } from "./normalise";
import { findPlaceholders } from "./placeholders";
import { placementOf } from "./render-value";
import type { Reporter } from "./report";
import type { ScriptInventory } from "./semantic-inventory";
import type { VariableReferences } from "./semantic-references";
import { childPath } from "./source-map";

/** ai_say / ai_ask fields whose text the client reads (in template mode, word for word). */
const CLIENT_TEXT_FIELDS = ["content", "rephrase"];

/** A name or form of address: short by nature, and a fallback would not read better. */
const NAME_LIKE = /name|called|名字|称呼|姓名|用户名|昵称/iu;

/** Who a model is told to talk to, in English and Chinese. */
const EN_ADDRESSEE = String.raw`(?:the\s+)?(?:client|user|patient|person|counsellee|counselee|them|him|her)\b`;
const ZH_ADDRESSEE = "(?:来访者|用户|客户|咨询者|当事人|对方|患者)";
/** `content` that tells a model what to do instead of saying it: "Ask the client how…", "向来访者询问…". */
const INSTRUCTION_TO_MODEL: readonly RegExp[] = [
  new RegExp(
    String.raw`^(?:please\s+)?(?:ask|tell|explain\s+to|remind|inform|encourage|invite|prompt|guide|help|greet|thank|reassure|let|get)\s+${EN_ADDRESSEE}`,
    "i",
  ),
  new RegExp(String.raw`^(?:please\s+)?(?:explain|describe|say|mention|check|find\s+out|explore|assess|summari[sz]e|reflect)\b[^.?!]*\b(?:to|with|for|whether|if|how|what)\s+${EN_ADDRESSEE}`, "i"),
  new RegExp(String.raw`^(?:请你?)?(?:(?:向|跟|对|和|给|与)${ZH_ADDRESSEE}(?:询问|提问|问|说明|解释|介绍|说|表达|确认)|(?:询问|问问|问一下|告诉|告知|提醒|引导|鼓励|邀请|解释|说明|帮助|安慰|肯定|确认)(?:一下)?${ZH_ADDRESSEE})`, "u"),
];

export class TemplateModeHints {
  constructor(
    private readonly report: Reporter,
    private readonly inventory: ScriptInventory,
    private readonly references: VariableReferences,
  ) {}

  /** Checks the text of an action the client reads; other actions' text only guides a model. */
  action(actionType: unknown, config: Obj, configPath: string): void {
    if (actionType !== "ai_say" && actionType !== "ai_ask") return;
    for (const field of CLIENT_TEXT_FIELDS) this.clientText(config, field, configPath);
  }

  private clientText(config: Obj, key: string, configPath: string): void {
    const text = config[key];
    if (typeof text !== "string") return;
    const path = childPath(configPath, key);
    const opening = text.trim();
    if (key === "content" && INSTRUCTION_TO_MODEL.some((re) => re.test(opening))) {
      const chinese = /\p{Script=Han}/u.test(opening);
      const example = chinese ? "“你最近睡得怎么样？”" : "\"How have you been sleeping lately?\"";
      this.report.value(
        "instruction-as-content",
        path,
        `This \`content\` reads as an instruction to a model ("${opening.slice(0, 40)}${opening.length > 40 ? "…" : ""}"), but in template mode (no model) the client reads it word for word. Write what the client should read, e.g. ${example}, and put guidance for the model in \`say_goal\`, \`topic_goal\` or \`strategy\`.`,
      );
    }
    if (!text.includes("{")) return;
    for (const placeholder of findPlaceholders(text)) {
      if (placeholder.fallback !== undefined) continue;
      const root = placeholder.name.split(".")[0] ?? placeholder.name;
      if (!this.references.isVisible(root)) continue; // reported as unknown or used before set
      const span = () => this.report.map.spanWithin(path, text, placeholder.start, placeholder.end);
      const byModel = this.inventory.setByModel.get(root);
      if (byModel && !this.inventory.setWithoutModel.has(root)) {
        const line = this.report.map.position(this.report.map.valueSpan(byModel.path)[0]).line;
        this.report.at(
          "model-only-placeholder",
          path,
          span(),
          `\`${placeholder.name}\` is only set by a model (\`${byModel.actionId}\`, line ${line}), so in template mode (no model) it is empty here. Give it a fallback (\`\${${placeholder.name}|…}\`) or a \`value\` on that output, or word this without it.`,
        );
        continue;
      }
      const freeText = this.inventory.textVariables.has(root) && !this.inventory.otherVariables.has(root);
      if (freeText && !NAME_LIKE.test(root) && placementOf(text, placeholder.start, placeholder.end) === "inline") {
        this.report.at(
          "free-text-mid-sentence",
          path,
          span(),
          `\`${placeholder.name}\` is free text placed mid-sentence without a fallback: a long answer (over 8 words or 24 characters, several sentences, a question) becomes a short phrase taken from it or a neutral "what you've described". Add a fallback that reads well here: \`\${${placeholder.name}|…}\`.`,
        );
      }
    }
  }
}
