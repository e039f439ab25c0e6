"use client";

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  title: string;
  /** One or two sentences under the title. */
  description?: ReactNode;
  submitLabel: string;
  /** Defaults to "Cancel". */
  cancelLabel?: string;
  busyLabel?: string;
  busy?: boolean;
  error?: string | null;
  /** A destructive action gets the danger style. */
  danger?: boolean;
  submitDisabled?: boolean;
  onSubmit(): void;
  onCancel(): void;
  children?: ReactNode;
}

/**
 * The one modal of the app, a form on <dialog>: a question to confirm (no fields) or a few fields
 * to fill. The browser traps focus, Escape cancels, and focus returns to the opener. The first
 * field gets the focus (mark it `autoFocus`); without fields, the safe choice (Cancel) does.
 */
export function Dialog({
  open,
  title,
  description,
  submitLabel,
  cancelLabel = "Cancel",
  busyLabel,
  busy = false,
  error,
  danger = false,
  submitDisabled = false,
  onSubmit,
  onCancel,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy && !submitDisabled) onSubmit();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open ? (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="dialog-description">
              {description}
            </div>
          ) : null}
          {children}
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus={!children}>
              {cancelLabel}
            </button>
            <button type="submit" className={`btn ${danger ? "btn-danger" : "btn-primary"}`} disabled={busy || submitDisabled} aria-busy={busy}>
              {busy ? (busyLabel ?? submitLabel) : submitLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
