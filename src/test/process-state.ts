/**
 * Runs before every server test file. Those files share one module graph per worker
 * (`isolate: false` in vitest.config.ts: the app's modules load once per worker instead of
 * once per file, which was most of the suite's time), so the process-wide settings a file may
 * change (`runServer` sets both) go back to what a fresh process has.
 */
import { loadConfig } from '../config';
import { setAuditKey } from '../services/audit-keystore';
import { setEvidenceDir } from '../services/reports';

// A fresh process: the key from the environment's configuration, loaded when first needed,
// and no witness file.
setAuditKey(loadConfig(), { witnessDir: null });
setEvidenceDir(null);
