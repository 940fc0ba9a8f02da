// The worker of ./release-pool.ts when the server runs from its TypeScript sources (tests, tsx):
// Node's worker threads do not all take tsx's loader from execArgv, so the module is loaded
// through tsx's API. The built server runs release-worker.js directly.
import { tsImport } from 'tsx/esm/api';

export default tsImport('./release-worker.ts', import.meta.url).then((module) => module.default);
