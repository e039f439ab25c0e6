/**
 * Every match of a global pattern in a text: what `text.matchAll(pattern)` yields, as an array.
 * `matchAll` copies the pattern on every call (a new RegExp each time), which cost several times
 * the matching itself for the engine's large rule patterns; this runs the pattern itself and puts
 * its `lastIndex` back, so the pattern is left as `matchAll` leaves it. Pure.
 */
export function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError("allMatches needs a global pattern");
  const start = pattern.lastIndex;
  const found: RegExpExecArray[] = [];
  try {
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push(match);
      // An empty match would be found again at the same place: step past it (a whole code point).
      if (match[0] === "") pattern.lastIndex = advance(text, pattern.lastIndex, /[uv]/.test(pattern.flags));
    }
  } finally {
    pattern.lastIndex = start;
  }
  return found;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}
