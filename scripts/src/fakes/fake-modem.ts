// A fake GSM modem, as a process of its own, on one end of a pseudo-terminal pair (Debian's socat makes the
// pair; the server opens the other end as it would /dev/ttyUSB0). It answers as a modem in text mode:
// `AT` and `AT+CMGF=1` → OK; `AT+CMGS="<number>"` → `> `; the text up to Ctrl-Z → `+CMGS: <ref>` and OK;
// ESC cancels the prompt. Under a parent (fork with `--import tsx`) it reports each message over IPC and
// takes {cmd:'mode', mode:'ok'|'silent'|'silent-after-text'}: `silent` answers nothing at all (a modem
// unplugged or hung), `silent-after-text` takes the text and then never confirms it.
// Usage: tsx scripts/src/fakes/fake-modem.ts /tmp/x/b
import { SerialPort } from 'serialport';

export interface FakeModemMessage {
  n: number;
  to: string;
  text: string;
}
export type FakeModemEvent = { event: 'ready' } | { event: 'message'; message: FakeModemMessage } | { event: 'ok'; cmd: string } | { event: 'command'; line: string };

type Mode = 'ok' | 'silent' | 'silent-after-text';
let mode: Mode = 'ok';
let ref = 0;
const send = (e: FakeModemEvent) => (process.send ? process.send(e) : console.log(JSON.stringify(e)));

const port = new SerialPort({ path: process.argv[2]!, baudRate: 115200 });
let buffer = '';
let recipient: string | null = null;

const answer = (s: string) => port.write(Buffer.from(s, 'latin1'));

port.on('data', (chunk: Buffer) => {
  buffer += chunk.toString('latin1');
  for (;;) {
    if (recipient !== null) {
      const esc = buffer.indexOf('\x1b');
      const end = buffer.indexOf('\x1a');
      if (esc !== -1 && (end === -1 || esc < end)) {
        buffer = buffer.slice(esc + 1);
        recipient = null;
        continue;
      }
      if (end === -1) return;
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const to = recipient;
      recipient = null;
      if (mode === 'silent') continue;
      send({ event: 'message', message: { n: ++ref, to, text } });
      if (mode === 'ok') answer(`\r\n+CMGS: ${ref}\r\n\r\nOK\r\n`);
      continue;
    }
    // ESC outside a prompt cancels nothing: a real modem ignores it, and so does the command line.
    buffer = buffer.replaceAll('\x1b', '');
    const cr = buffer.indexOf('\r');
    if (cr === -1) return;
    const line = buffer.slice(0, cr).trim();
    buffer = buffer.slice(cr + 1);
    if (!line) continue;
    if (mode === 'silent') continue;
    send({ event: 'command', line });
    const cmgs = /^AT\+CMGS="(\+?\d+)"$/i.exec(line);
    if (cmgs) {
      recipient = cmgs[1]!;
      answer('\r\n> ');
    } else if (/^AT(\+CMGF=1)?$/i.test(line)) answer('\r\nOK\r\n');
    else answer('\r\nERROR\r\n');
  }
});

port.on('open', () => send({ event: 'ready' }));
process.on('message', (m: { cmd: string; mode?: Mode }) => {
  if (m.cmd === 'mode' && m.mode) mode = m.mode;
  send({ event: 'ok', cmd: m.cmd });
});
