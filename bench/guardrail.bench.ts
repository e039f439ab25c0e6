/**
 * The output guardrail while a reply streams: CPU per model delta, and how soon words reach the
 * client compared with holding each sentence until it ends. Over the safe sentences a careful
 * model writes and the scripts' own wording, streamed word by word. Then CPU per reply by delta
 * size: the whole reply at once, word by word, and 4 characters at a time (about one token, as
 * chat models stream). Figures are printed.
 * Run: npx tsx bench/guardrail.bench.ts [rounds]
 */
import { GuardedText, splitSentences } from "../server/engine/safety";
import { percentile } from "./stats";

const rounds = Number(process.argv[2] ?? 200);

const REPLIES = [
  "Thank you for telling me about your week. It sounds like there was a lot going on at work and at home, and I appreciate you taking the time to share it. How did you feel when that happened?",
  "That makes a lot of sense. Many people notice their sleep changes when they are under pressure. Would it help to look at what your evenings usually look like?",
  "I'm an AI counsellor, not a doctor, so I can't diagnose anything or give advice about medication. If you'd like, we can talk about what has been weighing on you most.",
  "谢谢你愿意告诉我这些。听起来这周你承受了很多压力，工作和家里的事情都不轻松。你当时是什么感受呢？",
  "我是 AI 咨询助手，不是医生，所以不能做任何诊断。我们可以一起看看最近让你最困扰的是什么。",
];

/** Word-sized deltas, as chat models stream them (CJK: two characters). */
function deltas(text: string): string[] {
  return /\p{Script=Han}/u.test(text) ? (text.match(/.{1,2}/gsu) ?? []) : text.split(/(?<= )/);
}

const perDeltaUs: number[] = [];
/** Per sentence: deltas between its first word arriving and its first word being sent (0 = at once). */
const lags: number[] = [];
/** Per sentence: its length in deltas, what holding it to its end would wait. */
const sentenceLengths: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const reply of REPLIES) {
    const pieces = deltas(reply);
    const guard = new GuardedText();
    // After delta i: how many characters had arrived, and how many were sent.
    const arrivedAt: number[] = [];
    const sentAt: number[] = [];
    let arrived = 0;
    let sent = 0;
    for (const piece of pieces) {
      const started = performance.now();
      const step = guard.push(piece);
      perDeltaUs.push((performance.now() - started) * 1000);
      arrived += piece.length;
      sent += step.emit.join("").length;
      arrivedAt.push(arrived);
      sentAt.push(sent);
    }
    guard.end();
    if (round > 0) continue;
    let offset = 0;
    for (const sentence of splitSentences(reply)) {
      const firstIn = arrivedAt.findIndex((n) => n > offset);
      const firstOut = sentAt.findIndex((n) => n > offset);
      lags.push((firstOut < 0 ? pieces.length : firstOut) - firstIn);
      sentenceLengths.push(deltas(sentence.trim()).length);
      offset += sentence.length;
    }
  }
}

console.log(`output guardrail, ${REPLIES.length} replies streamed ${rounds} times (${perDeltaUs.length} deltas)`);
console.log(`  CPU per delta: median ${percentile(perDeltaUs, 0.5).toFixed(1)} µs, p95 ${percentile(perDeltaUs, 0.95).toFixed(1)} µs`);
console.log(`  a sentence's first words were sent after median ${percentile(lags, 0.5)} further deltas (max ${Math.max(...lags)}, ${lags.length} sentences);`);
console.log(`  holding each sentence to its end would wait median ${percentile(sentenceLengths, 0.5)} deltas (max ${Math.max(...sentenceLengths)})`);

/** CPU per reply when each reply arrives in pieces of `size` characters (0: word by word; Infinity: whole). */
function cpuPerReply(size: number): number {
  const split = REPLIES.map((reply) => (size === 0 ? deltas(reply) : size === Infinity ? [reply] : (reply.match(new RegExp(`.{1,${size}}`, "gsu")) ?? [])));
  const started = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const pieces of split) {
      const guard = new GuardedText();
      for (const piece of pieces) guard.push(piece);
      guard.end();
    }
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / (rounds * REPLIES.length);
}
const whole = cpuPerReply(Infinity);
const words = cpuPerReply(0);
const fourChars = cpuPerReply(4);
console.log(`  CPU per reply: whole ${whole.toFixed(0)} µs, word by word ${words.toFixed(0)} µs (${(words / whole).toFixed(1)}×), 4 characters at a time ${fourChars.toFixed(0)} µs (${(fourChars / whole).toFixed(1)}×)`);
