/**
 * The live lab's adapter interface and the data it exchanges with the page. One interface, two
 * implementations: the real one on WebContainer (webcontainer-adapter.ts) and an in-memory
 * fake (fake-adapter.ts) for unit and browser tests. See docs/adr/0004.
 */
import type { RequestView } from '../../sim/proxy/proxy-fix';

export const LAB_PROXY_KINDS = ['cloudfront', 'alb', 'nginx'] as const;
export type LabProxyKind = (typeof LAB_PROXY_KINDS)[number];

export const LAB_PROXY_LABELS: Readonly<Record<LabProxyKind, string>> = {
  cloudfront: 'CloudFront',
  alb: 'AWS ALB',
  nginx: 'nginx',
};

/** The editable chain: 1–3 proxies in order from the client, and ProxyFix's x_for. */
export interface LabChainConfig {
  readonly hops: readonly LabProxyKind[];
  readonly x_for: number;
}

/** Header values an attacking client makes up (each sent only when non-empty). */
export interface LabForged {
  readonly xff: string;
  readonly xfp: string;
  readonly xfh: string;
}

export type LabHeaderLine = readonly [name: string, value: string];

/** What one proxy received and forwarded (written by the proxy itself). */
export interface LabHopLog {
  readonly name: string;
  readonly kind: LabProxyKind;
  readonly port: number;
  readonly peer: string;
  readonly received: readonly LabHeaderLine[];
  readonly sent: readonly LabHeaderLine[];
}

/** What the app server received, built and derived. */
export interface LabAppReport {
  readonly port: number;
  readonly peer: string;
  readonly received: readonly LabHeaderLine[];
  readonly environ: Readonly<Record<string, string>>;
  readonly fixedEnviron: Readonly<Record<string, string>>;
  readonly view: RequestView;
}

/** One request through the chain: what the client sent and what came back. */
export interface LabExchange {
  readonly status: number;
  readonly sent: readonly LabHeaderLine[];
  readonly hops: readonly LabHopLog[];
  /** Null when the app did not answer (an error from a proxy or the app). */
  readonly app: LabAppReport | null;
  readonly error: string | null;
}

/** The running chain as the lab reports it. */
export interface LabChainInfo {
  readonly entryPort: number;
  readonly appPort: number;
  readonly hops: readonly {
    readonly kind: LabProxyKind;
    readonly port: number;
    readonly connectsFrom: string;
  }[];
  readonly clientAddress: string;
  /** False when every hop connects from 127.0.0.1 (the system has only that loopback address). */
  readonly distinctAddresses: boolean;
}

/** The lab project mounted into the container (WebContainer's FileSystemTree, files only). */
export type LabFileTree = Readonly<
  Record<string, { readonly file: { readonly contents: string } }>
>;

export type BootStep = 'loading-api' | 'booting' | 'mounting' | 'starting-chain';

export const BOOT_STEP_LABELS: Readonly<Record<BootStep, string>> = {
  'loading-api': 'Loading the WebContainer API',
  booting: 'Booting WebContainer (this contacts StackBlitz’s servers)',
  mounting: 'Mounting the lab project',
  'starting-chain': 'Starting the proxies and the app',
};

/** A booted lab: start (or restart) the chain, send requests, shut down. */
export interface LabSession {
  startChain(config: LabChainConfig): Promise<LabChainInfo>;
  send(forged: LabForged | null): Promise<LabExchange>;
  dispose(): void;
}

export interface LabAdapter {
  readonly kind: 'webcontainer' | 'fake';
  /** Boot, mount `files`, and return a session; reports progress through `onStep`. */
  boot(files: LabFileTree, onStep: (step: BootStep) => void): Promise<LabSession>;
}
