// RFC 8785 (JSON Canonicalization Scheme): section 3.2.2 serialisation of primitives and
// section 3.2.3 sorting of object properties, over I-JSON (RFC 7493) input.
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Canonical JSON text of a JSON value: null, booleans, finite numbers, strings, arrays and plain
 * objects. Throws CanonicalJsonError (naming the offending path) for anything else, including
 * undefined (also as a property value), functions, symbols, BigInt, NaN and the infinities,
 * strings with lone surrogates, class instances such as Date or Buffer, and cycles.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a JSON number`);
      // ECMAScript Number::toString, which RFC 8785 section 3.2.2.3 adopts; it also maps -0 to "0".
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} cannot be represented in JSON`);
  }
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path}: string contains a lone surrogate`);
  // With no lone surrogates, JSON.stringify escapes exactly as RFC 8785 section 3.2.2.2 requires.
  return JSON.stringify(value);
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path}: circular reference`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(serialize(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new CanonicalJsonError(`${path}: ${kind} is not a plain object; convert it to JSON data first`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new CanonicalJsonError(`${path}: symbol-keyed properties cannot be represented in JSON`);
    }
    const record = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units (section 3.2.3).
    const keys = Object.keys(record).sort();
    const members = keys.map((key) => {
      const memberPath = `${path}[${JSON.stringify(key)}]`;
      return `${serializeString(key, memberPath)}:${serialize(record[key], memberPath, ancestors)}`;
    });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
