import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder. Computed from this module's place, two levels down (src/server), which is also where the
 * prebuilt server bundle lives (dist/server), so the answer is the same whether the server runs from the TypeScript
 * sources or from the bundle.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
