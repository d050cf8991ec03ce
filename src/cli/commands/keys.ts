import { Command } from 'commander';
import { withDeps } from '../context.ts';

const keysRotate = new Command('rotate')
  .description('Make a new Ed25519 key sign credentials from now on; older keys stay published, so what they signed still verifies')
  .action(async () => {
    const { rotateSigningKey } = await import('../../server/credentials/signing-keys.ts');
    const { kid, retired } = await withDeps('keys rotate', (deps) => rotateSigningKey(deps));
    console.log(`New signing key ${kid} is current.${retired ? ` Key ${retired} is retired and stays published.` : ''}`);
  });

const keysList = new Command('list')
  .description('List the credential signing keys (current first)')
  .action(async () => {
    const { publishedKeys } = await import('../../server/credentials/signing-keys.ts');
    const keys = await withDeps('keys list', (deps) => publishedKeys(deps.db));
    if (keys.length === 0) console.log('No signing key yet: one is made when the first credential is issued.');
    for (const k of keys) console.log(`${k.kid}  ${k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : 'current'}  created ${k.createdAt.toISOString()}`);
  });

export const keysCommand = new Command('keys').description('Keys that sign Open Badges credentials').addCommand(keysRotate).addCommand(keysList);
