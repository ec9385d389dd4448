import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/** Each entry point of each package: `@allot/core`, `@allot/core/port`, … and its source file. */
function entryPoints(): { name: string; file: string }[] {
  return readdirSync(join(root, 'packages'))
    .sort()
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
        name: string;
        exports: Record<string, string | { '@allot/source'?: string }>;
      };
      return Object.entries(manifest.exports).flatMap(([subpath, target]) => {
        const source = typeof target === 'object' ? target['@allot/source'] : undefined;
        return source
          ? [{ name: join(manifest.name, subpath), file: join(root, 'packages', dir, source) }]
          : [];
      });
    });
}

/**
 * Every public export of every package entry point (`@allot/core`, `@allot/core/port`, …) that
 * lacks a TSDoc description or an `@example`, as `<entry> <name>: <what is missing>`; `[]` when
 * all are documented.
 */
export function undocumentedExports(): string[] {
  const configPath = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configPath);
  const entries = entryPoints();
  const program = ts.createProgram({ rootNames: entries.map((e) => e.file), options: parsed.options });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const { name, file } of entries) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) {
      missing.push(`${name}: no ${file}`);
      continue;
    }
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const example = symbol.getJsDocTags(checker).some((tag) => tag.name === 'example');
      const gaps = [description ? '' : 'description', example ? '' : '@example'].filter(Boolean);
      if (gaps.length > 0) missing.push(`${name} ${exported.name}: no ${gaps.join(', no ')}`);
    }
  }
  return missing;
}
