import { describe, expect, it } from 'vitest';
import { hostsError } from '../../../../../renderer/src/features/clusters/hostsField';

describe('hostsError', () => {
  const refused = [
    { name: 'an empty box', text: '' },
    { name: 'only spaces and lines', text: '  \n\t \n' },
  ];
  const sent = [
    { name: 'one host', text: 'node1' },
    { name: 'a range with a user and port', text: ' root@10.0.0.11-10.0.0.18:2222 \n' },
    { name: 'text the hub will refuse (it checks the syntax)', text: 'node9-node2' },
  ];
  it.each(refused)('asks for a host in $name', ({ text }) => expect(hostsError(text)).toBe('List at least one host.'));
  it.each(sent)('lets $name through', ({ text }) => expect(hostsError(text)).toBeUndefined());
});
