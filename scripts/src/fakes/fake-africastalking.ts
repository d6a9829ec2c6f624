// A fake Africa's Talking SMS API on localhost, as a process of its own: it takes
// `POST /version1/messaging` as the real one does (form-encoded username, to, message, from; the `apiKey`
// header; JSON answered with SMSMessageData.Recipients[].status/statusCode/messageId) and fails on demand.
// Run under a parent (fork with `--import tsx`), it reports each message it receives and takes commands over IPC:
//   {cmd:'mode', mode:'ok'|'error500'|'hold'|'status', code?}  how to answer the next requests
//   {cmd:'release'}   answer the held requests as sent (mode 'ok' for the next ones)
//   {cmd:'down'} / {cmd:'up'}   stop listening (connections refused) / listen again on the same port
//   {cmd:'deliver', url, id, status}   post a delivery report to the server, as the real one does
// Usage alone: tsx scripts/src/fakes/fake-africastalking.ts [port]
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Mode = { mode: 'ok' } | { mode: 'error500' } | { mode: 'hold' } | { mode: 'status'; code: number };

export interface FakeAtMessage {
  n: number;
  username: string;
  to: string;
  message: string;
  from: string | null;
  apiKey: string | null;
  accept: string | null;
  contentType: string | null;
}

export type FakeAtEvent = { event: 'listening'; port: number } | { event: 'message'; message: FakeAtMessage } | { event: 'ok'; cmd: string };

let mode: Mode = { mode: 'ok' };
let count = 0;
const held: { res: ServerResponse; message: FakeAtMessage }[] = [];
const send = (e: FakeAtEvent) => (process.send ? process.send(e) : console.log(JSON.stringify(e)));

const STATUS: Record<number, string> = { 101: 'Success', 403: 'InvalidPhoneNumber', 405: 'InsufficientBalance', 500: 'InternalServerError' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}

const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/version1/messaging') {
    res.writeHead(404).end();
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const message: FakeAtMessage = {
    n: ++count,
    username: form.get('username') ?? '',
    to: form.get('to') ?? '',
    message: form.get('message') ?? '',
    from: form.get('from'),
    apiKey: req.headers.apikey === undefined ? null : String(req.headers.apikey),
    accept: req.headers.accept ?? null,
    contentType: req.headers['content-type'] ?? null,
  };
  if (mode.mode === 'error500') {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
    return;
  }
  // Received: from here the "gateway" has the message, whatever becomes of the answer.
  send({ event: 'message', message });
  if (mode.mode === 'hold') {
    held.push({ res, message });
    return;
  }
  answer(res, message, mode.mode === 'status' ? mode.code : 101);
});

function answer(res: ServerResponse, message: FakeAtMessage, code: number): void {
  res.writeHead(201, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      SMSMessageData: {
        Message: `Sent to ${code < 200 ? 1 : 0}/1 Total Cost: KES 0.8000`,
        Recipients: [{ statusCode: code, number: message.to, status: STATUS[code] ?? 'Failed', cost: 'KES 0.8000', messageId: `ATXid_${message.n}` }],
      },
    }),
  );
}

let port = Number(process.argv[2] ?? 0);
function listen(): void {
  server.listen(port, '127.0.0.1', () => {
    port = (server.address() as AddressInfo).port;
    send({ event: 'listening', port });
  });
}

process.on('message', async (m: { cmd: string; mode?: Mode['mode']; code?: number; url?: string; id?: string; status?: string }) => {
  if (m.cmd === 'mode') mode = m.mode === 'status' ? { mode: 'status', code: m.code ?? 101 } : ({ mode: m.mode } as Mode);
  if (m.cmd === 'down') {
    for (const h of held.splice(0)) h.res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (m.cmd === 'release') {
    mode = { mode: 'ok' };
    for (const h of held.splice(0)) answer(h.res, h.message, 101);
  }
  if (m.cmd === 'up') await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  if (m.cmd === 'deliver') {
    await fetch(m.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: m.id!, status: m.status!, phoneNumber: '+254700000000', networkCode: '63902', retryCount: '0' }).toString(),
    });
  }
  send({ event: 'ok', cmd: m.cmd });
});

listen();
