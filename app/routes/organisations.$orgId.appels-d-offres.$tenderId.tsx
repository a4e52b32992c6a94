import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useForm } from '@conform-to/react';
import { formatDate } from '~/components/format';
import { useFormKey } from '~/components/form/use-form-key';
import { TenderForm } from '~/components/tenders/tender-form';
import { tenderFormValues, type TenderFormValues } from '~/domain/tenders/form-values';
import { NEED_KIND_LABELS, TENDER_STATUS_LABELS } from '~/domain/tenders/tender';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { tenderFormAction, tenderFormLoader } from '~/services/tenders/pages.server';

// /organisations/:orgId/appels-d-offres/:tenderId: a buyer's need or tender. A draft is edited here (saved, or
// sent to moderation, decision 202), with the moderator's note when it came back; once sent it is shown with its
// status. tender.edit. Links to its documents and, once published, to the bids received (decisions 255–258).

export const loader = (args: LoaderFunctionArgs) => tenderFormLoader(args, true);
export const action = (args: ActionFunctionArgs) => tenderFormAction(args, true);
export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.page.tender ? `${loaded.page.tender.title} — Besoins — Maillage` : 'Besoin — Maillage' },
];

export default function EditTenderRoute() {
  const answer = useActionData<typeof action>();
  return <EditTender key={useFormKey(answer !== undefined)} />;
}

function EditTender() {
  const { page, status, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const tender = page.tender!;
  const [form, fields] = useForm<TenderFormValues>({
    id: 'besoin',
    lastResult: answer?.result ?? undefined,
    defaultValue: tenderFormValues(tender),
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${page.organisation.id}/appels-d-offres`}>Retour aux besoins</Link>
      </p>
      <h1>{tender.title}</h1>
      <p>
        {NEED_KIND_LABELS[tender.kind]} — {TENDER_STATUS_LABELS[status]}
        {tender.submittedAt && status !== 'draft' ? `, envoyé le ${formatDate(tender.submittedAt)}` : ''}
        {tender.publishedAt && status !== 'draft' ? `, publié le ${formatDate(tender.publishedAt)}` : ''}
      </p>
      <nav aria-label="Gérer le besoin">
        <ul>
          <li>
            <Link to={`/organisations/${page.organisation.id}/appels-d-offres/${tender.id}/documents`}>
              Documents de la consultation
            </Link>
          </li>
          {status === 'draft' || status === 'submitted' ? null : (
            <li>
              <Link to={`/organisations/${page.organisation.id}/appels-d-offres/${tender.id}/offres`}>
                Offres reçues, décisions et annulation
              </Link>
            </li>
          )}
        </ul>
      </nav>
      {done === 'enregistre' ? (
        <div className="notice" role="status">
          <p>Votre brouillon est enregistré.</p>
        </div>
      ) : null}
      {tender.moderationNote && status === 'draft' ? (
        <div className="notice">
          <p>Note du modérateur : {tender.moderationNote}</p>
        </div>
      ) : null}
      {status === 'draft' ? (
        <TenderForm form={form} fields={fields} sectorGroups={page.sectorGroups} submissionKey={answer} />
      ) : (
        <>
          <p>Ce besoin a été envoyé à la modération : il ne peut plus être modifié.</p>
          {status === 'published' || status === 'closed' || status === 'awarded' || status === 'cancelled' ? (
            <p>
              <Link to={`/appels-d-offres/${tender.id}`}>Voir la page publique</Link>
            </p>
          ) : null}
          {status !== 'submitted' ? (
            <p>
              <Link to={`/organisations/${page.organisation.id}/appels-d-offres/${tender.id}/questions`}>
                Questions des fournisseurs
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
