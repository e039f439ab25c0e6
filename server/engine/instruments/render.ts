/**
 * The text the client sees for an item. Only fixed text is assembled here: the stem, the item's
 * own wording and the option labels, verbatim, so the instrument stays the validated one.
 */
import { ANSWER_OPTIONS, getInstrument, getItem, type InstrumentId, type Lang } from "./instruments";

/** "0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day" */
export function renderOptions(lang: Lang): string {
  return ANSWER_OPTIONS.map((option) => `${option.score} ${option.label[lang]}`).join(" · ");
}

/**
 * One item as a message: the stem (when `includeStem`, normally for the first item asked), the
 * item's wording, then the numbered options. `itemIndex` is 0-based.
 */
export function renderItemQuestion(
  instrument: InstrumentId,
  itemIndex: number,
  lang: Lang,
  options: { includeStem: boolean },
): string {
  const item = getItem(instrument, itemIndex);
  const parts = options.includeStem ? [getInstrument(instrument).stem[lang]] : [];
  parts.push(item[lang], renderOptions(lang));
  return parts.join("\n\n");
}

const REASK: Readonly<Record<Lang, string>> = {
  en: "I'm not sure which option fits your answer best. Could you choose one of these four? Replying with the number is fine.",
  zh: "我不太确定你的回答对应哪个选项。可以从下面四个选项中选一个吗？直接回复数字就可以。",
};

/**
 * After an answer that could not be matched to one option: a gentle request to pick one, and the
 * options again. The item is not restated (it is the message just above); the runtime can send
 * `renderItemQuestion` again if it wants to repeat it, which keeps the wording exact.
 */
export function renderReask(instrument: InstrumentId, itemIndex: number, lang: Lang): string {
  getItem(instrument, itemIndex); // same argument checking as renderItemQuestion
  return `${REASK[lang]}\n\n${renderOptions(lang)}`;
}
