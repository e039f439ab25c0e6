import { ChatHome } from "@/components/chat/chat-home";

export default function ChatPage() {
  return (
    <main className="page chat-home">
      <ChatHome />
    </main>
  );
}
