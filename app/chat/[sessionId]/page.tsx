import { Conversation } from "@/components/chat/conversation";

export default async function ConversationPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return (
    <main className="conversation-main">
      <Conversation key={sessionId} sessionId={sessionId} />
    </main>
  );
}
