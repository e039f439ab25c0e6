"use client";

import { useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { MAX_MESSAGE_CHARS } from "./i18n";
import { useLanguage } from "./language";

/** The counter appears once a message is this long. */
const COUNTER_FROM = 3_000;

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: (text: string) => void;
  /** A reply is on its way: typing is fine, sending waits. */
  busy: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Message box: Enter sends, Shift+Enter adds a line; too-long messages are explained, never sent. */
export function Composer({ value, onChange, onSend, busy, inputRef }: ComposerProps) {
  const { t, lang } = useLanguage();
  const ids = { input: useId(), hint: useId(), count: useId(), error: useId() };
  const [triedTooLong, setTriedTooLong] = useState(false);
  const length = value.length;
  const over = length - MAX_MESSAGE_CHARS;
  const tooLong = over > 0;
  const empty = value.trim().length === 0;

  const submit = () => {
    if (tooLong) {
      setTriedTooLong(true);
      inputRef.current?.focus();
      return;
    }
    if (empty || busy) return;
    onSend(value.trim());
    setTriedTooLong(false);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (Chinese, Japanese…) confirms the characters instead.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const describedBy = [ids.hint, length >= COUNTER_FROM ? ids.count : null, tooLong ? ids.error : null].filter(Boolean).join(" ");

  return (
    <form className="composer" onSubmit={onSubmit} aria-label={t.composerLabel}>
      {tooLong ? (
        // Remounted as an alert when a send is tried, so screen readers announce it then (not per keystroke).
        <p key={triedTooLong ? "alert" : "note"} id={ids.error} className="form-error composer-error" role={triedTooLong ? "alert" : undefined}>
          {t.tooLong(lang, over)}
        </p>
      ) : null}
      <div className="composer-row">
        <label htmlFor={ids.input} className="visually-hidden">
          {t.composerLabel}
        </label>
        <textarea
          id={ids.input}
          ref={inputRef}
          className="composer-input"
          value={value}
          rows={1}
          placeholder={t.composerPlaceholder}
          aria-describedby={describedBy}
          aria-invalid={tooLong}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn-primary composer-send" disabled={busy || empty || tooLong}>
          {t.send}
        </button>
      </div>
      <div className="composer-meta">
        <span id={ids.hint} className="composer-hint">
          {t.composerHint}
        </span>
        {length >= COUNTER_FROM ? (
          <span id={ids.count} className={tooLong ? "char-count over" : "char-count"} aria-label={t.charCountLabel(lang, length)}>
            {t.charCount(lang, length)}
          </span>
        ) : null}
      </div>
    </form>
  );
}
