import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { logInSchema } from '../../app/domain/auth/forms';
import { replyToRefusal, replyWithFormError, replyWithIssues } from '../../app/services/auth/form-reply.server';

// The bridge from the services' FieldIssue[] to Conform's reply (docs/decisions/110-forms.md).

function submissionOf(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return parseWithZod(formData, { schema: logInSchema, disableAutoCoercion: true });
}

describe('replyWithIssues', () => {
  it('puts visible fields next to them, the rest on the form, and never sends the password back', () => {
    const reply = replyWithIssues(
      submissionOf({ email: 'camille@exemple.fr', password: 'secret' }),
      [
        { field: 'email', message: 'Adresse invalide.' },
        { field: 'website', message: 'Réessayez.' },
        { field: '', message: 'Compte supprimé.' },
      ],
      ['email', 'password'],
    );
    expect(reply.error?.email).toEqual(['Adresse invalide.']);
    expect(reply.error?.['']).toEqual(['Réessayez.', 'Compte supprimé.']);
    expect(reply.initialValue).toEqual({ email: 'camille@exemple.fr' });
  });

  it('gives a form-level message with the values kept but the password', () => {
    const reply = replyWithFormError(submissionOf({ email: 'a@exemple.fr', password: 'x' }), 'Trop de tentatives.');
    expect(reply.error?.['']).toEqual(['Trop de tentatives.']);
    expect(reply.initialValue).toEqual({ email: 'a@exemple.fr' });
  });
});

describe('replyToRefusal', () => {
  const submission = () => submissionOf({ email: 'a@exemple.fr', password: 'x' });

  it('answers a rate limit with 429 and Retry-After, the message on the form', () => {
    const { result, init } = replyToRefusal(
      submission(),
      { kind: 'rate-limited', message: 'Trop de tentatives.', retryAfterSeconds: 120 },
      ['email', 'password'],
    );
    expect(init).toEqual({ status: 429, headers: { 'Retry-After': '120' } });
    expect(result.error?.['']).toEqual(['Trop de tentatives.']);
  });

  it('answers field issues and form-level messages with 400', () => {
    const invalid = replyToRefusal(submission(), { kind: 'invalid', issues: [{ field: 'email', message: 'Non.' }] }, [
      'email',
    ]);
    expect(invalid.init).toEqual({ status: 400 });
    expect(invalid.result.error?.email).toEqual(['Non.']);
    const wrong = replyToRefusal(submission(), { kind: 'wrong-credentials', message: 'Incorrect.' }, ['email']);
    expect(wrong.init).toEqual({ status: 400 });
    expect(wrong.result.error?.['']).toEqual(['Incorrect.']);
  });
});
