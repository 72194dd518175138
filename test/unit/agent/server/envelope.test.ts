import { describe, expect, it } from 'vitest';
import { RpcError, RpcErrorCode } from '../../../../agent/src/protocol/errors';
import { parseEnvelope, salvageId } from '../../../../agent/src/server/envelope';

const ok = [
  {
    name: 'request with numeric id and params',
    input: { jsonrpc: '2.0', id: 7, method: 'hello', params: { protocolVersion: 1 } },
    want: { id: 7, method: 'hello', params: { protocolVersion: 1 } },
  },
  {
    name: 'request with string id',
    input: { jsonrpc: '2.0', id: 'req-1', method: 'ping' },
    want: { id: 'req-1', method: 'ping', params: undefined },
  },
  {
    name: 'request with id 0',
    input: { jsonrpc: '2.0', id: 0, method: 'ping', params: {} },
    want: { id: 0, method: 'ping', params: {} },
  },
  {
    name: 'request with a negative id',
    input: { jsonrpc: '2.0', id: -5, method: 'ping' },
    want: { id: -5, method: 'ping', params: undefined },
  },
  {
    name: 'request with the largest safe id',
    input: { jsonrpc: '2.0', id: Number.MAX_SAFE_INTEGER, method: 'ping' },
    want: { id: Number.MAX_SAFE_INTEGER, method: 'ping', params: undefined },
  },
  {
    name: 'request with a 128-character string id',
    input: { jsonrpc: '2.0', id: 'i'.repeat(128), method: 'ping' },
    want: { id: 'i'.repeat(128), method: 'ping', params: undefined },
  },
  {
    name: 'request with an empty string id',
    input: { jsonrpc: '2.0', id: '', method: 'ping' },
    want: { id: '', method: 'ping', params: undefined },
  },
  {
    name: 'notification without id',
    input: { jsonrpc: '2.0', method: 'ping', params: {} },
    want: { method: 'ping', params: {} },
  },
  {
    name: 'notification without params',
    input: { jsonrpc: '2.0', method: 'ping' },
    want: { method: 'ping', params: undefined },
  },
  {
    name: 'a method of 100 characters',
    input: { jsonrpc: '2.0', id: 1, method: 'm'.repeat(100) },
    want: { id: 1, method: 'm'.repeat(100), params: undefined },
  },
  {
    name: 'an unknown method (checked later, by dispatch)',
    input: { jsonrpc: '2.0', id: 1, method: 'rm -rf' },
    want: { id: 1, method: 'rm -rf', params: undefined },
  },
];

const bad = [
  { name: 'a batch array', input: [{ jsonrpc: '2.0', id: 1, method: 'ping' }], code: RpcErrorCode.InvalidRequest },
  { name: 'null', input: null, code: RpcErrorCode.InvalidRequest },
  { name: 'a number', input: 42, code: RpcErrorCode.InvalidRequest },
  { name: 'a string', input: 'ping', code: RpcErrorCode.InvalidRequest },
  { name: 'missing jsonrpc', input: { id: 1, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  { name: 'jsonrpc 1.0', input: { jsonrpc: '1.0', id: 1, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  { name: 'jsonrpc as a number', input: { jsonrpc: 2, id: 1, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  { name: 'missing method', input: { jsonrpc: '2.0', id: 1 }, code: RpcErrorCode.InvalidRequest },
  { name: 'empty method', input: { jsonrpc: '2.0', id: 1, method: '' }, code: RpcErrorCode.InvalidRequest },
  {
    name: 'method of 101 characters',
    input: { jsonrpc: '2.0', id: 1, method: 'm'.repeat(101) },
    code: RpcErrorCode.InvalidRequest,
  },
  { name: 'method as a number', input: { jsonrpc: '2.0', id: 1, method: 5 }, code: RpcErrorCode.InvalidRequest },
  {
    name: 'params as an array',
    input: { jsonrpc: '2.0', id: 1, method: 'hello', params: [1] },
    code: RpcErrorCode.InvalidParams,
  },
  {
    name: 'params as null',
    input: { jsonrpc: '2.0', id: 1, method: 'ping', params: null },
    code: RpcErrorCode.InvalidParams,
  },
  {
    name: 'params as a string',
    input: { jsonrpc: '2.0', id: 1, method: 'ping', params: 'x' },
    code: RpcErrorCode.InvalidParams,
  },
  { name: 'id null', input: { jsonrpc: '2.0', id: null, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  { name: 'fractional id', input: { jsonrpc: '2.0', id: 1.5, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  {
    name: 'unsafe integer id 2^53',
    input: { jsonrpc: '2.0', id: 2 ** 53, method: 'ping' },
    code: RpcErrorCode.InvalidRequest,
  },
  { name: 'huge id 1e300', input: { jsonrpc: '2.0', id: 1e300, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  {
    name: 'string id of 129 characters',
    input: { jsonrpc: '2.0', id: 'i'.repeat(129), method: 'ping' },
    code: RpcErrorCode.InvalidRequest,
  },
  { name: 'object id', input: { jsonrpc: '2.0', id: { n: 1 }, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
  { name: 'boolean id', input: { jsonrpc: '2.0', id: true, method: 'ping' }, code: RpcErrorCode.InvalidRequest },
];

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('parseEnvelope', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseEnvelope(input)).toEqual(want));

  it.each(bad)('rejects $name', ({ input, code }) => {
    const err = thrownBy(() => parseEnvelope(input));
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(code);
    expect((err as RpcError).message.length).toBeGreaterThan(0);
  });

  it('marks a notification by leaving id out, not by setting it undefined', () => {
    expect('id' in parseEnvelope({ jsonrpc: '2.0', method: 'ping' })).toBe(false);
  });

  it('parses the text a real hub sends', () => {
    const line = '{"jsonrpc":"2.0","id":3,"method":"subscribe","params":{"topic":"metrics","intervalMs":1000}}';
    expect(parseEnvelope(JSON.parse(line))).toEqual({
      id: 3,
      method: 'subscribe',
      params: { topic: 'metrics', intervalMs: 1000 },
    });
  });
});

const salvage = [
  { name: 'a numeric id', input: { id: 12, method: 5 }, want: 12 },
  { name: 'a string id', input: { jsonrpc: '1.0', id: 'abc' }, want: 'abc' },
  { name: 'a 128-character string id', input: { id: 's'.repeat(128) }, want: 's'.repeat(128) },
  { name: 'nothing from a 129-character string id', input: { id: 's'.repeat(129) }, want: null },
  { name: 'nothing from an unsafe integer', input: { id: 2 ** 53 + 2 }, want: null },
  { name: 'nothing from a fractional id', input: { id: 0.5 }, want: null },
  { name: 'nothing from NaN', input: { id: Number.NaN }, want: null },
  { name: 'nothing from a missing id', input: { method: 'ping' }, want: null },
  { name: 'nothing from id null', input: { id: null }, want: null },
  { name: 'nothing from an array', input: [{ id: 1 }], want: null },
  { name: 'nothing from a primitive', input: 'id', want: null },
  { name: 'nothing from null', input: null, want: null },
];

describe('salvageId', () => {
  it.each(salvage)('salvages $name', ({ input, want }) => expect(salvageId(input)).toBe(want));
});
