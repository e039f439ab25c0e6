"use client";

import { crisisLinesFor, type CrisisLine } from "@/server/engine/safety/crisis-lines";
import type { UiLanguage } from "./i18n";
import { useLanguage } from "./language";

/** Crisis (listening) lines for the UI language, most relevant first; the worldwide directory last. */
export function crisisLinesForUi(lang: UiLanguage): CrisisLine[] {
  return crisisLinesFor({ lang }).filter((line) => line.kind === "crisis");
}

function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, "")}`;
}

function CrisisLineItem({ line }: { line: CrisisLine }) {
  const { t, lang } = useLanguage();
  const phone = line.how.filter((how) => how === "call" || how === "text").map((how) => t.how[how]);
  const host = line.url?.replace(/^https?:\/\/(www\.)?/, "");
  return (
    <li className="crisis-line">
      <span className="crisis-line-name">{line.name[lang]}</span>{" "}
      {line.number && phone.length > 0 ? (
        <span className="crisis-line-contact">
          {phone.join(t.or)}{" "}
          <a href={telHref(line.number)} className="crisis-line-number">
            {line.number}
          </a>
        </span>
      ) : null}
      {line.url ? (
        <span className="crisis-line-contact">
          {line.number ? " · " : `${t.how.web} `}
          <a href={line.url} target="_blank" rel="noreferrer">
            {host}
          </a>
        </span>
      ) : null}
      <span className="crisis-line-hours"> ({line.hours[lang]})</span>
    </li>
  );
}

interface CrisisLinesListProps {
  /** How many lines to show before "More lines"; the worldwide directory always shows. */
  visible: number;
}

export function CrisisLinesList({ visible }: CrisisLinesListProps) {
  const { t, lang } = useLanguage();
  const lines = crisisLinesForUi(lang);
  const regional = lines.filter((line) => line.regions.length > 0);
  const worldwide = lines.filter((line) => line.regions.length === 0);
  const first = [...regional.slice(0, visible), ...worldwide];
  const more = regional.slice(visible);
  return (
    <>
      <ul className="crisis-lines">
        {first.map((line) => (
          <CrisisLineItem key={line.id} line={line} />
        ))}
      </ul>
      {more.length > 0 ? (
        <details className="crisis-more">
          <summary>{t.crisisMore}</summary>
          <ul className="crisis-lines">
            {more.map((line) => (
              <CrisisLineItem key={line.id} line={line} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
