// A Huduma-like demo centre, created only when the database is new: services across agencies in English
// and Kiswahili (agencies by the names the bodies go by in Kiswahili, acronyms kept), ten counters, a
// kiosk, a display, and staff to sign in with.
import { DEFAULT_BOOKING } from '@foleni/shared';
import type { CreateServiceBody } from '@foleni/shared';
import type { AdminService } from '../admin/admin.service.js';
import type { JourneyAdmin } from '../admin/journey-admin.service.js';

export const DEMO_STAFF_PASSWORD = 'foleni-demo';

const SERVICES: Omit<CreateServiceBody, 'active' | 'booking'>[] = [
  { code: 'A', name: { en: 'National ID card', sw: 'Kitambulisho cha Taifa' }, agency: 'National Registration Bureau', agencySw: 'Idara ya Usajili wa Kitaifa', slaMinutes: 20, serviceMinutes: 6 },
  { code: 'B', name: { en: 'Birth certificate', sw: 'Cheti cha kuzaliwa' }, agency: 'Civil Registration', agencySw: 'Usajili wa Vizazi na Vifo', slaMinutes: 20, serviceMinutes: 5 },
  { code: 'D', name: { en: 'Death certificate', sw: 'Cheti cha kifo' }, agency: 'Civil Registration', agencySw: 'Usajili wa Vizazi na Vifo', slaMinutes: 20, serviceMinutes: 5 },
  { code: 'H', name: { en: 'Health insurance (SHA)', sw: 'Bima ya afya (SHA)' }, agency: 'Social Health Authority', agencySw: 'Mamlaka ya Afya ya Jamii (SHA)', slaMinutes: 15, serviceMinutes: 4 },
  { code: 'N', name: { en: 'Social security (NSSF)', sw: 'Hifadhi ya jamii (NSSF)' }, agency: 'NSSF', agencySw: 'NSSF (Mfuko wa Taifa wa Hifadhi ya Jamii)', slaMinutes: 15, serviceMinutes: 4 },
  { code: 'K', name: { en: 'Tax PIN and returns (KRA)', sw: 'PIN ya KRA na marejesho ya kodi' }, agency: 'Kenya Revenue Authority', agencySw: 'Mamlaka ya Ushuru Kenya (KRA)', slaMinutes: 15, serviceMinutes: 5 },
  { code: 'G', name: { en: 'Certificate of good conduct', sw: 'Cheti cha tabia njema' }, agency: 'DCI', agencySw: 'DCI (Idara ya Upelelezi wa Jinai)', slaMinutes: 25, serviceMinutes: 7 },
  { code: 'R', name: { en: 'Business name registration', sw: 'Usajili wa jina la biashara' }, agency: 'Business Registration Service', agencySw: 'Huduma ya Usajili wa Biashara', slaMinutes: 20, serviceMinutes: 6 },
  { code: 'L', name: { en: 'Driving licence (NTSA)', sw: 'Leseni ya udereva (NTSA)' }, agency: 'NTSA', agencySw: 'NTSA (Mamlaka ya Kitaifa ya Uchukuzi na Usalama)', slaMinutes: 20, serviceMinutes: 5 },
  { code: 'S', name: { en: 'Student loans (HELB)', sw: 'Mikopo ya wanafunzi (HELB)' }, agency: 'HELB', agencySw: 'HELB (Bodi ya Mikopo ya Elimu ya Juu)', slaMinutes: 15, serviceMinutes: 4 },
  { code: 'Y', name: { en: 'Youth and women funds', sw: 'Mifuko ya vijana na wanawake' }, agency: 'Uwezo / Youth Fund', agencySw: 'Uwezo / Hazina ya Vijana', slaMinutes: 20, serviceMinutes: 6 },
  { code: 'P', name: { en: 'Payments and enquiries', sw: 'Malipo na maswali' }, agency: 'Huduma Kenya', agencySw: 'Huduma Kenya', slaMinutes: 10, serviceMinutes: 3 },
];

/** Services taking bookings (eHuduma, the Mobile app, the Contact Centre): 15-minute slots, 2 a slot. */
export const DEMO_BOOKABLE = ['A', 'B', 'G', 'L'];
/**
 * Visits of several services, one ticket each (docs/decisions/0022-journeys.md), by service code: replacing
 * a lost ID is the application at the registration desk, the fee at the cashier, then back to the ID desk
 * for the biometrics and collection slip; a business name needs the owner's KRA PIN first and is paid last.
 */
export const DEMO_JOURNEYS: { code: string; name: { en: string; sw: string }; steps: string[] }[] = [
  { code: 'ID-REPLACE', name: { en: 'ID card replacement', sw: 'Kubadilisha kitambulisho kilichopotea' }, steps: ['A', 'P', 'A'] },
  { code: 'BIZ-NAME', name: { en: 'Register a business name', sw: 'Kusajili jina la biashara' }, steps: ['K', 'R', 'P'] },
];

