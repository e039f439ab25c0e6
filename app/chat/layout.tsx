import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ChatTopBar } from "@/components/chat/chat-top-bar";
import { LanguageProvider } from "@/components/chat/language";

export const metadata: Metadata = { title: "Conversations" };

export default function ChatLayout({ children }: { children: ReactNode }) {
  return (
    <LanguageProvider>
      <div className="chat-app">
        <ChatTopBar />
        {children}
      </div>
    </LanguageProvider>
  );
}
