/**
 * A real, throwaway PostgreSQL cluster for the team tests and the team bench (tests/bench/scenarios/team.ts): initdb into a temporary folder, the server on a free
 * loopback port (unix sockets in that folder), waited for with pg_isready, and stopped and removed by `stop()`.
 * Run as root (CI, this machine), initdb refuses to run, so every server command runs as the `postgres` system user
 * through runuser, in a folder that user owns; as a normal user they run directly.
 *
 * The cluster plays the bank's database server:
 *   - `postgres`, the superuser, reached only over the unix socket (trust; the folder is private): the DBA;
 *   - `desk_sync`, a login role that owns the team databases and runs `team sync` (password over TCP);
 *   - `desk_reader` and `desk_analyst`, the group roles the migrations grant reading and sharing versions to;
 *   - `kari_nordmann`, a login member of both (password over TCP): what a desktop's team connection uses (`reader`);
 *   - `ola_lesetilgang`, a login member of desk_reader alone: a read-only desk (`readOnly`).
 * fsync is off: the folder is thrown away, and a power loss is not what these tests are about (a killed client is).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Role {
  user: string;
  password: string;
}

export interface PgCluster {
  host: '127.0.0.1';
  port: number;
  /** The folder of the unix socket (the superuser's way in). */
  socketDir: string;
  writer: Role;
  /** A desktop's login: reads the team database and shares its analyst's versions (desk_reader and desk_analyst). */
  reader: Role;
  /** A read-only desktop's login (desk_reader only). */
  readOnly: Role;
  /** A new database owned by the writer role; returns its name. */
  createDatabase(prefix?: string): Promise<string>;
  /** postgres://user@127.0.0.1:port/db (no password: that goes in its own field). */
  url(database: string, role?: Role): string;
  /** A pg client config for a role (the writer by default) over TCP. */
  config(database: string, role?: Role): pg.ClientConfig;
  /** Runs SQL as the superuser in a database. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  /** Stops the server (fast shutdown: open sessions are ended), keeping the folder; `start()` brings it back. */
  pause(): void;
  start(): void;
  /** Stops the server and removes the folder. Safe to call twice. */
  stop(): void;
}

const MISSING =
  'PostgreSQL is not installed: the team tests need a real PostgreSQL server (Debian: apt-get install postgresql; .ci/run installs it). ' +
  'No initdb was found under /usr/lib/postgresql/*/bin or on the PATH.';

/** The server binaries: Debian's newest /usr/lib/postgresql/N/bin, else whatever pg_config names. */
export function findPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  throw new Error(MISSING);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pg-'));
  const data = path.join(root, 'data');
  const sockets = path.join(root, 'run');
  fs.mkdirSync(sockets);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const p of [root, sockets]) fs.chownSync(p, uid, gid);
  }
  fs.chmodSync(root, 0o700);
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: root });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };

  const writer: Role = { user: 'desk_sync', password: randomBytes(12).toString('hex') };
  const reader: Role = { user: 'kari_nordmann', password: randomBytes(12).toString('hex') };
  const readOnly: Role = { user: 'ola_lesetilgang', password: randomBytes(12).toString('hex') };
  let port = 0;
  let running = false;
  let removed = false;

  const start = () => {
    // pg_ctl -w returns once the server accepts connections (or failed); pg_isready below confirms it over TCP.
    run('pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    running = true;
    const ready = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-t', '30'], { encoding: 'utf8' });
    if (ready.status !== 0) throw new Error(`PostgreSQL did not accept connections on port ${port}: ${ready.stdout}${ready.stderr}`);
  };
  const pause = () => {
    if (!running) return;
    run('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', 'fast', 'stop']);
    running = false;
  };
  const stop = () => {
    try {
      pause();
    } finally {
      if (!removed) fs.rmSync(root, { recursive: true, force: true });
      removed = true;
    }
  };

  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    // A free port now may be taken by the time the server binds it: try a few.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        start();
        break;
      } catch (e) {
        if (attempt >= 2) throw e;
      }
    }
  } catch (e) {
    stop();
    throw e;
  }

  const superConfig = (database: string): pg.ClientConfig => ({ host: sockets, port, user: 'postgres', database });
  const admin = async <T extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []) => {
    const c = new pg.Client(superConfig(database));
    await c.connect();
    try {
      return await c.query<T>(sql, params);
    } finally {
      await c.end();
    }
  };
  try {
    // CREATE ROLE takes no bound parameters: the (random, hex) passwords go in as escaped literals.
    await admin('postgres', `CREATE ROLE desk_sync LOGIN PASSWORD ${pg.escapeLiteral(writer.password)}`);
    await admin('postgres', 'CREATE ROLE desk_reader NOLOGIN');
    await admin('postgres', 'CREATE ROLE desk_analyst NOLOGIN');
    await admin('postgres', `CREATE ROLE kari_nordmann LOGIN PASSWORD ${pg.escapeLiteral(reader.password)} IN ROLE desk_reader, desk_analyst`);
    await admin('postgres', `CREATE ROLE ola_lesetilgang LOGIN PASSWORD ${pg.escapeLiteral(readOnly.password)} IN ROLE desk_reader`);
  } catch (e) {
    stop();
    throw e;
  }

  let n = 0;
  return {
    host: '127.0.0.1',
    port,
    socketDir: sockets,
    writer,
    reader,
    readOnly,
    async createDatabase(prefix = 'team') {
      const name = `${prefix}_${process.pid}_${++n}`;
      await admin('postgres', `CREATE DATABASE ${name} OWNER desk_sync`);
      return name;
    },
    url: (database, role = writer) => `postgres://${role.user}@127.0.0.1:${port}/${database}`,
    config: (database, role = writer) => ({ host: '127.0.0.1', port, user: role.user, password: role.password, database }),
    admin,
    pause,
    start,
    stop,
  };
}
