import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { CounsellorHeader } from "@/components/review/counsellor-header";
import { HighlightedText } from "@/components/review/highlighted-text";
import { ReviewEventForm } from "@/components/review/review-event-form";
import { RiskBadge, riskLabel } from "@/components/review/risk-badge";
import { describeSafetyAction } from "@/components/review/safety-action";
import { formatTime, formatValue } from "@/components/review/format";
import { redirectIfSignedOut, requireCounsellor } from "../counsellor";
import { ColumnHeads } from "@/components/ui/column-heads";
import "@/components/review/review.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Session review", robots: { index: false, follow: false } };

const ROLE_LABEL = { client: "Client", bot: "Heartline", system: "System" } as const;

function words(text: string): string {
  return text.replaceAll("_", " ");
}

function SafetyAction({ actionTaken }: { actionTaken: string }) {
  const { text, triggerId } = describeSafetyAction(actionTaken);
  return triggerId ? (
    <>
      {text} <code>{triggerId}</code>
    </>
  ) : (
    <>{text}</>
  );
}

export default async function ReviewSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const path = `/review/${encodeURIComponent(sessionId)}`;
  const user = await requireCounsellor(path);

  let review, client;
  try {
    [review, client] = await Promise.all([serverCaller.review.session({ sessionId }), serverCaller.outcomes.sessionClient({ sessionId })]);
  } catch (error) {
    redirectIfSignedOut(error, path);
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const { session, messages, events, variables } = review;
  const unreviewed = events.filter((e) => !e.reviewedAt).length;
  const reviewState = session.needsReview || unreviewed ? `Needs review (${unreviewed} open)` : events.length ? "Reviewed" : "Not flagged";

  return (
    <>
      <CounsellorHeader user={user} />
      <main className="page review-page">
        <p className="breadcrumb">
          <Link href="/review">← Flagged sessions</Link> · <Link href="/review/sessions">All sessions</Link>
        </p>
        <h1>
          Session <code>{session.id.slice(-8)}</code>
        </h1>
        <dl className="status-grid card session-summary" data-testid="session-summary">
          <div>
            <dt>Risk level</dt>
            <dd>
              <RiskBadge level={session.riskLevel} />
            </dd>
          </div>
          <div>
            <dt>Review</dt>
            <dd data-testid="session-review-state">{reviewState}</dd>
          </div>
          <div>
            <dt>Script</dt>
            <dd>
              {session.script.name} v{session.script.version}{" "}
              <Link
                href={`/studio/${encodeURIComponent(session.project.id)}/files/${encodeURIComponent(session.script.id)}`}
                className="small"
                aria-label={`Open in the studio: ${session.script.name}`}
              >
                Open in the studio
              </Link>
            </dd>
          </div>
          <div>
            <dt>Project</dt>
            <dd>{session.project.name}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {session.status} · {session.turnCount} turn{session.turnCount === 1 ? "" : "s"}
            </dd>
          </div>
          <div>
            <dt>Client</dt>
            <dd>
              <Link href={`/review/clients/${encodeURIComponent(client.clientId)}?from=${encodeURIComponent(session.id)}`} data-testid="client-outcomes-link">
                Outcomes over {client.sessions} session{client.sessions === 1 ? "" : "s"}
              </Link>
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>
              <time dateTime={session.createdAt.toISOString()}>{formatTime(session.createdAt)}</time>
            </dd>
          </div>
        </dl>

        <div className="review-columns">
          <section aria-labelledby="transcript-heading" className="transcript-section">
            <h2 id="transcript-heading">Transcript</h2>
            <p className="muted small">
              Highlighted words are the evidence the safety check matched in the client&apos;s message.
            </p>
            <ol className="transcript" data-testid="transcript">
              {messages.map((message) => (
                <li key={message.id} id={`m${message.seq}`} className={`transcript-message role-${message.role}`} data-seq={message.seq}>
                  <div className="message-meta">
                    <span className="message-role">{ROLE_LABEL[message.role]}</span>
                    <span className="muted small">
                      #{message.seq} · turn {message.turn} · <time dateTime={message.createdAt.toISOString()}>{formatTime(message.createdAt)}</time>
                    </span>
                  </div>
                  <p className="message-text">
                    {message.role === "client" ? <HighlightedText text={message.text} spans={message.highlights} /> : message.text}
                  </p>
                </li>
              ))}
            </ol>
          </section>

          <div className="review-side">
            <section aria-labelledby="events-heading">
              <h2 id="events-heading">Safety events</h2>
              {events.length === 0 ? <p>{session.needsReview ? "No safety events: this session was marked for review without one." : "No safety events."}</p> : null}
              <ul className="event-list" data-testid="safety-events">
                {events.map((event, index) => (
                  <li key={event.id} className="card event-card" data-event-id={event.id}>
                    <h3>
                      <RiskBadge level={event.level} /> {words(event.category)}
                    </h3>
                    <dl className="event-details">
                      <dt>Level</dt>
                      <dd data-testid="event-level">{riskLabel(event.level)}</dd>
                      <dt>Action taken</dt>
                      <dd data-testid="event-action">
                        <SafetyAction actionTaken={event.actionTaken} />
                      </dd>
                      <dt>Source</dt>
                      <dd>{words(event.source)}</dd>
                      <dt>When</dt>
                      <dd>
                        turn {event.turn} · <time dateTime={event.createdAt.toISOString()}>{formatTime(event.createdAt)}</time>
                      </dd>
                      {event.messageSeq !== null ? (
                        <>
                          <dt>Message</dt>
                          <dd>
                            <a href={`#m${event.messageSeq}`}>#{event.messageSeq}</a>
                          </dd>
                        </>
                      ) : null}
                      {event.evidence.length ? (
                        <>
                          <dt>Matched</dt>
                          <dd>
                            {event.evidence.map((span, i) => (
                              <span key={i} className="evidence-chip" title={span.rule}>
                                {span.text || span.rule}
                              </span>
                            ))}
                          </dd>
                        </>
                      ) : null}
                    </dl>
                    {event.reviewedAt ? (
                      <div className="reviewed" data-testid="event-reviewed">
                        <p>
                          <strong>Reviewed</strong> by {event.reviewedBy?.email ?? "a former user"} ·{" "}
                          <time dateTime={event.reviewedAt.toISOString()}>{formatTime(event.reviewedAt)}</time>
                        </p>
                        {event.reviewNote ? <blockquote className="review-note">{event.reviewNote}</blockquote> : null}
                      </div>
                    ) : (
                      <ReviewEventForm eventId={event.id} label={`event ${index + 1}: ${words(event.category)}`} />
                    )}
                  </li>
                ))}
              </ul>
            </section>

            <section aria-labelledby="variables-heading">
              <h2 id="variables-heading">Variables</h2>
              {variables.length === 0 ? (
                <p>No variables were recorded.</p>
              ) : (
                <div className="table-wrap">
                  <table className="review-table variables-table">
                    <caption className="visually-hidden">
                      Every write of a variable, oldest first; the current value of each is marked, and a question the client skipped is shown as skipped
                    </caption>
                    <ColumnHeads names={["Name", "Value", "From"]} />
                    <tbody>
                      {variables.map((variable) => (
                        <tr
                          key={variable.id}
                          className={`${variable.current ? "current" : "superseded"}${variable.skipped ? " skipped" : ""}`}
                          data-variable={variable.name}
                          data-skipped={variable.skipped ? "true" : undefined}
                        >
                          <th scope="row">
                            {variable.name}
                            <div className="muted small">
                              {variable.scope}
                              {variable.current ? " · current" : " · earlier value"}
                            </div>
                          </th>
                          <td>
                            {variable.skipped ? (
                              <span className="skipped-value" data-testid="variable-skipped">
                                Skipped by the client
                                <span className="muted small"> · no value, left unset</span>
                              </span>
                            ) : (
                              <code>{formatValue(variable.value)}</code>
                            )}
                          </td>
                          <td className="small">
                            {variable.skipped && variable.sourceActionId ? <>question </> : null}
                            {variable.sourceActionId ?? "—"}
                            <div className="muted">
                              turn {variable.turn} · <time dateTime={variable.createdAt.toISOString()}>{formatTime(variable.createdAt)}</time>
                              {variable.messageSeq !== null ? (
                                <>
                                  {" · "}
                                  <a href={`#m${variable.messageSeq}`}>message #{variable.messageSeq}</a>
                                </>
                              ) : null}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
        </div>
      </main>
    </>
  );
}
