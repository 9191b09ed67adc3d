/**
 * Interview builder (/interview/): pick exercises or a 30/60-minute preset, pick or draw a
 * seed, and get two links — one for the candidate, one for the interviewer. Everything is in
 * the links; nothing is stored or sent.
 */
import { useState } from 'preact/hooks';
import {
  INTERVIEW_PRESETS,
  interviewQuery,
  MAX_INTERVIEW_EXERCISES,
} from '../../sim/training/interview';
import { MAX_SEED } from '../../sim/training/variants';
import { CHAPTER_TITLES, EXERCISES } from '../../training/exercises/index';
import { EXERCISE_CHAPTERS } from '../../sim/training/types';
import { useMounted } from '../ProgressPage/use-mounted';
import './InterviewMode.css';

function drawSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return 1 + ((buffer[0] ?? 0) % MAX_SEED);
}

export function InterviewBuilder() {
  const [selected, setSelected] = useState<string[]>([
    ...(INTERVIEW_PRESETS[0]?.exerciseIds ?? []),
  ]);
  const [seedText, setSeedText] = useState('1');
  const [status, setStatus] = useState('');
  const mounted = useMounted();
  const seed = /^\d{1,6}$/.test(seedText) ? Number(seedText) : NaN;
  const seedValid = Number.isInteger(seed) && seed >= 1 && seed <= MAX_SEED;
  const ordered = EXERCISES.filter((e) => selected.includes(e.id)).map((e) => e.id);
  const minutes = EXERCISES.filter((e) => selected.includes(e.id)).reduce(
    (sum, e) => sum + e.minutes,
    0,
  );
  const ready = seedValid && ordered.length > 0;
  const query = ready ? interviewQuery({ seed, exerciseIds: ordered }) : '';
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const candidate = `${origin}/interview/candidate/${query}`;
  const interviewer = `${origin}/interview/interviewer/${query}`;

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
        <h2 id="iv-seed-title">2. Choose a seed</h2>
        <p>
          The seed picks the variant: the same seed always gives the same chains, numbers and
          Dockerfiles; another seed gives an equivalent problem with different values. Give each
          candidate a new seed.
        </p>
        <div class="iv-seed">
          <label for="iv-seed-input">Seed (1–{MAX_SEED})</label>
          <input
            id="iv-seed-input"
            type="text"
            inputMode="numeric"
            maxLength={6}
            value={seedText}
            aria-invalid={seedValid ? undefined : 'true'}
            aria-describedby="iv-seed-error"
            onInput={(event) => {
              setSeedText(event.currentTarget.value.trim());
            }}
          />
          <button
            type="button"
            onClick={() => {
              setSeedText(String(drawSeed()));
            }}
          >
            Draw a new seed
          </button>
          <span id="iv-seed-error" class="iv-error">
            {seedValid ? '' : `Enter a whole number from 1 to ${MAX_SEED}.`}
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
          <p>Select at least one exercise and a valid seed to get the links.</p>
        )}
        <p class="iv-status" role="status" aria-live="polite">
          {status}
        </p>
      </section>
    </div>
  );
}

export default InterviewBuilder;
