/** The registry sandbox's data, without HTTP: the seeded cases, schemas, filings against Symetrisk, the feed. */
import { describe, expect, it } from 'vitest';
import { createSandboxCore } from '../../../../electron/sandbox/index';
import { REGISTRY_ROLES } from '../../../../electron/sandbox/registry/index';
import { filedAccountsFrom, unitFromEnhet } from '../../../../shared/registry/facts';
import { filingDeadline, reconcileFiling } from '../../../../shared/registry/reconciliation';
import { Enhet, GoneEnhet, RegnskapList, SlettetEnhet } from '../../../../shared/registry/schemas';
import { statusAlerts } from '../../../../shared/registry/status-alerts';
import { AccountingItem } from '../../../../shared/symetrisk/schemas';
import { isFullYear, latestSnapshot } from '../../../../shared/analysis/snapshots';

const NOW = new Date('2026-10-10T12:00:00Z');
const ORIGIN = 'http://127.0.0.1:1';
const core = (seed = 7, borrowers = 40) => createSandboxCore({ seed, borrowers, now: NOW, frozenClock: true });

function approvedItems(c: ReturnType<typeof core>, orgNr: string): AccountingItem[] {
  const company = c.world.companyByOrgNr.get(orgNr)!;
  return c.world.materialize(company).items.map((i) => AccountingItem.parse(c.world.itemJson(company, i)));
}

