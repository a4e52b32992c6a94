import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CommuneField } from '~/components/form/commune-field';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { TextField } from '~/components/form/text-field';
import { JOIN_MESSAGE_MAX_LENGTH, newSupplierSchema, supplierSiretSchema } from '~/domain/organisation-forms';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { replyToRefusal } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { requestSupplierOrganisation } from '~/services/organisations/join-by-siret.server';
import { getReferenceData } from '~/services/reference.server';

// « Gérer la fiche d’une structure de l’ESS » (issue 6, decision 121), in two steps without JavaScript:
// 1. the SIRET (and a word for whoever decides): a known supplier with no member is claimed (a moderator
//    decides), one with members is joined (its owners decide);
// 2. for a SIRET the catalogue does not hold, the name, kind and commune of the new supplier, created
//    unpublished with the person as owner. Permission organisation.create.

const FIELDS = ['siret', 'message', 'name', 'structureKind', 'commune'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.create' });
  const { kinds } = await getReferenceData(ctx.database.db);
  return data({ kinds: kinds.map((k) => ({ value: k.code, label: k.name })) }, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.create' });
  const formData = await request.formData();
  const details = formData.get('step') === 'details';
  const submission = parseWithZod(formData, {
    schema: details ? newSupplierSchema : supplierSiretSchema,
    disableAutoCoercion: true,
  });
  const outcome = await requestSupplierOrganisation(ctx.database.db, {
    actor: { userId: user.id, email: user.email },
    form: Object.fromEntries(formData),
    origin: siteOrigin(request),
  });
  const headers = privateHeaders(setCookie);
  if (!outcome.ok) {
    const { result, init } = replyToRefusal(submission, outcome.error, FIELDS);
    return data(
      { step: details ? 'details' : 'siret', done: null, result },
      { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } },
    );
  }
  const value = outcome.value;
  switch (value.kind) {
    case 'details-needed':
      return data({ step: 'details', done: null, result: submission.reply() }, { headers });
    case 'created':
      throw redirect(`/organisations/${value.organisationId}?creee=1`, { headers });
    default:
      return data(
        { step: 'siret', done: { kind: value.kind, organisationName: value.organisationName }, result: null },
        { headers },
      );
  }
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Gérer la fiche d’une structure de l’ESS — Maillage' }];

type Fields = { siret: string; message: string; name: string; structureKind: string; commune: string };

export default function SupplierOrganisationPage() {
  const { kinds } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<Fields>({ lastResult: answer?.result ?? undefined, shouldValidate: 'onSubmit' });
  const details = answer?.step === 'details';
  if (answer?.done)
    return (
      <div className="container page">
        <h1>Demande envoyée</h1>
        <div className="notice" role="status">
          {answer.done.kind === 'claim-requested' ? (
            <p>
              « {answer.done.organisationName} » est dans le catalogue mais personne ne gère encore sa fiche. Votre
              demande de rattachement est transmise à l’équipe de modération, qui vérifie votre lien avec la structure ;
              vous recevrez un message dès qu’elle sera traitée.
            </p>
          ) : (
            <p>
              « {answer.done.organisationName} » est déjà gérée sur Maillage. Votre demande est transmise à ses
              propriétaires ; vous recevrez un message dès qu’ils l’auront acceptée ou refusée.
            </p>
          )}
        </div>
        <p>
          <Link to="/organisations">Voir mes organisations et mes demandes</Link>
        </p>
      </div>
    );
  const summary = [
    { fieldId: null, label: null, messages: form.errors ?? [] },
    { fieldId: fields.siret.id, label: 'SIRET', messages: fields.siret.errors ?? [] },
    { fieldId: fields.message.id, label: 'Message', messages: fields.message.errors ?? [] },
    ...(details
      ? [
          { fieldId: fields.name.id, label: 'Nom de la structure', messages: fields.name.errors ?? [] },
          { fieldId: fields.structureKind.id, label: 'Type de structure', messages: fields.structureKind.errors ?? [] },
          { fieldId: fields.commune.id, label: 'Commune du siège', messages: fields.commune.errors ?? [] },
        ]
      : []),
  ];
  return (
    <div className="container page">
      <p>
        <Link to="/organisations/nouvelle">Retour au choix du type d’organisation</Link>
      </p>
      <h1>Gérer la fiche d’une structure de l’ESS</h1>
      {details ? (
        <div className="notice" role="status">
          <p>
            Ce SIRET n’est pas encore dans le catalogue. Décrivez la structure pour créer sa fiche : elle restera non
            publiée jusqu’à la vérification de la charte, et vous en serez le propriétaire.
          </p>
        </div>
      ) : (
        <p>
          Indiquez le SIRET de la structure. Si elle est déjà dans le catalogue, vous demanderez à gérer sa fiche ;
          sinon, vous pourrez la créer.
        </p>
      )}
      <ErrorSummary submissionKey={answer} items={summary} />
      <Form method="post" className="form" {...getFormProps(form)}>
        {details ? <input type="hidden" name="step" value="details" /> : null}
        <TextField
          meta={fields.siret}
          label="SIRET"
          type="text"
          autoComplete="off"
          hint="14 chiffres, espaces acceptés, par exemple 732 829 320 00074"
        />
        <TextAreaField
          meta={fields.message}
          label="Message pour la personne qui validera"
          hint={`Facultatif, ${JOIN_MESSAGE_MAX_LENGTH} caractères au plus : votre fonction dans la structure, comment vérifier votre lien avec elle.`}
          maxLength={JOIN_MESSAGE_MAX_LENGTH}
          rows={4}
        />
        {details ? (
          <>
            <TextField meta={fields.name} label="Nom de la structure" type="text" autoComplete="organization" />
            <SelectField
              meta={fields.structureKind}
              label="Type de structure"
              options={kinds}
              emptyLabel="Choisissez un type"
              required
            />
            <CommuneField
              meta={fields.commune}
              label="Commune du siège"
              required
              hint="Nom de la commune ou code INSEE, par exemple « Lyon » ou « 69123 »"
            />
          </>
        ) : null}
        <SubmitButton>{details ? 'Créer la fiche' : 'Continuer'}</SubmitButton>
      </Form>
    </div>
  );
}
