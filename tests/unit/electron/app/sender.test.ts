import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../electron/app/sender';

const allowed = ['app://desk'];

describe('isTrustedSender', () => {
  it('accepts the app page in the top frame of an app window', () => {
    expect(isTrustedSender({ frameUrl: 'app://desk/index.html#/portfolio', isMainFrame: true, isAppWindow: true }, allowed)).toBe(true);
  });
  it.each([
    ['another origin', { frameUrl: 'https://evil.example/', isMainFrame: true, isAppWindow: true }],
    ['a look-alike host', { frameUrl: 'app://desk.evil/index.html', isMainFrame: true, isAppWindow: true }],
    ['a file URL', { frameUrl: 'file:///tmp/index.html', isMainFrame: true, isAppWindow: true }],
    ['an iframe', { frameUrl: 'app://desk/index.html', isMainFrame: false, isAppWindow: true }],
    ['a foreign web contents', { frameUrl: 'app://desk/index.html', isMainFrame: true, isAppWindow: false }],
    ['a destroyed frame', { frameUrl: null, isMainFrame: true, isAppWindow: true }],
    ['garbage', { frameUrl: 'not a url', isMainFrame: true, isAppWindow: true }],
  ])('refuses %s', (_name, sender) => {
    expect(isTrustedSender(sender, allowed)).toBe(false);
  });
});
