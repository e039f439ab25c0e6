import Link from "next/link";

/** The two review lists: flagged sessions, and every session. */
export function ReviewTabs({ current }: { current: "flagged" | "all" }) {
  const tabs = [
    { key: "flagged", href: "/review", label: "Flagged" },
    { key: "all", href: "/review/sessions", label: "All sessions" },
  ] as const;
  return (
    <nav className="review-tabs" aria-label="Review lists">
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} className={tab.key === current ? "review-tab current" : "review-tab"} aria-current={tab.key === current ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
