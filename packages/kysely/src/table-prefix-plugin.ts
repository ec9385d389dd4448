import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';
import { ALLOT_TABLES } from './database';

class PrefixTransformer extends OperationNodeTransformer {
  private readonly tables: ReadonlySet<string> = new Set(ALLOT_TABLES);

  constructor(private readonly prefix: string) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const transformed = super.transformTable(node);
    const name = transformed.table.identifier.name;
    if (transformed.table.schema || !this.tables.has(name)) return transformed;
    return {
      ...transformed,
      table: {
        ...transformed.table,
        identifier: { ...transformed.table.identifier, name: `${this.prefix}${name}` },
      },
    };
  }
}

/**
 * Prepends a prefix to every Allot table name (`members` → `allot_members`), in table positions
 * and in column references qualified by a table. Other names (aliases, `excluded`) are left alone,
 * so queries must not alias a table with an Allot table's name.
 *
 * @example
 * ```ts
 * const db = new Kysely<AllotDatabase>({ dialect }).withPlugin(new TablePrefixPlugin('allot_'));
 * db.selectFrom('members').selectAll(); // select * from "allot_members"
 * ```
 */
export class TablePrefixPlugin implements KyselyPlugin {
  private readonly transformer: PrefixTransformer;

  /** @param prefix Prepended to each Allot table name; letters, digits and underscores. */
  constructor(prefix: string) {
    this.transformer = new PrefixTransformer(prefix);
  }

  /** Rewrites the query's Allot table names with the prefix (kysely calls it before compiling). */
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  /** Returns the result unchanged: only table names in queries carry the prefix. */
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
