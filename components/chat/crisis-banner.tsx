"use client";

import { useId } from "react";
import { CrisisLinesList } from "./crisis-lines";
import { useLanguage } from "./language";

/** Shown when the safety layer finds high or imminent risk: emergency advice and lines to call now. */
export function CrisisBanner({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useLanguage();
  const titleId = useId();
  return (
    <section className="crisis-banner" role="alert" aria-labelledby={titleId} data-testid="crisis-banner">
      <div className="crisis-banner-head">
        <h2 id={titleId} className="crisis-title">
          {t.crisisTitle}
        </h2>
        <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss} aria-label={t.crisisHideLabel}>
          {t.crisisHide}
        </button>
      </div>
      <p className="crisis-body">{t.crisisBody}</p>
      <CrisisLinesList visible={4} />
    </section>
  );
}

/** A gentler note for medium risk: the same lines, without alarm. */
export function CrisisNote({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useLanguage();
  const titleId = useId();
  return (
    <aside className="crisis-note" aria-labelledby={titleId} data-testid="crisis-note">
      <div className="crisis-banner-head">
        <p id={titleId} className="crisis-note-title">
          {t.crisisNoteTitle}
        </p>
        <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>
          {t.crisisNoteHide}
        </button>
      </div>
      <p className="crisis-body">{t.crisisNoteBody}</p>
      <CrisisLinesList visible={2} />
    </aside>
  );
}
