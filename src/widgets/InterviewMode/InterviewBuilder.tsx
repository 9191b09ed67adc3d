/**
 * Interview builder (/interview/): pick exercises or a 30/60-minute preset, get a fresh random
 * interviewer key (or type one), and two links — the candidate's carries the seed the key
 * hashes to, the interviewer's carries the key. Everything is in the links; nothing is stored
 * or sent.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  INTERVIEW_PRESETS,
  interviewerQuery,
  interviewQuery,
  isInterviewKey,
  MAX_INTERVIEW_EXERCISES,
  seedFromKey,
} from '../../sim/training/interview';
import { CHAPTER_TITLES, EXERCISES } from '../../training/exercises/index';
import { EXERCISE_CHAPTERS } from '../../sim/training/types';
import { useMounted } from '../ProgressPage/use-mounted';
import { drawInterviewKey } from './interview-data';
import './InterviewMode.css';

export function InterviewBuilder() {
  const [selected, setSelected] = useState<string[]>([
    ...(INTERVIEW_PRESETS[0]?.exerciseIds ?? []),
  ]);
  // Drawn after mount: the server-rendered HTML must not carry a key every visitor shares.
  const [key, setKey] = useState('');
  const [status, setStatus] = useState('');
  const mounted = useMounted();
  useEffect(() => {
    setKey(drawInterviewKey());
  }, []);
  const keyValid = isInterviewKey(key);
  const seed = keyValid ? seedFromKey(key) : 0;
  const ordered = EXERCISES.filter((e) => selected.includes(e.id)).map((e) => e.id);
  const minutes = EXERCISES.filter((e) => selected.includes(e.id)).reduce(
    (sum, e) => sum + e.minutes,
    0,
  );
  const ready = keyValid && ordered.length > 0;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const candidate = `${origin}/interview/candidate/${interviewQuery({ seed, exerciseIds: ordered })}`;
  const interviewer = `${origin}/interview/interviewer/${interviewerQuery({ key, exerciseIds: ordered })}`;

  const toggle = (id: string, on: boolean) => {
    setSelected((current) => {
      if (!on) return current.filter((x) => x !== id);
      if (current.includes(id) || current.length >= MAX_INTERVIEW_EXERCISES) return current;
      return [...current, id];
    });
  };

  const copy = (text: string, what: string) => {
    void navigator.clipboard.writeText(text).then(
      () => {
        setStatus(`${what} copied.`);
      },
      () => {
        setStatus('Clipboard unavailable: select the link and copy it.');
      },
    );
  };

  if (!mounted) return <p>Loading the interview builder…</p>;
  return (
    <div class="iv">
      <section aria-labelledby="iv-presets-title">
        <h2 id="iv-presets-title">1. Choose the exercises</h2>
        <div class="iv-presets">
          {INTERVIEW_PRESETS.map((preset) => (
            <button
              type="button"
              key={preset.id}
              onClick={() => {
                setSelected([...preset.exerciseIds]);
                setStatus(`Preset selected: ${preset.label}.`);
              }}
            >
              {preset.label}
            </button>
          ))}
        </div>
        {EXERCISE_CHAPTERS.map((chapter) => (
          <fieldset key={chapter} class="iv-chapter">
            <legend>{CHAPTER_TITLES[chapter]}</legend>
            {EXERCISES.filter((e) => e.chapter === chapter).map((exercise) => (
              <div key={exercise.id} class="iv-pick">
                <input
                  type="checkbox"
                  id={`iv-pick-${exercise.id}`}
                  checked={selected.includes(exercise.id)}
                  onChange={(event) => {
                    toggle(exercise.id, event.currentTarget.checked);
                  }}
                />
                <label for={`iv-pick-${exercise.id}`}>
                  {exercise.title}{' '}
                  <span class="iv-meta">
                    ({exercise.minutes} min{exercise.variant ? ', varies with the seed' : ''}
                    {exercise.rubric ? ', rubric' : ''})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        <p>
          {ordered.length} exercise{ordered.length === 1 ? '' : 's'} selected, about {minutes}{' '}
          minutes of work (at most {MAX_INTERVIEW_EXERCISES}).
        </p>
      </section>
      <section aria-labelledby="iv-seed-title">
        <h2 id="iv-seed-title">2. Your interviewer key</h2>
        <p>
          A fresh random key is drawn for each interview. The candidate’s link carries only the seed
          the key stands for (the seed picks the variant: the same seed always gives the same
          chains, numbers and Dockerfiles); your link carries the key, so the candidate’s link
          cannot be turned into yours by editing a word. Everything still runs in the candidate’s
          browser: a determined candidate can run the simulators or read the site’s code, so ask
          them to talk through their answers.
        </p>
        <div class="iv-seed">
          <label for="iv-seed-input">Interviewer key (16–64 letters, digits, - or _)</label>
          <input
            id="iv-seed-input"
            type="text"
            spellcheck={false}
            autoComplete="off"
            maxLength={64}
            value={key}
            aria-invalid={keyValid ? undefined : 'true'}
            aria-describedby="iv-seed-error"
            onInput={(event) => {
              setKey(event.currentTarget.value.trim());
            }}
          />
          <button
            type="button"
            onClick={() => {
              setKey(drawInterviewKey());
              setStatus('New key drawn: both links changed.');
            }}
          >
            Draw a new key
          </button>
          <span id="iv-seed-error" class={keyValid ? 'iv-meta' : 'iv-error'}>
            {keyValid
              ? `Seed for this key: ${seed}.`
              : 'Enter 16 to 64 letters, digits, - or _ (or draw a key).'}
          </span>
        </div>
      </section>
      <section aria-labelledby="iv-links-title">
        <h2 id="iv-links-title">3. Share the links</h2>
        {ready ? (
          <div class="iv-links">
            <div class="iv-link">
              <label for="iv-candidate-link">Candidate link</label>
              <input id="iv-candidate-link" type="text" readOnly value={candidate} />
              <button
                type="button"
                onClick={() => {
                  copy(candidate, 'Candidate link');
                }}
              >
                Copy
              </button>
              <a href={candidate}>Open the candidate view</a>
            </div>
            <div class="iv-link">
              <label for="iv-interviewer-link">Interviewer link (keep it to yourself)</label>
              <input id="iv-interviewer-link" type="text" readOnly value={interviewer} />
              <button
                type="button"
                onClick={() => {
                  copy(interviewer, 'Interviewer link');
                }}
              >
                Copy
              </button>
              <a href={interviewer}>Open the interviewer view</a>
            </div>
          </div>
        ) : (
          <p>Select at least one exercise and a valid key to get the links.</p>
        )}
        <p class="iv-status" role="status" aria-live="polite">
          {status}
        </p>
      </section>
    </div>
  );
}

export default InterviewBuilder;
