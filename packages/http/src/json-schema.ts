import { z } from 'zod';

/**
 * A JSON Schema (draft 2020-12) object, as OpenAPI 3.1 embeds it.
 *
 * @example
 * ```ts
 * const document = createOpenApiDocument();
 * const overview: JsonSchema | undefined = document.components.schemas.Overview;
 * ```
 */
export type JsonSchema = { [key: string]: unknown };

function isEmptySchema(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

/**
 * Removes what zod writes that has no place inside an OpenAPI document (`$schema`, `$id`) and
 * drops the match-anything branch a JS-only type (`Date`) leaves in an `anyOf`.
 */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonSchema = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === 'anyOf' && Array.isArray(inner)) {
      const kept = inner.filter((branch) => !isEmptySchema(branch));
      out[key] = tidy(kept.length > 0 ? kept : inner);
      continue;
    }
    out[key] = tidy(inner);
  }
  return out;
}

/** One zod schema as JSON Schema: `input` for what clients send, `output` for what they get. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return tidy(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' })) as JsonSchema;
}

/** Named schemas converted together, each nested named one as a `$ref` to `#/components/schemas/<name>`. */
export function toJsonSchemaComponents(named: Record<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return tidy(schemas) as Record<string, JsonSchema>;
}
