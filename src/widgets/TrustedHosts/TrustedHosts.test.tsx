// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrustedHosts, validateTrustedHostsState } from './TrustedHosts';

function status(): string {
  return document.querySelector('.th-result')?.textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/reverse-proxies/');
});
afterEach(() => {
  cleanup();
});

describe('TrustedHosts widget', () => {
  it('rejects a subdomain of an exact entry and explains the missing dot', () => {
    render(<TrustedHosts id="th" />);
    expect(status()).toContain('400 Bad Request');
    expect(status()).toContain('leading dot');
  });

  it('accepts a port and a deep subdomain of a dotted entry', () => {
    render(<TrustedHosts id="th" />);
    fireEvent.click(screen.getByRole('button', { name: /Try app.example.com:8443/ }));
    expect(status()).toContain('200');
    fireEvent.click(screen.getByRole('button', { name: /Try a.b.example.org/ }));
    expect(status()).toContain('200');
    fireEvent.click(screen.getByRole('button', { name: /Try evilexample.org/ }));
    expect(status()).toContain('400');
  });

  it('checks the host after ProxyFix', () => {
    render(<TrustedHosts id="th" />);
    fireEvent.input(screen.getByLabelText('Host header the request arrives with'), {
      target: { value: '10.0.1.5:8000' },
    });
    fireEvent.input(screen.getByLabelText('X-Forwarded-Host (empty = not sent)'), {
      target: { value: 'app.example.com' },
    });
    expect(status()).toContain('400');
    fireEvent.change(screen.getByLabelText('ProxyFix x_host'), { target: { value: '1' } });
    expect(status()).toContain('200');
  });

  it('validates URL state', () => {
    expect(
      validateTrustedHostsState({ trusted: 'a', hostHeader: 'b', forwardedHost: '', xHost: 99 }),
    ).toMatchObject({ xHost: 2 });
    expect(validateTrustedHostsState({ trusted: 5 })).toBeNull();
    expect(validateTrustedHostsState('x')).toBeNull();
  });
});
