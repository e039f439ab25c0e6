import { z } from "zod";
import { storableString } from "../../../engine/text/storable";
import { PASSWORD_MAX_LENGTH } from "../../../auth/password";
import { EMAIL_MAX_LENGTH } from "../../../services/accounts/accounts";

const id = storableString().min(1).max(64);

/** Loose on purpose: any shape of email gets the same "do not match" answer as a wrong password. */
export const signInInput = z.object({
  email: storableString().trim().min(1, "Enter your email address.").max(EMAIL_MAX_LENGTH + 64),
  password: storableString().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH * 4),
});

export const createUserInput = z.object({
  email: storableString().trim().min(1).max(EMAIL_MAX_LENGTH),
  password: storableString().max(PASSWORD_MAX_LENGTH),
  role: z.enum(["admin", "author"]).default("author"),
  name: storableString().trim().max(120).optional(),
  /** Projects to add the new account to. */
  projectIds: z.array(id).max(100).default([]),
});

export const addMemberInput = z
  .object({ projectId: id, userId: id.optional(), email: storableString().trim().min(1).max(EMAIL_MAX_LENGTH).optional() })
  .refine((input) => Boolean(input.userId) !== Boolean(input.email), { message: "Name the account by userId or by email (one of them)." });

export const removeMemberInput = z.object({ projectId: id, userId: id });

export const userIdInput = z.object({ userId: id });

export const setDisabledInput = z.object({ userId: id, disabled: z.boolean() });

export const resetPasswordInput = z.object({ userId: id, password: storableString().max(PASSWORD_MAX_LENGTH) });
