// Many screens in one process, for the stop-in-seconds test: N Socket.IO clients with one auth, each
// reconnecting by itself as a display does. IPC in: 'count' → answers { connected } (how many are online now).
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

const [url, n, token] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]!];
const sockets: Socket[] = [];
for (let i = 0; i < n; i += 200) {
  const batch = Array.from({ length: Math.min(200, n - i) }, () => {
    const s = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    sockets.push(s);
    return new Promise<void>((resolve) => s.once('queue:snapshot', () => resolve()));
  });
  await Promise.all(batch);
}
process.on('message', (m: string) => {
  if (m === 'count') process.send!({ connected: sockets.filter((s) => s.connected).length });
  if (m === 'stop') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
process.send!({ connected: sockets.filter((s) => s.connected).length });
