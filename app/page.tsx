import { ChatTopBar } from "@/components/chat/chat-top-bar";
import { LanguageProvider } from "@/components/chat/language";
import { requestLanguage } from "@/components/chat/request-language";
import { ClientHome } from "@/components/home/client-home";

// The language comes from the request (the remembered toggle, else Accept-Language).
export const dynamic = "force-dynamic";

export default async function HomePage() {
  return (
    <LanguageProvider initial={await requestLanguage()}>
      <div className="chat-app">
        <ChatTopBar />
        <ClientHome />
      </div>
    </LanguageProvider>
  );
}
