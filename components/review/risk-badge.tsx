const LABEL = { none: "None", low: "Low", medium: "Medium", high: "High", imminent: "Imminent" } as const;

export type RiskLevelName = keyof typeof LABEL;

export function riskLabel(level: RiskLevelName): string {
  return LABEL[level];
}

/** The level in words (never colour alone). */
export function RiskBadge({ level }: { level: RiskLevelName }) {
  return <span className={`risk-badge risk-${level}`}>{LABEL[level]}</span>;
}
