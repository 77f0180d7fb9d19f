/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { PulsebarApi } from '../../electron/contract';

declare global {
  interface Window {
    pulsebar: PulsebarApi;
  }
}
