/**
 * Scenario 5: the Excel credit-committee pack (summary and a sheet per borrower, with charts) for a portfolio,
 * exported by the real services in a child process so that its peak RSS is the exporting process's own. The pack is
 * built by the pack worker as the desktop app bundles it (out/main/chunks, electron-vite's `?nodeWorker`), so the
 * figure is the app's: built first when `rebuild` is set or nothing is built.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPortfolioCache } from '../../fixtures/build-cache';
import { bundledWorkerChunk } from '../../fixtures/bundled-worker';
import { buildApp } from './ui';
import { ROOT } from '../sandbox-process';
import { round } from '../stats';

export interface ExportSizes {
  borrowers: number;
  snapshots: number;
}

export const FULL_EXPORT: ExportSizes = { borrowers: 1000, snapshots: 12 };
export const QUICK_EXPORT: ExportSizes = { borrowers: 8, snapshots: 6 };

export interface ExportResult {
  borrowers: number;
  snapshots: number;
  wallMs: number;
  peakRssMB: number;
  /** The process's RSS before the export began (Node, tsx and the app's modules loaded, the services built). */
  startRssMB: number;
  fileMB: number;
  outcome: string;
}

/** The bundled pack worker beside out/main/main.cjs (the chunk main.cjs starts). */
export function bundledPackWorker(rebuild: boolean, log: (s: string) => void): string {
  const main = path.join(ROOT, 'out/main/main.cjs');
  if (rebuild || !fs.existsSync(main)) buildApp(log);
  const file = bundledWorkerChunk(ROOT, 'pack-worker');
  if (!file || !fs.readFileSync(main, 'utf8').includes(`./chunks/${file}`)) throw new Error('out/main has no pack worker chunk that main.cjs starts: npm run build');
  return path.join(ROOT, 'out/main/chunks', file);
}

export async function runExportScenario(sizes: ExportSizes, log: (s: string) => void = () => {}, rebuild = false): Promise<ExportResult> {
  const worker = bundledPackWorker(rebuild, log);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-export-'));
  try {
    log(`  building a ${sizes.borrowers}-borrower Demo cache ...`);
    const built = buildPortfolioCache({ file: path.join(dataDir, 'cache', 'demo.sqlite'), borrowers: sizes.borrowers, snapshots: sizes.snapshots, profileId: 'demo' });
    log('  exporting in a child process ...');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/bench/export-child.ts'), dataDir, worker], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => (text += c));
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`the export process exited with ${code}: ${text}`))));
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { outcome: string; error: unknown; ms: number; bytes: number; maxRssKiB: number; rssAtStartKiB: number };
    if (r.outcome !== 'ok') throw new Error(`export ${r.outcome}: ${JSON.stringify(r.error)}`);
    return {
      borrowers: built.borrowers,
      snapshots: built.snapshots,
      wallMs: round(r.ms),
      peakRssMB: round((r.maxRssKiB * 1024) / 1e6),
      startRssMB: round((r.rssAtStartKiB * 1024) / 1e6),
      fileMB: round(r.bytes / 1e6, 2),
      outcome: r.outcome,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
