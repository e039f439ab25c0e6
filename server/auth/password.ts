import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { getEnv } from "../env";
import { processSlot } from "../process-registry";

/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt per password, the cost
 * parameters stored beside the hash so they can be raised later without breaking old hashes, and
 * a constant-time comparison. New hashes use N from PASSWORD_SCRYPT_N (2^15 unless a test suite
 * lowers it; the env module refuses a lower N outside NODE_ENV=test); verification always uses
 * the parameters stored in the hash.
 *
 * Stored form: `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; bounds the work one request can ask for. */
export const PASSWORD_MAX_LENGTH = 256;

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** r = 8, p = 1 with N = 2^15 by default: about 32 MiB and tens of milliseconds per hash. */
const COST_R = 8;
const COST_P = 1;
/** Refuse stored parameters far outside what we write (a tampered row must not exhaust memory). */
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * The zxcvbn score (0–4) a new password needs. 3 means about 10^8 guesses or more: passwords from
 * breach lists ("password1234", "iloveyou1234"), repeats ("aaaaaaaaaaaa"), sequences and keyboard
 * walks score lower, whatever their length.
 */
export const PASSWORD_MIN_SCORE = 3;

/** zxcvbn-ts with its common dictionaries (breached passwords, common words), built once per process. */
const strength = processSlot("password.strength", () => new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

const WEAKNESS: Record<string, string> = {
  simpleRepeat: "it repeats the same characters",
  extendedRepeat: "it repeats a pattern",
  sequences: "it is a sequence such as 12345 or abcde",
  straightRow: "it is a row of keys",
  keyPattern: "it is a keyboard pattern",
  topTen: "it is among the most used passwords",
  topHundred: "it is among the most used passwords",
  common: "it is a commonly used password",
  similarToCommon: "it is close to a commonly used password",
  wordByItself: "a single word is easy to guess",
  namesByThemselves: "names are easy to guess",
  commonNames: "common names are easy to guess",
  dates: "dates are easy to guess",
  recentYears: "recent years are easy to guess",
  userInputs: "it contains your email address or name",
  pwned: "it has appeared in a data breach",
};

/**
 * Why a new password is not acceptable, or null when it is: too short, too long, or too easy to
 * guess (zxcvbn; `userInputs` such as the account's email and name count against it).
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  // The whole email and name, and each word of them ("maria", "gonzalez", "clinic").
  const inputs = userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3)]);
  const result = strength.get().check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ? WEAKNESS[result.feedback.warning] : undefined;
  return `This password is too easy to guess${why ? `: ${why}` : ""}. Use a longer phrase of several unrelated words.`;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  const salt = randomBytes(SALT_BYTES);
  const cost = { N: getEnv().PASSWORD_SCRYPT_N, r: COST_R, p: COST_P };
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { N, r, p, salt, key };
}

/** True when `password` matches the stored hash. Malformed hashes never match (and never throw). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  // Over-long input costs the same as any other (bounded work), then fails.
  const key = await derive(password.slice(0, PASSWORD_MAX_LENGTH), parsed.salt, parsed);
  const same = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  return same && password.length <= PASSWORD_MAX_LENGTH;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-in attempts on unknown emails: the
 * response time must not tell an attacker which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64url"));
  await verifyPassword(password, await dummyHash);
  return false;
}
