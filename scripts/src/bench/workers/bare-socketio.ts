// Baseline for call → screen: a bare Socket.IO server (same options as Foleni's gateway) that broadcasts
// one message to every client when asked over HTTP, the way a call reaches Foleni over HTTP.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const payloadBytes = Number(process.argv[2] ?? 300);
const http = createServer((req, res) => {
  const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
  if (req.method === 'POST' && req.url?.startsWith('/broadcast')) {
    // A payload as big as a call event, so both sides move the same bytes.
    io.emit('ticket:called', { id, pad: 'x'.repeat(Math.max(0, payloadBytes - 20)) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false, pingInterval: 20_000, pingTimeout: 25_000, maxHttpBufferSize: 16 * 1024 });
io.on('connection', (socket) => {
  socket.emit('hello', { ok: true });
});
http.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', data: { port: (http.address() as { port: number }).port } });
});
