/**
 * OpenSSH's host patterns (match.c): `*` matches any run of characters, `?` exactly one;
 * there are no character classes or escapes. Used by ssh_config `Host` lines and by
 * known_hosts host fields. Pure functions.
 */

/**
 * True when `text` matches the whole of `pattern`, as OpenSSH's match_pattern().
 * Iterative with one backtrack point, so a hostile pattern cannot make it exponential.
 */
export function matchPattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * OpenSSH's match_pattern_list(): `list` is comma-separated, each entry optionally negated
 * with `!`. Returns 'negated' when a negated entry matches (that wins over everything),
 * 'match' when a plain entry matches, 'none' otherwise. With `lower`, the patterns are
 * lowercased first (as match_hostname() does; the caller lowercases the text).
 */
export function matchPatternList(text: string, list: string, lower: boolean): 'match' | 'negated' | 'none' {
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    if (matchPattern(text, lower ? body.toLowerCase() : body)) {
      if (negated) return 'negated';
      positive = true;
    }
  }
  return positive ? 'match' : 'none';
}
