/** Small shared pieces of the /etc/mosix line formats: fields, numbers, addresses, host names. */

/** Quotes the start of a text for a message, so a huge line cannot flood a log. */
export function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** True for a blank line or a line whose first non-space character is `#`. */
export function isBlankOrComment(text: string): boolean {
  return /^\s*(#|$)/.test(text);
}

/** The fields of a line, a trailing `# comment` cut off (MOSIX may not allow one there; harmless to read). */
export function fieldsOf(text: string): string[] {
  return text
    .replace(/(^|\s)#[\s\S]*$/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** The trailing comment of a line with its leading space, kept when the line is rewritten. */
export function trailingComment(text: string): string {
  return /\s+#.*$/.exec(text.replace(/^\s*#.*$/, ''))?.[0] ?? '';
}

/** A whole number, possibly negative (ranges are checked by validation, so the line stays an entry). */
export function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^[-+]?\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

/** A decimal number such as 0.3, 6 or -1. */
export function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

/** A dotted-quad IPv4 address as a number, or undefined. Leading zeros are refused (octal to inet_aton). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export const LAST_IPV4 = 0xffff_ffff;

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;

/** Why a map field is not an IPv4 address or host name, or undefined when it is one. */
export function hostProblem(host: string): string | undefined {
  if (host.includes(':'))
    return `${quote(host)} looks like an IPv6 address; MOSIX maps take IPv4 addresses and host names`;
  if (/^[\d.]+$/.test(host))
    return parseIPv4(host) === undefined
      ? `${quote(host)} is not an IPv4 address (four numbers 0-255, no leading zeros)`
      : undefined;
  return HOST_NAME.test(host) ? undefined : `${quote(host)} is neither an IPv4 address nor a host name`;
}

/** True when the host is written as a name (so it must resolve on the node). */
export function isHostName(host: string): boolean {
  return parseIPv4(host) === undefined;
}

/** MOSIX node numbers and priorities are 16-bit. */
export const MAX_NODES = 65_535;
export const MAX_PRIORITY = 65_535;
