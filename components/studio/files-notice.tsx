"use client";

/** The outcome of the last action on the files page, in a region screen readers announce. */

export interface FilesNotice {
  tone: "info" | "error";
  text: string;
  details?: string[];
}

export function FilesNoticeRegion({ notice }: { notice: FilesNotice | null }) {
  return (
    <div aria-live="polite">
      {notice ? (
        <div className={`notice ${notice.tone === "error" ? "notice-error" : "notice-info"}`} role={notice.tone === "error" ? "alert" : "status"}>
          <p>{notice.text}</p>
          {notice.details?.length ? (
            <ul className="small">
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
