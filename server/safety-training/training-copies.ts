/**
 * Copies of training lines that training adds to the corpus (never scored; each keeps its writer,
 * so it is held out with its source in cross-validation).
 */
import type { CorpusMessage } from "../engine/safety/corpus";
import { seededRandom } from "../engine/classifier/train";
import { isAtLeast } from "../engine/safety/risk-types";

/**
 * What training adds to the corpus so that the bot's question is read for what it says, not for
 * being a question (every client message in a session follows one):
 * - for every reply whose risk lies only in what the bot asked (kind `context_reply`, medium or
 *   above: "maybe", "tonight", "I have them here"), the same reply after an ordinary question,
 *   labelled none. Without them the classifier learnt those words themselves as risk, and "I don't
 *   know, maybe" to "is it okay if we do the questionnaire now?" opened a crisis protocol;
 * - every other line written alone, also after an ordinary question, with its own label. Without
 *   these, the counterparts above taught that an ordinary question means no risk, and a crisis told
 *   in answer to "how was your week?" was lost.
 * Each copy keeps its writer, so it is held out with its source, and none is ever scored.
 */
export function sessionCopies(training: readonly CorpusMessage[], ordinaryQuestions: readonly string[], seed: number): CorpusMessage[] {
  if (ordinaryQuestions.length === 0) return [];
  const random = seededRandom(seed);
  const question = () => ordinaryQuestions[Math.floor(random() * ordinaryQuestions.length)] ?? "";
  const copies: CorpusMessage[] = [];
  for (const message of training) {
    if (message.kind === "context_reply" && isAtLeast(message.label, "medium") && message.context?.bot) {
      copies.push({ ...message, label: "none", category: "none", kind: SESSION_COPY_KIND, context: { bot: question() } });
    } else if (!message.context) {
      copies.push({ ...message, kind: SESSION_COPY_KIND, context: { bot: question() } });
    }
  }
  return copies;
}

const SESSION_COPY_KIND = "session_copy";

const BURIED_COPY_KIND = "buried_copy";

/** How many of the short English lines are also buried in a long one (a sample keeps training time flat). */
const BURIED_SHARE = 0.3;

/**
 * Short English lines, crisis or hard negative, each also placed between two sentences of a long
 * safe message written alone, keeping its label. A long message spreads its weight over many
 * features, so a crisis told in one sentence of a life story read as safe. On a dev split of the
 * training writers this caught about a sixth more English crises buried in long messages (recall
 * at 8 % false alarms 86.8 → 88.0 %). Chinese copies (split at 。！？) caught more buried crises but
 * fewer of every other kind, and are not made.
 */
export function buriedCopies(training: readonly CorpusMessage[], seed: number): CorpusMessage[] {
  const random = seededRandom(seed + 1);
  const english = training.filter((message) => message.lang === "en" && !message.context);
  const hosts = english.filter((message) => message.text.length > 250 && !isAtLeast(message.label, "medium"));
  const guests = english.filter((message) => message.text.length < 160 && message.label !== "medium" && message.kind !== "ordinary");
  if (hosts.length === 0) return [];
  const copies: CorpusMessage[] = [];
  for (const guest of guests) {
    if (random() >= BURIED_SHARE) continue;
    const host = hosts[Math.floor(random() * hosts.length)];
    if (!host) continue;
    const sentences = host.text.split(/(?<=[.!?])\s+/);
    sentences.splice(Math.floor(random() * (sentences.length + 1)), 0, guest.text);
    copies.push({ ...guest, text: sentences.join(" "), kind: BURIED_COPY_KIND });
  }
  return copies;
}
