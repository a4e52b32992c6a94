import { getFormProps, useForm } from '@conform-to/react';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CheckboxGroup } from '~/components/form/checkbox-group';
import { ErrorSummary } from '~/components/form/error-summary';
import { RadioGroup } from '~/components/form/radio-group';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { useFormKey } from '~/components/form/use-form-key';
import { formatDate } from '~/components/format';
import { parseId } from '~/domain/bids/forms';
import { GROUPEMENT_FORMS, GROUPEMENT_FORM_LABELS } from '~/domain/groupements/rules';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { parseUnchecked, replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { authorizeBidStart, getStartBidPage, startBid } from '~/services/bids/start.server';
import { getAppContext } from '~/services/context.server';

// /appels-d-offres/:id/repondre (decision 240; `$id_` keeps it out of the public page's layout): a member (owner or editor, address confirmed) of a supplier
// organisation answers a published tender alone or starts a groupement as its mandataire, for the lots chosen
// (all by default). GET and POST: tender.participate on one of the person's supplier organisations (the chosen one for
// the POST). Quote and sourcing requests, and closed tenders, are refused with their reason.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const tenderId = idParam(params.id);
  const ctx = await getAppContext();
  const { organisations, setCookie } = await authorizeBidStart({ request, context }, ctx);
  const page = await getStartBidPage(ctx.database.db, tenderId, organisations);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    { page, organisations: organisations.map((o) => ({ id: o.organisationId, name: o.name })) },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const tenderId = idParam(params.id);
  const ctx = await getAppContext();
  const { organisations } = await authorizeBidStart({ request, context }, ctx);
  const formData = await request.formData();
  const chosen = parseId(formData.get('organisationId')) ?? organisations[0].organisationId;
  const { user, setCookie } = await authorize({ request, context }, ctx, {
    action: 'tender.participate',
    organisationId: chosen,
  });
  const headers = privateHeaders(setCookie);
  const outcome = await startBid(ctx.database.db, {
    tenderId,
    actor: { userId: user.id, email: user.email },
    organisations,
    fields: { ...Object.fromEntries(formData), lots: formData.getAll('lots') },
  });
  if (outcome.ok) throw redirect(`/reponses/${outcome.value.bidId}?fait=cree`, { headers });
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers });
  const submission = parseUnchecked(formData);
  if (outcome.error.kind === 'closed')
    return data({ result: submission.reply({ formErrors: [outcome.error.message] }) }, { status: 409, headers });
  const result = replyWithIssues(submission, outcome.error.issues, ['kind', 'name', 'form', 'organisationId', 'lots']);
  return data({ result }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Répondre — ${loaded.page.tender.title} — Maillage` : 'Répondre à un appel d’offres — Maillage' },
];

const KIND_OPTIONS = [
  { value: 'seul', label: 'Répondre seul' },
  { value: 'groupement', label: 'Constituer un groupement (vous en serez le mandataire)' },
];
const FORM_OPTIONS = GROUPEMENT_FORMS.map((f) => ({ value: f, label: GROUPEMENT_FORM_LABELS[f] }));

export default function StartBidRoute() {
  const answer = useActionData<typeof action>();
  return <StartBid key={useFormKey(answer !== undefined)} />;
}

function StartBid() {
  const { page, organisations } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { tender } = page;
  const [form, fields] = useForm<{ kind: string; name: string; form: string; organisationId: string; lots: string[] }>({
    id: 'repondre',
    lastResult: answer?.result ?? undefined,
    defaultValue: {
      kind: 'seul',
      organisationId: organisations.length === 1 ? String(organisations[0].id) : '',
      lots: tender.lots.map((l) => String(l.number)),
    },
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to={`/appels-d-offres/${tender.id}`}>Retour à l’appel d’offres</Link>
      </p>
      <h1>Répondre à « {tender.title} »</h1>
      <p>
        Acheteur : {tender.buyerName}
        {tender.submissionDeadline ? ` — offres à remettre avant le ${formatDate(tender.submissionDeadline)}` : ''}
      </p>
      {page.existing.length > 0 ? (
        <>
          <h2>Vos réponses en cours</h2>
          <ul>
            {page.existing.map((b) => (
              <li key={b.bidId}>
                <Link to={`/reponses/${b.bidId}`}>{b.name}</Link> ({b.organisationName})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {page.refusal ? (
        <div className="alert" role="alert">
          <p>{page.refusal}</p>
        </div>
      ) : (
        <>
          <ErrorSummary
            submissionKey={answer}
            items={[
              { fieldId: null, label: null, messages: form.errors ?? [] },
              { fieldId: fields.kind.id, label: 'Façon de répondre', messages: fields.kind.errors ?? [] },
              { fieldId: fields.name.id, label: 'Nom du groupement', messages: fields.name.errors ?? [] },
              { fieldId: fields.form.id, label: 'Forme du groupement', messages: fields.form.errors ?? [] },
              { fieldId: fields.organisationId.id, label: 'Structure', messages: fields.organisationId.errors ?? [] },
              { fieldId: fields.lots.id, label: 'Lots', messages: fields.lots.errors ?? [] },
            ]}
          />
          <Form method="post" className="form" {...getFormProps(form)}>
            <RadioGroup meta={fields.kind} legend="Comment répondez-vous ?" options={KIND_OPTIONS} />
            {organisations.length > 1 ? (
              <SelectField
                meta={fields.organisationId}
                label="Structure qui répond"
                options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
                emptyLabel="Choisissez une structure"
                required
              />
            ) : (
              <p>Structure qui répond : {organisations[0].name}</p>
            )}
            <h2>Si vous constituez un groupement</h2>
            <TextField
              meta={fields.name}
              label="Nom du groupement"
              type="text"
              autoComplete="off"
              required={false}
              hint="Obligatoire pour un groupement, par exemple « Groupement Espaces verts Rhône »."
            />
            <SelectField
              meta={fields.form}
              label="Forme du groupement"
              options={FORM_OPTIONS}
              emptyLabel="À choisir plus tard avec les partenaires"
              hint="Elle doit être choisie avant le dépôt de l’offre."
            />
            {tender.lots.length > 1 ? (
              <CheckboxGroup
                meta={fields.lots}
                legend="Lots auxquels vous répondez"
                options={tender.lots.map((l) => ({ value: String(l.number), label: `Lot ${l.number} — ${l.title}` }))}
              />
            ) : null}
            <SubmitButton>Commencer la réponse</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
