import { describe, expect, it } from 'vitest';
import { findOfficialLinkProblem } from './official-links.mjs';

describe('official links rule (the link checker applies it to every built page)', () => {
  it('accepts documentation pages and upstream source pinned to a tag', () => {
    for (const href of [
      'https://gunicorn.org/reference/settings/#timeout',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html',
      'https://github.com/benoitc/gunicorn/blob/22.0.0/gunicorn/workers/sync.py#L157',
      'https://github.com/kubernetes/kubernetes/issues/30039',
      'https://github.com/kubernetes/kubernetes/pull/50796',
    ])
      expect(findOfficialLinkProblem(href), href).toBeNull();
  });

  it('refuses other hosts, plain http, malformed URLs and moving GitHub branches', () => {
    expect(findOfficialLinkProblem('https://stackoverflow.com/q/1')).toMatch(/not on the list/);
    expect(findOfficialLinkProblem('http://gunicorn.org/')).toBe('not https');
    expect(findOfficialLinkProblem('https://gunicorn .org/')).toBe('contains white space');
    expect(findOfficialLinkProblem('https://')).toBe('not a well-formed URL');
    expect(findOfficialLinkProblem('https://gunicorn.org.evil.test/')).toMatch(/not on the list/);
    expect(
      findOfficialLinkProblem('https://github.com/benoitc/gunicorn/blob/master/gunicorn/config.py'),
    ).toMatch(/moving branch/);
    expect(findOfficialLinkProblem('https://github.com/benoitc/gunicorn')).toMatch(
      /must be an issue/,
    );
  });
});
