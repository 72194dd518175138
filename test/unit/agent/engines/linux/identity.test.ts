import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { orderAddresses } from '../../../../../agent/src/engines/linux/identity';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/64`,
  scopeid: 0,
});

const cases = [
  {
    name: "this test machine's interfaces",
    input: {
      lo: [v4('127.0.0.1', true), v6('::1', true)],
      eth0: [v6('fd00::2'), v4('192.0.2.2'), v6('fe80::fc:ff:fe00:1')],
    },
    want: ['192.0.2.2', 'fd00::2', 'fe80::fc:ff:fe00:1'],
  },
  {
    name: 'IPv4 of every interface before any IPv6',
    input: { eth0: [v6('2001:db8::10'), v4('10.0.0.5')], eth1: [v6('2001:db8:1::10'), v4('10.1.0.5')] },
    want: ['10.0.0.5', '10.1.0.5', '2001:db8::10', '2001:db8:1::10'],
  },
  {
    name: "Node 18.0-18.3's numeric families",
    input: {
      eth0: [
        { ...v6('fd00::7'), family: 6 },
        { ...v4('10.0.0.7'), family: 4 },
      ] as unknown as NetworkInterfaceInfo[],
    },
    want: ['10.0.0.7', 'fd00::7'],
  },
  {
    name: 'an address on two interfaces (a bond) listed once',
    input: { bond0: [v4('10.0.0.9')], 'bond0.2': [v4('10.0.0.9')] },
    want: ['10.0.0.9'],
  },
  { name: 'loopback only', input: { lo: [v4('127.0.0.1', true)] }, want: [] },
  { name: 'no interfaces', input: {}, want: [] },
];

describe('orderAddresses', () => {
  it.each(cases)('orders $name', ({ input, want }) => expect(orderAddresses(input)).toEqual(want));
});
