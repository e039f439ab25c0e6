import { describe, expect, it } from "vitest";
import { csvCell, csvDownload, toCsv } from "./csv";

describe("csv", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(new Date(Date.UTC(2030, 0, 2, 3, 4, 5)))).toBe("2030-01-02T03:04:05.000Z");
  });

  it("keeps spreadsheets from running cells as formulas", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("joins rows with CRLF and ends with one", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("keeps Chinese variable names and values as they are, and a download starts with a UTF-8 byte-order mark", () => {
    const csv = toCsv(["name", "value_json"], [["用户称呼", JSON.stringify("小林")], ["年龄", "25"]]);
    expect(csv).toBe('name,value_json\r\n用户称呼,"""小林"""\r\n年龄,25\r\n');
    const bytes = new TextEncoder().encode(csvDownload(csv));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes)).toBe(csv);
  });
});
