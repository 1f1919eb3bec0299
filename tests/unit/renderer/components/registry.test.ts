// @vitest-environment happy-dom
/**
 * The registry's parts of the renderer: the borrower page's panel (status alert with its date first, the facts),
 * the reconciliation side by side with the difference flagged and EBITDA said to be out of reach, peers with a
 * group too small said so, the proposals component (reasons, and a choice that is only emitted), the app's own
 * notifications worded, and the grid: status alerts first in a row's flags and the most severe row first.
 */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/api';
import RegistryAnalysis from '../../../../renderer/src/components/RegistryAnalysis.vue';
import RegistryPanel from '../../../../renderer/src/components/RegistryPanel.vue';
import RegistryProposals from '../../../../renderer/src/components/RegistryProposals.vue';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { notificationText, notificationType } from '../../../../renderer/src/lib/notification-text';
import { columnById, compareValues, flagNames, tableExportInput, warningScore } from '../../../../renderer/src/lib/portfolio-columns';
import { fmtCell } from '../../../../renderer/src/lib/format';
import { flagLabel } from '../../../../renderer/src/lib/labels';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import type { dto } from '../../../../shared/contract';
import { unitFromEnhet } from '../../../../shared/registry/facts';
import { reconcileWithFilings } from '../../../../shared/registry/reconciliation';
import type { Enhet } from '../../../../shared/registry/schemas';
import { statusAlerts } from '../../../../shared/registry/status-alerts';
import type { AccountingItem } from '../../../../shared/symetrisk/schemas';
import { fakeApi, row, SETTINGS } from '../fake-api';

// The registry's answer for a bankrupt unit (Equinor's captured facts, in short) and a Symetrisk full year 2025.
const ENHET = {
  organisasjonsnummer: '923609016',
  navn: 'EQUINOR ASA',
  organisasjonsform: { kode: 'ASA', beskrivelse: 'Allmennaksjeselskap' },
  naeringskode1: { kode: '06.100', beskrivelse: 'Utvinning av råolje' },
  antallAnsatte: 21272,
  harRegistrertAntallAnsatte: true,
  forretningsadresse: { adresse: ['Forusbeen 50'], postnummer: '4035', poststed: 'STAVANGER', kommune: 'STAVANGER', kommunenummer: '1103', land: 'Norge', landkode: 'NO' },
  stiftelsesdato: '1972-09-18',
  registreringsdatoEnhetsregisteret: '1995-03-12',
  registrertIMvaregisteret: true,
  sisteInnsendteAarsregnskap: '2025',
  konkurs: true,
  konkursdato: '2026-11-11',
  underAvvikling: false,
  underTvangsavviklingEllerTvangsopplosning: false,
  erIKonsern: true,
  maalform: 'Bokmål',
  registrertIStiftelsesregisteret: false,
  registrertIFrivillighetsregisteret: false,
  registrertIForetaksregisteret: true,
  paategninger: [],
} as unknown as Enhet;
const unit = unitFromEnhet(ENHET, '2026-12-01T10:15:00.000Z');
const FY2025: AccountingItem = {
  id: 10,
  data: {
    symetrisk_real_time_accounts_format_version: '2025-09-19',
    year: 2025,
    start_date: '2025-01-01',
    end_date: '2025-12-31',
    days_included: 365,
    p_and_l_items: {
      revenues: 1_000_000,
      expenses: 800_000,
      ebitda: 200_000,
      depreciation: 50_000,
      amortization: 0,
      depreciation_and_amortization: 50_000,
      ebit: 150_000,
      interest_income: 0,
      interest_expenses: 10_000,
      other_financial_income: 0,
      other_financial_expenses: 0,
      taxes: 30_000,
      net_profit: 110_000,
    },
    balance_items: { equity: 2_000_000, interest_bearing_debt: 3_000_000, net_interest_bearing_debt: 2_500_000, total_assets: 6_000_000 },
  },
  snapshotDate: '2025-12-31',
  fetchedAt: '2026-01-05T06:00:00.000000',
  origin: 'api',
  accountingSystem: 'fiken',
};
const filing: dto.BorrowerRegistry['filings'][number] = {
  orgNr: '923609016',
  year: 2025,
  type: 'SELSKAP',
  periodFrom: '2025-01-01',
  periodTo: '2025-12-31',
  recordId: 1,
  journalNr: '2026000001',
  currency: 'NOK',
  orgForm: 'ASA',
  layout: 'store',
  unaudited: true,
  auditOptedOut: true,
  smallCompany: false,
  accountingRules: null,
  windingUpAccounts: false,
  // Revenue 3.5 % lower than Symetrisk's 1,000,000; the rest as the ledger.
  figures: {
    revenues: 965_000,
    operatingExpenses: 850_000,
    operatingResult: 150_000,
    netFinancial: null,
    financialIncome: null,
    financialExpenses: null,
    preTaxResult: null,
    netResult: 110_000,
    totalResult: null,
    totalAssets: 6_000_000,
    fixedAssets: null,
    currentAssets: null,
    equity: 2_000_000,
    paidInEquity: null,
    retainedEquity: null,
    liabilities: null,
    shortTermLiabilities: null,
    longTermLiabilities: null,
    equityAndLiabilities: null,
  },
  publishedAt: '2026-09-10T08:00:00.000Z',
  publishedSource: 'feed',
  fetchedAt: '2026-12-01T10:15:00.000Z',
};

