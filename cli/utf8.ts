/**
 * UTF-8 decoding that does not hide bad bytes: a file that is not valid UTF-8 is refused with the
 * place of its first bad byte, never read with U+FFFD in their place.
 *
 * Input: the bytes of a file. Output: its text, or the line and column (1-based; the column counts
 * the characters before it on its line, plus one) of the first byte that does not decode.
 * INVARIANT: linear in the number of bytes; the message names a place, never the bytes found there.
 */
const STRICT = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly line: number; readonly column: number };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: STRICT.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    // The bytes before it on its line are valid: their characters count the column.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad));
    return { ok: false, line, column: before.length + 1 };
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
