"use client";

import { useId, useState } from "react";
import { CrisisLinesList, crisisLinesForUi, dialNumbers, firstPhoneLine } from "./crisis-lines";
import { useLanguage } from "./language";
import { useNarrowScreen } from "./use-narrow-screen";

interface CrisisNoticeProps {
  onDismiss: () => void;
  /** Language tag the lines are chosen by ("en-GB" puts the UK's first). */
  tag: string;
}

/**
 * Shown when the safety layer finds high or imminent risk. On a phone it starts as one line (the
 * most relevant line with its Call link) so the conversation stays readable; it opens to the
 * emergency advice and every line. On a wider screen it starts open.
 */
export function CrisisBanner({ onDismiss, tag }: CrisisNoticeProps) {
  const { t, lang } = useLanguage();
  const titleId = useId();
  const detailsId = useId();
  const narrow = useNarrowScreen();
  const [expandedChoice, setExpanded] = useState<boolean | null>(null);
  const expanded = expandedChoice ?? !narrow;
  const first = firstPhoneLine(crisisLinesForUi(tag));
  const dial = first?.number ? dialNumbers(first.number)[0] : undefined;

  return (
    <section
      className={expanded ? "crisis-banner" : "crisis-banner crisis-collapsed"}
      role="alert"
      aria-labelledby={titleId}
      data-testid="crisis-banner"
      data-expanded={expanded}
    >
      <div className="crisis-banner-head">
        <h2 id={titleId} className="crisis-title">
          {expanded ? t.crisisTitle : <span className="crisis-lead">{t.crisisShort}</span>}
          {!expanded ? <span className="visually-hidden"> {t.crisisTitle}</span> : null}
        </h2>
        {!expanded && first && dial ? (
          <>
            <span className="crisis-first-name" aria-hidden="true">
              {first.name[lang]}
            </span>
            <a href={`tel:${dial.dial}`} className="crisis-action crisis-call" aria-label={t.callLabel(first.name[lang], dial.shown)}>
              {t.callNumber(dial.shown)}
            </a>
          </>
        ) : null}
        <span className="crisis-head-buttons">
          <button type="button" className="btn btn-small btn-quiet" aria-expanded={expanded} aria-controls={detailsId} onClick={() => setExpanded(!expanded)}>
            {expanded ? t.crisisLess : t.crisisMoreShort}
          </button>
          <button type="button" className="btn btn-small btn-quiet crisis-hide" onClick={onDismiss} aria-label={t.crisisHideLabel}>
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </div>
      <div id={detailsId} hidden={!expanded} className="crisis-details">
        <p className="crisis-body">{t.crisisBody}</p>
        <CrisisLinesList visible={4} tag={tag} />
      </div>
    </section>
  );
}

/** A gentler note for medium risk: the same lines, without alarm; on a phone one line until opened. */
export function CrisisNote({ onDismiss, tag }: CrisisNoticeProps) {
  const { t } = useLanguage();
  const titleId = useId();
  const detailsId = useId();
  const narrow = useNarrowScreen();
  const [expandedChoice, setExpanded] = useState<boolean | null>(null);
  const expanded = expandedChoice ?? !narrow;
  return (
    <aside className="crisis-note" aria-labelledby={titleId} data-testid="crisis-note" data-expanded={expanded}>
      <div className="crisis-banner-head">
        <p id={titleId} className="crisis-note-title">
          {t.crisisNoteTitle}
        </p>
        <span className="crisis-head-buttons">
          <button type="button" className="btn btn-small btn-quiet" aria-expanded={expanded} aria-controls={detailsId} onClick={() => setExpanded(!expanded)}>
            {expanded ? t.crisisLess : t.crisisNoteLines}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>
            {t.crisisNoteHide}
          </button>
        </span>
      </div>
      <div id={detailsId} hidden={!expanded} className="crisis-details">
        <p className="crisis-body">{t.crisisNoteBody}</p>
        <CrisisLinesList visible={2} tag={tag} />
      </div>
    </aside>
  );
}
