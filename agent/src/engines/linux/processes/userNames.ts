import { readFileSync } from 'node:fs';
import { parsePasswd } from '../../../parsers/passwd';

/**
 * uid → user name from /etc/passwd, cached. A uid we have not seen makes us re-read the file
 * (a user added since), at most once per scan so a process of an unknown uid cannot make every
 * row re-read it. A uid the file does not know is shown as its number.
 *
 * Users that only NSS knows (LDAP, NIS, sssd) are not in /etc/passwd and show as numbers: Node
 * has no getpwuid(), and asking `getent` would cost a process per scan.
 */
export class UserNames {
  private names = new Map<number, string>();
  private reloadedThisScan = false;
  private complained = false;

  /** `onError` hears the first failure to read or parse the file (later ones would repeat it). */
  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly readPasswd: () => string = () => readFileSync('/etc/passwd', 'utf8'),
  ) {}

  /** Call at the start of each scan: allows one more re-read. */
  beginScan(): void {
    this.reloadedThisScan = false;
  }

  name(uid: number): string {
    const known = this.names.get(uid);
    if (known !== undefined) return known;
    if (!this.reloadedThisScan) this.reload();
    return this.names.get(uid) ?? String(uid);
  }

  private reload(): void {
    this.reloadedThisScan = true;
    try {
      this.names = parsePasswd(this.readPasswd());
    } catch (err) {
      // Keep the names we had; rows of unknown uids show numbers meanwhile.
      if (!this.complained) this.onError(err);
      this.complained = true;
    }
  }
}
