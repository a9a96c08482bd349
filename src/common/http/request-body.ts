import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * How deep a request body may nest objects and arrays. The deepest request this API takes is
 * three levels (a body, its list of evidence, one link); recursive walkers (class-transformer,
 * JSON.stringify) overflow the stack somewhere past a thousand.
 */
export const MAX_NESTING = 32;

/** The largest body a request may carry: the longest request this API takes is a few kB. */
export const BODY_LIMIT = '100kb';

/** A body refused before it is parsed; the body parser passes it on with its status and type. */
class BodyRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const [QUOTE, BACKSLASH, COMMA] = [0x22, 0x5c, 0x2c];
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [0x7b, 0x7d, 0x5b, 0x5d];

/**
 * Where a JSON text nests objects and arrays deeper than `max`, measured on its bytes before
 * anything parses or walks it: the top-level field it happens under (`title`, `[3]`), '' for the
 * body itself, or undefined when it stays within `max`. In UTF-8 the bytes of `"`, `\`, `[`,
 * `]`, `{`, `}` and `,` never occur inside another character.
 */
export function tooDeepAt(json: Uint8Array, max: number): string | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastTopString: [number, number] | undefined;
  let topIsArray = false;
  let topIndex = 0;
  let topField = '';
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (depth === 1) lastTopString = [stringStart, i + 1];
      }
      continue;
    }
    if (byte === QUOTE) {
      inString = true;
      stringStart = i;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth === 0) topIsArray = byte === OPEN_ARRAY;
      // Inside the top-level object, the last string before a nested value is its key.
      if (depth === 1) topField = topIsArray ? `[${topIndex}]` : keyAt(json, lastTopString);
      if (++depth > max) return depth === 1 ? '' : topField;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    } else if (byte === COMMA && depth === 1) {
      topIndex++;
    }
  }
  return undefined;
}

function keyAt(json: Uint8Array, span: [number, number] | undefined): string {
  if (!span) return '';
  try {
    return String(JSON.parse(Buffer.from(json.subarray(span[0], span[1])).toString('utf8')));
  } catch {
    return '';
  }
}

function refuseHostileJson(_: IncomingMessage, __: ServerResponse, body: Buffer, charset: string): void {
  // RFC 8259 §8.1: JSON exchanged between systems is UTF-8.
  if (!/^utf-?8$/i.test(charset))
    throw new BodyRefused(`unsupported charset "${charset.toUpperCase()}"`, 415, 'charset.unsupported');
  const field = tooDeepAt(body, MAX_NESTING);
  if (field !== undefined)
    throw new BodyRefused(`The body nests deeper than ${MAX_NESTING} levels`, 400, 'entity.too.deep', field);
}

/**
 * JSON and form bodies, each limited in size and in nesting before anything walks them: JSON by
 * a scan of its bytes ahead of JSON.parse, forms by the query-string parser's own depth limit
 * (its depth counts the brackets after a field's name, one fewer than the levels they make).
 */
export function useBodyParsers(app: NestExpressApplication): void {
  // `verify` is Nest's to set only when the application keeps raw bodies, which this one does not.
  const json = { limit: BODY_LIMIT, verify: refuseHostileJson };
  const urlencoded = { extended: true, limit: BODY_LIMIT, depth: MAX_NESTING - 1 };
  app.useBodyParser('json', json);
  app.useBodyParser('urlencoded', urlencoded);
}

/** The problem for each way a body parser refuses a body, by the `type` it gives the refusal. */
export const BODY_REFUSALS: Record<string, { code: string; detail: string }> = {
  'entity.parse.failed': { code: 'body.not-json', detail: 'The body is not valid JSON' },
  'entity.too.large': {
    code: 'body.too-large',
    detail: `The body is larger than the ${BODY_LIMIT} a request may carry`,
  },
  'entity.too.deep': {
    code: 'body.too-deep',
    detail: `The body nests objects and arrays more than ${MAX_NESTING} levels deep`,
  },
  'querystring.parse.rangeError': {
    code: 'body.too-deep',
    detail: `The form nests its fields more than ${MAX_NESTING} levels deep`,
  },
  'parameters.too.many': { code: 'body.too-many-fields', detail: 'The form has more than 1000 fields' },
  'charset.unsupported': {
    code: 'body.charset-unsupported',
    detail: 'JSON and form bodies must be sent in UTF-8',
  },
  'encoding.unsupported': {
    code: 'body.encoding-unsupported',
    detail: 'The body must be sent with no Content-Encoding, or gzip, deflate or br',
  },
  'request.size.invalid': {
    code: 'body.length-mismatch',
    detail: 'The body is not as long as its Content-Length says',
  },
  'stream.encoding.set': { code: 'body.unreadable', detail: 'The body could not be read' },
};
