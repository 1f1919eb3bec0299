/**
 * The cache-writer worker: a thread with its own connection to one profile's cache file, which commits the sync's
 * batches (cache-writer.ts sends them) so that the inserts, the content hashes and the commits of a large sync
 * never hold up the event loop that reads the API's answers (and, in the app, answers the window).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { applyWrite, commitBatch, writeTarget, type CacheWrite } from './cache-writes';
import { toWireError, type WriterData, type WriterReply, type WriterRequest } from './cache-writer-protocol';

const port = parentPort;
if (!port) throw new Error('cache-writer-worker.ts runs as a worker thread, started by cache-writer.ts');
const { file } = workerData as WriterData;
// Migrations are a no-op here (the main thread opened and migrated the file first); a foreign file is refused.
const target = writeTarget(openDatabase(file));

port.on('message', (msg: WriterRequest) => {
  if (msg.type === 'close') {
    target.db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    const results = commitBatch(target.db, msg.writes, (w: CacheWrite) => applyWrite(target, w));
    reply = { type: 'committed', id: msg.id, results: results.map((r) => (r.ok ? r : { ok: false, error: toWireError(r.error) })) };
  } catch (error) {
    reply = { type: 'failed', id: msg.id, error: toWireError(error) };
  }
  port.postMessage(reply);
});
