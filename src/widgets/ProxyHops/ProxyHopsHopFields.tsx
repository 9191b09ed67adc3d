/**
 * The settings of one hop, by kind. Every option is a real setting of that product (named as
 * in its docs) or, for API Gateway and the custom proxy, an explicit per-header choice
 * because AWS does not document the behaviour (UNVERIFIED, said so in the UI).
 */
import type { HeaderAction, HopConfig, Scheme } from '../../sim/proxy/hops';
import { ProxyHopsCheckbox } from './ProxyHopsCheckbox';
import { ProxyHopsSelect } from './ProxyHopsSelect';
import { ProxyHopsTextField } from './ProxyHopsTextField';

export interface ProxyHopsHopFieldsProps {
  idPrefix: string;
  hop: HopConfig;
  onChange: (hop: HopConfig) => void;
}

const SCHEME_OPTIONS: readonly (readonly [Scheme, string])[] = [
  ['http', 'http'],
  ['https', 'https'],
];

const ACTION_OPTIONS: readonly (readonly [HeaderAction, string])[] = [
  ['pass', 'pass through'],
  ['append', 'append its peer / value'],
  ['set', 'set (replace)'],
  ['strip', 'strip'],
];

const LISTENER_PORTS = [
  ['443', '443'],
  ['80', '80'],
  ['8443', '8443'],
  ['8080', '8080'],
] as const;

