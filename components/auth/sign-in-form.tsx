"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** Email + password sign-in for counsellors and authors; goes to `returnTo` afterwards. */
export function SignInForm({ returnTo }: { returnTo: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: () => {
        setPassword("");
        router.replace(returnTo);
        router.refresh();
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ email, password });
  };

  // Input problems come back as a list of fields; one plain sentence is enough here.
  const error = signIn.error ? (signIn.error.data?.zodError ? "Enter your email address and password." : signIn.error.message) : undefined;
  return (
    <form className="card auth-form" onSubmit={onSubmit} aria-describedby={error ? errorId : undefined}>
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <p id={errorId} className="error" role="alert" aria-live="assertive">
        {error ?? ""}
      </p>
      <button type="submit" className="button primary" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
