/** Runs one host-files job (host-files.ts) in a worker thread and posts back its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { runHostFilesJob, type HostFilesJob } from './host-files.ts';

parentPort!.postMessage(await runHostFilesJob(workerData as HostFilesJob));
