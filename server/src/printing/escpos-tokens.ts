// Splits an ESC/POS byte stream into commands and text. Knowing each command's length is what lets a reader
// tell a status request from the same bytes inside QR or image data, and wait for the rest of a command that
// a TCP packet cut in two.

export type EscPosToken =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'newline' }
  | { type: 'initialize' }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  | { type: 'size'; width: number; height: number }
  /** DLE EOT n: real-time status request. */
  | { type: 'realtime-status'; n: number }
  /** GS r n: status request answered after everything before it was printed. */
  | { type: 'transmit-status'; n: number }
  | { type: 'qr-store'; data: Uint8Array }
  | { type: 'qr-print' }
  | { type: 'barcode'; data: Uint8Array }
  | { type: 'image' }
  | { type: 'cut' }
  /** Any other command (style, code page, spacing…), kept whole. */
  | { type: 'command'; bytes: Uint8Array };

export interface ReadToken {
  token: EscPosToken;
  /** Offset just past the token. */
  end: number;
}

const LF = 0x0a;
const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;

// Parameter byte counts of the commands with a fixed length; anything not listed is read as taking one.
const ESC_PARAMS: Record<number, number> = {
  0x40: 0, // @ initialize
  0x32: 0, // 2 default line spacing
  0x3c: 0, // < return home
  0x4c: 0, // L page mode
  0x53: 0, // S standard mode
  0x69: 0, // i partial cut (old)
  0x6d: 0, // m partial cut (old)
  0x0c: 0, // FF print page
  0x63: 2, // c 3 n / c 4 n / c 5 n
  0x70: 3, // p m t1 t2 pulse
  0x24: 2, // $ nL nH
  0x5c: 2, // \ nL nH
  0x57: 8, // W print area
};
const FS_PARAMS: Record<number, number> = {
  0x2e: 0, // . cancel Kanji mode
  0x26: 0, // & Kanji mode
  0x70: 2, // p n m
  0x53: 2, // S n1 n2
};
const GS_PARAMS: Record<number, number> = {
  0x4c: 2, // L nL nH
  0x57: 2, // W nL nH
  0x50: 2, // P x y
  0x24: 2, // $ nL nH
  0x5c: 2, // \ nL nH
};

const word = (buf: Uint8Array, at: number): number => (buf[at] ?? 0) + (buf[at + 1] ?? 0) * 256;

/** Reads one token at `at`; null when the buffer ends in the middle of it. */
export function readToken(buf: Uint8Array, at: number): ReadToken | null {
  const first = buf[at];
  if (first === undefined) return null;
  const need = (length: number, token: (bytes: Uint8Array) => EscPosToken): ReadToken | null =>
    at + length <= buf.length ? { token: token(buf.subarray(at, at + length)), end: at + length } : null;

  if (first >= 0x20) {
    let end = at;
    while (end < buf.length && (buf[end] ?? 0) >= 0x20) end++;
    return { token: { type: 'text', bytes: buf.subarray(at, end) }, end };
  }
  if (first === LF) return { token: { type: 'newline' }, end: at + 1 };
  const second = buf[at + 1];
  if (first === DLE) return readDle(buf, at, need);
  if (first !== ESC && first !== FS && first !== GS) {
    // CR, HT, NUL and other single control bytes: nothing to show.
    return { token: { type: 'command', bytes: buf.subarray(at, at + 1) }, end: at + 1 };
  }
  if (second === undefined) return null;
  if (first === ESC) return readEsc(buf, at, second, need);
  if (first === FS) return readGsLike(buf, at, second, FS_PARAMS, need);
  return readGs(buf, at, second, need);
}

type Need = (length: number, token: (bytes: Uint8Array) => EscPosToken) => ReadToken | null;
const command = (bytes: Uint8Array): EscPosToken => ({ type: 'command', bytes });

function readDle(buf: Uint8Array, at: number, need: Need): ReadToken | null {
  const second = buf[at + 1];
  if (second === undefined) return null;
  if (second === 0x04) return need(3, (b) => ({ type: 'realtime-status', n: b[2] ?? 0 }));
  if (second === 0x05) return need(3, command); // DLE ENQ n
  if (second === 0x14) {
    // DLE DC4 fn …: fn 8 (clear buffers) carries 7 bytes, the others 2.
    const fn = buf[at + 2];
    if (fn === undefined) return null;
    return need(fn === 8 ? 10 : 5, command);
  }
  return { token: command(buf.subarray(at, at + 1)), end: at + 1 };
}

