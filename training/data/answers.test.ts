import { describe, expect, it } from 'vitest';
import { writtenWords } from '../../src/agent/answer-grammar.ts';
import { groundingOf } from '../../src/agent/argument-grounding.ts';
import { answerVocabulary } from './answer-vocabulary.ts';
import { SPLITS } from './splits.ts';
import { smallDataset } from './test-dataset.ts';

describe('the answers and thoughts of the generated dialogues', () => {
  it('state the values the API returned, each found in an observation of the dialogue', async () => {
    const dataset = await smallDataset();
    let checked = 0;
    for (const split of SPLITS) {
      for (const { dialogue, meta } of dataset.splits[split].tasks) {
        const answer = dialogue.conversations.find((turn) => turn.from === 'conclusion')?.value ?? '';
        const observations = dialogue.conversations.filter((turn) => turn.from === 'observation');
        for (const value of meta.values) {
          expect(answer, `${meta.intent}: ${value}`).toContain(value);
          expect(
            observations.some((turn) => turn.value.includes(value)),
            `${meta.intent}: ${value}`,
          ).toBe(true);
          checked++;
        }
        const needsValues = !/^(chat|give_up|unknown_|todo_missing)/.test(meta.intent);
        if (needsValues && !(meta.intent === 'todo_list' && answer.startsWith('You'))) {
          expect(meta.values.length, `${meta.intent}: ${dialogue.instruction}`).toBeGreaterThan(0);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keep planner thoughts free of the user’s entities, so only the caller copies them', async () => {
    const dataset = await smallDataset();
    const thoughts = new Set<string>();
    for (const { dialogue, meta } of dataset.splits.train.tasks) {
      for (const turn of dialogue.conversations.filter((item) => item.from === 'assistant')) {
        thoughts.add(turn.value);
        for (const entity of meta.entities) {
          const words = new RegExp(`\\b${entity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
          expect(turn.value, entity).not.toMatch(words);
        }
      }
    }
    expect(thoughts.size).toBeLessThanOrEqual(18);
  });

  it('end every dialogue with a conclusion or a give-up, after the user’s instruction', async () => {
    const dataset = await smallDataset();
    for (const split of SPLITS) {
      for (const { dialogue } of dataset.splits[split].tasks) {
        const turns = dialogue.conversations;
        expect(turns[0]).toEqual({ from: 'user', value: dialogue.instruction });
        const last = turns.at(-1);
        const ended =
          last?.from === 'conclusion' ||
          (last?.from === 'assistant' && last.value.endsWith('Next: give up.'));
        expect(ended, dialogue.instruction).toBe(true);
      }
    }
  });
});

describe('the answer vocabulary', () => {
  it('covers every word of every generated answer that the task and observations do not, and answers quote only spans of them', async () => {
    const vocabulary = new Set(answerVocabulary());
    const dataset = await smallDataset();
    let answers = 0;
    for (const split of SPLITS) {
      for (const { dialogue } of dataset.splits[split].tasks) {
        const turns = dialogue.conversations;
        const answer = turns.find((turn) => turn.from === 'conclusion')?.value;
        if (answer === undefined) continue;
        const texts = groundingOf(turns).texts;
        const written = writtenWords(texts);
        for (const word of writtenWords([answer]))
          expect(vocabulary.has(word) || written.has(word), `${word} in ${answer}`).toBe(true);
        const pieces = texts.flatMap((text) => text.split('"'));
        for (const [, quoted] of answer.matchAll(/"([^"]*)"/g))
          expect(
            pieces.some((piece) => piece.includes(quoted as string)),
            `"${quoted}" in ${answer}`,
          ).toBe(true);
        answers++;
      }
    }
    expect(answers).toBeGreaterThan(500);
    expect(vocabulary).toContain('Marked');
    expect(vocabulary).not.toContain('text');
  });
});
