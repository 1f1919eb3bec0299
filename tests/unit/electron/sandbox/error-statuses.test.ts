import { describe, expect, it } from 'vitest';
import { Faults } from '../../../../electron/sandbox/faults';

describe('errorStatuses', () => {
  it('narrows injected errors to the listed statuses', () => {
    const f = new Faults(7, { errorRate: 0.5, errorStatuses: [503] });
    const statuses = new Set(Array.from({ length: 400 }, () => f.forApi().status).filter((s) => s !== null));
    expect([...statuses]).toEqual([503]);
  });

  it('keeps the even mix of 500, 502 and 503 by default', () => {
    const f = new Faults(7, { errorRate: 0.5 });
    const statuses = new Set(Array.from({ length: 400 }, () => f.forApi().status).filter((s) => s !== null));
    expect([...statuses].sort()).toEqual([500, 502, 503]);
  });

  it('refuses a status it cannot answer', () => {
    expect(() => new Faults(7, { errorStatuses: [418 as 503] })).toThrow();
  });
});
