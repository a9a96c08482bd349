import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

type Json = Record<string, any>;

export interface Exchange {
  method: string;
  /** The path and query asked for. */
  url: string;
  requestBody?: unknown;
  status: number;
  headers: Headers;
  /** The body as received. */
  text: string;
}

/** Headers the API sets itself: present means documented, and documented as required means present. */
const OWN_HEADERS = ['etag', 'location', 'idempotent-replayed', 'www-authenticate', 'retry-after'];
const COMPONENTS = 'openapi-components';

/**
 * Checks real exchanges against the OpenAPI document: the status must be one the operation
 * declares, the content type one it declares for that status, the body valid against its schema,
 * the headers as declared; an accepted request's body must be one the document allows. Every
 * object schema is read as closed, so a field the document does not name is a mismatch too.
 */
export class OpenApiCheck {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly operations: { method: string; template: string; pattern: RegExp; params: number }[];
  /** The problem schema the document's operations answer with. */
  private readonly problem: Json | undefined;

  constructor(private readonly document: Json) {
    formats.default(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS, components: closed(document.components ?? {}) });
    this.operations = Object.entries(document.paths as Json).flatMap(([template, item]) =>
      Object.keys(item as Json).map((method) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      })),
    );
    this.problem = Object.values(document.paths as Json)
      .flatMap((item) => Object.values(item as Json))
      .flatMap((operation) => Object.values((operation as Json).responses as Json))
      .map((response) => (response as Json).content?.['application/problem+json']?.schema)
      .find(Boolean);
  }

  /** What does not agree with the document; empty when everything does. */
  mismatches(exchange: Exchange): string[] {
    const path = exchange.url.split('?')[0];
    const operation = this.operations
      .filter((candidate) => candidate.method === exchange.method && candidate.pattern.test(path))
      .sort((a, b) => a.params - b.params)[0];
    const type = (exchange.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!operation) {
      if (!path.startsWith('/api/v1/')) return []; // the pages and the document itself
      // No such operation: the API still answers with a problem.
      return this.validate(this.problem ?? {}, type, exchange.text, 'the answer')
        .concat(type === 'application/problem+json' ? [] : [`content type ${type}, not a problem`])
        .map((problem) => `${exchange.method} ${path} (no such operation): ${problem}`);
    }
    const where = `${exchange.method} ${operation.template} -> ${exchange.status}`;
    const definition = this.document.paths[operation.template][operation.method.toLowerCase()];
    const response = definition.responses[String(exchange.status)];
    if (!response) return [`${where}: the document declares no ${exchange.status} for this operation`];
    const problems: string[] = [];
    const content = (response.content ?? {}) as Json;
    if (Object.keys(content).length === 0) {
      if (exchange.text) problems.push(`a body, where the document declares none`);
    } else if (!content[type]) {
      problems.push(`content type "${type}", not one of ${Object.keys(content).join(', ')}`);
    } else {
      problems.push(...this.validate(content[type].schema ?? {}, type, exchange.text, 'the answer'));
    }
    problems.push(...this.headerMismatches((response.headers ?? {}) as Json, exchange.headers));
    if (exchange.status < 300 && exchange.requestBody !== undefined && definition.requestBody) {
      const requestSchema = definition.requestBody.content?.['application/json']?.schema;
      if (requestSchema)
        problems.push(
          ...this.validate(
            requestSchema,
            'application/json',
            JSON.stringify(exchange.requestBody),
            'the accepted request',
          ),
        );
    }
    return problems.map((problem) => `${where}: ${problem}`);
  }

  private headerMismatches(declared: Json, headers: Headers): string[] {
    const problems: string[] = [];
    const names = new Map(Object.keys(declared).map((name) => [name.toLowerCase(), name]));
    for (const [lower, name] of names) {
      const value = headers.get(lower);
      if (value === null) {
        if (declared[name].required) problems.push(`no ${name} header, which the document requires`);
        continue;
      }
      const schema = declared[name].schema ?? {};
      const errors = this.validator(schema);
      // A header is text; one the document types as a number must read as one.
      const typed =
        ['integer', 'number'].includes(schema.type) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      if (!errors(typed)) problems.push(`header ${name}: ${JSON.stringify(value)} ${describe(errors)}`);
    }
    for (const own of OWN_HEADERS)
      if (headers.has(own) && !names.has(own)) problems.push(`a ${own} header the document does not declare`);
    return problems;
  }

  private validate(schema: Json, type: string, text: string, what: string): string[] {
    let value: unknown = text;
    if (/[/+]json$/.test(type)) {
      try {
        value = JSON.parse(text);
      } catch {
        return [`${what} is not JSON: ${text.slice(0, 100)}`];
      }
    }
    const validate = this.validator(schema);
    return validate(value) ? [] : [`${what} ${describe(validate)}: ${JSON.stringify(value).slice(0, 300)}`];
  }

  private validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(pointRefsAtComponents(closed(schema)));
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function describe(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((error) => `${error.instancePath || '(root)'} ${error.message} ${JSON.stringify(error.params)}`)
    .join('; ');
}

/** Every object schema that names its properties admits no others, unless it says it does. */
function closed(value: unknown): any {
  if (Array.isArray(value)) return value.map(closed);
  if (!value || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, closed(inner)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

function pointRefsAtComponents(value: unknown): any {
  if (Array.isArray(value)) return value.map(pointRefsAtComponents);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? [key, `${COMPONENTS}${inner}`]
        : [key, pointRefsAtComponents(inner)],
    ),
  );
}
