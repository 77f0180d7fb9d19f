import type { IpcChannel, IpcContract } from '../contract';

// Mapped over the contract: a channel without a handler is a compile error.
export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcContract[C]['args']) => Promise<IpcContract[C]['result']> | IpcContract[C]['result'];
};
