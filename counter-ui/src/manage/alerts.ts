// What a manager must not miss, worked out from the live figures and the server's clock: a service whose
// longest wait is over its target, a printer that cannot print, a kiosk or display that is gone.
// A kiosk reloading or a Wi-Fi blip drops a device for a few seconds: it is "gone" only once it has stayed
// away for a grace period, so the chime means something.
import type { Device, Lang, LiveStats, StaffKey, Vars } from '@foleni/shared';
import { tStaff } from '@foleni/shared';
import { durationText, minutesText } from './time-text.js';
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

const PRINTER_PROBLEMS: Partial<Record<Device['printerStatus'], { level: Alert['level']; title: StaffKey }>> = {
  paper_out: { level: 'critical', title: 'manage.alert.printer.paper_out' },
  offline: { level: 'critical', title: 'manage.alert.printer.offline' },
  cover_open: { level: 'critical', title: 'manage.alert.printer.cover_open' },
  paper_near_end: { level: 'warning', title: 'manage.alert.printer.paper_near_end' },
};

/** How long a kiosk or display must stay away before it is an alert. */
export const DEVICE_GONE_GRACE_MS = 60_000;

/** The alerts in the manager's language (`lang`); their ids do not depend on it, so a switch does not chime. */
export function alertsFor(stats: LiveStats, now: number, deviceGraceMs = DEVICE_GONE_GRACE_MS, lang: Lang = 'en'): Alert[] {
  const out: Alert[] = [];
  const t = (key: StaffKey, vars?: Vars) => tStaff(lang, key, vars);
  for (const s of stats.services) {
    if (!s.oldestWaitingSince) continue;
    const waited = now - Date.parse(s.oldestWaitingSince);
    if (waited <= s.slaMinutes * 60_000) continue;
    out.push({
      id: `service:${s.serviceId}`,
      level: 'critical',
      title: t('manage.alert.serviceOver', { service: `${s.code} ${s.name[lang]}` }),
      detail: t('manage.alert.serviceOverDetail', { time: durationText(waited, lang), target: minutesText(s.slaMinutes, lang), n: s.waiting }),
    });
  }
  for (const d of stats.devices) {
    if (d.status !== 'active') continue;
    const kiosk = d.kind === 'kiosk';
    // Away for less than the grace period (or seen "after" now, by a clock a moment ahead): not yet gone.
    const away = d.lastSeenAt ? now - Date.parse(d.lastSeenAt) : null;
    if (!d.connected && (away === null || away >= deviceGraceMs)) {
      out.push(
        away !== null
          ? {
              id: `device:${d.id}`,
              level: 'critical',
              title: t(kiosk ? 'manage.alert.kioskGone' : 'manage.alert.displayGone', { name: d.name }),
              detail: t('manage.alert.goneDetail', { time: durationText(away, lang), zone: d.zone }),
            }
          : {
              id: `device:${d.id}:never`,
              level: 'warning',
              title: t(kiosk ? 'manage.alert.kioskNever' : 'manage.alert.displayNever', { name: d.name }),
              detail: t(kiosk ? 'manage.alert.kioskNeverDetail' : 'manage.alert.displayNeverDetail', { zone: d.zone }),
            },
      );
    }
    const problem = d.printer ? PRINTER_PROBLEMS[d.printerStatus] : undefined;
    if (problem) {
      const why = devicePrinterProblem(d, lang);
      out.push({
        id: `printer:${d.id}:${d.printerStatus}`,
        level: problem.level,
        title: t(problem.title, { name: d.name }),
        detail: `${why ? `${why.title}: ${why.detail}. ${why.todo} ` : ''}${t('manage.alert.printerDetail')}`,
      });
    }
  }
  // From the server, so they outlast a reload; each leaves once its ticket prints (or the ticket closes).
  for (const p of stats.failedPrints) {
    const device = stats.devices.find((d) => d.id === p.deviceId);
    out.push({
      id: `print:${p.ticketId}`,
      level: 'warning',
      title: device ? t('manage.alert.notPrintedAt', { label: p.label, device: device.name }) : t('manage.alert.notPrinted', { label: p.label }),
      detail: p.error ?? t('manage.alert.printerNoAnswer'),
      reprint: { ticketId: p.ticketId, label: p.label },
    });
  }
  return out.sort((a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1));
}
