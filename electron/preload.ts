// Runs in the sandboxed preload: it may use only `electron` (contextBridge, ipcRenderer) and the
// contract. It exposes one object, window.sbc, whose methods each invoke one named channel;
// ipcRenderer itself never reaches the page. Bundled to CommonJS (zod included) by scripts/build.ts
// because a sandboxed preload can be neither an ES module nor require other packages.
import { contextBridge, ipcRenderer } from 'electron';
import { buildSbcApi } from './api/build-api.ts';

contextBridge.exposeInMainWorld(
  'sbc',
  buildSbcApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