describe('registry sandbox data', () => {
  it('gives every seeded case to a different approved borrower of the demo bank, deterministically', () => {
    const a = core();
    const roles = a.registry.world.roleTable();
    expect(Object.keys(roles).sort()).toEqual([...REGISTRY_ROLES].sort());
    const orgNrs = Object.values(roles);
    expect(new Set(orgNrs).size).toBe(orgNrs.length);
    const approved = new Set(a.control.orgNrs(undefined, 'access_approved'));
    for (const o of orgNrs) expect(approved.has(o)).toBe(true);
    const b = core();
    expect(b.registry.world.roleTable()).toEqual(roles);
    for (const o of a.control.orgNrs().slice(0, 10)) expect(b.registry.world.unitState(o, ORIGIN)).toEqual(a.registry.world.unitState(o, ORIGIN));
  });

  it('answers every unit and filing in the registry schemas, with the seeded statuses', () => {
    const c = core();
    const roles = c.registry.world.roleTable();
    for (const orgNr of c.control.orgNrs()) {
      const s = c.registry.world.unitState(orgNr, ORIGIN);
      if (s.kind === 'active') {
        const e = Enhet.parse(s.json);
        // Omitted, never null.
        expect(Object.values(s.json)).not.toContain(null);
        if (e.antallAnsatte !== undefined) expect(e.antallAnsatte).toBeGreaterThan(4);
      } else if (s.kind === 'deleted') SlettetEnhet.parse(s.json);
      else if (s.kind === 'removed') GoneEnhet.parse(s.json);
      else throw new Error(`no unit for ${orgNr}`);
      const f = c.registry.world.filingState(orgNr);
      if (f.kind === 'filed') expect(RegnskapList.parse(f.json)).toHaveLength(1);
    }
    const unit = (role: keyof typeof roles) => {
      const s = c.registry.world.unitState(roles[role]!, ORIGIN);
      return s.kind === 'active' ? unitFromEnhet(Enhet.parse(s.json), 'x') : null;
    };
    expect(statusAlerts(unit('bankrupt')!).map((a) => [a.id, a.date])).toEqual([['bankruptcy', '2026-09-20']]);
    expect(statusAlerts(unit('winding_up')!)[0]?.id).toBe('winding_up');
    expect(statusAlerts(unit('forced_dissolution')!)[0]).toMatchObject({ id: 'forced_dissolution', grounds: [{ ground: 'missing_accounts' }] });
    expect(c.registry.world.unitState(roles.deleted!, ORIGIN).kind).toBe('deleted');
    expect(c.registry.world.unitState(roles.removed!, ORIGIN).kind).toBe('removed');
    expect(c.registry.world.filingState(roles.insurer!)).toEqual({ kind: 'unsupported', layout: 'SKADE' });
    expect(c.registry.world.filingState(roles.forced_dissolution!)).toEqual({ kind: 'none' });
    expect(c.registry.world.unitState('123456785', ORIGIN)).toEqual({ kind: 'unknown' });
  });

  it('files accounts that match Symetrisk’s full year, except the seeded cases', () => {
    const c = core();
    const roles = c.registry.world.roleTable();
    const roleOf = new Map(Object.entries(roles).map(([k, v]) => [v, k]));
    const outcomes = new Map<string, string>();
    let plain = 0;
    for (const orgNr of c.control.orgNrs(undefined, 'access_approved')) {
      const f = c.registry.world.filingState(orgNr);
      if (f.kind !== 'filed') continue;
      const filing = filedAccountsFrom(RegnskapList.parse(f.json)[0]!, 'x', { at: '2026-04-01T00:00:00.000Z', source: 'feed' });
      const full = latestSnapshot(approvedItems(c, orgNr).filter((i) => i.data.year === filing.year && isFullYear(i)));
      if (!full) continue;
      const status = reconcileFiling(full, filing).status;
      const role = roleOf.get(orgNr);
      if (role) outcomes.set(role, status);
      else {
        plain++;
        expect(status).toBe('matches');
      }
    }
    expect(plain).toBeGreaterThan(10);
    expect(outcomes.get('differs')).toBe('differs');
    expect(outcomes.get('foreign_currency')).toBe('not_comparable');
    expect(outcomes.get('no_revenue_line')).toBe('incomplete');
    expect(outcomes.get('unaudited')).toBe('matches');
    expect(outcomes.get('bankrupt')).toBe('matches');
  });

  it('publishes filings late for the late filer and not at all for the overdue one', () => {
    const c = core();
    const roles = c.registry.world.roleTable();
    const w = c.registry.world;
    w.catchUp();
    const filed = (orgNr: string) => w.feed.filter((e) => e.orgNr === orgNr && e.changes.some((x) => x.path === '/sisteInnsendteAarsregnskap'));
    const late = filed(roles.late!).find((e) => e.changes[0]!.value === String(w.lastClosedYear))!;
    expect(new Date(late.ms).toISOString().slice(0, 10) > filingDeadline(w.lastClosedYear)).toBe(true);
    expect(filed(roles.overdue!).some((e) => e.changes[0]!.value === String(w.lastClosedYear))).toBe(false);
    const overdue = w.unitState(roles.overdue!, ORIGIN);
    expect(overdue.kind === 'active' && overdue.json.sisteInnsendteAarsregnskap).toBe(String(w.lastClosedYear - 1));
  });

  it('spreads industries so that the book has a peer group of five or more and smaller ones', () => {
    const c = core();
    const counts = new Map<string, number>();
    for (const orgNr of c.control.orgNrs(undefined, 'access_approved')) {
      const s = c.registry.world.unitState(orgNr, ORIGIN);
      if (s.kind !== 'active') continue;
      const d = String((s.json.naeringskode1 as { kode: string }).kode).slice(0, 2);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    const sizes = [...counts.values()];
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(5);
    expect(sizes.some((n) => n > 1 && n < 5)).toBe(true);
  });

  it('publishes the feed in time order with rising ids, and more as the clock moves', () => {
    const c = core();
    const w = c.registry.world;
    w.catchUp();
    const before = w.feed.length;
    expect(before).toBeGreaterThan(50);
    for (let i = 1; i < w.feed.length; i++) {
      expect(w.feed[i]!.id).toBe(w.feed[i - 1]!.id + 1);
      expect(w.feed[i]!.ms).toBeGreaterThanOrEqual(w.feed[i - 1]!.ms);
    }
    expect(w.feed[w.feed.length - 1]!.ms).toBeLessThanOrEqual(NOW.getTime());
    c.control.advanceTime({ days: 120, share: 0 });
    w.catchUp();
    expect(w.feed.length).toBeGreaterThan(before);
    const orgNr = c.control.orgNrs()[0]!;
    const e = w.setStatus(orgNr, 'bankrupt');
    expect(e).toMatchObject({ orgNr, type: 'Endring' });
    expect(e.id).toBe(w.feed[w.feed.length - 1]!.id);
    const s = w.unitState(orgNr, ORIGIN);
    expect(s.kind === 'active' && s.json.konkurs).toBe(true);
    w.setStatus(orgNr, 'removed');
    expect(w.unitState(orgNr, ORIGIN).kind).toBe('removed');
    expect(w.feed[w.feed.length - 1]!.type).toBe('Fjernet');
  });
});
