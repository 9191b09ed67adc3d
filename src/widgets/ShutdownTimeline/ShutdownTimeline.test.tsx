// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeState } from '../../runtime/url-state';
import { ShutdownTimeline } from './ShutdownTimeline';

function verdict(): string {
  return document.querySelector('.sdt-verdict')?.textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/graceful-shutdown/');
});
afterEach(() => {
  cleanup();
});

describe('ShutdownTimeline widget', () => {
  it('shell form under docker stop: the container is SIGKILLed at 10 s; exec form drains and exits 0', async () => {
    render(<ShutdownTimeline preset="docker-shell-form" />);
    expect(verdict()).toContain('stopped 10 s after the stop command (SIGKILL, exit 137)');
    const preset = screen.getByRole('combobox', { name: 'Preset' });
    fireEvent.change(preset, { target: { value: 'docker-exec-form' } });
    await waitFor(() => {
      expect(verdict()).toContain('(exit 0)');
    });
    expect(verdict()).not.toContain('SIGKILL');
  });

  it('"Fix it" turns Kubernetes without preStop into a clean drain', async () => {
    render(<ShutdownTimeline preset="k8s-no-prestop" />);
    expect(verdict()).toMatch(/^Failing: [1-9][\d,]* of [\d,]+ requests failed/);
    fireEvent.click(screen.getByRole('button', { name: /Fix it/ }));
    await waitFor(() => {
      expect(verdict()).toMatch(/^Clean: 0 of /);
    });
    expect(screen.getByRole('combobox', { name: 'preStop hook' })).toHaveProperty('value', 'sleep');
  });

  it('clamps an absurd worker count and says so', async () => {
    render(<ShutdownTimeline preset="docker-exec-form" />);
    const workers = screen.getByRole('spinbutton', { name: 'workers' });
    fireEvent.input(workers, { target: { value: '100000' } });
    fireEvent.change(workers, { target: { value: '100000' } });
    await waitFor(() => {
      expect(document.querySelector('.widget-notice')?.textContent).toContain('using 32');
    });
    expect(document.querySelectorAll('.sdt-state dt')).toHaveLength(3 + 32);
  });

  it('falls back to the preset with a notice when the URL state is junk', () => {
    window.history.replaceState(
      null,
      '',
      '/graceful-shutdown/?shutdown-timeline-ecs-defaults=%%%junk',
    );
    render(<ShutdownTimeline />);
    expect(document.querySelector('.widget-notice')?.textContent).not.toBe('');
    expect(verdict()).toContain('requests failed');
  });

  it('reads a shared scenario from the URL', () => {
    const state = {
      preset: null,
      cursorSeconds: 70,
      scenario: { platform: 'docker-stop', container: { pid1: 'shell-form-dash' } },
    };
    window.history.replaceState(
      null,
      '',
      `/graceful-shutdown/?shutdown-timeline-ecs-defaults=${encodeState(state)}`,
    );
    render(<ShutdownTimeline />);
    expect(verdict()).toContain('SIGKILL');
    expect(screen.getByRole('heading', { name: 'At 70 s' })).toBeTruthy();
  });

  it('the cursor is a labelled range input that reports the state at that instant', async () => {
    render(<ShutdownTimeline preset="docker-shell-form" />);
    const cursor = screen.getByRole('slider', { name: 'Time cursor' });
    fireEvent.input(cursor, { target: { value: '71' } });
    await waitFor(() => {
      expect(screen.getByRole('heading', { name: 'At 71 s' })).toBeTruthy();
    });
    const state = document.querySelector('.sdt-state')?.textContent ?? '';
    expect(state).toContain('stopped');
  });

  it('ECS with deregistration delay 10 s and stopTimeout 5 s: the headline does not say a bare "0 failed" beside a check that says 502, and one click shows the failure', async () => {
    const state = {
      preset: null,
      cursorSeconds: null,
      scenario: { ecs: { deregistrationDelaySeconds: 10, stopTimeoutSeconds: 5 } },
    };
    window.history.replaceState(
      null,
      '',
      `/graceful-shutdown/?shutdown-timeline-ecs-defaults=${encodeState(state)}`,
    );
    render(<ShutdownTimeline />);
    const check = () =>
      document.querySelector('.sdt-advice li[data-status="fix"]')?.textContent ?? '';
    expect(check()).toContain('get a 502');
    expect(verdict()).toMatch(/^Lucky: 0 of [\d,]+ requests failed/);
    expect(verdict()).toContain('Not safe, only lucky');
    expect(verdict()).toContain('deregistration delay');
    fireEvent.click(screen.getByRole('button', { name: /Show the failure/ }));
    await waitFor(() => {
      expect(verdict()).toMatch(/^Failing: [1-9][\d,]* of [\d,]+ requests failed/);
    });
    expect(verdict()).toContain('got a 502');
    expect(check()).toMatch(/In this run: [1-9][\d,]* got a 502/);
  });

  it('draws the limits as labelled bands and zooms with buttons and keys, not the wheel', async () => {
    render(<ShutdownTimeline preset="ecs-tuned" />);
    const labels = [...document.querySelectorAll('.sdt-band text')].map((t) => t.textContent);
    expect(labels.some((l) => l.startsWith('Deregistration delay (drain) 25 s'))).toBe(true);
    expect(labels.some((l) => l.startsWith('Gunicorn graceful_timeout 25 s'))).toBe(true);
    const shown = () => {
      const m = /Showing ([\d.]+) s to ([\d.]+) s/.exec(
        [...document.querySelectorAll('.sdt-small')].map((e) => e.textContent).join(' '),
      );
      return Number(m![2]) - Number(m![1]);
    };
    const before = shown();
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in (+)' }));
    await waitFor(() => {
      expect(shown()).toBeCloseTo(before / 2, 0);
    });
    fireEvent.keyDown(screen.getByRole('slider', { name: 'Time cursor' }), { key: '+' });
    await waitFor(() => {
      expect(shown()).toBeCloseTo(before / 4, 0);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out (−)' }));
    await waitFor(() => {
      expect(shown()).toBeCloseTo(before / 2, 0);
    });
  });
});
