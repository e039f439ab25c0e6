/**
 * Correcting a summary: an ai_ask that `confirms` variables reads them back; on a no or a
 * correction only the part that was wrong is asked again (the part the reply names, else the
 * client is asked which), the new value is stored beside the old one in lineage, and the summary
 * is confirmed once more. A second no is taken as it is, and the script moves on.
 */
import { correctedPart, extractDuration, namedSummaryPart, type ReplyReading } from "../../understanding";
import type { HandlerRun, RunContext } from "../context";
import { primaryField } from "../pending-question";
import { CORRECTION_ACK, partLabel, partOf, partQuestion, reaskLead, whichPartQuestion, type ConfirmedPart } from "../reply-texts";
import type { AskAction, AskProgress } from "./ai-ask";
import { durationPhrase } from "./extraction";
import { joinText, sayAndAwait } from "./reply-intents";

const NOTED = { en: "Thank you, I've noted that.", zh: "好的，我记下了。" } as const;
const KEPT = { en: "All right. I'll keep what you've said in mind.", zh: "好的，我会记住你说的。" } as const;

/** What a correction says instead, once its leading "no"/"not really" is taken off. */
const LEADING_NO =
  /^(?:(?:no|nope|nah|not really|not quite|not exactly|not entirely|that'?s not (?:quite )?(?:it|right)|partly|sort of|kind of|well|hmm|actually|i mean)\b[\s,.;:!—–-]*)+|^(?:不太对|不完全对|不对|不是|不完全是|也不是|其实|嗯|呃)[\s，,。.；;：:！!]*/iu;
/** How a corrected goal or concern is often put, taken off so it reads after "you'd like" / "because of". */
const LEAD_IN =
  /^(?:(?:i'?d|i would) (?:mostly |really |just |actually )?like|i (?:mostly |really |just |actually )?want(?:ed)?|(?:it'?s|it is) (?:more|mostly|mainly|really|actually) (?:about|that)|more (?:about|like)|mostly|mainly|rather)\s+|^(?:我(?:其实|更|主要)?(?:想|希望|想要)|主要是|更多是|应该是|其实是)/iu;

function correctionContent(reply: string): string {
  return reply.trim().replace(LEADING_NO, "").replace(LEAD_IN, "").replace(/[.。!！]+$/u, "").trim();
}

/** Enough words to be the corrected value itself, not just "no, that's wrong". */
function isSubstantial(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return han >= 4 || words >= 3;
}

interface Confirmed {
  name: string;
  part: ConfirmedPart;
}

function confirmedParts(ctx: RunContext, action: AskAction): Confirmed[] {
  const declares = ctx.script.session.declare;
  return (action.config.confirms ?? []).map((name) => ({ name, part: partOf(name, declares.find((d) => d.var === name)?.define ?? "") }));
}

function valueFor(ctx: RunContext, part: ConfirmedPart, text: string): string {
  if (part === "duration") {
    const duration = extractDuration(text);
    if (duration) return durationPhrase(duration, ctx.language);
  }
  return text;
}

/** Stores the corrected value and reads the summary back once more. */
async function* correctAndConfirm(ctx: RunContext, action: AskAction, progress: AskProgress, target: Confirmed, text: string): HandlerRun {
  yield ctx.setVariable(target.name, valueFor(ctx, target.part, text), action.action_id);
  const summary = ctx.render(action.config.content);
  return yield* sayAndAwait(ctx, action, { ...progress, stage: undefined, correcting: undefined, corrected: true }, "reconfirm", joinText(ctx.language, NOTED[ctx.language], summary));
}

/** A no or a correction to the summary. */
export async function* startCorrection(ctx: RunContext, action: AskAction, progress: AskProgress, reading: ReplyReading, reply: string): HandlerRun {
  const language = ctx.language;
  const field = primaryField(action);
  if (progress.corrected) {
    // Confirmed once more after a correction: the answer is taken as it is.
    if (field) yield ctx.setVariable(field.get, false, action.action_id);
    yield* ctx.sayVerbatim(action.action_id, "correction_kept", KEPT[language]);
    return { kind: "done", reason: "completed" };
  }
  const parts = confirmedParts(ctx, action);
  const named = reading.corrects ? parts.filter((p) => p.part === reading.corrects) : [];
  const target = named.length === 1 ? named[0] : parts.length === 1 ? parts[0] : undefined;
  if (target) {
    const content = correctionContent(reply);
    if (reading.intent === "correction" && isSubstantial(content)) return yield* correctAndConfirm(ctx, action, progress, target, content);
    const next: AskProgress = { ...progress, stage: "correct", correcting: target.name };
    return yield* sayAndAwait(ctx, action, next, "correct", joinText(language, CORRECTION_ACK[language], partQuestion(target.part, target.name, language)));
  }
  const labels = parts.map((p) => partLabel(p.part, p.name, language));
  return yield* sayAndAwait(ctx, action, { ...progress, stage: "which_part" }, "which_part", joinText(language, CORRECTION_ACK[language], whichPartQuestion(labels, language)));
}

/** The question pending while a correction is under way (what an aside is followed by). */
export function correctionQuestion(ctx: RunContext, action: AskAction, progress: AskProgress): string {
  const parts = confirmedParts(ctx, action);
  const target = progress.stage === "correct" ? parts.find((p) => p.name === progress.correcting) : undefined;
  if (target) return partQuestion(target.part, target.name, ctx.language);
  return whichPartQuestion(parts.map((p) => partLabel(p.part, p.name, ctx.language)), ctx.language);
}

/** Which part the client names: "the last bit", "原因那部分", or the words of its label. */
function namedPart(reply: string, parts: readonly Confirmed[]): Confirmed | undefined {
  const summaryPart = namedSummaryPart(reply);
  const bySummary = summaryPart ? parts.filter((p) => p.part === summaryPart) : [];
  if (bySummary.length === 1) return bySummary[0];
  const words: Record<Exclude<ConfirmedPart, "other">, RegExp> = {
    concern: /concern|brings|reason|problem|why i came|first|原因|困扰|问题|为什么来|第一/iu,
    goal: /goal|different|hope|want|like|change|last|希望|不同|目标|想要|改变|最后/iu,
    duration: /long|time|duration|month|week|year|多久|时间|持续|多长/iu,
  };
  const matches = parts.filter((p) => p.part !== "other" && words[p.part].test(reply));
  if (matches.length === 1) return matches[0];
  return parts.find((p) => reply.toLowerCase().includes(p.name.replace(/_/g, " ").toLowerCase()));
}

/** The reply while a correction is under way: the part named, or the corrected value. */
export async function* replyInCorrection(ctx: RunContext, action: AskAction, progress: AskProgress, reading: ReplyReading, reply: string): HandlerRun {
  const language = ctx.language;
  const parts = confirmedParts(ctx, action);
  if (progress.stage === "which_part") {
    const named = namedPart(reply, parts);
    if (!named) {
      // "To sleep properly again": no part named, but a new version of one, told by what it says.
      const part = correctedPart(ctx.render(action.config.content), reply);
      const target = part ? parts.filter((p) => p.part === part) : [];
      const content = correctionContent(reply);
      if (target.length === 1 && target[0] && isSubstantial(content)) return yield* correctAndConfirm(ctx, action, progress, target[0], content);
      if (!progress.askedWhich) {
        const labels = parts.map((p) => partLabel(p.part, p.name, language));
        return yield* sayAndAwait(ctx, action, { ...progress, askedWhich: true }, "which_part", joinText(language, reaskLead(1, language), whichPartQuestion(labels, language)));
      }
      yield* ctx.sayVerbatim(action.action_id, "correction_kept", KEPT[language]);
      return { kind: "done", reason: "completed" };
    }
    const target = named;
    const content = correctionContent(reply);
    // "The goal: I'd like to sleep properly again" names the part and corrects it at once.
    const [, after] = /[:：—–-]\s*(.+)$/u.exec(content) ?? [];
    if (after && isSubstantial(after)) return yield* correctAndConfirm(ctx, action, progress, target, correctionContent(after));
    const next: AskProgress = { ...progress, stage: "correct", correcting: target.name };
    return yield* sayAndAwait(ctx, action, next, "correct", partQuestion(target.part, target.name, language));
  }
  const target = parts.find((p) => p.name === progress.correcting) ?? parts[0];
  const content = correctionContent(reply) || reply.trim();
  if (!target || reading.intent === "unsure" || !content) {
    yield* ctx.sayVerbatim(action.action_id, "correction_kept", KEPT[language]);
    return { kind: "done", reason: "completed" };
  }
  return yield* correctAndConfirm(ctx, action, progress, target, content);
}
