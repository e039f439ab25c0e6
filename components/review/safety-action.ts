/**
 * What the engine did about a safety event (`actionTaken`), in words a counsellor reads. A trigger
 * keeps its id as written (ids like `crisis_risk_high` are names, not a risk level).
 */
export interface SafetyActionText {
  text: string;
  /** The trigger that ran, shown as code after the text. */
  triggerId: string | null;
}

const ACTIONS: Record<string, string> = {
  protocol: "Built-in crisis protocol: asked about safety and gave crisis lines",
  check_in: "Asked a safety check-in question",
  emergency_guidance: "Someone else in danger now: told the client how to get them emergency help",
  logged: "Logged only; the conversation went on",
  replaced: "The bot's reply was replaced before it was sent",
  recorded: "Recorded what the client disclosed",
};

export function describeSafetyAction(actionTaken: string): SafetyActionText {
  if (actionTaken.startsWith("trigger:")) return { text: "Ran the safety trigger", triggerId: actionTaken.slice("trigger:".length) };
  return { text: ACTIONS[actionTaken] ?? actionTaken.replaceAll("_", " "), triggerId: null };
}
