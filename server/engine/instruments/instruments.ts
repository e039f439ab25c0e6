/**
 * The standard instruments as data: PHQ-9, GAD-7 and their two-item screens, with the published
 * English wording and the established Simplified Chinese wording. The wording is fixed: the
 * instruments are validated as written, so nothing in the engine may paraphrase an item.
 */

export type Lang = "en" | "zh";

/** One piece of text in every supported language. */
export type Localised = Readonly<Record<Lang, string>>;

export type InstrumentId = "phq9" | "gad7" | "phq2" | "gad2";

export type AnswerScore = 0 | 1 | 2 | 3;

/**
 * Stable band ids (stored in `<prefix>_band` and compared in script conditions, so never rename).
 * `negative`/`positive` are the screen results of PHQ-2 and GAD-2.
 */
export type BandId = "minimal" | "mild" | "moderate" | "moderately_severe" | "severe" | "negative" | "positive";

export interface AnswerOption {
  readonly score: AnswerScore;
  readonly label: Localised;
}

export interface Band {
  readonly id: BandId;
  /** Inclusive total range. */
  readonly min: number;
  readonly max: number;
  readonly label: Localised;
}

export interface Instrument {
  readonly id: InstrumentId;
  readonly name: Localised;
  readonly stem: Localised;
  readonly items: readonly Localised[];
  readonly options: readonly AnswerOption[];
  /** Ordered, contiguous, covering 0..items.length * 3. */
  readonly bands: readonly Band[];
  /** 0-based index of the self-harm item (PHQ-9 item 9), when the instrument has one. */
  readonly selfHarmItemIndex?: number;
}

/** The four answer options shared by all four instruments. */
export const ANSWER_OPTIONS: readonly AnswerOption[] = [
  { score: 0, label: { en: "Not at all", zh: "完全不会" } },
  { score: 1, label: { en: "Several days", zh: "好几天" } },
  { score: 2, label: { en: "More than half the days", zh: "一半以上的天数" } },
  { score: 3, label: { en: "Nearly every day", zh: "几乎每天" } },
];

const STEM: Localised = {
  en: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  zh: "在过去两周里，你有多少时间受到以下任何问题所困扰？",
};

const PHQ9_ITEMS: readonly Localised[] = [
  { en: "Little interest or pleasure in doing things", zh: "做事时提不起劲或没有兴趣" },
  { en: "Feeling down, depressed, or hopeless", zh: "感到心情低落、沮丧或绝望" },
  { en: "Trouble falling or staying asleep, or sleeping too much", zh: "入睡困难、睡不安稳或睡眠过多" },
  { en: "Feeling tired or having little energy", zh: "感觉疲倦或没有活力" },
  { en: "Poor appetite or overeating", zh: "食欲不振或吃太多" },
  {
    en: "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    zh: "觉得自己很糟——或觉得自己很失败，或让自己或家人失望",
  },
  {
    en: "Trouble concentrating on things, such as reading the newspaper or watching television",
    zh: "对事物专注有困难，例如阅读报纸或看电视时",
  },
  {
    en: "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    zh: "动作或说话速度缓慢到别人已经察觉？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常",
  },
  {
    en: "Thoughts that you would be better off dead or of hurting yourself in some way",
    zh: "有不如死掉或用某种方式伤害自己的念头",
  },
];

const GAD7_ITEMS: readonly Localised[] = [
  { en: "Feeling nervous, anxious or on edge", zh: "感觉紧张、焦虑或急切" },
  { en: "Not being able to stop or control worrying", zh: "不能够停止或控制担忧" },
  { en: "Worrying too much about different things", zh: "对各种各样的事情担忧过多" },
  { en: "Trouble relaxing", zh: "很难放松下来" },
  { en: "Being so restless that it is hard to sit still", zh: "由于不安而无法静坐" },
  { en: "Becoming easily annoyed or irritable", zh: "变得容易烦恼或急躁" },
  { en: "Feeling afraid as if something awful might happen", zh: "感到似乎将有可怕的事情发生而害怕" },
];

const BAND_LABELS = {
  minimal: { en: "Minimal", zh: "极轻微" },
  mild: { en: "Mild", zh: "轻度" },
  moderate: { en: "Moderate", zh: "中度" },
  moderately_severe: { en: "Moderately severe", zh: "中重度" },
  severe: { en: "Severe", zh: "重度" },
  negative: { en: "Negative screen", zh: "筛查阴性" },
  positive: { en: "Positive screen", zh: "筛查阳性" },
} as const satisfies Record<BandId, Localised>;

function band(id: BandId, min: number, max: number): Band {
  return { id, min, max, label: BAND_LABELS[id] };
}

/**
 * PHQ-2 and GAD-2 are screens, not severity scales, so they have two bands. The cut-off of 3 is
 * the one their validation studies recommend (Kroenke et al. 2003 for PHQ-2: sensitivity 83%,
 * specificity 92% for major depression; Kroenke et al. 2007 for GAD-2: 86% / 83% for GAD); a
 * positive screen means "give the full PHQ-9 / GAD-7", not a diagnosis.
 */
const SCREEN_BANDS: readonly Band[] = [band("negative", 0, 2), band("positive", 3, 6)];

/** Frozen all the way down: the wording is shared by every session and must not drift at runtime. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = deepFreeze({
  phq9: {
    id: "phq9",
    name: { en: "PHQ-9", zh: "PHQ-9" },
    stem: STEM,
    items: PHQ9_ITEMS,
    options: ANSWER_OPTIONS,
    bands: [
      band("minimal", 0, 4),
      band("mild", 5, 9),
      band("moderate", 10, 14),
      band("moderately_severe", 15, 19),
      band("severe", 20, 27),
    ],
    selfHarmItemIndex: 8,
  },
  gad7: {
    id: "gad7",
    name: { en: "GAD-7", zh: "GAD-7" },
    stem: STEM,
    items: GAD7_ITEMS,
    options: ANSWER_OPTIONS,
    bands: [band("minimal", 0, 4), band("mild", 5, 9), band("moderate", 10, 14), band("severe", 15, 21)],
  },
  // The two-item screens are exactly the first two items of the full instruments, same wording.
  phq2: {
    id: "phq2",
    name: { en: "PHQ-2", zh: "PHQ-2" },
    stem: STEM,
    items: PHQ9_ITEMS.slice(0, 2),
    options: ANSWER_OPTIONS,
    bands: SCREEN_BANDS,
  },
  gad2: {
    id: "gad2",
    name: { en: "GAD-2", zh: "GAD-2" },
    stem: STEM,
    items: GAD7_ITEMS.slice(0, 2),
    options: ANSWER_OPTIONS,
    bands: SCREEN_BANDS,
  },
});

export const INSTRUMENT_IDS: readonly InstrumentId[] = ["phq9", "gad7", "phq2", "gad2"];

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === "string" && (INSTRUMENT_IDS as readonly string[]).includes(value);
}

/** The instrument's data; throws on an unknown id (the validator rejects those before runtime). */
export function getInstrument(id: InstrumentId): Instrument {
  if (!isInstrumentId(id)) throw new RangeError(`Unknown instrument "${String(id)}"`);
  return INSTRUMENTS[id];
}

/** The item's fixed wording; throws when the 0-based index is outside the instrument. */
export function getItem(instrument: InstrumentId, itemIndex: number): Localised {
  const item = getInstrument(instrument).items[itemIndex];
  if (!Number.isInteger(itemIndex) || item === undefined) {
    throw new RangeError(`${instrument} has no item at index ${itemIndex}`);
  }
  return item;
}
