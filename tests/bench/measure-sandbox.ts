/**
 * Measures the sandbox at scale: `npx tsx tests/bench/measure-sandbox.ts [--borrowers 5000] [--concurrency 8]`.
 * Starts the CLI in a child process (so that the load generator does not share its CPU thread), then reports
 * the time to listen, and throughput and latency for the calls a sync makes. Numbers go to docs/sandbox.md.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './sandbox-process';

const { values } = parseArgs({
  options: { borrowers: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '8' } },
});
const borrowers = Number(values.borrowers);
const concurrency = Number(values.concurrency);

const t0 = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/sandbox/cli.ts'), '--port', '0', '--borrowers', String(borrowers)], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const banner = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c: string) => {
    out += c;
    if (out.includes('Ctrl-C')) resolve(out);
  });
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const readyMs = performance.now() - t0;
const origin = /listening on (http:\/\/[\d.:]+)/.exec(banner)![1]!;
const inProcessMs = Number(/started in (\d+) ms/.exec(banner)![1]);

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
function call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, agent, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const basic = Buffer.from('symetrisk-desk-demo:demo-secret-not-for-production').toString('base64');
const tok = JSON.parse(
  (await call('POST', '/oauth2/token', { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials')).body,
).access_token as string;
const auth = { Authorization: `Bearer ${tok}` };
const approved = JSON.parse((await call('GET', '/_control/org-nrs?state=access_approved', {})).body) as string[];

async function load(name: string, paths: string[]): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const s = performance.now();
        const r = await call('GET', path, auth);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        bytes += r.body.length;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number): string => latencies[Math.floor(p * (latencies.length - 1))]!.toFixed(1);
  return `| ${name} | ${paths.length} | ${Math.round(paths.length / secs)} | ${q(0.5)} | ${q(0.95)} | ${Math.round(bytes / paths.length / 1024)} |`;
}

const rows: string[] = [];
rows.push(await load('GET /ping', Array.from({ length: 3000 }, () => '/api/v1/ping')));
const pages = Math.ceil(borrowers / 100);
rows.push(await load('GET /relationship?limit=100 (all pages, x4)', Array.from({ length: pages * 4 }, (_, i) => `/api/v1/relationship?limit=100&skip=${(i % pages) * 100}`)));
rows.push(await load('GET /accounting-data/{orgNr} first read (lazy generation)', approved.map((o) => `/api/v1/accounting-data/${o}`)));
rows.push(await load('GET /accounting-data/{orgNr} again', approved.map((o) => `/api/v1/accounting-data/${o}`)));
rows.push(await load('GET /notifications/{orgNr}', approved.map((o) => `/api/v1/notifications/${o}`)));

console.log(`borrowers ${borrowers}, approved ${approved.length}, concurrency ${concurrency}, node ${process.version}`);
console.log(`startup: ${inProcessMs} ms in process (startSandbox), ${Math.round(readyMs)} ms from spawn to listening (incl. tsx)`);
console.log('| request | count | req/s | p50 ms | p95 ms | KiB/answer |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
agent.destroy();
child.kill('SIGTERM');
