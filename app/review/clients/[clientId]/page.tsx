import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { CounsellorHeader } from "@/components/review/counsellor-header";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ClientSessions } from "@/components/outcomes/client-sessions";
import { InstrumentSummary } from "@/components/outcomes/instrument-summary";
import { outcomeChartOption, outcomeChartTable } from "@/components/outcomes/outcome-chart";
import { redirectIfSignedOut, requireCounsellor } from "../../counsellor";
import "@/components/review/review.css";
import "@/components/outcomes/outcomes.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Client outcomes", robots: { index: false, follow: false } };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ClientOutcomesPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<SearchParams> }) {
  const { clientId } = await params;
  const from = (await searchParams).from;
  const fromSession = typeof from === "string" && /^[\w-]{1,64}$/.test(from) ? from : null;
  const path = `/review/clients/${encodeURIComponent(clientId)}${fromSession ? `?from=${fromSession}` : ""}`;
  const user = await requireCounsellor(path);

  let outcomes;
  try {
    outcomes = await serverCaller.outcomes.client({ clientId });
  } catch (error) {
    redirectIfSignedOut(error, path);
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const { sessions, instruments, unreadable } = outcomes;
  const sessionNumber = new Map(sessions.map((session, index) => [session.id, index + 1]));
  const shortId = clientId.slice(-8);

  return (
    <>
      <CounsellorHeader user={user} />
      <main className="page review-page outcomes-page">
        <p className="breadcrumb">
          {fromSession ? (
            <>
              <Link href={`/review/${encodeURIComponent(fromSession)}`}>← Session {fromSession.slice(-8)}</Link> ·{" "}
            </>
          ) : null}
          <Link href="/review">Flagged sessions</Link> · <Link href="/review/sessions">All sessions</Link>
        </p>
        <h1>Client outcomes</h1>
        <p className="lede">
          Anonymous client <code>{shortId}</code>: questionnaire scores over {sessions.length} session{sessions.length === 1 ? "" : "s"} in the projects you can
          access. Lower scores mean fewer symptoms.
        </p>

        {instruments.length === 0 ? (
          <p className="card" data-testid="no-scores">
            No questionnaire scores yet: none of these sessions reached a PHQ-9, GAD-7, PHQ-2 or GAD-2.
          </p>
        ) : null}

        {instruments.map((outcome) => {
          const name = outcome.name.en;
          return (
            <section key={outcome.instrument} className="card outcome-card" aria-labelledby={`${outcome.instrument}-heading`} data-instrument={outcome.instrument}>
              <h2 id={`${outcome.instrument}-heading`}>{name}</h2>
              <InstrumentSummary outcome={outcome} />
              <ChartFigure
                id={`outcome-${outcome.instrument}`}
                title={`${name} scores over time`}
                description={`Shaded bands are the ${name} severity bands; marks show reliable change from the first score${outcome.instrument === "phq9" ? " and item 9 answered above 0" : ""}.`}
                option={outcomeChartOption(outcome)}
                table={outcomeChartTable(outcome, sessionNumber)}
                filename={`client-${shortId}-${outcome.instrument}`}
              />
              {outcome.allSkipped ? (
                <p className="muted small">
                  {outcome.allSkipped} time{outcome.allSkipped === 1 ? "" : "s"} the client skipped every item: no score.
                </p>
              ) : null}
            </section>
          );
        })}

        {unreadable ? (
          <p className="muted small" data-testid="unreadable-scores">
            {unreadable} stored score{unreadable === 1 ? "" : "s"} could not be read as questionnaire answers and {unreadable === 1 ? "is" : "are"} not shown.
          </p>
        ) : null}

        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Sessions</h2>
          <ClientSessions sessions={sessions} instruments={instruments} />
        </section>

        <section aria-labelledby="method-heading" className="outcomes-method">
          <h2 id="method-heading">How to read this</h2>
          <ul className="small">
            <li>Bands are the instruments&apos; published severity bands (PHQ-9: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe; GAD-7: 0–4, 5–9, 10–14, 15–21). PHQ-2 and GAD-2 are screens: 3 or more is a positive screen.</li>
            <li>
              Reliable change compares each complete score with the client&apos;s first complete score: a change of 6 points or more on the PHQ-9, or 4 or more on the GAD-7. These are the reliable change
              index values commonly used in IAPT / NHS Talking Therapies guidance. Smaller changes may be measurement noise.
            </li>
            <li>A score with skipped items counts them as 0, so it is a lower bound (an open point, “≥”); it is shown but not compared.</li>
            <li>PHQ-9 item 9 asks about thoughts of being better off dead or of self-harm. Any answer above 0 is marked, whatever the total.</li>
          </ul>
        </section>
      </main>
    </>
  );
}
