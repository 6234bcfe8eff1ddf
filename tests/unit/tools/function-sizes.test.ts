import { describe, expect, it } from 'vitest';
import { functionSizes } from '../../../tools/function-sizes.ts';

const source = `/** A module. */
export function handler(a: number): number {
  // a comment line, not counted

  const double = (x: number) => x * 2;
  /* a block
     comment */
  return double(a);
}

class Store {
  constructor(private readonly name: string) {}
  get label(): string {
    return \`store
\${this.name}\`;
  }
  async insert(): Promise<void> {}
}

app.post('/comments', async (c) => {
  return c.json({});
});
const options = { parse: function () { return 1; } };
`;

describe('function sizes', () => {
  const sizes = functionSizes('example.ts', source);

  it('names declarations, methods with their class, arrows by their variable and callbacks by their call', () => {
    expect(sizes.map((size) => size.name)).toEqual([
      'handler',
      'double',
      'Store.constructor',
      'Store.label',
      'Store.insert',
      "app.post('/comments') callback",
      'parse',
    ]);
  });

  it('counts lines with code, as ESLint does: not blank lines or comments, every line of a template literal', () => {
    const lines = Object.fromEntries(sizes.map((size) => [size.name, size.lines]));
    expect(lines).toMatchObject({ handler: 4, double: 1, 'Store.label': 4, 'Store.insert': 1 });
  });

  it('says on which line each starts', () => {
    expect(sizes.find((size) => size.name === 'Store.label')?.line).toBe(13);
  });
});
