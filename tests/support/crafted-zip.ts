/**
 * Zip archives written by hand for tests, so their headers can say what the data is not (false
 * sizes, entries sharing data, names that differ between the directory and the data).
 */
export interface CraftedEntry {
  name: string;
  /** The name in the entry's own (local) header, when it should differ from the directory's. */
  localName?: string;
  /** 0 stored, 8 deflate; `data` is already in that form. */
  method: 0 | 8;
  data: Uint8Array;
  /** The uncompressed size the headers declare. */
  declaredSize: number;
  /** Sizes only after the data and in the directory (flag bit 3), as streaming archivers write. */
  descriptor?: boolean;
}

/**
 * Raw deflate data of about `kilobytes` KB that inflates to about 160 times that many MB of "a":
 * one fixed-Huffman block of a literal followed by copies of the longest length at distance 1
 * (13 bits for 258 bytes), with no stored block, so the whole stream must be decoded to find its end.
 */
export function deflateBomb(kilobytes: number): Uint8Array {
  const copies = Math.floor((kilobytes * 1024 * 8 - 3 - 8 - 7) / 13);
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8));
  let position = 0;
  /** Header fields go in least significant bit first; Huffman codes most significant bit first. */
  const bit = (value: number) => {
    if (value) out[position >> 3] = (out[position >> 3] ?? 0) | (1 << (position & 7));
    position++;
  };
  const code = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bit((value >> i) & 1);
  };
  bit(1); // BFINAL
  bit(1); // BTYPE 01 (fixed Huffman), least significant bit first
  bit(0);
  code(0x30 + 0x61, 8); // the literal "a"
  for (let i = 0; i < copies; i++) {
    code(0xc0 + (285 - 280), 8); // length 258
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  return out;
}

/** A zip of these entries; with `shareData`, every directory entry points at the first entry's data. */
export function craftZip(entries: CraftedEntry[], options: { shareData?: boolean } = {}): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const push = (buffer: Buffer) => {
    parts.push(buffer);
    offset += buffer.length;
  };
  for (const [index, entry] of entries.entries()) {
    if (options.shareData && index > 0) {
      offsets.push(offsets[0] ?? 0);
      continue;
    }
    offsets.push(offset);
    const name = Buffer.from(entry.localName ?? entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800 | (entry.descriptor ? 0x0008 : 0), 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(0, 14); // CRC: not checked by the reader
    header.writeUInt32LE(entry.descriptor ? 0 : entry.data.length, 18);
    header.writeUInt32LE(entry.descriptor ? 0 : entry.declaredSize, 22);
    header.writeUInt16LE(name.length, 26);
    push(Buffer.concat([header, name, Buffer.from(entry.data)]));
    if (entry.descriptor) {
      const trailer = Buffer.alloc(16);
      trailer.writeUInt32LE(0x08074b50, 0);
      trailer.writeUInt32LE(entry.data.length, 8);
      trailer.writeUInt32LE(entry.declaredSize, 12);
      push(trailer);
    }
  }
  const directoryStart = offset;
  for (const [index, entry] of entries.entries()) {
    const source = options.shareData ? (entries[0] ?? entry) : entry;
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800 | (source.descriptor ? 0x0008 : 0), 8);
    header.writeUInt16LE(source.method, 10);
    header.writeUInt32LE(source.data.length, 20);
    header.writeUInt32LE(entry.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offsets[index] ?? 0, 42);
    push(Buffer.concat([header, name]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  parts.push(end);
  return new Uint8Array(Buffer.concat(parts));
}
