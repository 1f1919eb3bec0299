import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own YAML reader and schema validator (both ship with electron-builder), so the test reads the
// file exactly as packaging will.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function targets(platform: string): string[] {
  const p = config[platform] as { target: (string | { target: string })[] };
  return p.target.map((t) => (typeof t === 'string' ? t : t.target));
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and ships only the built bundles in an asar archive', () => {
    expect(config['appId']).toBe('no.symetrisk.desk');
    expect(config['productName']).toBe('Symetrisk Desk');
    expect(config['files']).toEqual(['out/**', 'package.json']);
    expect(config['asar']).toBe(true);
    // Native modules are loaded from outside the archive.
    expect(config['asarUnpack']).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']));
  });

  it('flips every fuse the security review expects', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('builds NSIS, dmg with zip, AppImage and deb', () => {
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });

  it('has no update feed and the app has no updater code', () => {
    expect(config['publish']).toBeNull();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('electron-updater');
    const sources = fs.readdirSync(path.join(root, 'electron'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of sources) expect(fs.readFileSync(path.join(root, 'electron', f), 'utf8'), f).not.toMatch(/autoUpdater|electron-updater/);
  });

  it('asks macOS for no entitlement beyond the JIT and outgoing network', () => {
    const plist = fs.readFileSync(path.join(root, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]).sort();
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.network.client']);
  });
});
