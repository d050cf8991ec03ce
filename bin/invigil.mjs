#!/usr/bin/env node
// Runs the CLI from the prebuilt server bundle (dist/server, rebuilt first when a source is newer), or from the
// TypeScript sources through tsx's loader when it cannot be built or INVIGIL_FROM_SOURCE=1 asks for that.
const bundle = process.env.INVIGIL_FROM_SOURCE === '1' ? null : await (await import('../scripts/server-bundle.mjs')).serverBundle();
if (bundle) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
