/**
 * How a reply answers a yes/no question when it says neither "yes" nor "no": Chinese answers by
 * echoing the question's verb ("你记得吗？" → "记得", "会不会…？" → "不会"), and a reply can go both
 * ways ("也对也不对", "有时候有，有时候没有", "yes and no"). Used by the exact rules over the classifier.
 */
import { foldText } from "../text/normalise";

/** The first clause of a Chinese reply: up to the first space or punctuation, trailing particles dropped. */
function firstClause(folded: string): string {
  const clause = folded.replace(/^(?:嗯|呃|额|哦)?[…。.，,\s]*/u, "").split(/[\s，,。.!！?？~～…、;；]/u)[0] ?? "";
  return clause.replace(/[啊呀吧啦了哈嘛喔哦咯呢嘞]+$/u, "");
}

const NEGATION = /[不没冇唔莫未别]/u;
/** Openings that hedge or ask back rather than echo ("好像", "可能", "哪有…"). */
const NOT_AN_ECHO = /^(?:好像|可能|也许|或许|应该|大概|算|哪|谁|什么|怎么|为什么|你|我|他|她|这|那|就|还|也|都)/u;

/**
 * A Chinese reply echoing the question's verb: "记得", "会", "用过一个", "饮啊" answer yes; "不会",
 * "没想过", "莫得" answer no. Undefined when the reply opens otherwise.
 */
export function echoedPolarity(question: string, reply: string): boolean | undefined {
  const folded = foldText(reply);
  if (!/^\P{Script=Latin}*$/u.test(folded.slice(0, 8))) return undefined;
  const clause = firstClause(folded);
  // "早餐？？我七点就要到校": a word asked back is not an echo.
  if (/^[^?？]{0,8}[?？]/u.test(folded) && /^(?:嗯|呃|额|哦)?[…。.，,\s]*\p{Script=Han}{1,6}[啊呀吧啦了哈嘛喔哦咯呢嘞]*[?？]/u.test(folded)) return undefined;
  const han = Array.from(clause);
  if (han.length === 0 || han.length > 4 || !/^\p{Script=Han}+$/u.test(clause)) return undefined;
  if (NEGATION.test(han[0] ?? "")) return han.length <= 3 && !NEGATION.test(han.slice(1).join("")) ? false : undefined;
  if (NEGATION.test(clause) || NOT_AN_ECHO.test(clause)) return undefined;
  const asked = foldText(question);
  const opening = han.slice(0, Math.min(2, han.length)).join("");
  return asked.includes(opening) || (han.length <= 2 && asked.includes(han[0] ?? "")) ? true : undefined;
}

const BOTH_WAYS =
  /\byes and no\b|\byes but (?:also )?no\b|(?:也|又)(对|是|有|会|算)[^。]{0,6}(?:也|又)(?:不|没)\1|有时候?有[^。]{0,6}有时候?没有|好像有[^。]{0,4}好像没有|算(?:是|有)?吧?[\s，,]*(?:也|又)不算|一半一半/iu;

/** A reply that says yes and no at once: unsure, whatever its first word. */
export function saysBothWays(reply: string): boolean {
  return BOTH_WAYS.test(foldText(reply));
}