function readEsc(buf: Uint8Array, at: number, c: number, need: Need): ReadToken | null {
  if (c === 0x40) return need(2, () => ({ type: 'initialize' }));
  if (c === 0x61) {
    return need(3, (b) => {
      const n = (b[2] ?? 0) % 48;
      return { type: 'align', align: n === 1 ? 'center' : n === 2 ? 'right' : 'left' };
    });
  }
  if (c === 0x69 || c === 0x6d) return need(2, () => ({ type: 'cut' }));
  if (c === 0x44) {
    // ESC D tab stops, ended by NUL.
    const nul = buf.indexOf(0, at + 2);
    return nul < 0 ? null : need(nul - at + 1, command);
  }
  if (c === 0x2a) {
    // ESC * m nL nH: bit image; 24-dot modes (32, 33) carry three bytes per column.
    if (at + 5 > buf.length) return null;
    const m = buf[at + 2] ?? 0;
    const columns = word(buf, at + 3);
    return need(5 + columns * (m >= 32 ? 3 : 1), () => ({ type: 'image' }));
  }
  return need(2 + (ESC_PARAMS[c] ?? 1), command);
}

function readGs(buf: Uint8Array, at: number, c: number, need: Need): ReadToken | null {
  if (c === 0x72) return need(3, (b) => ({ type: 'transmit-status', n: (b[2] ?? 0) % 48 }));
  if (c === 0x21) {
    return need(3, (b) => {
      const n = b[2] ?? 0;
      return { type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
    });
  }
  if (c === 0x56) {
    // GS V m [n]: function B (m 65, 66, 97, 98, 103, 104) has a feed amount after m.
    const m = buf[at + 2];
    if (m === undefined) return null;
    return need(m >= 65 ? 4 : 3, () => ({ type: 'cut' }));
  }
  if (c === 0x76) {
    // GS v 0 m xL xH yL yH data: raster image, xL/xH in bytes per row.
    if (at + 8 > buf.length) return null;
    return need(8 + word(buf, at + 4) * word(buf, at + 6), () => ({ type: 'image' }));
  }
  if (c === 0x6b) return readBarcode(buf, at, need);
  if (c === 0x28) {
    // GS ( fn pL pH data: QR code (k, cn 49), PDF417 (k, cn 48), and other functions.
    if (at + 5 > buf.length) return null;
    const fn = buf[at + 2];
    const length = word(buf, at + 3);
    return need(5 + length, (b) => {
      if (fn === 0x6b && b[5] === 49 && b[6] === 80) return { type: 'qr-store', data: b.subarray(8) };
      if (fn === 0x6b && b[5] === 49 && b[6] === 81) return { type: 'qr-print' };
      return command(b);
    });
  }
  if (c === 0x38) {
    if (at + 3 > buf.length) return null;
  }
  if (c === 0x38 && buf[at + 2] === 0x4c) {
    // GS 8 L p1..p4: graphics with a 4-byte length.
    if (at + 7 > buf.length) return null;
    const length = word(buf, at + 3) + word(buf, at + 5) * 65536;
    return need(7 + length, () => ({ type: 'image' }));
  }
  return readGsLike(buf, at, c, GS_PARAMS, need);
}

function readGsLike(buf: Uint8Array, at: number, c: number, params: Record<number, number>, need: Need): ReadToken | null {
  if (c === 0x28) {
    if (at + 5 > buf.length) return null;
    return need(5 + word(buf, at + 3), command);
  }
  return need(2 + (params[c] ?? 1), command);
}

function readBarcode(buf: Uint8Array, at: number, need: Need): ReadToken | null {
  const m = buf[at + 2];
  if (m === undefined) return null;
  if (m <= 6) {
    // Function A: data ends with NUL.
    const nul = buf.indexOf(0, at + 3);
    return nul < 0 ? null : need(nul - at + 1, (b) => ({ type: 'barcode', data: b.subarray(3, b.length - 1) }));
  }
  const n = buf[at + 3];
  if (n === undefined) return null;
  return need(4 + n, (b) => ({ type: 'barcode', data: b.subarray(4) }));
}

/** Every token of a complete job; a command cut short at the end is kept as raw bytes. */
export function tokenize(bytes: Uint8Array): EscPosToken[] {
  const tokens: EscPosToken[] = [];
  let at = 0;
  while (at < bytes.length) {
    const read = readToken(bytes, at);
    if (!read) {
      tokens.push(command(bytes.subarray(at)));
      break;
    }
    tokens.push(read.token);
    at = read.end;
  }
  return tokens;
}
