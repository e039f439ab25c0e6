import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Heartline", template: "%s · Heartline" },
  description: "Guided counselling conversations with an AI assistant, written by counsellors. Not an emergency service.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#8a3b52" };

// Every page is rendered per request, so Next can put the request's CSP nonce on its scripts
// (proxy.ts); a page prerendered at build time would carry scripts without it.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
