import Link from "next/link";
import type { ClientSessionSummary } from "@/server/services/outcomes/outcomes";
import type { InstrumentOutcome } from "@/server/services/outcomes/trajectory";
import { formatTime } from "@/components/review/format";
import { ColumnHeads } from "@/components/ui/column-heads";

const STATUS_LABEL = { active: "Active", completed: "Completed", ended: "Ended" } as const;

/** The scores taken in one session, in words: "PHQ-9 19 (Moderately severe)". */
function scoresOf(sessionId: string, instruments: readonly InstrumentOutcome[]): string[] {
  return instruments.flatMap((outcome) =>
    outcome.points
      .filter((point) => point.sessionId === sessionId)
      .map((point) => `${outcome.name.en} ${point.complete ? point.total : `≥ ${point.total}`} (${point.bandLabel.en})`),
  );
}

/** The client's sessions in the counsellor's projects, oldest first, numbered as the charts number them. */
export function ClientSessions({ sessions, instruments }: { sessions: readonly ClientSessionSummary[]; instruments: readonly InstrumentOutcome[] }) {
  return (
    <div className="table-wrap">
      <table className="review-table client-sessions" data-testid="client-sessions">
        <caption className="visually-hidden">The client&apos;s sessions, oldest first, with the scores taken in each</caption>
        <ColumnHeads names={["Session", "Started", "Script", "Status", "Scores"]} />
        <tbody>
          {sessions.map((session, index) => {
            const scores = scoresOf(session.id, instruments);
            return (
              <tr key={session.id} data-session-id={session.id}>
                <th scope="row">
                  <Link href={`/review/${encodeURIComponent(session.id)}`}>
                    #{index + 1} <code>{session.id.slice(-8)}</code>
                    <span className="visually-hidden"> (open session {session.id})</span>
                  </Link>
                </th>
                <td>
                  <time dateTime={session.startedAt.toISOString()}>{formatTime(session.startedAt)}</time>
                </td>
                <td>
                  {session.script.name} v{session.script.version}
                  <div className="muted small">{session.project.name}</div>
                </td>
                <td>{STATUS_LABEL[session.status]}</td>
                <td>{scores.length ? scores.join(" · ") : <span className="muted">None</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
