"use client";

import { RiskBadge } from "@/components/review/risk-badge";
import { describeEvent, formatValue, type EventLike } from "./try-events";
import type { Inspector } from "./types";
import { ColumnHeads } from "@/components/ui/column-heads";

export interface TurnRecord {
  /** 0 for the start, then one per client message. */
  index: number;
  clientText: string | null;
  events: EventLike[];
  /** Names of the variables this step set. */
  changed: string[];
  llmCalls: Inspector["llmCalls"];
}

interface TryInspectorProps {
  inspector: Inspector | null;
  turns: readonly TurnRecord[];
  onJumpToAction(actionId: string): void;
}

/** Everything about the try-it conversation the client would not see. */
export function TryInspector({ inspector, turns, onJumpToAction }: TryInspectorProps) {
  if (!inspector) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h3>Inspector</h3>
        <p className="muted small">Start the conversation to see where the script is, its variables, the events of each turn and the safety level.</p>
      </section>
    );
  }
  const { position } = inspector;
  const latest = turns[turns.length - 1];
  const changed = new Set(latest?.changed ?? []);
  const calls = turns.flatMap((turn) => turn.llmCalls.map((call, index) => ({ turn: turn.index, index, call })));

  return (
    <section className="inspector" aria-label="Inspector" data-testid="inspector">
      <div className="inspector-head">
        <h3>Inspector</h3>
        <span className={`badge ${inspector.mode === "model" ? "badge-active" : ""}`}>{inspector.mode === "model" ? "Model mode" : "Template mode"}</span>
      </div>

      <h4>Position</h4>
      <dl className="inspector-grid" data-testid="inspector-position">
        <dt>Phase</dt>
        <dd>{position.phaseId ? <code>{position.phaseId}</code> : "—"}</dd>
        <dt>Topic</dt>
        <dd>{position.topicId ? <code>{position.topicId}</code> : "—"}</dd>
        <dt>Action</dt>
        <dd>
          {position.actionId ? (
            <button type="button" className="link-button" onClick={() => onJumpToAction(position.actionId!)} title="Show in the editor">
              <code>{position.actionId}</code>
            </button>
          ) : (
            "—"
          )}
          {position.round ? <span className="muted small"> · round {position.round}</span> : null}
        </dd>
        {position.skill ? (
          <>
            <dt>Technique</dt>
            <dd>
              <code>{position.skill}</code>
            </dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>
          {position.status === "complete" ? "Complete" : "Waiting for the client"} · turn {position.turn}
        </dd>
        <dt>Safety</dt>
        <dd data-testid="inspector-safety">
          <RiskBadge level={inspector.safetyLevel} />
          {inspector.safetyProtocol ? <span className="small"> · safety protocol running</span> : null}
        </dd>
      </dl>

      <h4>Variables</h4>
      {inspector.variables.length ? (
        <div className="table-scroll">
          <table className="inspector-table" data-testid="inspector-variables">
            <ColumnHeads names={["Name", "Value", "Scope", "Set by", "Turn"]} />
            <tbody>
              {inspector.variables.map((v) => (
                <tr key={`${v.scope}:${v.skill ?? ""}:${v.name}`} className={changed.has(v.name) ? "changed" : undefined} data-variable={v.name}>
                  <th scope="row">
                    <code>{v.name}</code>
                    {changed.has(v.name) ? <span className="visually-hidden"> (set in the last turn)</span> : null}
                  </th>
                  <td className="value-cell">{formatValue(v.value)}</td>
                  <td>
                    {v.scope}
                    {v.skill ? <span className="muted small"> ({v.skill})</span> : null}
                  </td>
                  <td>
                    <code>{v.source}</code>
                  </td>
                  <td>{v.turn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">No variables are set yet.</p>
      )}

      <h4>Events</h4>
      <ol className="turn-list" data-testid="inspector-events">
        {turns.map((turn) => (
          <li key={turn.index}>
            <details open={turn === latest}>
              <summary>
                {turn.index === 0 ? "Start" : `Turn ${turn.index}`}
                {turn.clientText ? <span className="muted"> — “{turn.clientText.length > 60 ? `${turn.clientText.slice(0, 59)}…` : turn.clientText}”</span> : null}
                <span className="muted small"> · {turn.events.filter((e) => e.type !== "text-delta").length} events</span>
              </summary>
              <ol className="event-lines">
                {turn.events.map((event, index) => {
                  const line = describeEvent(event);
                  return line ? (
                    <li key={index} className={`event-line event-${event.type}`}>
                      <span className="event-type">{event.type}</span> <span>{line}</span>
                    </li>
                  ) : null;
                })}
              </ol>
            </details>
          </li>
        ))}
      </ol>

      <h4>Model calls</h4>
      {inspector.mode === "template" ? (
        <p className="muted small">Template mode: messages are the script’s own text and values are extracted directly; no prompts are sent.</p>
      ) : calls.length ? (
        <ol className="llm-calls">
          {calls.map(({ turn, index, call }) => (
            <li key={`${turn}:${index}`}>
              <details>
                <summary>
                  <code>{call.purpose}</code> <span className="muted small">· {turn === 0 ? "start" : `turn ${turn}`} · {Math.round(call.latencyMs)} ms</span>
                  {call.error ? <span className="form-error small"> · failed</span> : null}
                </summary>
                <p className="llm-label">System prompt</p>
                <pre className="llm-text">{call.prompt.system}</pre>
                {call.prompt.messages.length ? (
                  <>
                    <p className="llm-label">Messages</p>
                    <pre className="llm-text">{call.prompt.messages.map((m) => `${m.role}: ${m.content}`).join("\n\n")}</pre>
                  </>
                ) : null}
                <p className="llm-label">Raw output</p>
                <pre className="llm-text">{call.error ? `Error: ${call.error}` : formatValue(call.output)}</pre>
              </details>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">No model calls yet.</p>
      )}
    </section>
  );
}
