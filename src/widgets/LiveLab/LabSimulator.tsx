/**
 * The simulator shown in the live lab's place when the lab cannot run (unsupported browser,
 * StackBlitz blocked or offline, timeout, error). Same controls; every figure comes from the
 * chain model in src/sim (via lab-scenario.ts), which lab/lab.test.mjs checks against the real
 * HTTP chain, so it shows what the live lab would have shown.
 */
import { useMemo } from 'preact/hooks';
import { modelExchange, predictedChainInfo } from '../../runtime/webcontainer/lab-scenario';
import { ExchangeView } from './ExchangeView';
import { LabControls } from './LabControls';
import { toChainConfig, toForged, type LabControlsState } from './lab-state';
import { proxyHopsHref } from './proxy-hops-link';

export interface LabSimulatorProps {
  state: LabControlsState;
  onChange: (next: LabControlsState) => void;
}

export function LabSimulator({ state, onChange }: LabSimulatorProps) {
  const config = toChainConfig(state);
  const chain = useMemo(() => predictedChainInfo(config), [state.hops]);
  const exchange = useMemo(
    () => modelExchange(config, toForged(state), chain),
    [state.hops, state.x_for, state.mode, state.xff, state.xfp, chain],
  );
  return (
    <div class="lab-simulator">
      <LabControls idPrefix="lab-sim" state={state} onChange={onChange} />
      <div class="lab-result">
        <ExchangeView
          exchange={exchange}
          chain={chain}
          title="Simulated request (updates as you change the controls)"
        />
      </div>
      <p class="lab-more">
        <a href={proxyHopsHref(state)}>Open this chain in chapter 4’s hop-by-hop simulator</a> to
        change any proxy setting, the Host header or Gunicorn’s version.
      </p>
    </div>
  );
}
