// What a manager must not miss, worked out from the live figures and the server's clock: a service whose
// longest wait is over its target, a printer that cannot print, a kiosk or display that is gone.
// A kiosk reloading or a Wi-Fi blip drops a device for a few seconds: it is "gone" only once it has stayed
// away for a grace period, so the chime means something.
import type { Device, LiveStats } from '@foleni/shared';
import { durationText } from './time-text.js';
import { devicePrinterProblem } from '../lib/printer-problem.js';

export interface Alert {
  /** Stable while the problem lasts, so a new problem can be told from an old one. */
  id: string;
  level: 'critical' | 'warning';
  title: string;
  detail: string;
  /** A ticket that did not print: the alert offers to print it again. */
  reprint?: { ticketId: string; label: string };
}

const PRINTER_PROBLEMS: Partial<Record<Device['printerStatus'], { level: Alert['level']; text: string }>> = {
  paper_out: { level: 'critical', text: 'is out of paper' },
  offline: { level: 'critical', text: 'is offline' },
  cover_open: { level: 'critical', text: 'has its cover open' },
  paper_near_end: { level: 'warning', text: 'is nearly out of paper' },
};

/** How long a kiosk or display must stay away before it is an alert. */
export const DEVICE_GONE_GRACE_MS = 60_000;

export function alertsFor(stats: LiveStats, now: number, deviceGraceMs = DEVICE_GONE_GRACE_MS): Alert[] {
  const out: Alert[] = [];
  for (const s of stats.services) {
    if (!s.oldestWaitingSince) continue;
    const waited = now - Date.parse(s.oldestWaitingSince);
    if (waited <= s.slaMinutes * 60_000) continue;
    out.push({
      id: `service:${s.serviceId}`,
      level: 'critical',
      title: `${s.code} ${s.name.en} is over its target`,
      detail: `Longest wait ${durationText(waited)} (target ${s.slaMinutes} min); ${s.waiting} waiting.`,
    });
  }
  for (const d of stats.devices) {
    if (d.status !== 'active') continue;
    const kind = d.kind === 'kiosk' ? 'Kiosk' : 'Display';
    // Away for less than the grace period (or seen "after" now, by a clock a moment ahead): not yet gone.
    const away = d.lastSeenAt ? now - Date.parse(d.lastSeenAt) : null;
    if (!d.connected && (away === null || away >= deviceGraceMs)) {
      out.push(
        away !== null
          ? { id: `device:${d.id}`, level: 'critical', title: `${kind} ${d.name} is gone`, detail: `Not connected for ${durationText(away)} (zone ${d.zone}).` }
          : { id: `device:${d.id}:never`, level: 'warning', title: `${kind} ${d.name} has never connected`, detail: `Open its pairing link on the ${d.kind} (zone ${d.zone}); a link works once, for 15 minutes, and an admin makes a new one under Settings.` },
      );
    }
    const problem = d.printer ? PRINTER_PROBLEMS[d.printerStatus] : undefined;
    if (problem) {
      const why = devicePrinterProblem(d);
      out.push({
        id: `printer:${d.id}:${d.printerStatus}`,
        level: problem.level,
        title: `The printer of ${d.name} ${problem.text}`,
        detail: `${why ? `${why.title}: ${why.detail}. ${why.todo} ` : ''}Tickets still show on the kiosk screen; each one that did not print is listed here to reprint.`,
      });
    }
  }
  // From the server, so they outlast a reload; each leaves once its ticket prints (or the ticket closes).
  for (const p of stats.failedPrints) {
    const device = stats.devices.find((d) => d.id === p.deviceId);
    out.push({
      id: `print:${p.ticketId}`,
      level: 'warning',
      title: `Ticket ${p.label} did not print${device ? ` at ${device.name}` : ''}`,
      detail: p.error ?? 'The printer did not answer.',
      reprint: { ticketId: p.ticketId, label: p.label },
    });
  }
  return out.sort((a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1));
}