const registry: dto.BorrowerRegistry = {
  enabled: true,
  unit,
  checks: { unit: null, accounts: null },
  alerts: statusAlerts(unit),
  filings: [filing],
  years: reconcileWithFilings([FY2025], [filing], { unit, today: '2026-12-01' }),
  peers: {
    division: '06',
    name: { nb: 'Utvinning av råolje og naturgass', en: 'Extraction of crude petroleum and natural gas' },
    groupSize: 3,
    basis: 'full_year',
    year: 2025,
    ratios: [
      {
        id: 'equity_ratio',
        stats: { enough: false, n: 3, reason: 'group_too_small', explain: { en: 'Only 3', nb: 'Bare 3' } },
        position: { value: 0.33, vsMedian: null, quartile: null, median: null },
      },
    ],
  },
};

async function mounted<T>(component: T, props: Record<string, unknown>, lang: 'nb' | 'en' = 'nb') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = fakeApi({
    settings: { get: async () => ({ ...SETTINGS, language: lang }) },
    registry: {
      proposals: async ({ name }) => ({
        name,
        searched: [name, 'Nordlys Bygg'],
        proposals: [
          {
            orgNr: '923609016',
            name: 'NORDLYS BYGG AS',
            match: 'punctuation',
            rank: 1,
            status: 'active',
            legalForm: 'AS',
            municipality: 'OSLO',
            needsConfirmation: true,
            reasons: [{ id: 'same_ignoring_punctuation', text: { en: 'Same but for punctuation.', nb: 'Det samme bortsett fra tegnsetting.' } }],
          },
        ],
      }),
    },
  });
  setApi(fake.api);
  await useSettingsStore().load();
  const wrapper = mount(component as never, { props, global: { plugins: [pinia, createAppI18n(lang)] } } as never);
  await flushPromises();
  return { wrapper, fake };
}

