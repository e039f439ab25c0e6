"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ColumnHeads } from "@/components/ui/column-heads";

/** The accounts table of the admin page: status, open sessions, and what an admin can do to each. */
export function AccountsPanel({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.auth.users.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.users.queryKey() });
  const setDisabled = useMutation(trpc.auth.setDisabled.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.auth.revokeSessions.mutationOptions({ onSuccess: refresh }));
  const problem = setDisabled.error?.message ?? revoke.error?.message;

  if (users.isPending) return <p>Loading accounts…</p>;
  if (users.error) return <p className="error" role="alert">{users.error.message}</p>;
  return (
    <section className="card">
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <table className="review-table">
        <ColumnHeads names={["Account", "Role", "Status", "Open sessions", "Actions"]} />
        <tbody>
          {users.data.map((account) => (
            <tr key={account.id} data-testid={`account-${account.email}`}>
              <td>
                {account.email}
                {account.name ? <span className="hint"> · {account.name}</span> : null}
              </td>
              <td>{account.role}</td>
              <td>{account.disabledAt ? "Disabled" : "Active"}</td>
              <td>{account.openSessions}</td>
              <td>
                {account.id === currentUserId ? (
                  <span className="hint">This is you</span>
                ) : (
                  <div className="account-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={setDisabled.isPending}
                      onClick={() => setDisabled.mutate({ userId: account.id, disabled: !account.disabledAt })}
                    >
                      {account.disabledAt ? "Enable" : "Disable"}
                    </button>
                    <button type="button" className="button" disabled={revoke.isPending || account.openSessions === 0} onClick={() => revoke.mutate({ userId: account.id })}>
                      Sign out everywhere
                    </button>
                    <ResetPasswordForm userId={account.id} email={account.email} onDone={refresh} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Sets a new password for an account (the admin passes it on by a safe channel). */
function ResetPasswordForm({ userId, email, onDone }: { userId: string; email: string; onDone: () => void }) {
  const trpc = useTRPC();
  const inputId = useId();
  const [password, setPassword] = useState("");
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      onSuccess: () => {
        setPassword("");
        onDone();
      },
    }),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reset.isPending && password) reset.mutate({ userId, password });
  };
  return (
    <form className="reset-password" onSubmit={onSubmit} aria-label={`New password for ${email}`}>
      <label htmlFor={inputId}>New password</label>
      <input id={inputId} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
      <button type="submit" className="button" disabled={reset.isPending || !password}>
        Set password
      </button>
      {reset.error ? (
        <p className="error" role="alert">
          {reset.error.data?.zodError ? "Enter a new password." : reset.error.message}
        </p>
      ) : null}
      {reset.isSuccess ? <p role="status">Password changed; the account was signed out everywhere.</p> : null}
    </form>
  );
}
