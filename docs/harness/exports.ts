import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/**
 * Every public export of every package (what its `src/index.ts` exports) that lacks a TSDoc
 * description or an `@example`, as `@allot/<package> <name>: <what is missing>`; `[]` when all
 * are documented.
 */
export function undocumentedExports(): string[] {
  const configPath = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configPath);
  const packages = readdirSync(join(root, 'packages')).sort();
  const entries = packages.map((p) => join(root, 'packages', p, 'src', 'index.ts'));
  const program = ts.createProgram({ rootNames: entries, options: parsed.options });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  packages.forEach((name, i) => {
    const source = program.getSourceFile(entries[i] as string);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) {
      missing.push(`@allot/${name}: no src/index.ts`);
      return;
    }
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const example = symbol.getJsDocTags(checker).some((tag) => tag.name === 'example');
      const gaps = [description ? '' : 'description', example ? '' : '@example'].filter(Boolean);
      if (gaps.length > 0) missing.push(`@allot/${name} ${exported.name}: no ${gaps.join(', no ')}`);
    }
  });
  return missing;
}
