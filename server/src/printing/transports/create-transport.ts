// From a printer URL (`tcp://host:port`, `usb:/dev/usb/lp0`, `preview`) to the transport that reaches it.
import { PreviewTransport } from './preview.transport.js';
import { TcpTransport } from './tcp.transport.js';
import type { PrintTimeouts, PrintTransport } from './transport.types.js';
import { UsbTransport } from './usb.transport.js';

export function createTransport(url: string, dataDir: string, timeouts: PrintTimeouts): PrintTransport {
  if (url === 'preview') return new PreviewTransport(dataDir);
  const tcp = /^tcp:\/\/([^:/]+):(\d{1,5})$/.exec(url);
  if (tcp?.[1] && tcp[2]) return new TcpTransport(url, tcp[1], Number(tcp[2]), timeouts);
  // Any absolute path, not only /dev: tests point it at a regular file or a FIFO.
  if (url.startsWith('usb:/')) return new UsbTransport(url, url.slice('usb:'.length), timeouts.usbWriteMs);
  throw new Error(`unknown printer address "${url}": use tcp://host:port, usb:/dev/usb/lp0 or preview`);
}
