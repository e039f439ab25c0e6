"use client";

import { crisisLinesFor, type CrisisLine } from "@/server/engine/safety/crisis-lines";
import { DICTIONARIES, type UiLanguage } from "./i18n";
import { useLanguage } from "./language";

/**
 * Crisis (listening) lines for a language tag ("en", "en-GB", "zh-CN"), most relevant first: the
 * region the tag names, then the others in the language's order (a browser's region is not always
 * where its user is), the worldwide directory last.
 */
export function crisisLinesForUi(tag: string): CrisisLine[] {
  const language = tag.split(/[-_]/)[0] ?? tag;
  const seen = new Set<string>();
  return [...crisisLinesFor({ lang: tag }), ...crisisLinesFor({ lang: language })]
    .filter((line) => line.kind === "crisis" && line.regions.length > 0)
    .concat(crisisLinesFor({ lang: language }).filter((line) => line.kind === "crisis" && line.regions.length === 0))
    .filter((line) => !seen.has(line.id) && Boolean(seen.add(line.id)));
}

/** The first line one can phone: what a one-line banner offers. */
export function firstPhoneLine(lines: readonly CrisisLine[]): CrisisLine | undefined {
  return lines.find((line) => line.number && line.how.includes("call"));
}

/**
 * Each number a line's `number` holds, as dialled: "116 123" → ["116123"], "120 / 110" → ["120", "110"],
 * "999 or 112" → ["999", "112"].
 */
export function dialNumbers(number: string): { shown: string; dial: string }[] {
  return number
    .split(/\s*(?:\/|\bor\b|或)\s*/)
    .map((shown) => shown.trim())
    .filter(Boolean)
    .map((shown) => ({ shown, dial: shown.replace(/[^\d+]/g, "") }))
    .filter(({ dial }) => dial.length > 0);
}

/** One line: its name, a Call (tel:) and Text (sms:) link per number, its site, its hours. */
function CrisisLineItem({ line, lang }: { line: CrisisLine; lang: UiLanguage }) {
  const t = DICTIONARIES[lang];
  const numbers = line.number ? dialNumbers(line.number) : [];
  const host = line.url?.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
  return (
    <li className="crisis-line" data-testid="crisis-line">
      <span className="crisis-line-name">{line.name[lang]}</span>
      <span className="crisis-line-actions">
        {line.how.includes("call")
          ? numbers.map(({ shown, dial }) => (
              <a key={`call-${dial}`} href={`tel:${dial}`} className="crisis-action" aria-label={t.callLabel(line.name[lang], shown)}>
                {t.callNumber(shown)}
              </a>
            ))
          : null}
        {line.how.includes("text")
          ? numbers.map(({ shown, dial }) => (
              <a key={`sms-${dial}`} href={`sms:${dial}`} className="crisis-action" aria-label={t.textLabel(line.name[lang], shown)}>
                {t.textNumber(shown)}
              </a>
            ))
          : null}
        {line.url && host ? (
          <a href={line.url} target="_blank" rel="noreferrer" className="crisis-action crisis-action-web">
            {host}
          </a>
        ) : null}
      </span>
      <span className="crisis-line-hours">{line.hours[lang]}</span>
    </li>
  );
}

/** A card of crisis lines in `lang` (the UI's, or a conversation's). */
export function CrisisLinesCard({ lines, lang, label }: { lines: readonly CrisisLine[]; lang: UiLanguage; label?: string }) {
  return (
    <ul className="crisis-lines" aria-label={label} lang={lang === "zh" ? "zh-CN" : "en"}>
      {lines.map((line) => (
        <CrisisLineItem key={line.id} line={line} lang={lang} />
      ))}
    </ul>
  );
}

interface CrisisLinesListProps {
  /** How many regional lines to show before "More lines"; the worldwide directory always shows. */
  visible: number;
  /** The language tag lines are chosen by (a regional tag such as "en-GB" puts that region first). */
  tag: string;
}

export function CrisisLinesList({ visible, tag }: CrisisLinesListProps) {
  const { t, lang } = useLanguage();
  const lines = crisisLinesForUi(tag);
  const regional = lines.filter((line) => line.regions.length > 0);
  const worldwide = lines.filter((line) => line.regions.length === 0);
  const first = [...regional.slice(0, visible), ...worldwide];
  const more = regional.slice(visible);
  return (
    <>
      <CrisisLinesCard lines={first} lang={lang} />
      {more.length > 0 ? (
        <details className="crisis-more">
          <summary>{t.crisisMore}</summary>
          <CrisisLinesCard lines={more} lang={lang} />
        </details>
      ) : null}
    </>
  );
}
