"use client";

import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface WorkspaceTab<Id extends string> {
  id: Id;
  label: string;
  /** A small count or version beside the label. */
  badge?: string | null;
  /** The panel itself takes the focus (a panel without focusable content). */
  focusablePanel?: boolean;
}

interface WorkspaceTabsProps<Id extends string> {
  label: string;
  tabs: readonly WorkspaceTab<Id>[];
  selected: Id;
  onSelect(id: Id): void;
  /** Each tab's panel; hidden panels stay mounted so their state survives switching. */
  panels: Record<Id, ReactNode>;
}

/** ARIA tabs: arrow keys, Home and End move between tabs, and only the selected tab is a Tab stop. */
export function WorkspaceTabs<Id extends string>({ label, tabs, selected, onSelect, panels }: WorkspaceTabsProps<Id>) {
  const ids = useId();
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((t) => t.id === selected);
    let next = index;
    if (event.key === "ArrowRight") next = (index + 1) % tabs.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = tabs.length - 1;
    else return;
    event.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    refs.current.get(id)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(element) => {
              if (element) refs.current.set(t.id, element);
              else refs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${t.id}`}
            aria-selected={selected === t.id}
            aria-controls={`${ids}-panel-${t.id}`}
            tabIndex={selected === t.id ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.id)}
            onKeyDown={onKeyDown}
          >
            {t.label}
            {t.badge ? <span className="tab-count">{t.badge}</span> : null}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${ids}-panel-${t.id}`}
          aria-labelledby={`${ids}-tab-${t.id}`}
          hidden={selected !== t.id}
          className={`tab-panel tab-panel-${t.id}`}
          tabIndex={t.focusablePanel ? 0 : undefined}
        >
          {panels[t.id]}
        </div>
      ))}
    </>
  );
}
