import { describe, expect, it } from 'vitest';
import { formatOpReply, parseOpReply } from '../../../../agent/src/config/opReply';
import { RpcError, RpcErrorCode } from '../../../../agent/src/protocol/errors';

const none = () => 'no answer from sudo';

describe('parseOpReply', () => {
  it('gives the value of an ok reply, after any line sudo printed before it', () => {
    const text = `sudo: unable to resolve host node2\n${formatOpReply({ ok: true, value: { removed: true } })}`;
    expect(parseOpReply(text, none)).toEqual({ removed: true });
  });

  const failures = [
    {
      name: 'an error reply keeps its code',
      text: formatOpReply({ ok: false, error: { code: 1005, message: 'no' } }),
      code: RpcErrorCode.PermissionDenied,
      message: 'no',
    },
    {
      name: 'an unknown code becomes CommandFailed',
      text: '{"ok":false,"error":{"code":77,"message":"odd"}}',
      code: RpcErrorCode.CommandFailed,
      message: 'odd',
    },
    { name: 'no output at all', text: '', code: RpcErrorCode.CommandFailed, message: 'no answer from sudo' },
    {
      name: 'output that is not JSON',
      text: 'Password:',
      code: RpcErrorCode.CommandFailed,
      message: 'no answer from sudo',
    },
    {
      name: 'JSON of another shape',
      text: '{"ok":true}',
      code: RpcErrorCode.CommandFailed,
      message: 'no answer from sudo',
    },
  ];
  it.each(failures)('throws for $name', ({ text, code, message }) => {
    let thrown: unknown;
    try {
      parseOpReply(text, none);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RpcError);
    expect(thrown).toMatchObject({ code, message });
  });
});
