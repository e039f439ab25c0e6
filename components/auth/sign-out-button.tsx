"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";

export function SignOutButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        router.replace("/signin");
        router.refresh();
      },
    }),
  );
  return (
    <>
      <button type="button" className="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {signOut.isPending ? "Signing out…" : "Sign out"}
      </button>
      {signOut.error ? (
        <span className="error" role="alert">
          Could not sign out: {signOut.error.message}
        </span>
      ) : null}
    </>
  );
}
