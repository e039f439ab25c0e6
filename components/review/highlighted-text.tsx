import { highlightSegments, type HighlightSpan } from "./highlight";

/** Message text with the evidence spans in <mark>; the rule that matched is the mark's title. */
export function HighlightedText({ text, spans }: { text: string; spans: readonly HighlightSpan[] }) {
  return (
    <>
      {highlightSegments(text, spans).map((segment, index) =>
        segment.rules.length ? (
          <mark key={index} className="evidence" title={`Evidence: ${segment.rules.join(", ")}`} data-rules={segment.rules.join(" ")}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
