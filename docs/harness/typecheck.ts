import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/**
 * Type-checks files with the workspace's compiler options (`tsconfig.base.json`: strict, the
 * `@allot/source` condition, so snippets check against the packages' source) and returns one
 * readable line per error; `[]` when they all check.
 */
export function typecheck(files: readonly string[]): string[] {
  const configPath = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configPath);
  const program = ts.createProgram({ rootNames: [...files], options: parsed.options });
  const wanted = new Set(files.map((f) => ts.sys.resolvePath(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || wanted.has(ts.sys.resolvePath(d.file.fileName)))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return message;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${relative(root, d.file.fileName)}:${line + 1}:${character + 1} ${message}`;
    });
}
