import { getFormProps, useForm } from '@conform-to/react';
import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { formatDateTime } from '~/components/format';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { ANSWER_MAX_LENGTH, ANSWER_MIN_LENGTH } from '~/domain/tenders/questions';

// One question on the buyer's questions page (decision 260): who asked (the buyer sees it, the public does not),
// the question, and the form that answers it or corrects the answer while the tender is open.

export interface BuyerQuestion {
  id: number;
  supplierName: string;
  question: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export function QuestionAnswerItem({
  question,
  frozen,
  lastResult,
}: {
  question: BuyerQuestion;
  frozen: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<{ answer: string; questionId: string }>({
    id: `reponse-${question.id}`,
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: { answer: question.answer ?? '', questionId: String(question.id) },
  });
  const headingId = `question-${question.id}-titre`;
  return (
    <article id={`question-${question.id}`} aria-labelledby={headingId} className="card">
      <h2 id={headingId}>
        Question de {question.supplierName}, le {formatDateTime(new Date(question.createdAt))}
      </h2>
      <p className="prose">{question.question}</p>
      {question.answer !== null ? (
        <p>
          <strong>Réponse publiée</strong>
          {question.answeredAt ? ` (${formatDateTime(new Date(question.answeredAt))})` : ''} : {question.answer}
        </p>
      ) : (
        <p>Pas encore de réponse.</p>
      )}
      {frozen ? null : (
        <>
          <ErrorSummary
            submissionKey={lastResult}
            items={[
              { fieldId: null, label: null, messages: form.errors ?? [] },
              { fieldId: fields.answer.id, label: 'Réponse', messages: fields.answer.errors ?? [] },
            ]}
          />
          <Form method="post" className="form" {...getFormProps(form)}>
            <input type="hidden" name="questionId" value={question.id} />
            <TextAreaField
              meta={fields.answer}
              label={question.answer === null ? 'Votre réponse' : 'Modifier votre réponse'}
              hint={`De ${ANSWER_MIN_LENGTH} à ${ANSWER_MAX_LENGTH} caractères. Elle sera publiée sur la page du besoin et envoyée aux fournisseurs intéressés.`}
              maxLength={ANSWER_MAX_LENGTH}
              required
            />
            <SubmitButton>
              {question.answer === null ? 'Publier la réponse' : 'Publier la réponse modifiée'}
            </SubmitButton>
          </Form>
        </>
      )}
    </article>
  );
}
