import { Command, CommanderError } from 'commander';
import { AppError } from '../core/shared/app-error.ts';
import { auditCommand, demoCommand, migrateCommand, tokenCommand, userCommand } from './commands/data-commands.ts';
import { serveCommand } from './commands/serve.ts';
import { qtiCommand } from './commands/qti.ts';
import { keysCommand } from './commands/keys.ts';
import { UsageError } from './context.ts';

const program = new Command('invigil')
  .description('Invigil: online-proctored certification exams. Configured by environment (PORT, HOST, DATABASE_URL, INVIGIL_DATA_DIR, SMTP_URL, PUBLIC_URL).')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');
for (const c of [serveCommand, migrateCommand, userCommand, tokenCommand, auditCommand, demoCommand, qtiCommand, keysCommand]) program.addCommand(c);
program.commands.forEach(function exitOverride(c: Command) {
  c.exitOverride();
  c.commands.forEach(exitOverride);
});
program.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  if (err instanceof UsageError || err instanceof AppError || (err instanceof Error && err.name === 'DataDirBusyError') || (err instanceof Error && err.message.startsWith('Invalid configuration'))) {
    console.error(`invigil: ${(err as Error).message}`);
    process.exit(2);
  }
  console.error('invigil: failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
