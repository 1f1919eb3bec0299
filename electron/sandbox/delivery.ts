/**
 * How the local servers (the Symetrisk sandbox and the registry sandbox) put an answer on the wire: the body faults
 * of the shared fault machinery (malformed, truncated, a slow drip) and its latency, with the timers they wait on
 * kept so that close() cancels every pending answer.
 */
import type { ServerResponse } from 'node:http';
import type { Faults, RequestFaults } from './faults';

/** An answer as the servers build it: status, body text and headers (Content-Length is set on writing). */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export class Delivery {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `malformedBodies`: what a malformed answer of this server looks like (one is drawn by the fault's variant). */
  constructor(
    private readonly faults: Faults,
    private readonly malformedBodies: readonly string[],
  ) {}

  /** Cancels pending delayed answers (close()). */
  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Runs `fn` after `ms` (at once for 0), on a timer close() cancels. */
  later(ms: number, fn: () => void): void {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Applies the body faults (malformed, truncated, slow) and the latency to a reply, then writes it. */
  deliver(res: ServerResponse, reply: Reply, f: RequestFaults): void {
    let out = reply;
    if (reply.status === 200 && f.malformed) {
      this.faults.count('malformed');
      const bodies = this.malformedBodies;
      out = { ...reply, body: bodies[Math.min(bodies.length - 1, Math.floor(f.variant * bodies.length))]! };
    } else if (reply.status === 200 && f.truncated && reply.body.length > 1) {
      this.faults.count('truncated');
      const cut = Math.max(1, Math.min(reply.body.length - 1, Math.floor(reply.body.length * (0.2 + 0.6 * f.variant))));
      out = { ...reply, body: reply.body.slice(0, cut) };
    }
    if (f.latencyMs > 0) this.faults.count('latency');
    this.later(f.latencyMs, () => {
      if (f.slowBodyMs > 0) {
        this.faults.count('slowBody');
        this.writeSlowly(res, out, f.slowBodyMs);
      } else this.write(res, out);
    });
  }

  /** Writes a reply whole, with its length (nothing once the client has gone). */
  write(res: ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const buf = Buffer.from(reply.body, 'utf8');
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(buf.length) });
    res.end(buf);
  }

  /** Writes a reply in up to eight parts spread over `totalMs`, the headers (and full length) first. */
  private writeSlowly(res: ServerResponse, reply: Reply, totalMs: number): void {
    if (res.destroyed) return;
    const buf = Buffer.from(reply.body, 'utf8');
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(buf.length) });
    const parts = Math.max(1, Math.min(8, buf.length));
    const size = Math.ceil(buf.length / parts);
    let i = 0;
    const step = (): void => {
      if (res.destroyed) return;
      const chunk = buf.subarray(i * size, (i + 1) * size);
      i++;
      if (i >= parts) res.end(chunk);
      else {
        res.write(chunk);
        this.later(totalMs / parts, step);
      }
    };
    step();
  }
}
