// The login plan as a plain function: which methods are tried, in which order, for what the server accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planAuthMethods, type AuthOffer } from './planAuthMethods.js';

const nothing: AuthOffer = { privateKey: false, agent: false, password: false, keyboardInteractive: false, canAnswerPrompts: false };
const everything: AuthOffer = { privateKey: true, agent: true, password: true, keyboardInteractive: true, canAnswerPrompts: true };

test('everything offered, nothing said yet: key, agent, keyboard-interactive, password', () => {
  assert.deepEqual(planAuthMethods(everything, null, []), ['publickey', 'agent', 'keyboard-interactive', 'password']);
});

test('only what the server accepts is planned; the agent signs with publickey', () => {
  assert.deepEqual(planAuthMethods(everything, ['publickey'], []), ['publickey', 'agent']);
  assert.deepEqual(planAuthMethods(everything, ['password'], []), ['password']);
  assert.deepEqual(planAuthMethods({ ...nothing, agent: true }, ['publickey', 'password'], []), ['agent']);
});

test('each method is tried once', () => {
  assert.deepEqual(planAuthMethods(everything, ['publickey', 'keyboard-interactive', 'password'], ['publickey', 'agent']), ['keyboard-interactive', 'password']);
  assert.deepEqual(planAuthMethods(everything, null, ['publickey', 'agent', 'keyboard-interactive', 'password']), []);
});

test('keyboard-interactive needs someone to answer: the person, or a saved password', () => {
  const accepts = ['keyboard-interactive'];
  assert.deepEqual(planAuthMethods({ ...nothing, keyboardInteractive: true }, accepts, []), [], 'asked for, nobody to answer');
  assert.deepEqual(planAuthMethods({ ...nothing, keyboardInteractive: true, canAnswerPrompts: true }, accepts, []), ['keyboard-interactive']);
  assert.deepEqual(planAuthMethods({ ...nothing, password: true }, accepts, []), ['keyboard-interactive'], 'the saved password answers its prompt');
  assert.deepEqual(planAuthMethods({ ...nothing, canAnswerPrompts: true }, accepts, []), [], 'an answerer alone does not ask for it');
});

test('no overlap with what the server accepts, or nothing offered: an empty plan', () => {
  assert.deepEqual(planAuthMethods({ ...nothing, password: true }, ['publickey'], []), []);
  assert.deepEqual(planAuthMethods(nothing, null, []), []);
});

test('a server that changes its list after a partial success gets the methods it now names', () => {
  // publickey accepted as a first factor; the server now asks for keyboard-interactive.
  assert.deepEqual(planAuthMethods(everything, ['keyboard-interactive'], ['publickey']), ['keyboard-interactive']);
});
