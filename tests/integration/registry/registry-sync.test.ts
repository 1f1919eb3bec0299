/**
 * The registry step against the registry sandbox over loopback, with a real SQLite cache: the first run, the
 * change feed on later runs, purges, bad answers that never damage the cache, a registry that is down, and the
 * reconciliation of what was fetched against Symetrisk's own answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/connection';
import { registryRepo } from '../../../electron/db/registry';
import type { Sandbox } from '../../../electron/sandbox/index';
import { RegistryClient } from '../../../electron/services/registry/client';
import { syncRegistry } from '../../../electron/services/registry/registry-sync';
import { SymetriskClient } from '../../../electron/services/symetrisk/client';
import { reconcileWithFilings } from '../../../shared/registry/reconciliation';
import { statusAlerts } from '../../../shared/registry/status-alerts';
import { start } from '../sandbox/helpers';

interface Setup {
  sb: Sandbox;
  db: Db;
  file: string;
  roles: ReturnType<Sandbox['registry']['control']['roles']>;
  orgNrs: string[];
  run: (opts?: { timeoutMs?: number; orgNrs?: string[] }) => ReturnType<typeof syncRegistry>;
}

const open: Setup[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    if (s.db.open) s.db.close();
    await s.sb.close();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function setup(): Promise<Setup> {
  const sb = await start({ borrowers: 30 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-registry-sync-'));
  dirs.push(dir);
  const file = path.join(dir, 'cache.sqlite');
  const db = openDatabase(file);
  const orgNrs = sb.control.orgNrs();
  const s: Setup = {
    sb,
    db,
    file,
    roles: sb.registry.control.roles(),
    orgNrs,
    run: (opts = {}) => {
      const client = new RegistryClient(
        { enhetsregisteretUrl: sb.registry.enhetsregisteretUrl, regnskapsregisteretUrl: sb.registry.regnskapsregisteretUrl },
        { fetch, clock: () => sb.control.now(), sleep: async () => {}, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) },
      );
      return syncRegistry({ db: s.db, client, clock: () => sb.control.now() }, opts.orgNrs ?? orgNrs);
    },
  };
  open.push(s);
  return s;
}

/** Everything the registry tables hold, to prove a run changed nothing. */
function snapshot(db: Db): unknown {
  const all = (t: string) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
  return { units: all('registry_units'), accounts: all('registry_accounts'), dates: all('registry_filing_dates'), feed: all('registry_feed') };
}

