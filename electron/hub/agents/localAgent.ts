import { spawn } from 'node:child_process';
import type { AgentTransport } from './transport';

export interface LocalAgentOptions {
  /** The agent bundle (dist/agent/mosdesk-agent.cjs, or the packaged app's copy). */
  bundlePath: string;
  /** The Node binary; in Electron this is Electron itself, run as plain Node. */
  nodePath: string;
  /** Receives the agent's stderr lines (its log). */
  onLog(line: string): void;
}

/** Starts the agent on this machine as a child process: "This computer" needs no SSH. */
export function spawnLocalAgent(opts: LocalAgentOptions): AgentTransport {
  const child = spawn(opts.nodePath, [opts.bundlePath, 'serve', '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const closeHandlers: ((reason: string) => void)[] = [];
  let closed = false;
  // The agent's last error explains a failed start ("Cannot find module …") better than a status.
  let lastLogLine = '';
  const fire = (reason: string): void => {
    if (closed) return;
    closed = true;
    for (const cb of closeHandlers) cb(reason);
  };
  child.on('error', (err) => fire(`could not start the agent: ${err.message}`));
  // 'close', not 'exit': it comes after stderr has been read to the end.
  child.on('close', (code, signal) => {
    if (signal) return fire(`the agent was killed by ${signal}`);
    fire(`the agent exited with status ${code ?? '?'}${code !== 0 && lastLogLine ? `: ${lastLogLine}` : ''}`);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      // Node's own "XxxError: …" line or the agent's own log, not the stack or "Node.js v20".
      if (/^([A-Za-z]*Error: |mosdesk-agent: )/.test(line)) lastLogLine = line.trim().slice(0, 200);
      opts.onLog(line);
    }
  });
  // A write after the child died must not crash the hub; 'exit' reports it.
  child.stdin.on('error', () => undefined);
  return {
    input: child.stdin,
    output: child.stdout,
    onClose: (cb) => closeHandlers.push(cb),
    close: () => {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
}