/** Counter name → service codes, in order of preference. */
const COUNTERS: [string, string, string[]][] = [
  ['1', 'main', ['A', 'B', 'D']],
  ['2', 'main', ['A', 'B']],
  ['3', 'main', ['B', 'D', 'A']],
  ['4', 'main', ['H', 'N']],
  ['5', 'main', ['N', 'H']],
  ['6', 'main', ['K', 'R']],
  ['7', 'main', ['G', 'P']],
  ['8', 'main', ['R', 'K', 'Y']],
  ['9', 'main', ['L', 'S']],
  ['10', 'main', ['P', 'Y', 'S', 'G']],
];

const CLERKS: [string, string][] = [
  ['wanjiru', 'Wanjiru Kamau'],
  ['otieno', 'Otieno Odhiambo'],
  ['achieng', 'Achieng Atieno'],
  ['kiprop', 'Kiprop Cheruiyot'],
  ['mwangi', 'Mwangi Njoroge'],
];

export interface DemoResult {
  adminPassword: string;
  /** One-time pairing links, valid DEMO_PAIRING_MS. */
  kioskPairUrl: string;
  displayPairUrl: string;
}

const WEEKDAY_HOURS = { opens: '08:00', closes: '17:00' };
/**
 * Kenya's public holidays of 2026 with a fixed date, and Easter (Good Friday 3 April, Easter Monday 6 April);
 * Idd-ul-Fitr and Idd-ul-Adha are gazetted each year by the moon, so an admin adds them when announced.
 */
export const DEMO_HOLIDAYS = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-06-01',
  '2026-10-10',
  '2026-10-20',
  '2026-12-12',
  '2026-12-25',
  '2026-12-26',
  '2027-01-01',
];
/**
 * The demo's pairing links are printed when it first starts, to be opened whenever the visitor gets to
 * it that day: a day instead of an admin's 15 minutes. Each still pairs one screen, once.
 */
export const DEMO_PAIRING_MS = 24 * 3_600_000;

export async function seedDemoCentre(
  admin: AdminService,
  opts: { adminPassword: string; printerUrl: string; journeys?: JourneyAdmin },
): Promise<DemoResult> {
  await admin.updateCentre(
    {
      code: 'HC-NBI-GPO',
      name: 'Huduma Centre GPO, Nairobi',
      // Real hours for the history and the screens (a Saturday half day, Sundays and Kenya's public holidays
      // closed), but whoever tries the demo at night or on a Sunday still gets a ticket at the kiosk (a real
      // centre keeps its kiosks to these hours: the admin's Centre page).
      openingHours: {
        mon: WEEKDAY_HOURS,
        tue: WEEKDAY_HOURS,
        wed: WEEKDAY_HOURS,
        thu: WEEKDAY_HOURS,
        fri: WEEKDAY_HOURS,
        sat: { opens: '09:00', closes: '13:00' },
        sun: null,
        closedDates: DEMO_HOLIDAYS,
        kiosksOnlyWhenOpen: false,
      },
      ticketFooter: {
        en: 'Keep this ticket. Watch the screens or your phone for your number.',
        sw: 'Hifadhi tiketi hii. Angalia skrini au simu yako kwa namba yako.',
      },
      notices: [
        { en: 'Welcome to Huduma Centre. Priority service for persons with disability, the elderly and expectant mothers.', sw: 'Karibu Huduma Centre. Huduma ya kipaumbele kwa watu wenye ulemavu, wazee na akina mama wajawazito.' },
      ],
    },
    null,
  );
  const codeToId = new Map<string, string>();
  for (const s of SERVICES) {
    const booking = { ...DEFAULT_BOOKING, enabled: DEMO_BOOKABLE.includes(s.code) };
    const created = await admin.createService({ ...s, active: true, booking }, null);
    codeToId.set(created.code, created.id);
  }
  for (const j of opts.journeys ? DEMO_JOURNEYS : []) {
    await opts.journeys!.create({ ...j, steps: j.steps.map((c) => codeToId.get(c)!), active: true }, null);
  }
  for (const [name, zone, codes] of COUNTERS) {
    await admin.createCounter({ name: `Counter ${name}`, zone, serviceIds: codes.map((c) => codeToId.get(c)!), active: true }, null);
  }
  await admin.createUser({ username: 'admin', password: opts.adminPassword, displayName: 'Centre Admin', role: 'admin', active: true }, null);
  await admin.createUser({ username: 'manager', password: DEMO_STAFF_PASSWORD, displayName: 'Grace Muthoni', role: 'manager', active: true }, null);
  for (const [username, displayName] of CLERKS) {
    await admin.createUser({ username, password: DEMO_STAFF_PASSWORD, displayName, role: 'clerk', active: true }, null);
  }
  const pairingValidMs = DEMO_PAIRING_MS;
  const kiosk = await admin.createDevice({ kind: 'kiosk', name: 'Entrance kiosk', zone: 'main', printer: { url: opts.printerUrl, paperWidth: 80 } }, null, { pairingValidMs });
  const display = await admin.createDevice({ kind: 'display', name: 'Main hall screen', zone: 'main' }, null, { pairingValidMs });
  return { adminPassword: opts.adminPassword, kioskPairUrl: kiosk.pairing.url, displayPairUrl: display.pairing.url };
}

/** An empty centre still needs someone who can sign in and set it up. */
export async function seedAdmin(admin: AdminService, password: string): Promise<void> {
  await admin.createUser({ username: 'admin', password, displayName: 'Centre Admin', role: 'admin', active: true }, null);
}