describe('the registry step', () => {
  it('first run: batch lookup, then the feed from 1 January, then the filed accounts; everything in the cache', async () => {
    const s = await setup();
    const r = await s.run();
    expect(r.mode).toBe('initial');
    expect(r.failures).toEqual([]);
    expect(r.stopped).toBeNull();
    expect(r.units).toEqual({ lookedUp: 30, active: 28, deleted: 1, removed: 1, notFound: 0, failed: 0 });
    expect(r.accounts).toMatchObject({ lookedUp: 28, none: 1, unsupported: 1, failed: 0 });
    const calls = s.sb.registry.control.stats().byEndpoint;
    // One batch for the 30; the deleted and the removed unit are not in a batch answer and are asked for one by one.
    expect(calls).toMatchObject({ enheter: 1, enhet: 2, regnskap: 28 });
    const repo = registryRepo(s.db);
    expect(repo.cursor()).toMatchObject({ nextUpdateId: s.sb.registry.control.feedHead()! + 1, since: null });
    expect(statusAlerts(repo.unit(s.roles.bankrupt!)!).map((a) => a.id)).toEqual(['bankruptcy']);
    expect(repo.unit(s.roles.deleted!)).toMatchObject({ status: 'deleted', deletedDate: '2026-09-10' });
    expect(repo.unit(s.roles.removed!)).toMatchObject({ status: 'removed', name: null });
    expect(repo.check(s.roles.insurer!, 'accounts')).toMatchObject({ outcome: 'unsupported', layout: 'SKADE', forYear: 2025 });
    expect(repo.check(s.roles.forced_dissolution!, 'accounts')).toMatchObject({ outcome: 'none' });
    // The feed says when this year's filings became public: the late one after 31 July.
    expect(repo.accounts(s.roles.late!)[0]).toMatchObject({ year: 2025, publishedSource: 'feed' });
    expect(repo.accounts(s.roles.late!)[0]!.publishedAt > '2026-07-31T23:59:59.999Z').toBe(true);
    // Last year's filing of the overdue borrower was published before the feed window: only "first seen".
    expect(repo.accounts(s.roles.overdue!)[0]).toMatchObject({ year: 2024, publishedSource: 'first_seen' });
    expect(repo.raw(s.roles.bankrupt!)?.raw).toMatchObject({ respons_klasse: 'Enhet', organisasjonsnummer: s.roles.bankrupt });
  });

  it('later runs read the change feed and look up only what changed', async () => {
    const s = await setup();
    await s.run();
    s.sb.registry.control.resetStats();
    const quiet = await s.run();
    expect(quiet.mode).toBe('incremental');
    expect(quiet.units.lookedUp).toBe(0);
    expect(quiet.accounts.lookedUp).toBe(0);
    expect(s.sb.registry.control.stats().byEndpoint).toEqual({ oppdateringer: 2 });

    const plain = s.orgNrs.find((o) => !Object.values(s.roles).includes(o))!;
    s.sb.registry.control.setStatus(plain, 'bankrupt');
    s.sb.registry.control.fileAccounts(s.roles.overdue!, 2025);
    s.sb.registry.control.resetStats();
    const r = await s.run();
    expect(r.feed).toMatchObject({ read: true, updates: 2, changedUnits: 2 });
    expect(r.units).toMatchObject({ lookedUp: 2, active: 2 });
    expect(s.sb.registry.control.stats().byEndpoint).toEqual({ oppdateringer: 2, enheter: 1, regnskap: 1 });
    const repo = registryRepo(s.db);
    expect(repo.unit(plain)).toMatchObject({ bankrupt: true, bankruptcyDate: '2026-10-10' });
    const filed = repo.accountsOfYear(s.roles.overdue!, 2025)!;
    expect(filed).toMatchObject({ publishedSource: 'feed', publishedAt: '2026-10-10T12:00:00.000Z' });
    expect(repo.accounts(s.roles.overdue!).map((a) => a.year)).toEqual([2025, 2024]);
    expect(repo.cursor()?.nextUpdateId).toBe(s.sb.registry.control.feedHead()! + 1);
  });

  it('purges a unit the feed says was removed from open data', async () => {
    const s = await setup();
    await s.run();
    const repo = registryRepo(s.db);
    const victim = s.roles.differs!;
    expect(repo.accounts(victim)).toHaveLength(1);
    s.sb.registry.control.setStatus(victim, 'removed');
    const r = await s.run();
    expect(r.units.removed).toBe(1);
    expect(repo.unit(victim)).toMatchObject({ status: 'removed', name: null, nace: [], deletedDate: '2026-10-10' });
    expect(repo.raw(victim)).toEqual({ raw: null, size: 0 });
    expect(repo.accounts(victim)).toEqual([]);
    expect(statusAlerts(repo.unit(victim)!).map((a) => a.id)).toEqual(['removed']);
  });

  it('a malformed answer for one unit damages nothing: its copy stays, the failure is recorded, the rest goes on, and it is asked again', async () => {
    const s = await setup();
    await s.run();
    const repo = registryRepo(s.db);
    const [a, b] = s.orgNrs.filter((o) => !Object.values(s.roles).includes(o));
    const before = repo.unit(a!);
    s.sb.registry.control.setStatus(a!, 'bankrupt');
    s.sb.registry.control.setStatus(b!, 'winding_up');
    s.sb.registry.control.setFaults({ targets: [{ orgNr: a!, api: 'enhetsregisteret', mode: 'malformed' }] });
    const r = await s.run();
    expect(r.stopped).toBeNull();
    expect(r.failures.map((f) => [f.what, f.orgNr, f.reason])).toEqual([
      ['units', null, 'registry_not_json'],
      ['unit', a, 'registry_not_json'],
    ]);
    expect(repo.unit(a!)).toEqual(before);
    expect(repo.check(a!, 'unit')).toMatchObject({ outcome: 'failed', reason: 'registry_not_json' });
    expect(repo.unit(b!)).toMatchObject({ windingUp: true });
    s.sb.registry.control.setFaults({});
    const again = await s.run();
    expect(again.failures).toEqual([]);
    expect(again.units.lookedUp).toBe(1);
    expect(repo.unit(a!)).toMatchObject({ bankrupt: true });
    expect(repo.check(a!, 'unit')?.outcome).toBe('ok');
  });

  it('a wrong shape, a slow answer or a 500 for accounts keeps what was stored; the others are fetched, the failed ones asked again', async () => {
    const s = await setup();
    const repo = registryRepo(s.db);
    const [shape, slow] = [s.roles.late!, s.roles.unaudited!];
    s.sb.registry.control.setFaults({
      targets: [
        { orgNr: shape, api: 'regnskapsregisteret', mode: 'bad_shape' },
        { orgNr: slow, api: 'regnskapsregisteret', mode: 'slow', ms: 3000 },
      ],
    });
    const first = await s.run({ timeoutMs: 150 });
    expect(first.stopped).toBeNull();
    expect(first.failures.map((f) => [f.orgNr, f.what, f.reason]).sort()).toEqual(
      [
        [shape, 'accounts', 'registry_bad_shape'],
        [slow, 'accounts', 'registry_timeout'],
      ].sort(),
    );
    expect(first.accounts).toMatchObject({ failed: 2, filed: 24 });
    expect(repo.accounts(shape)).toEqual([]);
    expect(repo.check(slow, 'accounts')).toMatchObject({ outcome: 'failed', reason: 'registry_timeout' });

    // A new filing whose fetch fails: the filing already stored stays as it was.
    const kept = repo.accounts(s.roles.overdue!);
    s.sb.registry.control.fileAccounts(s.roles.overdue!, 2025);
    s.sb.registry.control.setFaults({ targets: [{ orgNr: s.roles.overdue!, api: 'regnskapsregisteret', mode: 'error500' }] });
    const second = await s.run();
    expect(second.failures.map((f) => [f.orgNr, f.reason])).toEqual([[s.roles.overdue, 'registry_server_error']]);
    expect(repo.accounts(s.roles.overdue!)).toEqual(kept);
    expect(repo.unit(s.roles.overdue!)?.lastFiledYear).toBe(2025);
    // The two that failed before were asked again and stored now.
    expect(second.accounts).toMatchObject({ lookedUp: 2, filed: 2, failed: 1 });
    expect(repo.accounts(shape)).toHaveLength(1);
    expect(repo.check(slow, 'accounts')?.outcome).toBe('filed');
  });

  it('stops at once when the registry is down, leaving the cache as it was and readable offline', async () => {
    const s = await setup();
    await s.run();
    const before = snapshot(s.db);
    s.sb.registry.control.setStatus(s.orgNrs[0]!, 'bankrupt');
    await s.sb.stopListening();
    const r = await s.run();
    expect(r.stopped).toMatchObject({ code: 'offline', reason: 'registry_unreachable' });
    expect(snapshot(s.db)).toEqual(before);
    s.db.close();
    // Both the sandbox and the registry are down: every fact is still in the file.
    const reopened = openDatabase(s.file);
    s.db = reopened;
    expect(registryRepo(reopened).units()).toHaveLength(30);
    expect(registryRepo(reopened).unit(s.roles.bankrupt!)?.bankrupt).toBe(true);
  });

  it('gives up when the registry keeps timing out, instead of waiting out every borrower', async () => {
    const s = await setup();
    s.sb.registry.control.setFaults({ slowBodyMs: 2000 });
    const r = await s.run({ timeoutMs: 100 });
    expect(r.stopped).toMatchObject({ code: 'offline', reason: 'registry_timeout' });
    expect(registryRepo(s.db).units()).toEqual([]);
    // The batch, then at most a few single look-ups (3 attempts each) before the step stops: not 30 of them.
    expect(s.sb.registry.control.stats().requests).toBeLessThan(3 * 10);
  });

  it('records an org number that fails MOD11 without asking the registry about it', async () => {
    const s = await setup();
    const r = await s.run({ orgNrs: [s.orgNrs[0]!, '923609017', 'abc'] });
    expect(r.failures.map((f) => [f.orgNr, f.reason])).toEqual([
      ['923609017', 'invalid_org_number'],
      ['abc', 'invalid_org_number'],
    ]);
    expect(r.units.lookedUp).toBe(1);
  });

  it('reconciles what it fetched against Symetrisk: the seeded difference is flagged, the late filing noted', async () => {
    const s = await setup();
    await s.run();
    const repo = registryRepo(s.db);
    const sym = new SymetriskClient(
      { tokenUrl: s.sb.tokenUrl, apiBaseUrl: s.sb.apiBaseUrl, clientId: s.sb.clientId, clientSecret: s.sb.clientSecret, scopes: [] },
      { fetch, clock: () => s.sb.control.now() },
    );
    const year2025 = async (orgNr: string) => {
      const items = (await sym.accountingData(orgNr, { limit: 100 })).items;
      const years = reconcileWithFilings(items, repo.accounts(orgNr), { unit: repo.unit(orgNr), today: '2026-10-10', accountsCheck: repo.check(orgNr, 'accounts') });
      return years.find((y) => y.year === 2025)!;
    };
    const differs = (await year2025(s.roles.differs!)).reconciliation!;
    expect(differs).toMatchObject({ status: 'differs', flagged: true });
    expect(differs.lines.find((l) => l.id === 'revenues')!.status).toBe('differs');
    expect(differs.lines.find((l) => l.id === 'total_assets')!.status).toBe('match');
    const late = (await year2025(s.roles.late!)).reconciliation!;
    expect(late.status).toBe('matches');
    expect(late.notes.map((n) => n.id)).toEqual(['published_after_deadline']);
    expect((await year2025(s.roles.unaudited!)).reconciliation!.notes.map((n) => n.id)).toEqual(['unaudited', 'audit_opted_out']);
    expect((await year2025(s.roles.overdue!)).filingStatus).toBe('overdue');
    expect((await year2025(s.roles.insurer!)).filingStatus).toBe('unsupported_layout');
  });
});
