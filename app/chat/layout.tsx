import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ChatTopBar } from "@/components/chat/chat-top-bar";
import { LanguageProvider } from "@/components/chat/language";
import { requestLanguage } from "@/components/chat/request-language";

export const metadata: Metadata = { title: "Conversations" };

export default async function ChatLayout({ children }: { children: ReactNode }) {
  return (
    <LanguageProvider initial={await requestLanguage()}>
      <div className="chat-app">
        <ChatTopBar />
        {children}
      </div>
    </LanguageProvider>
  );
}
