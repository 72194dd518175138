/**
 * The length of the longest prefix of `bytes[0, length)` that does not end inside a UTF-8
 * character. A read cut at a size limit can split a character; decoding that prefix would show
 * a "\ufffd" that is not in the file (ps, which reads further, shows the character).
 * Bytes that are not valid UTF-8 anyway are left for the decoder to mark.
 */
export function wholeCharacterPrefix(bytes: Uint8Array, length: number): number {
  let lead = length - 1;
  while (lead >= 0 && length - lead < 4 && isContinuation(bytes[lead] as number)) lead--;
  if (lead < 0) return length;
  return length - lead < sequenceLength(bytes[lead] as number) ? lead : length;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** How many bytes the character starting with `lead` has; 1 for bytes that cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead < 0xc2) return 1; // ASCII, a stray continuation, or an overlong 0xc0/0xc1
  if (lead < 0xe0) return 2;
  if (lead < 0xf0) return 3;
  if (lead < 0xf5) return 4;
  return 1;
}
