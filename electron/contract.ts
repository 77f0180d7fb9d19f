// The one typed IPC contract between main, preload and renderer. Every method listed here
// must have a handler in main (see shell/ipc.ts) and a bridge in preload; the renderer
// reaches main only through `window.pulsebar`, typed by `PulsebarApi`.

export interface AppInfo {
  name: string;
  version: string;
}

export interface IpcContract {
  'app:info': { args: []; result: AppInfo };
}

export type IpcChannel = keyof IpcContract;

export type PulsebarApi = {
  [C in IpcChannel as ApiName<C>]: (...args: IpcContract[C]['args']) => Promise<IpcContract[C]['result']>;
};

// 'app:info' -> 'appInfo'
type ApiName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : C;

export const IPC_CHANNELS: readonly IpcChannel[] = ['app:info'];

export function apiNameOf(channel: IpcChannel): keyof PulsebarApi {
  const [scope, name] = channel.split(':') as [string, string];
  return `${scope}${name.charAt(0).toUpperCase()}${name.slice(1)}` as keyof PulsebarApi;
}
