import { describe, expect, it } from "vitest";
import { readReply } from "./read-reply";

const nameFrom = (reply: string) => readReply({ kind: "name", lang: /\p{Script=Han}/u.test(reply) ? "zh" : "en", text: "What would you like me to call you?" }, reply);

describe("the name a client asks to be called", () => {
  it.each([
    ["umm I guess... Mo?", "Mo"],
    ["hmm, I guess Winter? that's my online name", "Winter"],
    ["Hmm, Frankie. Not my real one but close enough", "Frankie"],
    ["Whatever's easiest. Chris.", "Chris"],
  ])("a name said after some hesitation: %j → %j", (reply, value) => {
    expect(nameFrom(reply)).toMatchObject({ intent: "answer", value });
  });

  it.each([
    ["just put Hope. like the word", "Hope"],
    ["Hendrik, but the Aussies at work made it Henno so Henno I guess", "Henno"],
    ["Christopher, Chris, Topher, whatever. Chris I suppose", "Chris"],
    ["Priya ji is how everyone addresses me, but Priya alone is okay", "Priya"],
  ])("where the reply settles on a name: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["Priya. P is fine too honestly", "Priya"],
    ["Billy. Well, William, but nobody's called me that since school.", "Billy"],
    ["Thabo. T-H-A-B-O", "Thabo"],
    ["Mrs. Henley, please. I'm a bit old-fashioned.", "Mrs. Henley"],
  ])("a second choice, a spelling or a title does not replace the name first given: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it.each([
    ["你叫我May姐得喇", "May姐"],
    ["阿Lin啦", "阿Lin"],
  ])("a Latin name with a Chinese form of address: %j → %j", (reply, value) => {
    expect(nameFrom(reply).value).toBe(value);
  });

  it("no name in a request to be put through to a person", () => {
    expect(nameFrom("Honestly can I just get put through to a counsellor, like a person").value).toBeUndefined();
  });
});
