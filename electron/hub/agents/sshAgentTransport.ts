import type { ClientChannel } from 'ssh2';
import type { SshLink } from '../ssh/sshLink';
import type { AgentTransport } from './transport';

/** Runs a fixed command on the node over the link and gives its stdio as an agent pipe. */
export function execAgent(link: SshLink, command: string, onLog: (line: string) => void): Promise<AgentTransport> {
  return new Promise((resolve, reject) => {
    link.client.exec(command, (err, channel) => (err ? reject(err) : resolve(transportOf(link, channel, onLog))));
  });
}

function transportOf(link: SshLink, channel: ClientChannel, onLog: (line: string) => void): AgentTransport {
  const handlers: ((reason: string) => void)[] = [];
  let closed = false;
  let lastLogLine = '';
  let exit: { code?: number; signal?: string } = {};
  const fire = (reason: string): void => {
    if (closed) return;
    closed = true;
    for (const cb of handlers) cb(reason);
  };
  channel.stderr.setEncoding('utf8');
  channel.stderr.on('data', (text: string) => {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      if (/^([A-Za-z]*Error: |mosdesk-agent: |sh: |bash: )/.test(line)) lastLogLine = line.trim().slice(0, 200);
      onLog(line);
    }
  });
  channel.on('exit', (code: number | null, signal?: string) => {
    exit = { ...(typeof code === 'number' ? { code } : {}), ...(signal ? { signal } : {}) };
  });
  channel.on('close', () => {
    if (exit.signal) return fire(`the agent was killed by SIG${exit.signal}`);
    if (exit.code !== undefined) {
      return fire(
        `the agent exited with status ${exit.code}${exit.code !== 0 && lastLogLine ? `: ${lastLogLine}` : ''}`,
      );
    }
    fire('the agent went away');
  });
  // A write after the channel died must not crash the hub; 'close' reports it.
  channel.on('error', () => undefined);
  link.onClose((reason) => fire(reason));
  return {
    input: channel,
    output: channel,
    onClose: (cb) => handlers.push(cb),
    // Only the channel: the caller decides whether the SSH connection goes too.
    close: () => channel.close(),
  };
}
