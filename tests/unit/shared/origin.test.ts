import { describe, expect, it } from 'vitest';
import { originOf } from '../../../shared/origin';

describe('originOf', () => {
  it.each([
    ['app://desk/index.html#/portfolio', 'app://desk'],
    ['app://DESK/index.html', 'app://desk'],
    ['app://desk.evil/index.html', 'app://desk.evil'],
    ['app://user:pw@desk/', 'app://desk'],
    ['http://localhost:5173/#/x', 'http://localhost:5173'],
    ['HTTP://LOCALHOST:80/', 'http://localhost'],
    ['https://api.symetrisk.com:443/v1', 'https://api.symetrisk.com'],
  ])('%s is %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each(['file:///tmp/index.html', 'blob:app://desk/1234', 'data:text/html,x', 'about:blank', 'not a url', 'http://localhost:5173.evil.example/', ''])(
    '%s has none',
    (url) => {
      expect(originOf(url)).toBeNull();
    },
  );
});
