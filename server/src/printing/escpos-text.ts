// Turns ESC/POS bytes back into what a person would read on the paper: the preview files and the fake printer
// show this, and tests assert on it. Commands are dropped; QR codes, barcodes, images and cuts become notes.
import { tokenize } from './escpos-tokens.js';

export interface DecodedReceipt {
  /** The printed lines, with the notes `[QR: …]`, `[barcode: …]`, `[image]` and `[cut]` on lines of their own. */
  text: string;
  /** The payload of every QR code printed, in order. */
  qrCodes: string[];
  cuts: number;
}

// Code page 437, bytes 0x80–0xFF: page 0 of every ESC/POS printer, the one the tickets select.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const latin1 = new TextDecoder('latin1');

function decodeText(bytes: Uint8Array, cp437: boolean): string {
  let out = '';
  for (const b of bytes) {
    if (b < 0x80) out += String.fromCharCode(b);
    // Other code pages are not worth a table here: the reader sees that something was there.
    else out += cp437 ? (CP437_HIGH[b - 0x80] ?? '?') : '?';
  }
  return out;
}

export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const lines: string[] = [];
  const qrCodes: string[] = [];
  let line = '';
  let cuts = 0;
  let storedQr: string | null = null;
  let cp437 = true;
  const endLine = (): void => {
    lines.push(line.trimEnd());
    line = '';
  };
  const note = (text: string): void => {
    if (line.trim()) endLine();
    line = '';
    lines.push(text);
  };

  for (const token of tokenize(bytes)) {
    switch (token.type) {
      case 'text':
        line += decodeText(token.bytes, cp437);
        break;
      case 'newline':
        endLine();
        break;
      case 'qr-store':
        // QR payloads are bytes, not code page text: URLs are ASCII, and latin1 keeps any byte as one char.
        storedQr = latin1.decode(token.data);
        break;
      case 'qr-print':
        if (storedQr !== null) {
          qrCodes.push(storedQr);
          note(`[QR: ${storedQr}]`);
        }
        break;
      case 'barcode':
        note(`[barcode: ${latin1.decode(token.data)}]`);
        break;
      case 'image':
        note('[image]');
        break;
      case 'cut':
        cuts++;
        note('[cut]');
        break;
      case 'command':
        if (token.bytes[0] === 0x1b && token.bytes[1] === 0x74) cp437 = token.bytes[2] === 0;
        break;
      case 'initialize':
        cp437 = true;
        break;
      default:
        break;
    }
  }
  if (line.trim()) endLine();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n'), qrCodes, cuts };
}
