import { runCommand } from './commands';

// The only side effect of the CLI's entry point: run the command and turn its outcome into an exit code.
const exitCode = await runCommand(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  async readStdin() {
    if (process.stdin.isTTY) process.stderr.write('password: ');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
if (exitCode !== null) process.exitCode = exitCode;
