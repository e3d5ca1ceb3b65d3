/**
 * The kinds of answer a question can ask for. Its own module so that the
 * English and the Russian question rules (answer-type.ts, answer-type-ru.ts)
 * share one definition without importing each other.
 */
export type AnswerType = 'number' | 'date' | 'person' | 'place';
