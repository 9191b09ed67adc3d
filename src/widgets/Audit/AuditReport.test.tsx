// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditReport as Report } from '../../sim/audit/types';
import { AuditReport } from './AuditReport';

const report: Report = {
  files: [
    { name: 'gunicorn.conf.py', kind: 'gunicorn-conf' },
    { name: 'aws/task-definition.json', kind: 'ecs' },
    { name: 'logo.png', kind: 'unknown', notice: 'This file is binary.' },
  ],
  findings: [
    {
      file: 'gunicorn.conf.py',
      line: 14,
      column: 1,
      level: 'error',
      code: 'graceful-exceeds-stop-timeout',
      message: 'graceful_timeout = 60 but the task’s stopTimeout is 30 s.',
      failure: 'Requests still running 30 s after SIGTERM are cut by SIGKILL.',
      fix: {
        text: 'Lower graceful_timeout below 30.',
        diff: '-graceful_timeout = 60\n+graceful_timeout = 25\n',
      },
      sources: [
        { title: 'Amazon ECS container definitions', url: 'https://docs.aws.amazon.com/x' },
      ],
      related: [{ file: 'aws/task-definition.json', line: 30 }],
    },
    {
      file: 'gunicorn.conf.py',
      line: 15,
      column: 1,
      level: 'info',
      code: 'note',
      message: '<img src=x onerror=alert(1)>',
      failure: '<b>not bold</b>',
      sources: [],
      related: [],
    },
  ],
  scenarios: {},
  drain: {
    completed: 236,
    reset: 4,
    serverErrors: 0,
    summary: '236 completed, 4 reset, 0 answered 5xx.',
  },
};

afterEach(cleanup);

describe('AuditReport', () => {
  it('groups findings by severity in words, naming every file and line, the fix diff and the source', () => {
    render(<AuditReport report={report} links={[]} kindLabels={null} />);
    const errors = screen.getByRole('region', { name: 'Errors (1)' });
    expect(within(errors).getByText('ERROR')).toBeTruthy();
    expect(within(errors).getByText('gunicorn.conf.py:14')).toBeTruthy();
    expect(within(errors).getByText('aws/task-definition.json:30')).toBeTruthy();
    expect(within(errors).getByText(/cut by SIGKILL/)).toBeTruthy();
    expect(within(errors).getByLabelText(/unified diff/).textContent).toContain(
      '+graceful_timeout = 25',
    );
    expect(
      within(errors)
        .getByRole('link', { name: 'Amazon ECS container definitions' })
        .getAttribute('href'),
    ).toBe('https://docs.aws.amazon.com/x');
    expect(screen.getByRole('region', { name: 'Info (1)' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Warnings/ })).toBeNull();
    expect(screen.getByText(/236 completed, 4 reset/)).toBeTruthy();
  });

  it('gives an unreadable file its notice and renders file text as text, never markup', () => {
    const { container } = render(<AuditReport report={report} links={[]} kindLabels={null} />);
    expect(screen.getByText(/not audited — This file is binary/)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.audit-failure b')).toBeNull();
    expect(screen.getByText('<b>not bold</b>')).toBeTruthy();
  });
});
