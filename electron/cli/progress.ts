/**
 * Sync progress on the command line: a single redrawn bar on a terminal, plain lines otherwise (log files, cron
 * mails), where a line is written only when the phase changes or every 10 % so the output stays readable.
 */
import type { SyncProgress } from '../../shared/contract/dto';
import { visibleControls } from '../../shared/safe-text';
import type { CliIO } from './io';

export interface ProgressView {
  update(p: SyncProgress): void;
  /** Leaves the terminal on a fresh line before the summary. */
  end(): void;
}

export function barLine(p: SyncProgress, width: number): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const stats = `${p.requests} req, ${p.retries} retries${p.errors ? `, ${p.errors} errors` : ''}`;
  const head = `${p.phase.padEnd(13)} ${String(p.done).padStart(5)}/${String(p.total).padEnd(5)}`;
  const tail = `${Math.round(frac * 100)}% ${p.currentOrgNr ?? ''} ${stats}`;
  const barWidth = Math.max(10, Math.min(40, width - head.length - tail.length - 6));
  const filled = Math.round(frac * barWidth);
  // Only the bar's own \r and erase sequence may reach the terminal (createProgressView writes them).
  return visibleControls(`${head} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${tail}`).slice(0, Math.max(20, width - 1));
}

export function createProgressView(io: CliIO): ProgressView {
  const tty = io.stderr.isTTY === true;
  let lastPhase = '';
  let lastDecile = -1;
  let drawn = false;
  return {
    update(p) {
      if (tty) {
        io.stderr.write(`\r\u001b[2K${barLine(p, io.stderr.columns ?? 100)}`);
        drawn = true;
        return;
      }
      const decile = p.total > 0 ? Math.floor((p.done / p.total) * 10) : 0;
      if (p.phase !== lastPhase || decile !== lastDecile) {
        lastPhase = p.phase;
        lastDecile = decile;
        io.stdout.write(visibleControls(`${p.phase} ${p.done}/${p.total} requests=${p.requests} retries=${p.retries} errors=${p.errors}`) + '\n');
      }
    },
    end() {
      if (tty && drawn) io.stderr.write('\n');
    },
  };
}
