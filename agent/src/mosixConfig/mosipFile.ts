import { type LineFormat } from './document';
import { fieldsOf, isBlankOrComment, parseIPv4, quote } from './fields';

/**
 * mosip: this node's MOSIX address, for a node with several (third-party installers write it
 * with `echo <ip> > /etc/mosix/mosip`). One IPv4 address; comments and blank lines are
 * tolerated here although MOSIX's own reader is not documented.
 */
export const mosipFormat: LineFormat<string> = {
  kinds: ['address'],
  kindOf: () => 'address',
  keyOf: () => 'address',
  format: (a) => a,
  parse: (text) => {
    if (isBlankOrComment(text)) return null;
    const fields = fieldsOf(text);
    const [address = ''] = fields;
    if (fields.length > 1 || parseIPv4(address) === undefined)
      return { problem: `${quote(fields.join(' '))} is not one IPv4 address such as 10.0.0.1` };
    return { entry: address };
  },
};
