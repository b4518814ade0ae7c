import { createError } from '../core/errors.js';
import { escapeControls } from '../ingest/sanitize.js';
import { packageRoot } from './package-root.js';

/**
 * The one line the CLI prints for an error nobody expected: the catalog's INTERNAL code and the
 * error's first line, never a stack trace, with the install folder's path replaced. The full stack
 * is printed only when WIRETRACE_DEBUG is set.
 */
export function unexpectedErrorLine(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (env.WIRETRACE_DEBUG && error instanceof Error && error.stack) return `wiretrace: ${error.stack}\n`;
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = raw.split('\n', 1)[0]!.slice(0, 300);
  const internal = createError('INTERNAL', hideInstallPath(firstLine));
  return `wiretrace: ${escapeControls(internal.message)} [${internal.code}] (set WIRETRACE_DEBUG=1 for details)\n`;
}

function hideInstallPath(text: string): string {
  let root: string;
  try {
    root = packageRoot();
  } catch (error) {
    void error; // no package root to hide
    return text;
  }
  return text.split(root).join('<wiretrace>').replace(/file:\/\/\S+/g, '<file>');
}