describe('the registry on the borrower page', () => {
  it('puts the status alert with its date first, then the facts with when they were fetched', async () => {
    const { wrapper } = await mounted(RegistryPanel, { registry });
    const alert = wrapper.get('[data-testid="registry-alert"]');
    expect(alert.attributes('data-alert')).toBe('bankruptcy');
    expect(alert.text()).toContain('Konkurs fra 11.11.2026');
    expect(wrapper.get('[data-testid="registry-name"]').text()).toBe('EQUINOR ASA');
    expect(wrapper.get('[data-testid="registry-orgform"]').text()).toBe('ASA (Allmennaksjeselskap)');
    expect(wrapper.get('[data-testid="registry-industry"]').text()).toBe('06 Utvinning av råolje og naturgass');
    expect(wrapper.get('[data-testid="registry-employees"]').text()).toBe('21\u00a0272');
    expect(wrapper.get('[data-testid="registry-vat"]').text()).toBe('Ja');
    expect(wrapper.get('[data-testid="registry-fetched"]').text()).toContain('01.12.2026');
    // No raw codes: no alert id, no enum value on screen.
    expect(wrapper.text()).not.toMatch(/bankruptcy|active|true|false/);
  });

  it('says when the registry was never asked, and when fetching is switched off', async () => {
    const { wrapper } = await mounted(RegistryPanel, { registry: { ...registry, enabled: false, unit: null, alerts: [] } });
    expect(wrapper.get('[data-testid="registry-never"]').text()).toContain('Ikke hentet');
    expect(wrapper.get('[data-testid="registry-disabled"]').text()).toContain('slått av');
  });

  it('reconciles side by side: the difference flagged, the tolerance and the notes said, EBITDA out of reach', async () => {
    const { wrapper } = await mounted(RegistryAnalysis, { registry });
    const year = wrapper.get('[data-testid="reconciliation-year"]');
    expect(year.attributes('data-status')).toBe('differs');
    expect(wrapper.get('[data-testid="reconciliation-status"]').text()).toBe('Avvik mot innsendt årsregnskap');
    const revenue = wrapper.get('tr[data-line="revenues"]');
    expect(revenue.text()).toContain('1\u00a0000\u00a0000');
    expect(revenue.text()).toContain('965\u00a0000');
    expect(revenue.text()).toContain('35\u00a0000');
    expect(revenue.get('td.result').text()).toBe('Avvik mot innsendt årsregnskap');
    expect(wrapper.get('tr[data-line="total_assets"] td.result').text()).toBe('Innenfor toleransen');
    const notes = wrapper.findAll('[data-testid="reconciliation-note"]').map((n) => n.attributes('data-note'));
    expect(notes).toEqual(['unaudited', 'audit_opted_out', 'published_after_deadline']);
    expect(wrapper.text()).toContain('Innsendt for sent: registrert 10.09.2026, etter fristen 31.07.2026.');
    expect(wrapper.get('[data-testid="ebitda-not-reconcilable"]').text()).toMatch(/^EBITDA kan ikke avstemmes/);
    expect(wrapper.text()).toContain('1\u00a0000 kr og 0,5');
    expect(wrapper.get('[data-testid="peer-group"]').text()).toBe('Næring 06 Utvinning av råolje og naturgass: 3 låntakere i porteføljen');
    expect(wrapper.get('[data-testid="peer-too-small"]').text()).toBe('Under fem låntakere i gruppen');
  });

  it('is in English too', async () => {
    const { wrapper } = await mounted(RegistryAnalysis, { registry }, 'en');
    expect(wrapper.get('[data-testid="reconciliation-status"]').text()).toBe('Difference from the filed annual accounts');
    expect(wrapper.get('[data-testid="peer-too-small"]').text()).toBe('Fewer than five borrowers in the group');
    // English screens write numbers the English way (en-GB).
    expect(wrapper.text()).toContain('NOK 1,000');
  });
});

describe('proposals for a relationship known by name only', () => {
  it('shows each candidate with why, and only emits the choice (the attach step confirms it with Symetrisk)', async () => {
    const { wrapper, fake } = await mounted(RegistryProposals, { relationship: { name: 'Nordlys Bygg A/S', relationshipId: 'rel-1' } });
    await wrapper.get('[data-testid="find-org-nr"]').trigger('click');
    await flushPromises();
    expect(fake.calls.find((c) => c.channel === 'registry:proposals')?.input).toEqual({ profileId: 'demo', name: 'Nordlys Bygg A/S' });
    const proposal = wrapper.get('[data-testid="proposal"]');
    expect(proposal.text()).toContain('NORDLYS BYGG AS');
    expect(proposal.text()).toContain('923 609 016');
    expect(proposal.text()).toContain('Det samme bortsett fra tegnsetting.');
    expect(wrapper.text()).toContain('først når Symetrisk bekrefter');
    await wrapper.get('[data-testid="choose-proposal"]').trigger('click');
    expect(wrapper.emitted('choose')).toEqual([['923609016', 'rel-1']]);
    expect(fake.calls.filter((c) => c.channel !== 'settings:get' && c.channel !== 'registry:proposals')).toEqual([]);
  });
});

