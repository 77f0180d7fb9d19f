import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The core, the simulator and the CLI must run in plain Node; the lint rule is what keeps them so.
describe('the electron import boundary', () => {
  const eslint = new ESLint();
  const messagesFor = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  it.each(['electron/core/anything.ts', 'electron/sim/server.ts', 'electron/cli.ts'])('forbids electron in %s', async (file) => {
    expect(await messagesFor(file, "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
  });

  it('forbids the core reaching into the shell', async () => {
    expect(await messagesFor('electron/core/x.ts', "import { registerIpcHandlers } from '../shell/ipc';\nexport const r = registerIpcHandlers;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('allows electron in the shell', async () => {
    expect(await messagesFor('electron/shell/tray.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
