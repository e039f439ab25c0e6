"use client";

import type { QuickReply } from "./chat-transport";

interface QuickRepliesProps {
  options: readonly QuickReply[];
  /** The group's name, in the conversation's language (the options are in it too). */
  label: string;
  /** BCP 47 tag of the conversation's language, so the options are read in it. */
  lang: string;
  onChoose: (text: string) => void;
}

/** Suggested answers to the question the bot is waiting on, under its last message; typing still works. */
export function QuickReplies({ options, label, lang, onChoose }: QuickRepliesProps) {
  if (options.length === 0) return null;
  return (
    <div className="quick-replies" role="group" aria-label={label} lang={lang} data-testid="quick-replies">
      {options.map((option) => (
        <button key={`${option.label}\u0000${option.text}`} type="button" className="btn btn-small quick-reply" onClick={() => onChoose(option.text)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}
