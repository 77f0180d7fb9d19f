// Registration with ipcMain: only the popover's own page is answered, and payloads are checked.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';

const registered = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => void registered.set(channel, handler),
    removeHandler: (channel: string) => void registered.delete(channel),
  },
}));

const { isOwnPage, registerIpcHandlers } = await import('../../electron/shell/ipc');
const { IPC_METHODS, channelOf } = await import('../../electron/contract');
type Handlers = Parameters<typeof registerIpcHandlers>[0];

const frame = (url: string, parent: object | null = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
const PAGE = 'file:///opt/Pulsebar/resources/app.asar/out/renderer/index.html';

function handlers(): Handlers {
  const answer = (value: unknown) => () => value;
  return Object.fromEntries(IPC_METHODS.map((m) => [m, answer(m === 'getSeries' ? [] : `${m} answered`)])) as unknown as Handlers;
}

describe('registerIpcHandlers', () => {
  it('answers the own page, refuses any other sender, and checks payloads', async () => {
    const unregister = registerIpcHandlers(handlers(), isOwnPage(PAGE));
    expect([...registered.keys()].sort()).toEqual(IPC_METHODS.map((m) => channelOf(m)).sort());
    const overview = registered.get('pulsebar:getOverview')!;
    expect(await overview(frame(PAGE))).toBe('getOverview answered');
    expect(() => overview(frame('https://evil.example/index.html'))).toThrow('Pulsebar refused getOverview from a page that is not its own.');
    expect(() => overview(frame(PAGE, {}))).toThrow(/not its own/); // an iframe inside the page
    await expect(registered.get('pulsebar:acknowledgeAlert')!(frame(PAGE), 'one')).rejects.toThrow('Pulsebar refused a malformed acknowledgeAlert request (argument 0)');
    unregister();
    expect(registered.size).toBe(0);
  });

  it('matches the dev server page by origin and path', () => {
    const own = isOwnPage('http://localhost:5173/');
    expect(own(frame('http://localhost:5173/'))).toBe(true);
    expect(own(frame('http://localhost:5174/'))).toBe(false);
    expect(own(frame('not a url'))).toBe(false);
    expect(own({ senderFrame: null } as unknown as IpcMainInvokeEvent)).toBe(false);
  });
});

describe('checkArgs', () => {
  it('keeps setApiKey options (a plain tuple would match the key alone and drop them)', async () => {
    const { checkArgs } = await import('../../electron/shell/ipc-schemas');
    expect(checkArgs('setApiKey', ['k3y-abcdefghijkl', { allowWeakProtection: true }])).toEqual(['k3y-abcdefghijkl', { allowWeakProtection: true }]);
    expect(checkArgs('setApiKey', ['k3y-abcdefghijkl'])).toEqual(['k3y-abcdefghijkl']);
    expect(() => checkArgs('setApiKey', ['k3y-abcdefghijkl', { sneaky: true }])).toThrow(/refused a malformed setApiKey request/);
  });
});
