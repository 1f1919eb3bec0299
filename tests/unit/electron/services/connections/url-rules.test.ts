import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, isLoopbackHost } from '../../../../../electron/services/connections/url-rules';
import { slugify, uniqueSlug } from '../../../../../electron/services/connections/slug';

describe('endpoint URLs', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(checkEndpointUrl('https://api.example.no/api/v1/', 'API base URL')).toBe('https://api.example.no/api/v1');
    expect(checkEndpointUrl('http://127.0.0.1:8080/x', 'API base URL')).toBe('http://127.0.0.1:8080/x');
    expect(checkEndpointUrl('http://[::1]:8080/x', 'token URL')).toBe('http://[::1]:8080/x');
    expect(checkEndpointUrl('http://localhost/x', 'token URL')).toBe('http://localhost/x');
    expect(() => checkEndpointUrl('http://192.168.1.2/x', 'token URL')).toThrow(/token URL must use https/);
    expect(() => checkEndpointUrl('ftp://example.no/x', 'token URL')).toThrow(/must start with https/);
    expect(() => checkEndpointUrl('https://example.no/x?a=1', 'token URL')).toThrow(/query/);
  });
  it('knows loopback hosts', () => {
    expect(['localhost', 'LOCALHOST', '127.0.0.1', '127.3.2.1', '[::1]', '::1', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example.com', '10.0.0.1', '128.0.0.1', '127.0.0.1.nip.io', '[::2]', '[::ffff:10.0.0.1]'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses *.localhost over plain http: such names are resolved by DNS and may leave the machine (finding 4)', () => {
    for (const host of ['app.localhost', 'api.symetrisk.localhost', 'x.LOCALHOST']) {
      expect(isLoopbackHost(host)).toBe(false);
      expect(() => checkEndpointUrl(`http://${host}:4010/oauth2/token`, 'token URL')).toThrow(/must use https/);
    }
    expect(() => checkEndpointUrl('https://app.localhost/x', 'token URL')).not.toThrow();
  });
});

describe('profile slugs', () => {
  it('folds Norwegian letters and punctuation', () => {
    expect(slugify('Sparebanken Øst & Sør-Trøndelag')).toBe('sparebanken-ost-sor-trondelag');
    expect(slugify('Ærlig Bank')).toBe('aerlig-bank');
    expect(slugify('!!!')).toBe('profile');
  });
  it('adds a number when taken', () => {
    const taken = new Set(['demo', 'demo-2']);
    expect(uniqueSlug('Demo', (s) => taken.has(s))).toBe('demo-3');
  });
});
