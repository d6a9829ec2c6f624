// Socket.IO reconnects by itself after a lost link, but not when the server closed the socket on purpose
// ("io server disconnect": a device just revoked, a ticket that is gone). Screens must never need a
// refresh, so try again after a pause: a refused handshake then tells the screen why, and stops the retries.
import type { Socket } from 'socket.io-client';

export function reconnectAfterServerDisconnect(socket: Pick<Socket, 'on' | 'connect'>, delayMs = 3000): void {
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), delayMs);
  });
}
