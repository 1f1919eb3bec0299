/**
 * `npx tsx tests/bench/measure-pack.ts [borrowers] [--no-charts]`: builds a pack of N sandbox
 * borrowers (a sheet each) straight from generated items and prints wall time and peak RSS, for
 * docs/benchmarks.md. Peak RSS is sampled every 20 ms; CPU seconds are given too, as wall time suffers on a
 * busy machine. The generator's own work (building and parsing the sandbox's items) is included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_THRESHOLDS } from '../../shared/analysis';
import { AccountingItem } from '../../shared/symetrisk/schemas';
import { createSandboxCore } from '../../electron/sandbox/index';
import { buildPack } from '../../electron/services/export/pack-builder';
import type { PackBorrower } from '../../electron/services/export/pack-source';

async function main(): Promise<void> {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
  const charts = !process.argv.includes('--no-charts');
  const now = new Date('2025-08-20T10:00:00Z');
  const { world } = createSandboxCore({ seed: 7, borrowers: n, now, frozenClock: true });
  const client = world.client();
  // Every borrower gets its snapshots, whatever its relationship state: the worst case for the pack.
  const orgNrs = client.relationships.map((r) => r.orgNr);
  function* borrowers(): Iterable<PackBorrower> {
    for (const orgNr of orgNrs) {
      const company = world.companyByOrgNr.get(orgNr)!;
      const items = world.materialize(company).items.map((i) => AccountingItem.parse(world.itemJson(company, i)));
      yield { orgNr, name: company.name, state: 'access_approved', lost: false, items, covenants: [] };
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-measure-'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await buildPack(
    { bank: { name: 'Demo Sparebank', orgNr: '987654325' }, profileName: 'Demo', dataSource: 'sandbox', dataAsOf: now, thresholds: DEFAULT_THRESHOLDS, count: orgNrs.length, borrowers },
    { language: 'nb', amountUnit: 'nok', now, appVersion: 'measure', maxAgeDays: 45, charts },
    path.join(dir, 'pack.xlsx'),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const snapshots = [...borrowers()].reduce((s, b) => s + b.items.length, 0);
  console.log(
    JSON.stringify({ borrowers: out.borrowers, snapshots, sheets: out.sheets, charts, seconds: +(ms / 1000).toFixed(1), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1), peakRssMB: Math.round(peak / 1e6), fileMB: +(out.bytes / 1e6).toFixed(1), node: process.version }),
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
