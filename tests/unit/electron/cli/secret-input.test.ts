import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../../electron/cli/io';
import { promptHidden, readSecretFromStdin, refuseSecretArgument } from '../../../../electron/cli/secret-input';

function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode(r: boolean) { stdin.raw.push(r); } });
  let shown = '';
  const stderr = new Writable({ write(c, _e, cb) { shown += String(c); cb(); } });
  const io: CliIO = { stdin, stdout: new PassThrough(), stderr };
  return { io, stdin, shown: () => shown };
}

describe('secret input', () => {
  it('prompts without echo, handles backspace, and restores the terminal', async () => {
    const t = fakeTerminal();
    const p = promptHidden(t.io, 'Secret: ');
    t.stdin.write('ab\u007fc');
    t.stdin.write('d\r');
    expect(await p).toBe('acd');
    expect(t.shown()).toBe('Secret: \n');
    expect(t.stdin.raw).toEqual([true, false]);
  });

  it('Ctrl-C cancels the prompt', async () => {
    const t = fakeTerminal();
    const p = promptHidden(t.io, 'Secret: ');
    t.stdin.write('ab\u0003');
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(t.stdin.raw).toEqual([true, false]);
  });

  it('reads stdin to the end, dropping one trailing newline only', async () => {
    const stdin = new PassThrough();
    stdin.end(' spaced secret \n');
    expect(await readSecretFromStdin({ stdin, stdout: new PassThrough(), stderr: new PassThrough() })).toBe(' spaced secret ');
    const empty = new PassThrough();
    empty.end('');
    await expect(readSecretFromStdin({ stdin: empty, stdout: new PassThrough(), stderr: new PassThrough() })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses secret flags but not words after --', () => {
    expect(() => refuseSecretArgument(['profiles', 'add', '--secret=x'])).toThrow(/never taken from the command line/);
    expect(() => refuseSecretArgument(['follow', '--', '--secret'])).not.toThrow();
    expect(() => refuseSecretArgument(['profiles', 'add', '--secret-stdin'])).not.toThrow();
  });
});
