import { describe, expect, it } from 'vitest';
import type { HubErrorCode } from '../../../../electron/api';
import { AgentCallError, HubError, toHubErrorData } from '../../../../electron/hub/errors';

const fromAgent: { name: string; agentCode: number; want: HubErrorCode }[] = [
  { name: 'invalid params as bad-request', agentCode: -32602, want: 'bad-request' },
  { name: 'unsupported as unavailable', agentCode: 1003, want: 'unavailable' },
  { name: 'not found as not-found', agentCode: 1004, want: 'not-found' },
  { name: 'permission denied as forbidden', agentCode: 1005, want: 'forbidden' },
  { name: 'agent timeout as timeout', agentCode: 1007, want: 'timeout' },
  { name: 'parse error as internal', agentCode: -32700, want: 'internal' },
  { name: 'method not found as internal', agentCode: -32601, want: 'internal' },
  { name: 'internal error as internal', agentCode: -32603, want: 'internal' },
  { name: 'not initialized as internal', agentCode: 1001, want: 'internal' },
  { name: 'command failed as internal', agentCode: 1006, want: 'internal' },
  { name: 'a code no agent sends as internal', agentCode: 424242, want: 'internal' },
];

describe('toHubErrorData', () => {
  it.each(fromAgent)('maps agent $name', ({ agentCode, want }) => {
    const message = `agent said ${agentCode}`;
    expect(toHubErrorData(new AgentCallError(agentCode, message, { extra: 1 }))).toEqual({ code: want, message });
  });

  it.each(['bad-request', 'forbidden', 'not-found', 'unavailable', 'timeout', 'internal'] as const)(
    'passes a HubError %s through with its message',
    (code) => {
      expect(toHubErrorData(new HubError(code, 'Node n1 is down.'))).toEqual({ code, message: 'Node n1 is down.' });
    },
  );

  it.each([
    { name: 'a plain Error', thrown: new Error('ENOENT /home/admin/.ssh/id_ed25519') },
    { name: 'a TypeError', thrown: new TypeError("Cannot read properties of undefined (reading 'x')") },
    { name: 'a thrown string', thrown: 'secret' },
    { name: 'undefined', thrown: undefined },
  ])('hides $name behind a generic internal error', ({ thrown }) => {
    const data = toHubErrorData(thrown);
    expect(data.code).toBe('internal');
    expect(data.message).toMatch(/log/);
    if (thrown instanceof Error) expect(data.message).not.toContain(thrown.message);
  });

  it('keeps nothing but code and message (no stack, no agent data)', () => {
    const data = toHubErrorData(new AgentCallError(1005, 'Permission denied.', { path: '/root' }));
    expect(Object.keys(data).sort()).toEqual(['code', 'message']);
  });
});
