/**
 * What the output guardrail reads around a rule's match to tell the act from the topic:
 * negation, questions, reported speech, reflections, and advice or advice against. Pure.
 */

/** A rule's match in the normalised text. */
export interface Hit {
  text: string;
  start: number;
  end: number;
  match: string;
}

export const EN_NEGATION = /\b(?:not|no|never|nor|cannot|without|whether|if|unless|nobody|nothing)\b|n't\b/i;
/** Asking, or reporting what the client said or fears, is not stating it. */
export const EN_DIAGNOSIS_FRAME = /\b(?:do|does|did|ask|asked|asking|wonder|wondering|worried|worry|worries|fear|afraid|scared)\b/i;
export const EN_REPORTED =
  /\byou(?:'ve| have)? (?:said|mentioned|shared|described|feel|felt|think|thought|believe|believed|suspect|suspected|wonder|were diagnosed|have been diagnosed|'ve been diagnosed|were told|'ve been told|have been told)\b/i;
export const ZH_NEGATION = /不|没|无|非|别|勿|否|未|如果|假如|要是|是否|难以/u;

/** Text of the clause before the hit: back to the last clause mark or "but"/"however". */
export function clauseBefore(hit: Hit): string {
  const before = hit.text.slice(0, hit.start);
  const cut = Math.max(
    before.lastIndexOf(","),
    before.lastIndexOf(";"),
    before.lastIndexOf(":"),
    before.lastIndexOf("—"),
    before.lastIndexOf("，"),
    before.lastIndexOf("；"),
    before.lastIndexOf("："),
    before.lastIndexOf("、"),
  );
  let clause = before.slice(cut + 1);
  const contrast = /\b(?:but|however|yet)\b(?!.*\b(?:but|however|yet)\b)/i.exec(clause);
  if (contrast) clause = clause.slice(contrast.index + contrast[0].length);
  return clause;
}

/** The last `words` words before the hit, within its clause. */
export function wordsBefore(hit: Hit, words: number): string {
  return clauseBefore(hit).trim().split(/\s+/).slice(-words).join(" ");
}

/** The rest of the clause after the hit. */
export function clauseAfter(hit: Hit): string {
  const after = hit.text.slice(hit.end);
  const stop = after.search(/[,;:.!?，；：。！？]/u);
  return stop < 0 ? after : after.slice(0, stop);
}

/** The clause of the hit is a question ("Do you have depression?", "你有抑郁症吗？"). */
export function isQuestion(hit: Hit): boolean {
  const after = hit.text.slice(hit.end);
  const stop = after.search(/[,;.!?，；。！？]/u);
  const mark = stop < 0 ? "" : after.charAt(stop);
  if (mark === "?" || mark === "？") return true;
  const tail = stop < 0 ? after : after.slice(0, stop);
  return /吗\s*$|呢\s*$/u.test(tail);
}

export function enNegated(hit: Hit, words = 6): boolean {
  return EN_NEGATION.test(wordsBefore(hit, words)) || EN_NEGATION.test(hit.match);
}

export function zhNegated(hit: Hit, chars = 8): boolean {
  return ZH_NEGATION.test(clauseBefore(hit).slice(-chars)) || ZH_NEGATION.test(hit.match.slice(0, -1));
}

/** "It may feel like nobody would miss you": the bot reflecting what the client feels. */
export function reflects(hit: Hit): boolean {
  return /\b(?:feel|feels|felt|feeling|think|thinks|thinking|thought|thoughts|believe|believing|seem|seems|might|may|worry|worried|tell yourself|telling yourself)\b/i.test(
    wordsBefore(hit, 8),
  );
}

export function zhReflects(hit: Hit): boolean {
  return /觉得|感觉|认为|以为|好像|担心|念头|想法/u.test(clauseBefore(hit).slice(-10));
}

/** Advice right before a verb: "you should", "I'd suggest", "try", "please", ... */
export const EN_ADVICE =
  /\b(?:you (?:should|could|can|might|may|must|need to|ought to|have to|want to|might want to|may want to)|you'd better|you'd do well to|try(?: to)?|i(?:'d| would)? (?:suggest|recommend|advise)|my advice is to|maybe|perhaps|just|please|why not|how about|consider|go ahead and|it(?:'s| is| might be| may be| would be| could be) (?:best|better|fine|okay|ok|good|wise|helpful|worth|a good idea)(?: to)?|it (?:might|may|could|would) help to|feel free to|time to)(?: (?:also|just|probably|maybe|simply|really|definitely|gradually|slowly|now|then|first|try to|try))?$/i;
export const EN_FILLER = /^(?:(?:so|and|then|now|okay|ok|well|also|first|instead)\s*)*$/i;
/** Telling the client not to take something they were prescribed. */
export const EN_ADVISE_AGAINST =
  /\b(?:don't|do not|never|you shouldn't|you should not|no need to|you don't need to|you do not need to|you don't have to|you do not have to|there's no need to)(?: (?:just|really|even))?$/i;

export function enAdviceContext(hit: Hit): "advice" | "against" | null {
  const clause = clauseBefore(hit).trim();
  if (EN_ADVISE_AGAINST.test(clause)) return "against";
  if (EN_ADVICE.test(clause)) return "advice";
  // A bare verb opening the clause is an imperative ("Stop taking them"); a gerund is a subject
  // ("Stopping medication suddenly can be risky").
  if (EN_FILLER.test(clause) && !/^[a-z]+ing\b/i.test(hit.match)) return "advice";
  return null;
}

export const ZH_ADVICE = /(?:你可以|你应该|你得|你要|你需要|建议你|我建议|建议|推荐你|我推荐|不妨|可以|最好|试试|试着|那就|你就|就|先|赶紧|要不|不如|干脆|去)$/u;
export const ZH_ADVISE_AGAINST = /(?:不要|别|不用|不需要|没必要|不必|用不着)$/u;

export function zhAdviceContext(hit: Hit): "advice" | "against" | null {
  const clause = clauseBefore(hit).trim();
  if (ZH_ADVISE_AGAINST.test(clause)) return "against";
  if (ZH_ADVICE.test(clause)) return "advice";
  // A bare imperative softened by 吧: "吃点安眠药吧".
  if (clause === "" && /吧\s*$/u.test(clauseAfter(hit))) return "advice";
  return null;
}
