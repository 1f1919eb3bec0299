/**
 * `npm run sandbox -- --port 4010 --borrowers 200 --seed 7 [--omit-org-nr] [--shuffle] [--latency 25] ...`
 * Starts the sandbox, prints where it listens and the demo credentials, and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { CONTROL_ENDPOINTS, startSandbox, type FaultConfig, type SandboxOptions } from './index';

const HELP = `Symetrisk sandbox

  --port N                 port on 127.0.0.1 (default 4010; 0 = a free port)
  --borrowers N            relationships of the demo bank (default 40)
  --seed N                 data and fault seed (default 7)
  --now ISO                sandbox clock start (default: the real time)
  --token-ttl S            token lifetime in seconds (default 3600)
  --omit-org-nr            relationship items exactly as the public document (no orgNr; the default)
  --org-nr                 relationship items with orgNr, as a later API version may (opt-in)
  --shuffle                list order shuffled (seeded) instead of newest first
  --latency MS             delay of every API and token response
  --jitter MS              plus random(0..MS)
  --error-rate R           share of API requests answered 500/502/503
  --rate-limit N:B:S       of every N requests the last B answered 429, Retry-After S seconds
  --retry-after-date       Retry-After as an HTTP date instead of seconds
  --malformed-rate R       share of 200 bodies that are not JSON
  --truncated-rate R       share of 200 bodies cut off mid-way
  --slow-body MS           every API body dribbled out over MS
  --drop-rate R            share of API requests whose connection is dropped
  --early-expiry-rate R    share of requests whose valid token is answered 401 as expired
  --page-drift             an item is added at the head of a listing before its second page
  --fault-seed N           seed of the fault decisions (default --seed)
  --help`;

function num(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${raw}`);
  return n;
}

export function parseCli(argv: string[]): SandboxOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      borrowers: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'token-ttl': { type: 'string' },
      'omit-org-nr': { type: 'boolean' },
      'org-nr': { type: 'boolean' },
      shuffle: { type: 'boolean' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'error-rate': { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after-date': { type: 'boolean' },
      'malformed-rate': { type: 'string' },
      'truncated-rate': { type: 'string' },
      'slow-body': { type: 'string' },
      'drop-rate': { type: 'string' },
      'early-expiry-rate': { type: 'string' },
      'page-drift': { type: 'boolean' },
      'fault-seed': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const faults: FaultConfig = {};
  const set = <K extends keyof FaultConfig>(key: K, value: FaultConfig[K] | undefined): void => {
    if (value !== undefined) faults[key] = value;
  };
  set('latencyMs', num('latency', values.latency));
  set('jitterMs', num('jitter', values.jitter));
  set('errorRate', num('error-rate', values['error-rate']));
  set('malformedRate', num('malformed-rate', values['malformed-rate']));
  set('truncatedRate', num('truncated-rate', values['truncated-rate']));
  set('slowBodyMs', num('slow-body', values['slow-body']));
  set('dropRate', num('drop-rate', values['drop-rate']));
  set('earlyTokenExpiryRate', num('early-expiry-rate', values['early-expiry-rate']));
  set('seed', num('fault-seed', values['fault-seed']));
  if (values['page-drift']) faults.pageDrift = true;
  if (values['rate-limit']) {
    const [everyNth, burst, retryAfterSeconds] = values['rate-limit'].split(':').map(Number);
    if (![everyNth, burst, retryAfterSeconds].every((n) => Number.isInteger(n))) {
      throw new Error('--rate-limit needs N:B:S, e.g. 20:3:2');
    }
    faults.rateLimit = {
      everyNth: everyNth!,
      burst: burst!,
      retryAfterSeconds: retryAfterSeconds!,
      asHttpDate: values['retry-after-date'] === true,
    };
  }
  let now: Date | undefined;
  if (values['org-nr'] && values['omit-org-nr']) throw new Error('--org-nr and --omit-org-nr contradict each other');
  if (values.now) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new Error(`--now needs an ISO date, got ${values.now}`);
  }
  return {
    help: values.help === true,
    port: num('port', values.port) ?? 4010,
    borrowers: num('borrowers', values.borrowers),
    seed: num('seed', values.seed),
    now,
    tokenTtlSeconds: num('token-ttl', values['token-ttl']),
    omitOrgNr: values['omit-org-nr'] === true,
    ...(values['org-nr'] ? { relationshipOrgNr: true } : {}),
    shuffle: values.shuffle === true,
    faults,
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(HELP);
    process.exit(2);
  }
  if (opts.help) {
    console.log(HELP);
    return;
  }
  const started = performance.now();
  const sb = await startSandbox(opts);
  const ms = Math.round(performance.now() - started);
  const faults = sb.control.getFaults();
  console.log(`Symetrisk sandbox listening on ${sb.origin} (started in ${ms} ms)
  token URL     ${sb.tokenUrl}
  API base URL  ${sb.apiBaseUrl}
  client id     ${sb.clientId}
  client secret ${sb.clientSecret}
  borrowers     ${sb.control.orgNrs().length}   seed ${opts.seed ?? 7}   clock ${sb.control.now().toISOString()}
  faults        ${Object.keys(faults).length > 0 ? JSON.stringify(faults) : 'none'}
  control API   ${sb.controlUrl}
${CONTROL_ENDPOINTS.map((e) => `    ${e}`).join('\n')}
Ctrl-C to stop.`);
  const stop = (): void => {
    void sb.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run only as a script (tests import parseCli).
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts')) {
  void main();
}
