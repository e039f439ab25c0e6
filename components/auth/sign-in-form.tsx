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
      <CredentialField id="signin-email" label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} invalid={Boolean(error)} />
      <CredentialField
        id="signin-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        invalid={Boolean(error)}
      />
      <p id={errorId} className="error" role="alert" aria-live="assertive">
        {error ?? ""}
      </p>
      <button type="submit" className="button primary" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

interface CredentialFieldProps {
  id: string;
  label: string;
  name: "email" | "password";
  type: "email" | "password";
  autoComplete: "username" | "current-password";
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}

function CredentialField({ id, label, name, type, autoComplete, value, onChange, invalid }: CredentialFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
      />
    </div>
  );
}
