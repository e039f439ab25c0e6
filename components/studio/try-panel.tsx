"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "./errors";
import { TryInspector, type TurnRecord } from "./try-inspector";
import type { EventLike } from "./try-events";
import type { Inspector, JsonValue, OutlineNode, TryMode, TryResult, TryState, VariableInfo } from "./types";

interface ChatItem {
  key: string;
  role: "bot" | "client";
  text: string;
}

interface StartValue {
  key: number;
  name: string;
  value: string;
}

/** A typed value from a text field: true/false, numbers and JSON become what they say; anything else stays text. */
export function parseStartValue(raw: string): JsonValue {
  const text = raw.trim();
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[[{"]/.test(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return raw;
    }
  }
  return raw;
}

function topicsOf(outline: readonly OutlineNode[]): { id: string; label: string }[] {
  const topics: { id: string; label: string }[] = [];
  const walk = (nodes: readonly OutlineNode[], phase: string | null) => {
    for (const node of nodes) {
      if (node.kind === "topic" && node.id) topics.push({ id: node.id, label: phase ? `${phase} › ${node.label}` : node.label });
      walk(node.children, node.kind === "phase" ? node.label || node.id : phase);
    }
  };
  walk(outline, null);
  return topics;
}

interface TryPanelProps {
  projectId: string;
  path: string;
  kind: string;
  /** The editor's text right now (the unsaved draft is what runs). */
  getText(): string;
  outline: readonly OutlineNode[];
  variables: readonly VariableInfo[];
  errorCount: number;
  onJumpToAction(actionId: string): void;
}

/**
 * Try-it: a throwaway conversation on the current, unsaved draft (nothing is stored), with the
 * client's side on the left and the inspector on the right. Restart, or start at a chosen topic
 * with chosen variable values.
 */
export function TryPanel({ projectId, path, kind, getText, outline, variables, errorCount, onJumpToAction }: TryPanelProps) {
  const trpc = useTRPC();
  const start = useMutation(trpc.studioTry.start.mutationOptions());
  const turn = useMutation(trpc.studioTry.turn.mutationOptions());
  const [mode, setMode] = useState<TryMode | "">("");
  const [startTopic, setStartTopic] = useState("");
  const [values, setValues] = useState<StartValue[]>([]);
  const nextValueKey = useRef(1);
  const [state, setState] = useState<TryState | null>(null);
  const [inspector, setInspector] = useState<Inspector | null>(null);
  const [messages, setMessages] = useState<ChatItem[]>([]);
  const [turns, setTurns] = useState<TurnRecord[]>([]);
  const [pendingText, setPendingText] = useState<string | null>(null);
  const [input, setInput] = useState("");
  const [error, setError] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const ids = { mode: useId(), topic: useId(), input: useId(), values: useId(), names: useId() };

  const topics = topicsOf(outline);
  const busy = start.isPending || turn.isPending;
  const complete = inspector?.position.status === "complete";
  /** A draft with errors cannot run: one notice says so, and the last transcript is marked as older. */
  const blocked = errorCount > 0;

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, pendingText]);

  const record = (result: TryResult, index: number, clientText: string | null, base: ChatItem[]) => {
    const events = result.events as unknown as EventLike[];
    const said = events
      .filter((e) => e.type === "message-end")
      .map((e, i) => ({ key: `${index}:${i}`, role: "bot" as const, text: String(e.text ?? "") }));
    setState(result.state);
    setInspector(result.inspector);
    setMessages([...base, ...said]);
    const changed = [...new Set(events.filter((e) => e.type === "variable-set").map((e) => String(e.name)))];
    const step: TurnRecord = { index, clientText, events, changed, llmCalls: result.inspector.llmCalls };
    setTurns((previous) => (index === 0 ? [step] : [...previous, step]));
  };

  const onStart = async () => {
    setError(null);
    const chosen: Record<string, JsonValue> = {};
    for (const v of values) if (v.name.trim()) chosen[v.name.trim()] = parseStartValue(v.value);
    try {
      const result = await start.mutateAsync({
        projectId,
        path,
        yaml: getText(),
        ...(mode ? { mode } : {}),
        ...(startTopic ? { startTopicId: startTopic } : {}),
        ...(Object.keys(chosen).length ? { variables: chosen } : {}),
      });
      record(result, 0, null, []);
      setInput("");
      inputRef.current?.focus();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const onSend = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = input.trim();
    if (!text || !state || busy || complete || blocked) return;
    setError(null);
    setPendingText(text);
    setInput("");
    const base: ChatItem[] = [...messages, { key: `c${turns.length}`, role: "client", text }];
    try {
      const result = await turn.mutateAsync({ projectId, path, yaml: getText(), state, text, ...(mode ? { mode } : {}) });
      record(result, turns.length, text, base);
    } catch (failure) {
      setError(errorMessage(failure));
      setInput(text);
    } finally {
      setPendingText(null);
      inputRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void onSend();
    }
  };

  if (kind !== "session") {
    return (
      <p className="muted panel-empty">
        Only session scripts can be tried here. This is a {kind} file: try it from a session that uses it
        {kind === "technique" ? " (use_skill)" : ""}.
      </p>
    );
  }

  return (
    <div className="try">
      <form
        className="try-setup"
        aria-label="Try-it settings"
        onSubmit={(event) => {
          event.preventDefault();
          void onStart();
        }}
      >
        <div className="try-setup-row">
          <div className="field">
            <label htmlFor={ids.topic}>Start from</label>
            <select id={ids.topic} value={startTopic} onChange={(event) => setStartTopic(event.target.value)}>
              <option value="">The beginning</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} ({t.id})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.mode}>Mode</label>
            <select id={ids.mode} value={mode} onChange={(event) => setMode(event.target.value as TryMode | "")}>
              <option value="">Deployment default</option>
              <option value="template">Template (script text)</option>
              <option value="model">Model (when configured)</option>
            </select>
          </div>
          <div className="try-start-buttons">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || blocked} aria-busy={start.isPending}>
              {start.isPending ? "Starting…" : state ? "Restart" : "Start"}
            </button>
          </div>
        </div>
        <fieldset className="start-values">
          <legend>Variable values at the start</legend>
          <datalist id={ids.names}>
            {variables
              .filter((v) => v.scope !== "builtin")
              .map((v) => (
                <option key={`${v.scope}:${v.name}`} value={v.name} />
              ))}
          </datalist>
          {values.length ? (
            <ul className="start-value-list" id={ids.values}>
              {values.map((v, index) => (
                <li key={v.key}>
                  <input
                    type="text"
                    list={ids.names}
                    aria-label={`Variable ${index + 1} name`}
                    placeholder="name"
                    value={v.name}
                    spellCheck={false}
                    onChange={(event) => setValues((list) => list.map((x) => (x.key === v.key ? { ...x, name: event.target.value } : x)))}
                  />
                  <span aria-hidden="true">=</span>
                  <input
                    type="text"
                    aria-label={`Variable ${index + 1} value`}
                    placeholder="value (text, number, true/false or JSON)"
                    value={v.value}
                    onChange={(event) => setValues((list) => list.map((x) => (x.key === v.key ? { ...x, value: event.target.value } : x)))}
                  />
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={`Remove variable ${v.name || index + 1}`}
                    onClick={() => setValues((list) => list.filter((x) => x.key !== v.key))}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            className="btn btn-small btn-quiet add-value"
            onClick={() => setValues((list) => [...list, { key: nextValueKey.current++, name: "", value: "" }])}
          >
            + Add a value
          </button>
        </fieldset>
      </form>

      {blocked ? (
        <div className="notice notice-error" role="status" data-testid="try-notice">
          <p>
            The draft has {errorCount} error{errorCount === 1 ? "" : "s"} (see Problems): fix {errorCount === 1 ? "it" : "them"} to try the draft.
            {messages.length ? " The conversation below ran on the text from before." : ""}
          </p>
        </div>
      ) : error ? (
        <div className="notice notice-error" role="alert" data-testid="try-notice">
          <p>{error}</p>
        </div>
      ) : null}

      <div className="try-columns">
        <section className="try-chat" aria-label="Try-it conversation" data-stale={blocked && messages.length ? "true" : undefined}>
          <div className="try-log" ref={logRef} role="log" aria-label="Try-it messages" aria-live="polite" tabIndex={0}>
            {messages.length || pendingText ? (
              <ul className="messages">
                {messages.map((m) => (
                  <li key={m.key} className={`message message-${m.role}`} data-role={m.role}>
                    <div className="bubble">{m.text}</div>
                  </li>
                ))}
                {pendingText ? (
                  <li className="message message-client" data-state="sending" data-role="client">
                    <div className="bubble">{pendingText}</div>
                  </li>
                ) : null}
              </ul>
            ) : (
              <p className="muted small">{state ? "The script has not said anything yet." : "Press Start to run the draft as it is in the editor, saved or not."}</p>
            )}
            {complete ? <p className="try-ended small">The conversation is complete. Restart to try again.</p> : null}
          </div>
          <form className="try-composer" onSubmit={onSend}>
            <label htmlFor={ids.input} className="visually-hidden">
              Message as the client
            </label>
            <textarea
              id={ids.input}
              ref={inputRef}
              className="composer-input"
              rows={1}
              value={input}
              placeholder={blocked ? "Fix the draft's errors first" : state ? (complete ? "The conversation is complete" : "Answer as the client…") : "Start first"}
              disabled={!state || complete || blocked}
              onChange={(event) => setInput(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" className="btn btn-primary btn-small" disabled={!state || complete || busy || blocked || !input.trim()} aria-busy={turn.isPending}>
              {turn.isPending ? "Sending…" : "Send"}
            </button>
          </form>
        </section>
        <TryInspector inspector={inspector} turns={turns} onJumpToAction={onJumpToAction} />
      </div>
    </div>
  );
}
