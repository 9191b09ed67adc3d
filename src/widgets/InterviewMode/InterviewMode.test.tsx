// @vitest-environment happy-dom
/**
 * Issue 14, defect 6: the interviewer's answers must not be one URL edit away from the
 * candidate's link, and each interview gets a fresh random key by default.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterviewBuilder } from './InterviewBuilder';
import { InterviewerView } from './InterviewerView';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function builtLinks(): Promise<{ candidate: string; interviewer: string }> {
  window.history.replaceState(null, '', '/interview/');
  render(<InterviewBuilder />);
  const candidate = await screen.findByLabelText('Candidate link');
  const interviewer = screen.getByLabelText(/^Interviewer link/);
  await waitFor(() => {
    expect((interviewer as HTMLInputElement).value).toContain('key=');
  });
  const links = {
    candidate: (candidate as HTMLInputElement).value,
    interviewer: (interviewer as HTMLInputElement).value,
  };
  cleanup();
  return links;
}

function openInterviewer(url: string): void {
  const parsed = new URL(url, 'http://127.0.0.1');
  window.history.replaceState(null, '', `${parsed.pathname}${parsed.search}`);
  render(<InterviewerView />);
}

describe('interview links', () => {
  it('draws a fresh key with crypto.getRandomValues, never Math.random', async () => {
    const random = vi.spyOn(Math, 'random');
    const csprng = vi.spyOn(crypto, 'getRandomValues');
    const first = await builtLinks();
    const second = await builtLinks();
    expect(csprng).toHaveBeenCalled();
    expect(random).not.toHaveBeenCalled();
    expect(second.interviewer).not.toEqual(first.interviewer);
    // The seed is not 1 for everyone by default.
    expect(`${first.candidate} ${second.candidate}`).not.toMatch(/seed=1&.*seed=1&/);
  });

  it('the candidate link carries no key, and editing it into an interviewer link shows no answers', async () => {
    const { candidate } = await builtLinks();
    expect(candidate).not.toContain('key=');
    openInterviewer(candidate.replace('/interview/candidate/', '/interview/interviewer/'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not an interviewer key/);
    expect(document.querySelector('[data-expected-answer]')).toBeNull();
  });

  it('an old interviewer link (seed, no key) explains itself and shows no answers', async () => {
    openInterviewer('/interview/interviewer/?seed=4242&ex=proxy-count-cloudfront-alb');
    expect((await screen.findByRole('alert')).textContent).toMatch(/candidate’s link still works/);
    expect(document.querySelector('[data-expected-answer]')).toBeNull();
  });

  it('the interviewer link opens the answers for the candidate link’s seed', async () => {
    const { candidate, interviewer } = await builtLinks();
    expect(interviewer).not.toContain('seed=');
    openInterviewer(interviewer);
    await waitFor(() => {
      expect(document.querySelectorAll('[data-expected-answer]').length).toBeGreaterThan(0);
    });
    const seed = new URL(candidate).searchParams.get('seed');
    expect(document.querySelector('[data-seed]')?.textContent).toBe(seed);
    // And it links to exactly the candidate's link.
    const candidatePath = new URL(candidate);
    expect(
      screen.getByRole('link', { name: `/interview/candidate/${candidatePath.search}` }),
    ).toBeTruthy();
  });
});
