/**
 * The registry in the app, through the real services and the bridge's dispatcher: the Demo sync's registry step
 * (its own phase, after the Symetrisk part), the setting that switches every registry call off (proved by the
 * sandbox's call count), bad registry answers that never damage the cache nor the Symetrisk part, the konkurs
 * borrower as the first early warning, the seeded difference flagged in the reconciliation, the app's own
 * notifications, name proposals, the pack's data source, and every fact kept with both services down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { createSandboxDemoBackend } from '../../../electron/services/connections/demo';
import { cachePackSource } from '../../../electron/services/export/cache-pack-source';
import type { PackBorrower } from '../../../electron/services/export/pack-source';
import type { StoredProfile } from '../../../electron/services/connections/profile-store';
import { reconcileWithFilings } from '../../../shared/registry/reconciliation';
import { statusAlerts } from '../../../shared/registry/status-alerts';
import type { dto } from '../../../shared/contract';
import { makeSecurityApp, valueOf, type SecurityApp } from '../../security/helpers';

interface Demo {
  app: SecurityApp;
  sandbox: () => Sandbox;
  roles: () => Partial<Record<string, string>>;
  sync: () => Promise<dto.SyncRun>;
}

const open: SecurityApp[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
});

async function demo(opts: { borrowers?: number; timeoutMs?: number } = {}): Promise<Demo> {
  let sb: Sandbox | null = null;
  const app = await makeSecurityApp({
    overrides: {
      demo: createSandboxDemoBackend(async () => async (o) => (sb = await startSandbox({ ...o, borrowers: opts.borrowers ?? 40 })), { seed: 7 }),
      registryHttp: { timeoutMs: opts.timeoutMs ?? 5_000, sleep: async () => {} },
    },
  });
  open.push(app);
  return {
    app,
    sandbox: () => sb!,
    roles: () => sb!.registry.control.roles(),
    sync: async () => {
      const since = app.events.length;
      const { runId } = valueOf<{ runId: number }>(await app.call('sync:start', { profileId: 'demo' }));
      return (await app.waitForEvent('sync:finished', (p) => (p as dto.SyncRun).id === runId, since)) as dto.SyncRun;
    },
  };
}

const rows = async (d: Demo): Promise<dto.PortfolioRow[]> => valueOf<dto.PortfolioRow[]>(await d.app.call('portfolio:list', { profileId: 'demo' }));
const borrower = async (d: Demo, orgNr: string): Promise<dto.BorrowerDetail> => valueOf<dto.BorrowerDetail>(await d.app.call('portfolio:borrower', { profileId: 'demo', orgNr }));
const registryTables = (d: Demo): unknown => {
  const db = d.app.services.caches.open('demo').db;
  const all = (t: string) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
  return { units: all('registry_units'), accounts: all('registry_accounts'), dates: all('registry_filing_dates') };
};

describe('the registry in a Demo sync', () => {
  it('runs after the Symetrisk part in its own phase; the facts, status alerts and reconciliation come from the cache', async () => {
    const d = await demo();
    const since = d.app.events.length;
    const run = await d.sync();
    expect(run.outcome).toBe('ok');
    // 36 relationships keyed through the customer list and 2 customers Symetrisk does not know; the 4 the list leaves
    // out have no org number until attached.
    expect(run.registry).toMatchObject({ skipped: null, mode: 'initial', borrowers: 38, unitsLookedUp: 38, failures: 0, stopped: null });
    expect(run.errors.filter((e) => e.source === 'registry')).toEqual([]);
    const phases = d.app.events.slice(since).filter((e) => e.event === 'sync:progress').map((e) => (e.payload as dto.SyncProgress).phase);
    const distinct = phases.filter((p, i) => p !== phases[i - 1]);
    expect(distinct.slice(-3)).toEqual(['accounting', 'registry', 'done']);

    const roles = d.roles();
    const list = await rows(d);
    const bankrupt = list.find((r) => r.orgNr === roles.bankrupt)!;
    expect(bankrupt.flags[0]).toBe('registry_bankruptcy');
    expect(bankrupt.registry).toMatchObject({ status: 'active', statusAlerts: [{ id: 'bankruptcy', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }] });
    expect(bankrupt.registry!.naceDivision).toMatch(/^\d{2}$/);
    expect(bankrupt.registry!.legalForm?.code).toMatch(/^ASA?$/);
    expect(bankrupt.registry!.municipality).toBeTruthy();
    // Every seeded status is a row's first flag, ahead of its breaches and quality flags (the grid orders across rows).
    const alerted = list.filter((r) => r.registry?.statusAlerts.length);
    expect(alerted.map((r) => r.flags[0]).sort()).toEqual(['registry_bankruptcy', 'registry_deleted', 'registry_forced_dissolution', 'registry_removed', 'registry_winding_up']);

    const page = await borrower(d, roles.bankrupt!);
    expect(page.registry!.alerts[0]).toMatchObject({ id: 'bankruptcy', severity: 1 });
    expect(page.row!.flags[0]).toBe('registry_bankruptcy');
    expect(page.registry!.unit).toMatchObject({ status: 'active', bankrupt: true, vatRegistered: true });

    // The seeded difference (revenue 3.5 % lower in the filing) is flagged, line by line, EBITDA said to be beyond reach.
    const differs = await borrower(d, roles.differs!);
    const filed = differs.registry!.years.find((y) => y.reconciliation !== null)!;
    expect(filed.reconciliation).toMatchObject({ status: 'differs', flagged: true, basis: 'full_year', ebitda: { reconcilable: false } });
    expect(filed.reconciliation!.lines.find((l) => l.id === 'revenues')).toMatchObject({ status: 'differs' });
    expect(filed.reconciliation!.lines.find((l) => l.id === 'total_assets')).toMatchObject({ status: 'match' });
    const late = await borrower(d, roles.late!);
    expect(late.registry!.years.flatMap((y) => y.reconciliation?.notes ?? []).map((n) => n.id)).toContain('published_after_deadline');

    // Peers: the group of the borrower's NACE division, its size always said.
    const withPeers = list.find((r) => r.peers && r.peers.groupSize >= 5);
    expect(withPeers).toBeDefined();
    const peerPage = await borrower(d, withPeers!.orgNr);
    expect(peerPage.registry!.peers).toMatchObject({ division: withPeers!.peers!.division, groupSize: withPeers!.peers!.groupSize, basis: 'full_year' });
    expect(peerPage.registry!.peers!.ratios.find((r) => r.id === 'equity_ratio')!.stats).toMatchObject({ enough: true });
    const small = list.find((r) => r.peers && r.peers.groupSize < 5)!;
    expect((await borrower(d, small.orgNr)).registry!.peers!.ratios[0]!.stats).toMatchObject({ enough: false, reason: 'group_too_small' });

    // The app's own notifications: one per status alert, worded from their fields, with the borrower's name.
    const notes = valueOf<{ items: dto.NotificationRow[] }>(await d.app.call('notifications:list', { profileId: 'demo', limit: 1000 })).items.filter((n) => n.app);
    expect(notes.map((n) => n.app!.alert).sort()).toEqual(['bankruptcy', 'deleted', 'forced_dissolution', 'removed', 'winding_up']);
    const konkurs = notes.find((n) => n.app!.alert === 'bankruptcy')!;
    expect(konkurs).toMatchObject({ type: 'registry_status', orgNr: roles.bankrupt, read: false, app: { change: 'new', name: bankrupt.name } });
    expect(d.app.events.some((e) => e.event === 'notifications:changed')).toBe(true);

    // A second sync reads the change feed only; nothing moved, so nothing new is notified.
    const again = await d.sync();
    expect(again.registry).toMatchObject({ mode: 'incremental', newNotifications: 0, failures: 0 });

    // The pack's data source carries the same facts; the pack works out the alerts and the reconciliation with the
    // same shared functions as the screens.
    const profile = await d.app.services.connections.get('demo');
    const stored: StoredProfile = { ...profile, updatedAt: profile.createdAt, databaseUrl: profile.databaseUrl ?? null };
    const source = await cachePackSource({ openCache: (id) => d.app.services.caches.open(id), profile: () => stored })('demo', [roles.bankrupt!, roles.differs!]);
    const packed: PackBorrower[] = [...(source.borrowers() as Iterable<PackBorrower>)];
    const packedBankrupt = packed.find((b) => b.orgNr === roles.bankrupt)!;
    expect(statusAlerts(packedBankrupt.registry!.unit!)[0]!.id).toBe('bankruptcy');
    const packedDiffers = packed.find((b) => b.orgNr === roles.differs)!;
    const years = reconcileWithFilings(packedDiffers.items, packedDiffers.registry!.filings, { unit: packedDiffers.registry!.unit, today: '2026-12-01', accountsCheck: packedDiffers.registry!.accountsCheck ?? null });
    expect(years.some((y) => y.reconciliation?.flagged)).toBe(true);
  });

  it('switched off in Settings, a sync makes no registry call at all; what was cached stays on screen', async () => {
    const d = await demo({ borrowers: 16 });
    await d.sync();
    const bankruptRow = (await rows(d)).find((r) => r.orgNr === d.roles().bankrupt)!;
    expect(bankruptRow.registry).not.toBeNull();
    valueOf(await d.app.call('settings:update', { registryEnabled: false }));
    expect(valueOf<dto.Settings>(await d.app.call('settings:get')).registryEnabled).toBe(false);
    d.sandbox().registry.control.resetStats();
    const run = await d.sync();
    expect(run.outcome).toBe('ok');
    expect(run.registry).toMatchObject({ skipped: 'disabled', requests: 0 });
    expect(d.sandbox().registry.control.stats().requests).toBe(0);
    expect((await rows(d)).find((r) => r.orgNr === d.roles().bankrupt)!.registry).toEqual(bankruptRow.registry);
    const page = await borrower(d, d.roles().bankrupt!);
    expect(page.registry).toMatchObject({ enabled: false, alerts: [{ id: 'bankruptcy' }] });
    const refused = await d.app.call('registry:proposals', { profileId: 'demo', name: bankruptRow.name });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'registry_disabled' } } });
    expect(d.sandbox().registry.control.stats().requests).toBe(0);
    valueOf(await d.app.call('settings:update', { registryEnabled: true }));
    expect((await d.sync()).registry).toMatchObject({ skipped: null });
    expect(d.sandbox().registry.control.stats().requests).toBeGreaterThan(0);
  });

  it('bad registry answers (malformed, a 500, slow, a 410) leave the cache intact and the Symetrisk part ok', async () => {
    const d = await demo({ borrowers: 20, timeoutMs: 300 });
    expect((await d.sync()).registry).toMatchObject({ failures: 0 });
    const roles = d.roles();
    const control = d.sandbox().registry.control;
    const [malformed, failing, slow] = [roles.differs!, roles.unaudited!, roles.late!];
    const before = registryTables(d);
    // Each unit changed in the feed, so the next sync looks it up again; every answer about it is bad.
    for (const o of [malformed, failing, slow]) control.publish(o, 'Endring');
    control.setFaults({
      targets: [
        { orgNr: malformed, mode: 'malformed' },
        { orgNr: failing, mode: 'error500' },
        { orgNr: slow, mode: 'slow', ms: 2_000 },
      ],
    });
    const run = await d.sync();
    expect(run.outcome).toBe('ok');
    expect(run.borrowersFailed).toBe(0);
    const failed = run.errors.filter((e) => e.source === 'registry');
    expect(new Map(failed.filter((e) => e.orgNr).map((e) => [e.orgNr, e.reason]))).toEqual(
      new Map([
        [malformed, 'registry_not_json'],
        [failing, 'registry_server_error'],
        [slow, 'registry_timeout'],
      ]),
    );
    expect(run.registry!.failures).toBe(failed.length);
    expect(registryTables(d)).toEqual(before);
    // The run as stored keeps them too (sync:runs), with its outcome.
    const stored = valueOf<dto.SyncRun[]>(await d.app.call('sync:runs', { profileId: 'demo', limit: 1 }))[0]!;
    expect(stored).toMatchObject({ id: run.id, outcome: 'ok' });
    expect(stored.errors.filter((e) => e.source === 'registry').length).toBe(failed.length);

    // A 410: the unit is removed from open data; its copy goes, as the registry asks, and nothing else changes.
    control.setFaults({});
    const gone = roles.winding_up!;
    control.setStatus(gone, 'removed');
    // The units that failed last time are asked again (and now answer); the rest are not touched.
    const asked = new Set([gone, malformed, failing, slow]);
    const others = (t: unknown) => {
      const { units, accounts } = t as { units: { org_nr: string }[]; accounts: { org_nr: string }[] };
      return { units: units.filter((u) => !asked.has(u.org_nr)), accounts: accounts.filter((a) => !asked.has(a.org_nr)) };
    };
    const beforeGone = others(registryTables(d));
    expect((await d.sync()).outcome).toBe('ok');
    expect((await borrower(d, gone)).registry).toMatchObject({ unit: { status: 'removed', name: null }, alerts: [{ id: 'removed' }], filings: [] });
    expect(others(registryTables(d))).toEqual(beforeGone);
    for (const o of [malformed, failing, slow]) expect((await borrower(d, o)).registry!.checks.unit).toMatchObject({ outcome: 'ok' });
  });

  it('a registry that is down stops its step; the Symetrisk part and every cached fact stay', async () => {
    const d = await demo({ borrowers: 12 });
    await d.sync();
    const roles = d.roles();
    const page = await borrower(d, roles.bankrupt!);
    await d.sandbox().stopListening();
    // Both Symetrisk and the registry are down: every registry fact is still there, read from the cache.
    expect(await borrower(d, roles.bankrupt!)).toEqual(page);
    expect((await rows(d)).find((r) => r.orgNr === roles.bankrupt)!.flags[0]).toBe('registry_bankruptcy');
    const failed = await d.sync();
    expect(failed.outcome).toBe('failed');
    expect(failed.registry).toMatchObject({ skipped: 'symetrisk_failed' });
    expect(await borrower(d, roles.bankrupt!)).toMatchObject({ registry: page.registry });
  });
});

describe('names to org numbers', () => {
  it('proposes units for a company name, exact first, then normalised, each with why; never a link', async () => {
    const d = await demo({ borrowers: 16 });
    await d.sync();
    const target = (await rows(d)).find((r) => r.orgNr === d.roles().differs)!;
    const exact = valueOf<{ proposals: dto.NameProposal[]; searched: string[] }>(await d.app.call('registry:proposals', { profileId: 'demo', name: target.registry!.name! }));
    expect(exact.proposals[0]).toMatchObject({ orgNr: target.orgNr, match: 'exact', rank: 1, needsConfirmation: true, reasons: [{ id: 'exact_name' }, expect.anything()] });
    // Symetrisk's spelling: mixed case, "A/S" for AS, punctuation; the registry's upper case still matches.
    const core = target.registry!.name!.replace(/ (AS|ASA)$/, '');
    const spelled = `${core.charAt(0)}${core.slice(1).toLowerCase()}, A/S`;
    const normalised = valueOf<{ proposals: dto.NameProposal[]; searched: string[] }>(await d.app.call('registry:proposals', { profileId: 'demo', name: spelled }));
    expect(normalised.searched.length).toBe(2);
    const hit = normalised.proposals.find((p) => p.orgNr === target.orgNr)!;
    expect(hit.match).toBe('punctuation');
    expect(hit.reasons.map((r) => r.id)).toContain('same_ignoring_punctuation');
    expect(hit.reasons.every((r) => r.text.nb.length > 0 && r.text.en.length > 0)).toBe(true);
    const none = valueOf<{ proposals: dto.NameProposal[] }>(await d.app.call('registry:proposals', { profileId: 'demo', name: 'Finnes Ikke Noe Sted AS' }));
    expect(none.proposals).toEqual([]);
    // A near miss is not proposed: no fuzzy matching.
    const near = valueOf<{ proposals: dto.NameProposal[] }>(await d.app.call('registry:proposals', { profileId: 'demo', name: `${core}X AS` }));
    expect(near.proposals.map((p) => p.orgNr)).not.toContain(target.orgNr);
    expect(await d.app.call('registry:proposals', { profileId: 'demo', name: 'Evil\u202eName' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
