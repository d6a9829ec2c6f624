// The admin's settings pages in Kiswahili (issue #18): once the admin switches, every settings page, and the
// forms for a new service, a new counter and a kiosk's pairing, shows no English the catalogues know; the
// headings and labels read as a Huduma administrator would; and forms filled in Kiswahili still save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { englishLeft } from './support/english-left.js';
import { fillSignIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('settings pages in Kiswahili', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let page: Page;
  let admin: string;

  /** Opens a settings page from the menu by its Kiswahili name and waits for its heading. */
  const go = async (link: string, heading = link) => {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    s = await startStaffCentre({ demoJourneys: true });
    c = s.centre;
    admin = await c.login('admin');
    page = await s.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${c.url}/admin`);
    await fillSignIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: 'Huduma', level: 1 }).waitFor();
  });
  afterAll(() => s?.close());

  it('leaves no English on any settings page', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');
    // Each page: its menu name, its heading, and something only the Kiswahili page says once it has loaded.
    const pages: [string, string, string][] = [
      ['Huduma', 'Huduma', 'Muda lengwa wa kusubiri'],
      ['Ziara', 'Ziara', 'Inatolewa'],
      ['Madirisha', 'Madirisha', 'Huduma, kwa mpangilio'],
      ['Wafanyakazi', 'Wafanyakazi', 'Anaweza kuingia'],
      ['Vioski na skrini', 'Vioski na skrini', 'Kilipooanishwa'],
      ['Kituo', 'Kituo', 'Saa za kazi'],
      ['Leta miadi', 'Leta miadi', 'Faili ya CSV'],
      ['Mapumziko na wasiofika', 'Mapumziko na wasiofika', 'Ongeza sababu'],
      ['SMS', 'SMS', 'Lango la SMS linalotumika'],
      ['Kumbukumbu ya mabadiliko', 'Kumbukumbu ya mabadiliko', 'Alichofanya'],
      ['Nakala rudufu', 'Nakala rudufu', 'Muunganiko na makao makuu'],
      ['Nakili mipangilio', 'Nakili mipangilio', 'Pakua mipangilio ya kituo hiki'],
    ];
    for (const [link, heading, said] of pages) {
      await go(link, heading);
      await page.getByText(said, { exact: true }).first().waitFor();
      expect({ page: link, english: await englishLeft(page) }).toEqual({ page: link, english: [] });
    }
  });

  it('shows the Kiswahili words in tables and notes, not only in headings', async () => {
    // The demo's accounts still have the published password: the warning says so in Kiswahili.
    await expect.poll(() => page.getByTestId('demo-accounts-warning').textContent()).toContain('bado zina nenosiri la majaribio "foleni-demo"');
    await go('Huduma');
    const services = page.getByTestId('services-table');
    await services.getByRole('columnheader', { name: 'Inatoa tiketi' }).waitFor();
    await expect.poll(() => services.locator('tbody tr').first().textContent()).toMatch(/dakika \d+/);
    expect(await services.getByRole('button', { name: 'Badilisha' }).count()).toBeGreaterThan(0);

    await go('Wafanyakazi');
    await expect.poll(() => page.getByTestId('users-table').getByRole('cell', { name: 'Karani', exact: true }).count()).toBeGreaterThan(0);

    await go('Madirisha');
    // "Counter 1" is read as "Dirisha 1", as on the clerk's Kiswahili screen.
    await page.getByTestId('counters-table').getByRole('rowheader', { name: 'Dirisha 1', exact: true }).waitFor();

    await go('Kituo');
    await page.getByRole('rowheader', { name: 'Jumamosi' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Jumapili: kimefungwa' }).count()).toBe(1);
    expect(await englishLeft(page)).toEqual([]);
  });

  it('adds a service from the Kiswahili form', async () => {
    await go('Huduma');
    await page.getByRole('button', { name: 'Ongeza huduma' }).click();
    await page.getByRole('heading', { name: 'Huduma mpya', level: 2 }).waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByLabel('Msimbo wa tiketi').fill('q');
    await page.getByLabel('Jina kwa Kiingereza').fill('Land rates');
    await page.getByLabel('Jina kwa Kiswahili').fill('Kodi ya ardhi');
    await page.getByLabel('Taasisi', { exact: true }).fill('Nairobi County');
    await page.getByLabel('Muda lengwa wa kusubiri (dakika)').fill('25');
    await page.getByRole('checkbox', { name: 'Inapokea miadi' }).check();
    await page.getByLabel('Miadi kwa kila kipindi').waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ongeza huduma' }).click();
    // The note names the service in the admin's language.
    await page.getByRole('status').filter({ hasText: 'Umeongeza Q — Kodi ya ardhi.' }).waitFor();

    const services = (await c.api('GET', '/admin/services', { auth: admin })).body.items as { code: string; name: { en: string; sw: string }; slaMinutes: number; booking: { enabled: boolean } }[];
    expect(services.find((x) => x.code === 'Q')).toMatchObject({ name: { en: 'Land rates', sw: 'Kodi ya ardhi' }, slaMinutes: 25, booking: { enabled: true } });
  });

  it('adds a counter from the Kiswahili form, after its own refusal in Kiswahili', async () => {
    await go('Madirisha');
    await page.getByRole('button', { name: 'Ongeza dirisha' }).click();
    await page.getByRole('heading', { name: 'Dirisha jipya', level: 2 }).waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByRole('textbox', { name: /^Jina/ }).fill('Counter 12');
    await page.getByRole('button', { name: 'Ongeza dirisha' }).click();
    await page.getByTestId('form-error').filter({ hasText: 'Chagua angalau huduma moja kwa Counter 12' }).waitFor();

    await page.getByLabel('Ongeza huduma').selectOption({ label: 'Q — Kodi ya ardhi' });
    await page.getByRole('button', { name: 'Ongeza', exact: true }).click();
    await page.getByTestId('counter-services').getByText('Q — Kodi ya ardhi').waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ongeza dirisha' }).click();
    await page.getByRole('status').filter({ hasText: 'Mabadiliko ya Counter 12 yamehifadhiwa.' }).waitFor();

    const counters = (await c.api('GET', '/admin/counters', { auth: admin })).body.items as { name: string; serviceIds: string[] }[];
    expect(counters.find((x) => x.name === 'Counter 12')?.serviceIds).toHaveLength(1);
  });

  it('adds a kiosk and shows its pairing link in Kiswahili', async () => {
    await go('Vioski na skrini');
    await page.getByRole('button', { name: 'Ongeza kioski au skrini' }).click();
    await page.getByRole('heading', { name: 'Kioski au skrini mpya', level: 2 }).waitFor();
    await page.getByRole('group', { name: 'Printa ya tiketi' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByRole('textbox', { name: /^Jina/ }).fill('Kioski cha mlangoni');
    await page.getByRole('button', { name: 'Ongeza kioski' }).click();
    const pairing = page.getByTestId('pairing');
    await pairing.getByRole('heading', { name: 'Oanisha Kioski cha mlangoni' }).waitFor();
    expect(await pairing.textContent()).toContain('kinaonyeshwa sasa tu');
    expect(await pairing.getByTestId('pair-url').inputValue()).toContain('pair=');
    expect(await englishLeft(page)).toEqual([]);
    await pairing.getByRole('button', { name: 'Nimemaliza' }).click();
    await page.locator('[data-testid=devices-table] tr[data-device="Kioski cha mlangoni"]').getByText('Bado hakijaoanishwa').waitFor();
  });

  it('adds a holiday and saves the centre settings in Kiswahili', async () => {
    await go('Kituo');
    await page.getByLabel('Tarehe ya sikukuu').fill('2027-12-25');
    await page.getByRole('button', { name: 'Ongeza sikukuu' }).click();
    await page.getByText('Jumamosi, 25 Desemba 2027', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Hifadhi mipangilio ya kituo' }).click();
    await page.getByRole('status').filter({ hasText: 'Mipangilio ya kituo imehifadhiwa' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);

    const centre = (await c.api('GET', '/admin/centre', { auth: admin })).body.centre as { openingHours: { closedDates: string[] } };
    expect(centre.openingHours.closedDates).toContain('2027-12-25');
  });
});

describe('a new centre set up in Kiswahili', () => {
  let s: StaffCentre;
  let page: Page;

  beforeAll(async () => {
    s = await startStaffCentre({ demo: false });
    page = await s.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${s.centre.url}/admin`);
    await fillSignIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: 'Huduma', level: 1 }).waitFor();
  });
  afterAll(() => s?.close());

  it('lists the steps left and the empty lists in Kiswahili', async () => {
    const guide = page.getByTestId('setup-guide');
    await guide.getByRole('heading', { name: /^Kuandaa kituo hiki: hatua \d+ zimebaki$/ }).waitFor();
    await guide.getByRole('link', { name: 'Ongeza huduma ambazo wananchi huja kupata' }).waitFor();
    await page.getByText('Bado hakuna huduma. Ongeza ya kwanza: wananchi huchagua kutoka kwenye hizi kwenye kioski.').waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await guide.getByRole('link', { name: 'Ongeza madirisha yanayozitoa' }).click();
    await page.getByRole('heading', { name: 'Madirisha', level: 1 }).waitFor();
    await page.getByText('Bado hakuna madirisha. Ongeza huduma kwanza, kisha madirisha yanayozitoa.').waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Vioski na skrini', exact: true }).click();
    await page.getByText('Bado hakuna kioski wala skrini. Ongeza kioski cha tiketi kwanza, kisha skrini kwa kila ukumbi.').waitFor();
    expect(await englishLeft(page)).toEqual([]);
  });
});
