/**
 * The ProxyFix inputs (the widget's main control): wrap or not, the five x_* counts and the
 * Werkzeug release whose list parsing applies.
 */
import type { ProxyFixSettings } from '../../sim/proxy/hops';
import { PROXY_FIX_ARGS, WERKZEUG_VERSIONS, type WerkzeugVersion } from '../../sim/proxy/proxy-fix';
import { MAX_COUNT } from '../../sim/proxy/scenario-state';
import { PROXY_FIX_DOC } from './ProxyHopsOutcome';
import { ProxyHopsCheckbox } from './ProxyHopsCheckbox';
import { ProxyHopsSelect } from './ProxyHopsSelect';

export interface ProxyHopsFixSettingsProps {
  idPrefix: string;
  settings: ProxyFixSettings;
  onChange: (settings: ProxyFixSettings) => void;
}

export function ProxyHopsFixSettings(props: ProxyHopsFixSettingsProps) {
  const { idPrefix, settings } = props;
  return (
    <fieldset class="ph-settings">
      <legend>
        <a href={PROXY_FIX_DOC}>ProxyFix</a> settings
      </legend>
      <ProxyHopsCheckbox
        id={`${idPrefix}-pf-enabled`}
        label="Wrap the app in ProxyFix"
        checked={settings.enabled}
        onChange={(enabled) => {
          props.onChange({ ...settings, enabled });
        }}
      />
      <div class="ph-counts">
        {PROXY_FIX_ARGS.map((arg) => (
          <div class="ph-field ph-count" key={arg}>
            <label for={`${idPrefix}-pf-${arg}`}>
              <code>{arg}</code>
            </label>
            <input
              id={`${idPrefix}-pf-${arg}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_COUNT}
              step={1}
              value={settings[arg]}
              disabled={!settings.enabled}
              onInput={(event) => {
                const raw = event.currentTarget.value;
                const value = Number(raw);
                if (raw.trim() === '' || !Number.isInteger(value)) return;
                props.onChange({ ...settings, [arg]: Math.min(MAX_COUNT, Math.max(0, value)) });
              }}
            />
          </div>
        ))}
      </div>
      <ProxyHopsSelect<WerkzeugVersion>
        id={`${idPrefix}-pf-version`}
        label="Werkzeug list parsing"
        value={settings.werkzeugVersion}
        options={WERKZEUG_VERSIONS.map(
          (v) => [v, v === '3.1.8' ? '3.1.7 and later (3.1.8)' : '3.1.6 and earlier'] as const,
        )}
        onChange={(werkzeugVersion) => {
          props.onChange({ ...settings, werkzeugVersion });
        }}
      />
    </fieldset>
  );
}
