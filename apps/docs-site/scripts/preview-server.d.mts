import type { Server } from 'node:http';

export declare const siteRoot: string;
export interface PreviewServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}
export declare function startPreviewServer(options?: { root?: string; port?: number; host?: string; isolated?: boolean; log?: (line: string) => void }): Promise<PreviewServer>;
