import { Buffer } from 'node:buffer';
import { CanonicalJsonError, canonicalJson } from './index.js';

describe('canonicalJson (RFC 8785)', () => {
  test('section 3.2.3: properties are sorted by UTF-16 code units, including non-ASCII keys', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`) as Record<string, string>;
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test('section 3.2.2: the sample object serialises exactly as in the RFC', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(input)).toBe(expected);
  });

  test.each([
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [-0, '0'],
    [Number('333333333.33333329'), '333333333.3333333'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-1.5, '-1.5'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ])('number %p is serialised as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  test('the literal 1E-7 in JSON text is serialised as 1e-7', () => {
    expect(canonicalJson(JSON.parse('[1E-7, 1E21, -0]'))).toBe('[1e-7,1e+21,0]');
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation.
  test.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('Appendix B: 0x%s is serialised as %s', (bits, text) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(text);
  });

  test.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'Appendix B: 0x%s (NaN or Infinity) is rejected',
    (bits) => {
      expect(() => canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toThrow(CanonicalJsonError);
    },
  );

  test('string escapes: short forms, lowercase \\u00XX for other controls, everything else literal', () => {
    const value = '"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028é😀';
    expect(canonicalJson(value)).toBe(String.raw`"\"\\/\b\f\n\r\t\u0000\u001f` + '\u007f\u2028é😀"');
  });

  test('nested structures are sorted at every level and contain no whitespace', () => {
    const value = { b: [{ z: 1, a: { y: null, x: [true] } }], a: 'x', B: {}, '': [] };
    expect(canonicalJson(value)).toBe('{"":[],"B":{},"a":"x","b":[{"a":{"x":[true],"y":null},"z":1}]}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  test.each([
    ['undefined', undefined, /undefined/],
    ['a property whose value is undefined', { a: 1, b: undefined }, /\$\["b"\]: undefined/],
    ['undefined inside an array', [1, undefined], /\$\[1\]: undefined/],
    ['a sparse array hole', [1, , 3], /\$\[1\]: undefined/], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }, /\$\["f"\]: function/],
    ['a symbol', Symbol('s'), /symbol/],
    ['a BigInt', { n: 10n }, /\$\["n"\]: bigint/],
    ['NaN', [NaN], /NaN is not a JSON number/],
    ['Infinity', { x: Infinity }, /Infinity is not a JSON number/],
    ['-Infinity', -Infinity, /-Infinity is not a JSON number/],
    ['a Date', { at: new Date(0) }, /Date is not a plain object/],
    ['a Buffer', Buffer.from('x'), /Buffer is not a plain object/],
    ['a Map', new Map(), /Map is not a plain object/],
    ['a lone high surrogate', 'a\ud800b', /lone surrogate/],
    ['a lone low surrogate in a key', { '\udc00': 1 }, /lone surrogate/],
    ['a symbol-keyed property', { [Symbol('k')]: 1 }, /symbol-keyed/],
  ])('rejects %s', (_label, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  test('rejects cycles but allows the same object twice', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = [cyclic];
    expect(() => canonicalJson(cyclic)).toThrow(/circular reference/);
  });
});
