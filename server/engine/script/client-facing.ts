/**
 * What a client sees of a session before it starts: its card. `metadata.client_description` is a
 * text in the script's language or one text per language tag; a session written for clients
 * without one gets a warning, since the author's `description` is written for colleagues.
 */
import { isObject, type Normalised } from "./normalise";
import type { Reporter } from "./report";
import { childPath } from "./source-map";

/** A BCP 47 language tag such as `en`, `zh-CN` or `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const PATH = "metadata.client_description";

export function checkClientFacing({ kind, file }: Normalised, report: Reporter, options: { askForDescription: boolean }): void {
  const metadata = isObject(file.metadata) ? file.metadata : undefined;
  const value = metadata?.client_description;
  if (isObject(value)) {
    for (const tag of Object.keys(value)) {
      if (!LANGUAGE_TAG.test(tag)) {
        report.key("invalid-value", childPath(PATH, tag), `\`${tag}\` is not a language tag: write one text per language, as \`en: …\` or \`zh-CN: …\`.`);
      }
    }
  }
  if (kind !== "session" || !options.askForDescription) return;
  const blank = value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (isObject(value) && Object.keys(value).length === 0);
  if (!blank) return;
  const message =
    "Clients choose this conversation from a card that says nothing about it: add `metadata.client_description`, " +
    "a sentence or two in plain words for the client (one per language: `en: …`, `zh-CN: …`).";
  report.key("missing-client-description", metadata ? "metadata" : "session", message);
}
