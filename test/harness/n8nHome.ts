/**
 * jest setupFiles: n8n-core writes its instance config under N8N_USER_FOLDER (else $HOME) the
 * first time it runs. Point it at a temporary folder so tests leave nothing behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'billpro-n8n-'));
