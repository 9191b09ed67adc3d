import { describe, expect, it } from 'vitest';
import { widgetIdFromHash } from './widget-hash-link';

describe('widgetIdFromHash', () => {
  it('finds the widget a hash-state link belongs to', () => {
    expect(widgetIdFromHash('#dockerfile-checker~v1.abc')).toBe('dockerfile-checker');
  });
  it('leaves plain anchors and junk alone', () => {
    expect(widgetIdFromHash('#dockerfile-checker')).toBeNull();
    expect(widgetIdFromHash('#exec-form')).toBeNull();
    expect(widgetIdFromHash('#~v1.abc')).toBeNull();
    expect(widgetIdFromHash('#"><img src=x>~v1')).toBeNull();
  });
});
