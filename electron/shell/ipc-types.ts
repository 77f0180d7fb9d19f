import type { IpcMethod, IpcMethods } from '../contract';

// Mapped over the contract: a method without a handler is a compile error.
export type IpcHandlers = {
  [M in IpcMethod]: (...args: IpcMethods[M]['args']) => Promise<IpcMethods[M]['result']> | IpcMethods[M]['result'];
};
