/** `npm run cli -- ...`: the headless CLI (see run.ts and commands/index.ts). */
import { visibleControls } from '../../shared/safe-text';
import { restrictUmask } from '../services/data-dir';
import { runCli } from './run';

// Before anything is written: every file and folder of the data folder private to the user.
restrictUmask();

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${visibleControls(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 1;
  },
);
