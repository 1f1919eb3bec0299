import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** A Node older than 22 on this machine, outside node_modules (Debian's image ships Node 20), or null. */
function oldNode(): string | null {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => !d.includes('node_modules'));
  for (const dir of dirs) {
    const candidate = path.join(dir, 'node');
    try {
      const v = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      if (Number(v.split('.')[0]) < 22) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

const old = oldNode();

describe(`an old Node gets a clear message, never a crash${old ? '' : ' (skipped: no Node older than 22 on this machine)'}`, () => {
  it.skipIf(old === null)('scripts/check-node.cjs stops with exit 1 and says what to do', () => {
    const r = spawnSync(old!, [path.join(root, 'scripts/check-node.cjs')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('needs Node.js 22 or newer');
    expect(r.stderr).toContain('npm');
  });

  it('the project Node that npm scripts run on is 22 or newer', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });
});
