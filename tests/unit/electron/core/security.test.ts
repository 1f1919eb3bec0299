import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentSecurityPolicy, EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from '../../../../electron/core/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('the content security policy', () => {
  const csp = directives(contentSecurityPolicy());

  it('denies by default and allows scripts and styles only from the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows no inline code, no eval, no plugins, no frames, no forms and no base-URI tricks', () => {
    const all = contentSecurityPolicy();
    expect(all).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|http:|https:/);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('the external-link allow-list', () => {
  it.each(EXTERNAL_LINK_HOSTS.map((h) => `https://${h}/docs`))('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://www.symetrisk.com/',
    'https://evil.example/',
    'https://www.symetrisk.com.evil.example/',
    'https://evil.example/?https://www.symetrisk.com',
    'https://user:pw@www.symetrisk.com/',
    'https://www.symetrisk.com@evil.example/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://www.symetrisk.com/share',
    `${APP_ORIGIN}/index.html`,
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
