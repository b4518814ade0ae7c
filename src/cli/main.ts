import { Command, CommanderError } from 'commander';
import { isWiretraceError } from '../core/errors.js';
import { registerIngest } from './commands/ingest.js';
import { registerBrowse } from './commands/browse.js';
import { registerLinks } from './commands/links.js';
import { registerStories } from './commands/stories.js';
import { registerQuotes } from './commands/quotes.js';
import { registerEval } from './commands/eval.js';
import { registerServe } from './commands/serve.js';
import { registerExport } from './commands/export.js';
import { registerReport } from './commands/report.js';
import { registerDistributed } from './commands/distributed.js';
import { ExitCode, UsageError } from './exit.js';
import { unexpectedErrorLine } from './unexpected.js';
import { escapeControls } from '../ingest/sanitize.js';

/** Errors that mean the command named something wrong: exit 2. */
const USAGE_CODES: ReadonlySet<string> = new Set(['NOT_FOUND', 'BAD_USAGE', 'AMBIGUOUS']);

export function buildProgram(): Command {
  const program = new Command('wiretrace')
    .description('Where did this story come from, where did it go, and how did it change on the way?')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerIngest(program);
  registerBrowse(program);
  registerLinks(program);
  registerStories(program);
  registerQuotes(program);
  registerEval(program);
  registerExport(program);
  registerReport(program);
  registerServe(program);
  registerDistributed(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `wiretrace ... | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    const code: unknown = program.getOptionValue('exitCode');
    return typeof code === 'number' ? code : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`wiretrace: ${escapeControls(error.message)}\n`);
      return ExitCode.usage;
    }
    if (isWiretraceError(error)) {
      process.stderr.write(`wiretrace: ${escapeControls(error.message)} [${error.code}]\n`);
      return USAGE_CODES.has(error.code) ? ExitCode.usage : ExitCode.failure;
    }
    process.stderr.write(unexpectedErrorLine(error));
    return ExitCode.failure;
  }
}
