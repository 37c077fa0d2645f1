import * as Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { readAs } from './lenient';

const Inner = Type.Object({ label: Type.String({ default: '' }) });
const Thing = Type.Object({
  id: Type.String(),
  count: Type.Integer({ default: 0 }),
  tags: Type.Array(Type.String(), { default: [] }),
  note: Type.Optional(Type.String({ minLength: 1 })),
  inner: Type.Union([Inner, Type.Null()], { default: null }),
});

describe('readAs', () => {
  it('reads a value that is right as it is, dropping fields the schema does not name', () => {
    expect(readAs(Thing, { id: 'a', count: 2, tags: ['x'], note: 'n', inner: { label: 'l' }, extra: true })).toEqual({
      id: 'a',
      count: 2,
      tags: ['x'],
      note: 'n',
      inner: { label: 'l' },
    });
  });

  it('fills defaults for absent or malformed display fields, and leaves malformed optional ones out', () => {
    expect(readAs(Thing, { id: 'a', count: 'many', tags: [1], note: '' })).toEqual({ id: 'a', count: 0, tags: [], inner: null });
  });

  it('reads nested objects as leniently, through a union', () => {
    expect(readAs(Thing, { id: 'a', inner: {} })).toMatchObject({ inner: { label: '' } });
    expect(readAs(Thing, { id: 'a', inner: 5 })).toMatchObject({ inner: null });
  });

  it('refuses a value whose required field without a default is missing or wrong', () => {
    expect(readAs(Thing, { count: 1 })).toBeNull();
    expect(readAs(Thing, { id: 1 })).toBeNull();
    expect(readAs(Thing, 'a')).toBeNull();
    expect(readAs(Thing, [{ id: 'a' }])).toBeNull();
  });

  it('does not take fields from the prototype chain', () => {
    expect(readAs(Thing, Object.create({ id: 'a' }) as unknown)).toBeNull();
  });

  it('hands out its own copy of a default', () => {
    const first = readAs(Thing, { id: 'a' });
    first?.tags.push('changed');
    expect(readAs(Thing, { id: 'b' })?.tags).toEqual([]);
  });
});