describe('the app’s own notifications', () => {
  const base: dto.NotificationRow = { key: 1, id: 1, orgNr: '923609016', text: 'fallback', type: 'registry_status', createdAt: '2026-12-01T10:15:00.000Z', read: false };
  const t = createAppI18n('nb').global.t as unknown as (k: string, v?: Record<string, unknown>) => string;
  it('are worded from their fields, with the borrower’s name; Symetrisk’s keep their own words', () => {
    const app: dto.NotificationRow = { ...base, app: { kind: 'registry_status', change: 'new', alert: 'bankruptcy', date: '2026-11-11', previousDate: null, name: 'NORDLYS BYGG AS' } };
    expect(notificationType(app, t)).toBe('Status i Enhetsregisteret');
    expect(notificationText(app, t, 'nb')).toBe('NORDLYS BYGG AS: Konkurs fra 11.11.2026.');
    expect(notificationText({ ...app, app: { ...app.app!, change: 'ended', alert: 'winding_up' } }, t, 'nb')).toBe('NORDLYS BYGG AS: ikke lenger under avvikling.');
    const symetrisk: dto.NotificationRow = { ...base, type: 'information', text: 'Fetched data from Fiken' };
    expect([notificationType(symetrisk, t), notificationText(symetrisk, t, 'nb')]).toEqual(['Informasjon', 'Fetched data from Fiken']);
  });
});

describe('the grid', () => {
  const reg = (alerts: dto.RowRegistry['statusAlerts']): dto.RowRegistry => ({
    status: 'active',
    name: 'X',
    naceCode: '43.210',
    naceDescription: 'Elektrisk installasjonsarbeid',
    naceDivision: '43',
    legalForm: { code: 'AS', name: 'Aksjeselskap' },
    employees: 12,
    municipality: 'OSLO',
    founded: '2001-02-03',
    statusAlerts: alerts,
    fetchedAt: '2026-12-01T10:15:00.000Z',
  });
  const bankrupt = row({ orgNr: '111111111', name: 'A', flags: ['registry_bankruptcy'], registry: reg([{ id: 'bankruptcy', date: '2026-11-11' }]) });
  const winding = row({ orgNr: '222222222', name: 'B', flags: ['registry_winding_up'], registry: reg([{ id: 'winding_up', date: null }]) });
  const breaches = row({
    orgNr: '333333333',
    name: 'C',
    flags: ['stale_data'],
    breaches: [1, 2, 3].map((i) => ({ rule: `equity_ratio_min${i}`, label: null, actual: 0, limit: 0, headroom: 0, source: 'default' as const, reason: null, tested: null })),
  });

  it('sorts the most severe first on the flags column: konkurs above every other status, any status above breaches', () => {
    const flags = columnById('flags')!;
    const sorted = [breaches, winding, bankrupt].sort((a, b) => -compareValues(flags.value(a), flags.value(b)));
    expect(sorted.map((r) => r.name)).toEqual(['A', 'B', 'C']);
    expect(warningScore(row({ orgNr: '444444444', name: 'D' }))).toBe(0);
  });

  it('names a status alert first among a row’s flags, in the grid’s export too', () => {
    const r = { ...bankrupt, flags: ['registry_bankruptcy', 'stale_data'], breaches: breaches.breaches };
    expect(flagNames(r, (c) => flagLabel(c, 'nb'))[0]).toBe('Konkurs');
    const input = tableExportInput([r], ['name', 'flags', 'industry', 'legalForm', 'employees', 'founded', 'peerEquityRatio'], {
      title: 'T',
      fileName: 't.xlsx',
      label: (k) => k,
      flagName: (c) => flagLabel(c, 'nb'),
    });
    expect(input.rows[0]).toEqual(['A', expect.stringMatching(/^Konkurs, /), '43 Spesialisert bygge- og anleggsvirksomhet', 'AS', 12, '2001-02-03', null]);
  });

  it('shows the registry’s columns in the analyst’s words and Norwegian numbers', () => {
    expect(fmtCell('nace', '43', 'nok', 'nb')).toBe('43 Spesialisert bygge- og anleggsvirksomhet');
    expect(fmtCell('pp', -0.034, 'nok', 'nb')).toBe('\u22123,4\u00a0pp');
    expect(fmtCell('xdiff', 1.25, 'nok', 'nb')).toBe('+1,3x');
    expect(fmtCell('date', '2001-02-03', 'nok', 'nb')).toBe('03.02.2001');
    const withPeers = row({ orgNr: '555555555', name: 'E', peers: { division: '43', groupSize: 7, basis: 'full_year', ratios: { equity_ratio: { value: 0.2, vsMedian: -0.05, quartile: 1, median: 0.25 } } } });
    expect(columnById('peerEquityRatio')!.value(withPeers)).toBe(-0.05);
    expect(columnById('peerGroupSize')!.value(withPeers)).toBe(7);
  });
});
