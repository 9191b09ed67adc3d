// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeState } from '../../runtime/url-state';
import { createScenario } from '../../sim/proxy/hops';
import { ProxyHops } from './ProxyHops';

function remoteAddr(): string {
  return document.querySelector('.ph-remote-addr')?.textContent ?? '';
}

function verdictText(): string {
  return document.querySelector('.ph-verdict')?.textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/reverse-proxies/');
});

afterEach(() => {
  cleanup();
});

describe('ProxyHops widget', () => {
  it('builds CloudFront → ALB from the ALB preset with buttons, then applies x_for=2', () => {
    render(<ProxyHops id="ph" preset="alb" />);
    expect(remoteAddr()).toBe('203.0.113.7');
    fireEvent.change(screen.getByLabelText('Proxy to add'), { target: { value: 'cloudfront' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add hop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move CloudFront (hop 2) up' }));
    expect(screen.getByText(/Hop 1:/).textContent).toContain('CloudFront');
    fireEvent.click(screen.getByLabelText('Attacker forging headers'));
    // x_for=1 now returns the CloudFront edge: a leaked proxy address.
    expect(remoteAddr()).toBe('198.51.100.20');
    expect(verdictText()).toContain('Leaks a proxy address');
    const advice = document.querySelector('.ph-advice')!;
    expect(advice.textContent).toContain('x_for=2');
    fireEvent.click(screen.getByRole('button', { name: 'Apply recommended settings' }));
    expect(remoteAddr()).toBe('203.0.113.7');
    expect(screen.getByText(/ProxyFix\(app\.wsgi_app, x_for=2, x_proto=1/)).toBeTruthy();
  });

  it('CloudFront → ALB, attacker, "Apply recommended settings": no green verdict while request.host is still origin.example.com; the named CloudFront fix makes it correct', () => {
    render(<ProxyHops id="ph" preset="cloudfront-alb" />);
    fireEvent.click(screen.getByLabelText('Attacker forging headers'));
    const host = () => document.querySelector('.ph-flask')?.textContent ?? '';
    fireEvent.click(screen.getByRole('button', { name: 'Apply recommended settings' }));
    expect(remoteAddr()).toBe('203.0.113.7');
    expect(host()).toContain('origin.example.com');
    expect(verdictText()).not.toContain('Correct');
    expect(verdictText()).toContain('Wrong host');
    const remaining = screen.getByRole('region', { name: 'What these values cannot fix' });
    expect(remaining.textContent).toContain('No x_* value');
    expect(remaining.textContent).toContain('AllViewer');
    fireEvent.click(screen.getByRole('button', { name: 'Change CloudFront to fix this' }));
    expect(host()).not.toContain('origin.example.com');
    expect(verdictText()).toContain('Correct');
    expect(screen.queryByRole('region', { name: 'What these values cannot fix' })).toBeNull();
  });

  it('marks client-written X-Forwarded-For entries as untrusted in text, not only colour', () => {
    render(<ProxyHops id="ph" preset="alb" />);
    fireEvent.click(screen.getByLabelText('Attacker forging headers'));
    const untrusted = document.querySelectorAll('.ph-untrusted');
    expect(untrusted.length).toBeGreaterThan(0);
    expect(untrusted[0]!.textContent).toContain('untrusted');
  });

  it('x_for too high makes the forged address remote_addr and says spoofable', () => {
    render(<ProxyHops id="ph" preset="alb" />);
    fireEvent.click(screen.getByLabelText('Attacker forging headers'));
    fireEvent.input(screen.getByLabelText('x_for'), { target: { value: '2' } });
    expect(remoteAddr()).toBe('6.6.6.6');
    expect(verdictText()).toContain('Spoofable');
  });

  it('restores a scenario from the URL and falls back with a notice on garbage', () => {
    const scenario = createScenario('cloudfront-alb');
    window.history.replaceState(
      null,
      '',
      `/reverse-proxies/?ph=${encodeState({ ...scenario, proxyFix: { ...scenario.proxyFix, x_for: 2 } })}`,
    );
    render(<ProxyHops id="ph" preset="alb" />);
    expect(screen.getByText(/Hop 1:/).textContent).toContain('CloudFront');
    expect(remoteAddr()).toBe('203.0.113.7');
    cleanup();
    window.history.replaceState(null, '', '/reverse-proxies/?ph=%%%garbage');
    render(<ProxyHops id="ph" preset="alb" />);
    expect(screen.getByText(/Hop 1:/).textContent).toContain('ALB');
    expect(document.querySelector('.widget-notice')?.textContent).not.toBe('');
  });

  it('the paste panel rejects binary input with a message and proposes values from headers', async () => {
    render(<ProxyHops id="ph" preset="alb" />);
    const details = document.querySelector('details.ph-paste') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const box = await screen.findByLabelText('Raw request, header lines, JSON or environ dump');
    fireEvent.input(box, { target: { value: '\u0000\u0001binary' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose x_* values' }));
    expect(screen.getByText(/binary data/)).toBeTruthy();
    fireEvent.input(box, {
      target: { value: 'X-Forwarded-For: 203.0.113.7,198.51.100.20\nX-Forwarded-Proto: https' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Propose x_* values' }));
    const panel = document.querySelector('.ph-paste-result')!;
    expect(within(panel as HTMLElement).getByText(/x_for=2, x_proto=1/)).toBeTruthy();
  });

  it('TRUSTED_HOSTS is checked after ProxyFix: the internal Host of a CloudFront origin gives 400', () => {
    render(<ProxyHops id="ph" preset="cloudfront-alb" />);
    fireEvent.input(screen.getByLabelText('TRUSTED_HOSTS (comma-separated; empty = None)'), {
      target: { value: 'app.example.com' },
    });
    expect(document.querySelector('.ph-flask')?.textContent).toMatch(
      /400: Host 'origin.example.com' is not trusted/,
    );
    expect(verdictText()).toContain('Flask answers 400');
  });

  it("a hop's settings load when opened; ALB remove mode leaks the ALB address", async () => {
    render(<ProxyHops id="ph" preset="alb" />);
    const details = document.querySelector('details.ph-hop-settings') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const mode = await screen.findByLabelText('routing.http.xff_header_processing.mode');
    fireEvent.change(mode, { target: { value: 'remove' } });
    expect(remoteAddr()).toBe('10.0.1.17');
    expect(verdictText()).toContain('Leaks a proxy address');
  });

  it('shows UNVERIFIED behaviours for the ALB', () => {
    render(<ProxyHops id="ph" preset="alb" />);
    expect(screen.getAllByText('UNVERIFIED:').length).toBeGreaterThan(0);
  });

  it('draws the chain with forged bytes marked ✗, and Enter on a hop opens its settings', () => {
    render(<ProxyHops id="ph" preset="cloudfront-alb" />);
    fireEvent.click(screen.getByLabelText('Attacker forging headers'));
    const forged = [...document.querySelectorAll('.ph-d-forged')].map((t) => t.textContent);
    expect(forged).toContain('✗6.6.6.6');
    const hop = screen.getByRole('button', { name: /^2\. .*edit this hop$/ });
    fireEvent.keyDown(hop, { key: 'Enter' });
    const details = document.getElementById('ph-hop-1-settings') as HTMLDetailsElement;
    expect(details.open).toBe(true);
  });
});
