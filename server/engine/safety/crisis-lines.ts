/**
 * Crisis lines by region and language. Data first: a deployment can pass its own list to
 * `crisisLinesFor` instead of editing code. Numbers change; review this list before each release
 * (sources: the services' own sites; 12356 is China's national number since 2025; 400-161-9995 is
 * the volunteer-run Hope 24 line, 希望24热线, not a government line).
 */

export type ContactMethod = "call" | "text" | "chat" | "web";

export interface LocalizedText {
  en: string;
  zh: string;
}

export interface CrisisLine {
  id: string;
  /** `crisis`: a listening/crisis line. `emergency`: ambulance/police, for danger to life now. */
  kind: "crisis" | "emergency";
  /** ISO 3166-1 alpha-2 codes the line serves; empty for the international fallback. */
  regions: readonly string[];
  name: LocalizedText;
  /** As people dial it. Absent for the web-only fallback. */
  number?: string;
  how: readonly ContactMethod[];
  hours: LocalizedText;
  /** BCP 47 language codes the line answers in. */
  languages: readonly string[];
  url?: string;
  note?: LocalizedText;
}

const ALWAYS: LocalizedText = { en: "24 hours, every day", zh: "全天24小时" };

export const CRISIS_LINES: readonly CrisisLine[] = [
  {
    id: "us-988",
    kind: "crisis",
    regions: ["US"],
    name: { en: "988 Suicide & Crisis Lifeline", zh: "988 自杀与危机生命线" },
    number: "988",
    how: ["call", "text", "chat"],
    hours: ALWAYS,
    languages: ["en", "es"],
    url: "https://988lifeline.org",
    note: { en: "Call or text 988; chat at 988lifeline.org.", zh: "拨打或发短信至 988，也可在 988lifeline.org 在线交谈。" },
  },
  {
    id: "gb-ie-samaritans",
    kind: "crisis",
    regions: ["GB", "IE"],
    name: { en: "Samaritans", zh: "撒玛利亚会（Samaritans）" },
    number: "116 123",
    how: ["call"],
    hours: ALWAYS,
    languages: ["en"],
    url: "https://www.samaritans.org",
    note: { en: "Free to call in the UK and Ireland.", zh: "在英国和爱尔兰免费拨打。" },
  },
  {
    id: "cn-12356",
    kind: "crisis",
    regions: ["CN"],
    name: { en: "12356 National Psychological Assistance Hotline", zh: "12356 全国统一心理援助热线" },
    number: "12356",
    how: ["call"],
    hours: {
      en: "Run locally; 24 hours in most areas, at least 18 hours a day everywhere",
      zh: "由各地运营，多数地区24小时接听，各地每天不少于18小时",
    },
    languages: ["zh"],
  },
  {
    id: "cn-hope24",
    kind: "crisis",
    regions: ["CN"],
    name: { en: "Hope 24 Hotline (national life-crisis intervention line)", zh: "希望24热线（全国生命危机干预热线）" },
    number: "400-161-9995",
    how: ["call"],
    hours: ALWAYS,
    languages: ["zh"],
    note: { en: "Volunteer-run suicide prevention line; the counselling is free.", zh: "志愿者运营的自杀干预热线，咨询免费。" },
  },
  {
    id: "hk-sbhk",
    kind: "crisis",
    regions: ["HK"],
    name: { en: "Samaritan Befrienders Hong Kong", zh: "香港撒玛利亚防止自杀会" },
    number: "2389 2222",
    how: ["call"],
    hours: ALWAYS,
    languages: ["yue", "en"],
  },
  {
    id: "tw-1925",
    kind: "crisis",
    regions: ["TW"],
    name: { en: "1925 Suicide Prevention Line (Ministry of Health and Welfare)", zh: "1925 安心专线（卫生福利部）" },
    number: "1925",
    how: ["call"],
    hours: ALWAYS,
    languages: ["zh"],
  },
  {
    id: "us-emergency",
    kind: "emergency",
    regions: ["US"],
    name: { en: "Emergency services", zh: "紧急服务" },
    number: "911",
    how: ["call"],
    hours: ALWAYS,
    languages: ["en"],
  },
  {
    id: "gb-ie-emergency",
    kind: "emergency",
    regions: ["GB", "IE"],
    name: { en: "Emergency services", zh: "紧急服务" },
    number: "999 or 112",
    how: ["call"],
    hours: ALWAYS,
    languages: ["en"],
  },
  {
    id: "cn-emergency",
    kind: "emergency",
    regions: ["CN"],
    name: { en: "Ambulance 120, police 110", zh: "急救电话 120，报警电话 110" },
    number: "120 / 110",
    how: ["call"],
    hours: ALWAYS,
    languages: ["zh"],
  },
  {
    id: "hk-emergency",
    kind: "emergency",
    regions: ["HK"],
    name: { en: "Emergency services", zh: "紧急服务" },
    number: "999",
    how: ["call"],
    hours: ALWAYS,
    languages: ["yue", "en"],
  },
  {
    id: "tw-emergency",
    kind: "emergency",
    regions: ["TW"],
    name: { en: "Ambulance 119, police 110", zh: "救护车 119，报警 110" },
    number: "119 / 110",
    how: ["call"],
    hours: ALWAYS,
    languages: ["zh"],
  },
  {
    id: "intl-findahelpline",
    kind: "crisis",
    regions: [],
    name: { en: "Find a Helpline: free crisis lines in your country", zh: "Find a Helpline：查找你所在国家或地区的免费求助热线" },
    how: ["web"],
    hours: { en: "Lines listed with their own hours", zh: "各热线时间见网站" },
    languages: ["en"],
    url: "https://findahelpline.com",
  },
  {
    id: "intl-emergency",
    kind: "emergency",
    regions: [],
    name: { en: "Your local emergency number", zh: "当地紧急电话" },
    how: ["call"],
    hours: ALWAYS,
    languages: [],
    note: {
      en: "If your life is in danger now, call your local emergency number (112 works from mobile phones in many countries).",
      zh: "如果你现在有生命危险，请拨打当地紧急电话（在许多国家，手机可拨打 112）。",
    },
  },
];

