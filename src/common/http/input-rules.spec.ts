import { isMoment, parseWholeNumber } from './formats.js';
import { inputProblems, textProblem } from './input-rules.js';
import { tooDeepAt } from './request-body.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('the nesting of a JSON body, measured before it is parsed', () => {
  it('names the top-level field under which a body nests too deep', () => {
    expect(tooDeepAt(bytes(`{"title":"x","evidence":${'['.repeat(40)}${']'.repeat(40)}}`), 32)).toBe(
      'evidence',
    );
    expect(tooDeepAt(bytes(`[1,{"a":${'{"b":'.repeat(40)}1${'}'.repeat(40)}}]`), 32)).toBe('[1]');
    expect(tooDeepAt(bytes(`{"ti\\"tle":${'['.repeat(40)}${']'.repeat(40)}}`), 32)).toBe('ti"tle');
  });

  it('lets a body exactly as deep as the limit through', () => {
    expect(tooDeepAt(bytes(`${'['.repeat(32)}${']'.repeat(32)}`), 32)).toBeUndefined();
    expect(tooDeepAt(bytes(`${'['.repeat(33)}${']'.repeat(33)}`), 32)).toBe('[0]');
  });

  it('does not count brackets inside strings, escaped quotes and all', () => {
    const text = `{"title":"${'['.repeat(100)}\\"${'{'.repeat(100)}","emoji":"😀[","back":"\\\\"}`;
    expect(tooDeepAt(bytes(text), 32)).toBeUndefined();
    expect(JSON.parse(text).back).toBe('\\');
  });
});

describe('the one rule for text', () => {
  it.each([
    ['a\u0000b', 'must not contain the NUL character (U+0000)'],
    ['\ud800', 'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF)'],
    ['x\udc00', 'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF)'],
    ['\ud83d\ude00 a pair is one character', undefined],
    ['Forum met; 42 organisations attended.', undefined],
  ])('judges %j', (text, problem) => {
    expect(textProblem(text)).toBe(problem);
  });

  it('finds every string that breaks it, and every prototype key, naming the field', () => {
    const body = JSON.parse('{"a":"ok","evidence":[{"title":"\\u0000"},{"__proto__":1}],"constructor":{}}');
    expect(inputProblems(body).map((problem) => problem.field)).toEqual([
      'evidence[0].title',
      'evidence[1].__proto__',
      'constructor',
    ]);
  });
});

describe('moments', () => {
  it.each([
    '2024-06-30',
    '2024-02-29',
    '2024-06-30T12:00Z',
    '2024-06-30T23:59:59.123456+14:00',
    '2024-06-30T00:00-12:00',
  ])('takes %s', (value) => expect(isMoment(value)).toBe(true));
  it.each([
    '2025-02-30',
    '2023-02-29',
    '0000-01-01',
    '2024-06-30T24:00Z',
    '2024-06-30T12:60Z',
    '2024-06-30T12:00:60Z',
    '2024-06-30T12:00+14:01',
    '9999-12-31T23:59:59-23:59',
    '9999-12-31T23:59:59-14:00',
    '2024-06-30T12:00',
    '2024-06-30T12:00:00.1234567Z',
  ])('refuses %s', (value) => expect(isMoment(value)).toBe(false));
});

describe('whole numbers', () => {
  it('reads plain digits exactly, past 2^53, up to what bigint holds', () => {
    expect(parseWholeNumber('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(parseWholeNumber('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
    expect(parseWholeNumber('9223372036854775808')).toBeUndefined();
    expect(parseWholeNumber('1000', 999n)).toBeUndefined();
  });
  it.each(['1e3', '+1', '-1', '0x10', '1.0', ' 1', '', '١٢٣'])('refuses %j', (value) =>
    expect(parseWholeNumber(value)).toBeUndefined(),
  );
});
