import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile';

describe('parseDockerfile', () => {
  it('groups instructions by stage, joining continuations and skipping comments', () => {
    const stages = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:20 AS build',
        'RUN apt-get update \\',
        '  # a comment inside a continuation',
        ' && apt-get install -y g++',
        '',
        'from debian:12',
        'user app',
      ].join('\n'),
    );
    expect(stages).toEqual([
      {
        name: 'build',
        base: 'node:20',
        instructions: [{ keyword: 'RUN', args: 'apt-get update && apt-get install -y g++' }],
      },
      { name: undefined, base: 'debian:12', instructions: [{ keyword: 'USER', args: 'app' }] },
    ]);
  });
});
