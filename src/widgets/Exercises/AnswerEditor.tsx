/**
 * The input for one exercise's answer, by kind: radio buttons for choices and "find the bug",
 * a text field or a code area for text and Dockerfiles, labelled number fields and a select for
 * the goal exercises. Every control has a visible label; no drag is ever needed.
 */
import type { Answer, Exercise, ExercisePid1, ShutdownSettings } from '../../sim/training/types';
import { PID1_MODES } from '../../sim/training/types';
import { ExerciseNumberField as NumberField, numberValue } from './ExerciseNumberField';
import { FIELD_LABELS } from './field-labels';

export interface AnswerEditorProps {
  exercise: Exercise;
  answer: Answer;
  onChange: (answer: Answer) => void;
  /** Unique on the page; prefixes the ids of the controls. */
  idPrefix: string;
}

const PID1_LABELS: Readonly<Record<ExercisePid1, string>> = {
  'exec-form': 'CMD ["gunicorn", …] — exec form, Gunicorn is PID 1',
  'shell-form-dash': 'CMD gunicorn … — shell form, /bin/sh (dash) is PID 1',
  'shell-form-exec': 'CMD exec gunicorn … — shell form with exec',
  init: 'exec form under an init (tini, initProcessEnabled)',
};

export function AnswerEditor({ exercise, answer, onChange, idPrefix }: AnswerEditorProps) {
  switch (exercise.kind) {
    case 'choice':
      return (
        <fieldset class="ex-options">
          <legend>Your answer</legend>
          {exercise.options.map((option) => (
            <div class="ex-option" key={option.id}>
              <input
                type="radio"
                id={`${idPrefix}-opt-${option.id}`}
                name={`${idPrefix}-choice`}
                checked={answer.kind === 'choice' && answer.optionId === option.id}
                onChange={() => {
                  onChange({ kind: 'choice', optionId: option.id });
                }}
              />
              <label for={`${idPrefix}-opt-${option.id}`}>{option.text}</label>
            </div>
          ))}
        </fieldset>
      );
    case 'find-bug':
      return (
        <fieldset class="ex-options ex-find-bug">
          <legend>
            Pick the line with the bug in <code>{exercise.fileName}</code>
          </legend>
          {exercise.lines.map((line, index) => {
            const number = index + 1;
            const id = `${idPrefix}-line-${number}`;
            return (
              <div class="ex-code-line" key={number}>
                <input
                  type="radio"
                  id={id}
                  name={`${idPrefix}-line`}
                  checked={answer.kind === 'find-bug' && answer.line === number}
                  onChange={() => {
                    onChange({ kind: 'find-bug', line: number });
                  }}
                />
                <label for={id}>
                  <span class="ex-line-number">{number}</span>
                  <code>{line === '' ? ' ' : line}</code>
                </label>
              </div>
            );
          })}
        </fieldset>
      );
    case 'text':
      return (
        <div class="ex-field ex-field-wide">
          <label for={`${idPrefix}-text`}>Your answer</label>
          {exercise.multiline ? (
            <textarea
              id={`${idPrefix}-text`}
              rows={4}
              spellcheck={false}
              value={answer.kind === 'text' ? answer.text : ''}
              onInput={(event) => {
                onChange({ kind: 'text', text: event.currentTarget.value.slice(0, 20_000) });
              }}
            />
          ) : (
            <input
              id={`${idPrefix}-text`}
              type="text"
              spellcheck={false}
              autoComplete="off"
              maxLength={500}
              value={answer.kind === 'text' ? answer.text : ''}
              onInput={(event) => {
                onChange({ kind: 'text', text: event.currentTarget.value });
              }}
            />
          )}
        </div>
      );
    case 'dockerfile-goal':
      return (
        <div class="ex-field ex-field-wide">
          <label for={`${idPrefix}-dockerfile`}>Dockerfile (edit it here)</label>
          <textarea
            id={`${idPrefix}-dockerfile`}
            class="ex-code-area"
            rows={Math.min(30, exercise.start.split('\n').length + 2)}
            spellcheck={false}
            autoComplete="off"
            value={answer.kind === 'text' ? answer.text : ''}
            onInput={(event) => {
              onChange({ kind: 'text', text: event.currentTarget.value.slice(0, 20_000) });
            }}
          />
        </div>
      );
    case 'capacity-number':
    case 'proxy-count':
      return (
        <NumberField
          id={`${idPrefix}-number`}
          label={exercise.kind === 'proxy-count' ? 'x_for' : 'Your answer (connections)'}
          value={answer.kind === 'number' ? answer.value : Number.NaN}
          min={0}
          max={exercise.kind === 'proxy-count' ? 20 : 100_000}
          onInput={(value) => {
            onChange({ kind: 'number', value });
          }}
        />
      );
    case 'proxy-goal': {
      const current =
        answer.kind === 'proxy' ? answer : { kind: 'proxy' as const, x_for: 0, x_proto: 0 };
      return (
        <div class="ex-fields">
          <p class="ex-code-preview">
            <code>
              app.wsgi_app = ProxyFix(app.wsgi_app, x_for={numberValue(current.x_for) || '?'},
              x_proto=
              {numberValue(current.x_proto) || '?'})
            </code>
          </p>
          <NumberField
            id={`${idPrefix}-xfor`}
            label="x_for"
            value={current.x_for}
            min={0}
            max={20}
            onInput={(value) => {
              onChange({ ...current, x_for: value });
            }}
          />
          <NumberField
            id={`${idPrefix}-xproto`}
            label="x_proto"
            value={current.x_proto}
            min={0}
            max={20}
            onInput={(value) => {
              onChange({ ...current, x_proto: value });
            }}
          />
        </div>
      );
    }
    case 'capacity-goal': {
      const values = answer.kind === 'capacity' ? answer.values : {};
      return (
        <div class="ex-fields">
          {exercise.editable.map((range) => (
            <NumberField
              key={range.field}
              id={`${idPrefix}-${range.field}`}
              label={`${FIELD_LABELS[range.field]} (${range.min}–${range.max})`}
              value={values[range.field] ?? Number.NaN}
              min={range.min}
              max={range.max}
              onInput={(value) => {
                onChange({ kind: 'capacity', values: { ...values, [range.field]: value } });
              }}
            />
          ))}
        </div>
      );
    }
    case 'shutdown-goal': {
      const settings: ShutdownSettings =
        answer.kind === 'shutdown' ? answer.settings : exercise.start;
      const set = (patch: Partial<ShutdownSettings>) => {
        onChange({ kind: 'shutdown', settings: { ...settings, ...patch } });
      };
      return (
        <div class="ex-fields">
          <div class="ex-field ex-field-wide">
            <label for={`${idPrefix}-pid1`}>How the container starts Gunicorn</label>
            <select
              id={`${idPrefix}-pid1`}
              value={settings.pid1}
              onChange={(event) => {
                const value = event.currentTarget.value;
                const pid1 = PID1_MODES.find((mode) => mode === value);
                if (pid1) set({ pid1 });
              }}
            >
              {PID1_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {PID1_LABELS[mode]}
                </option>
              ))}
            </select>
          </div>
          <NumberField
            id={`${idPrefix}-dereg`}
            label="ALB deregistration delay"
            unit="s"
            value={settings.deregistrationDelaySeconds}
            min={0}
            max={3600}
            onInput={(value) => {
              set({ deregistrationDelaySeconds: value });
            }}
          />
          <NumberField
            id={`${idPrefix}-graceful`}
            label="Gunicorn graceful_timeout"
            unit="s"
            value={settings.gracefulTimeoutSeconds}
            min={0}
            max={3600}
            onInput={(value) => {
              set({ gracefulTimeoutSeconds: value });
            }}
          />
          <NumberField
            id={`${idPrefix}-stop`}
            label="ECS container stopTimeout"
            unit="s"
            value={settings.stopTimeoutSeconds}
            min={2}
            max={120}
            onInput={(value) => {
              set({ stopTimeoutSeconds: value });
            }}
          />
        </div>
      );
    }
  }
}

export default AnswerEditor;