export function ProxyHopsHopFields({ idPrefix, hop, onChange }: ProxyHopsHopFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const address = (
    <ProxyHopsTextField
      id={id('address')}
      label="Its address (what the next hop sees)"
      value={hop.address}
      maxLength={45}
      onChange={(address) => {
        onChange({ ...hop, address });
      }}
    />
  );
  switch (hop.kind) {
    case 'nginx':
      return (
        <div class="ph-fields">
          {address}
          <ProxyHopsSelect
            id={id('xff')}
            label="proxy_set_header X-Forwarded-For"
            value={hop.xff}
            options={[
              ['proxy_add', '$proxy_add_x_forwarded_for'],
              ['remote_addr', '$remote_addr'],
              ['none', '(not set: pass through)'],
            ]}
            onChange={(xff) => {
              onChange({ ...hop, xff });
            }}
          />
          <ProxyHopsSelect
            id={id('xfp')}
            label="proxy_set_header X-Forwarded-Proto"
            value={hop.xfp}
            options={[
              ['scheme', '$scheme'],
              ['http_xfp', '$http_x_forwarded_proto'],
              ['none', '(not set: pass through)'],
            ]}
            onChange={(xfp) => {
              onChange({ ...hop, xfp });
            }}
          />
          <ProxyHopsSelect
            id={id('xfh')}
            label="proxy_set_header X-Forwarded-Host"
            value={hop.xfh}
            options={[
              ['host', '$host'],
              ['none', '(not set: pass through)'],
            ]}
            onChange={(xfh) => {
              onChange({ ...hop, xfh });
            }}
          />
          <ProxyHopsSelect
            id={id('host')}
            label="proxy_set_header Host"
            value={hop.host}
            options={[
              ['host', '$host'],
              ['http_host', '$http_host'],
              ['proxy_host', '$proxy_host (default)'],
            ]}
            onChange={(host) => {
              onChange({ ...hop, host });
            }}
          />
          <ProxyHopsTextField
            id={id('prefix')}
            label="proxy_set_header X-Forwarded-Prefix (empty = not set)"
            value={hop.prefix}
            maxLength={60}
            onChange={(prefix) => {
              onChange({ ...hop, prefix });
            }}
          />
          <ProxyHopsTextField
            id={id('upstream')}
            label="proxy_pass upstream"
            value={hop.upstream}
            maxLength={60}
            onChange={(upstream) => {
              onChange({ ...hop, upstream: upstream || '127.0.0.1:8000' });
            }}
          />
          <ProxyHopsTextField
            id={id('realip')}
            label="set_real_ip_from (comma-separated; empty = real_ip off)"
            value={hop.setRealIpFrom.join(', ')}
            maxLength={200}
            placeholder="10.0.0.0/8"
            onChange={(text) => {
              const list = text
                .split(',')
                .map((entry) => entry.trim())
                .filter((entry) => entry !== '')
                .slice(0, 10);
              onChange({ ...hop, setRealIpFrom: list });
            }}
          />
          <ProxyHopsCheckbox
            id={id('recursive')}
            label="real_ip_recursive on"
            checked={hop.realIpRecursive}
            onChange={(realIpRecursive) => {
              onChange({ ...hop, realIpRecursive });
            }}
          />
          <ProxyHopsCheckbox
            id={id('underscores')}
            label="underscores_in_headers on"
            checked={hop.underscoresInHeaders}
            onChange={(underscoresInHeaders) => {
              onChange({ ...hop, underscoresInHeaders });
            }}
          />
          <ProxyHopsSelect
            id={id('upscheme')}
            label="proxy_pass scheme"
            value={hop.upstreamScheme}
            options={SCHEME_OPTIONS}
            onChange={(upstreamScheme) => {
              onChange({ ...hop, upstreamScheme });
            }}
          />
        </div>
      );
    case 'alb':
      return (
        <div class="ph-fields">
          {address}
          <ProxyHopsSelect
            id={id('xffmode')}
            label="routing.http.xff_header_processing.mode"
            value={hop.xffMode}
            options={[
              ['append', 'append (default)'],
              ['preserve', 'preserve'],
              ['remove', 'remove'],
            ]}
            onChange={(xffMode) => {
              onChange({ ...hop, xffMode });
            }}
          />
          <ProxyHopsCheckbox
            id={id('clientport')}
            label="routing.http.xff_client_port.enabled"
            checked={hop.clientPort}
            onChange={(clientPort) => {
              onChange({ ...hop, clientPort });
            }}
          />
          <ProxyHopsCheckbox
            id={id('preservehost')}
            label="routing.http.preserve_host_header.enabled"
            checked={hop.preserveHost}
            onChange={(preserveHost) => {
              onChange({ ...hop, preserveHost });
            }}
          />
          <ProxyHopsSelect
            id={id('listener')}
            label="Listener port"
            value={String(hop.listenerPort) as (typeof LISTENER_PORTS)[number][0]}
            options={LISTENER_PORTS}
            onChange={(port) => {
              onChange({ ...hop, listenerPort: Number(port) });
            }}
          />
          <ProxyHopsSelect
            id={id('target')}
            label="Target group protocol"
            value={hop.targetScheme}
            options={SCHEME_OPTIONS}
            onChange={(targetScheme) => {
              onChange({ ...hop, targetScheme });
            }}
          />
        </div>
      );
    case 'cloudfront':
      return (
        <div class="ph-fields">
          {address}
          <ProxyHopsSelect
            id={id('origin')}
            label="Origin protocol policy"
            value={hop.originScheme}
            options={[
              ['https', 'HTTPS only'],
              ['http', 'HTTP only'],
            ]}
            onChange={(originScheme) => {
              onChange({ ...hop, originScheme });
            }}
          />
          <ProxyHopsCheckbox
            id={id('fwdhost')}
            label="Forward the viewer's Host header (origin request policy)"
            checked={hop.forwardHost}
            onChange={(forwardHost) => {
              onChange({ ...hop, forwardHost });
            }}
          />
          <ProxyHopsCheckbox
            id={id('cfproto')}
            label="Include CloudFront-Forwarded-Proto"
            checked={hop.addForwardedProto}
            onChange={(addForwardedProto) => {
              onChange({ ...hop, addForwardedProto });
            }}
          />
          <ProxyHopsTextField
            id={id('origindomain')}
            label="Origin domain"
            value={hop.originDomain}
            maxLength={80}
            onChange={(originDomain) => {
              onChange({ ...hop, originDomain: originDomain || 'origin.example.com' });
            }}
          />
        </div>
      );
    case 'api-gateway':
    case 'custom':
      return (
        <div class="ph-fields">
          <p class="ph-unverified-inline">
            <strong>UNVERIFIED:</strong>{' '}
            {hop.kind === 'api-gateway'
              ? 'AWS does not document exactly which X-Forwarded-* headers API Gateway sends to HTTP backends. Set what your tests show.'
              : 'Describe what your proxy does to each header.'}
          </p>
          {address}
          <ProxyHopsSelect
            id={id('xff')}
            label="X-Forwarded-For"
            value={hop.xff}
            options={ACTION_OPTIONS}
            onChange={(xff) => {
              onChange({ ...hop, xff });
            }}
          />
          <ProxyHopsSelect
            id={id('xfp')}
            label="X-Forwarded-Proto"
            value={hop.xfp}
            options={ACTION_OPTIONS}
            onChange={(xfp) => {
              onChange({ ...hop, xfp });
            }}
          />
          <ProxyHopsSelect
            id={id('xfh')}
            label="X-Forwarded-Host"
            value={hop.xfh}
            options={ACTION_OPTIONS}
            onChange={(xfh) => {
              onChange({ ...hop, xfh });
            }}
          />
          <ProxyHopsSelect
            id={id('host')}
            label="Host"
            value={hop.host}
            options={[
              ['pass', 'pass through'],
              ['rewrite', 'rewrite to the backend name'],
            ]}
            onChange={(host) => {
              onChange({ ...hop, host });
            }}
          />
          <ProxyHopsSelect
            id={id('upscheme')}
            label="Scheme to the next hop"
            value={hop.upstreamScheme}
            options={SCHEME_OPTIONS}
            onChange={(upstreamScheme) => {
              onChange({ ...hop, upstreamScheme });
            }}
          />
        </div>
      );
  }
}