export interface CrisisLineQuery {
  /** ISO 3166-1 alpha-2 country or region code ("US", "GB", "CN"); "UK" is accepted for GB. */
  region?: string;
  /** BCP 47 language tag ("zh", "zh-TW", "en-GB"); its region subtag is used when `region` is absent. */
  lang?: string;
}

const REGION_ALIASES: Readonly<Record<string, string>> = { UK: "GB" };

function normaliseRegion(region: string | undefined): string | undefined {
  const code = region?.trim().toUpperCase();
  if (!code) return undefined;
  return REGION_ALIASES[code] ?? code;
}

function parseLanguage(lang: string | undefined): { language?: string; region?: string } {
  if (!lang) return {};
  const parts = lang.trim().split(/[-_]/);
  const language = parts[0]?.toLowerCase() || undefined;
  const region = parts.slice(1).find((part) => /^[a-z]{2}$/i.test(part));
  // Script subtags say where Traditional Chinese is usual when no region is given.
  const hant = parts.some((part) => part.toLowerCase() === "hant");
  return { language, region: region?.toUpperCase() ?? (hant ? "TW" : undefined) };
}

/** Order of crisis lines when only the language is known. */
const LANGUAGE_ORDER: Readonly<Record<string, readonly string[]>> = {
  zh: ["CN", "HK", "TW", "US", "GB"],
  yue: ["HK", "CN", "TW", "US", "GB"],
};
const DEFAULT_ORDER: readonly string[] = ["US", "GB", "CN", "HK", "TW"];

/**
 * The lines to show, most relevant first; the international fallback always comes last.
 * With a known region: that region's crisis lines, then its emergency number. With an unknown
 * region: the fallback only (another country's number would not connect). With no region: crisis
 * lines ordered by language (Chinese → China first); no emergency numbers, since they differ by country.
 */
export function crisisLinesFor(query: CrisisLineQuery = {}, lines: readonly CrisisLine[] = CRISIS_LINES): CrisisLine[] {
  const parsed = parseLanguage(query.lang);
  const region = normaliseRegion(query.region) ?? parsed.region;
  const fallback = lines.filter((line) => line.regions.length === 0);
  const fallbackCrisis = fallback.filter((line) => line.kind === "crisis");
  const fallbackEmergency = fallback.filter((line) => line.kind === "emergency");

  if (region !== undefined) {
    const local = lines.filter((line) => line.regions.includes(region));
    if (local.length === 0) return [...fallbackEmergency, ...fallbackCrisis];
    const crisis = local.filter((line) => line.kind === "crisis");
    const emergency = local.filter((line) => line.kind === "emergency");
    return [...crisis, ...emergency, ...fallbackCrisis];
  }

  const order = (parsed.language && LANGUAGE_ORDER[parsed.language]) || DEFAULT_ORDER;
  const rank = (line: CrisisLine): number => {
    const positions = line.regions.map((code) => order.indexOf(code)).filter((position) => position >= 0);
    return positions.length > 0 ? Math.min(...positions) : order.length;
  };
  const crisis = lines
    .filter((line) => line.kind === "crisis" && line.regions.length > 0)
    .map((line, index) => ({ line, index }))
    .sort((a, b) => rank(a.line) - rank(b.line) || a.index - b.index)
    .map(({ line }) => line);
  return [...crisis, ...fallbackCrisis, ...fallbackEmergency];
}

const HOW: Readonly<Record<ContactMethod, LocalizedText>> = {
  call: { en: "call", zh: "拨打" },
  text: { en: "text", zh: "短信" },
  chat: { en: "chat online", zh: "在线交谈" },
  web: { en: "visit", zh: "访问" },
};

/** One line as a sentence for a message: "988 Suicide & Crisis Lifeline: call or text 988 (24 hours, every day)". */
export function formatCrisisLine(line: CrisisLine, lang: string | undefined): string {
  const zh = parseLanguage(lang).language === "zh";
  const key: keyof LocalizedText = zh ? "zh" : "en";
  const phoneMethods = line.how.filter((method) => method === "call" || method === "text").map((method) => HOW[method][key]);
  const parts: string[] = [];
  if (line.number && phoneMethods.length > 0) parts.push(`${phoneMethods.join(zh ? "或" : " or ")} ${line.number}`);
  if (line.url) parts.push(line.how.includes("web") ? `${HOW.web[key]} ${line.url}` : line.url);
  const colon = zh ? "：" : ": ";
  if (parts.length === 0) return `${line.name[key]}${colon}${(line.note ?? line.hours)[key]}`;
  const contact = parts.join(zh ? "，" : ", ");
  return zh ? `${line.name[key]}${colon}${contact}（${line.hours[key]}）` : `${line.name[key]}${colon}${contact} (${line.hours[key]})`;
}
