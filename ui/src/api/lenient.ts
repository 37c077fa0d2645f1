// Reads an answer of the service against the contract's schema the way a page that may meet a
// slightly older or newer service should: a field the schema gives a `default` (one a view
// merely displays) falls back to it when it is absent or in a form this page does not know; an
// optional field in such a form is left out; a required field without a default (one the page
// acts on) must be right, or the whole answer is refused. Fields the schema does not name are
// dropped. Everything else is the schema library's own check.

import type { Static, TSchema } from 'typebox';
import { Check } from 'typebox/value';

/** The JSON Schema keywords this reader walks; TypeBox's schemas are plain JSON Schema. */
interface Walked {
  properties?: Readonly<Record<string, TSchema>>;
  required?: readonly string[];
  anyOf?: readonly TSchema[];
}

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** the value as the schema reads it, or undefined when it cannot be read */
function read(schema: TSchema, value: unknown): { value: unknown } | undefined {
  const walked = schema as Walked;
  if (walked.properties) return readObject(walked.properties, new Set(walked.required), value);
  if (walked.anyOf) {
    for (const member of walked.anyOf) {
      const got = read(member, value);
      if (got) return got;
    }
    return undefined;
  }
  return Check(schema, value) ? { value } : undefined;
}

function readObject(properties: Readonly<Record<string, TSchema>>, required: ReadonlySet<string>, value: unknown): { value: Fields } | undefined {
  if (!isRecord(value)) return undefined;
  const fields: Fields = {};
  for (const [key, schema] of Object.entries(properties)) {
    const got = Object.hasOwn(value, key) ? read(schema, value[key]) : undefined;
    if (got) fields[key] = got.value;
    else if ('default' in schema) fields[key] = structuredClone(schema.default);
    else if (required.has(key)) return undefined;
  }
  return { value: fields };
}

/** `value` as the schema's type, defaults filled in, or null when a field the page acts on is missing or wrong. */
export function readAs<S extends TSchema>(schema: S, value: unknown): Static<S> | null {
  const got = read(schema, value);
  return got ? (got.value as Static<S>) : null;
}
