import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/format';
import {
  OFFER_STATUS_LABELS,
  OfferForm,
  PostForm,
  PostSummary,
  ReceivedOffers,
} from '~/components/tenders/partner-posts';
import { TENDER_STATUS_LABELS } from '~/domain/tenders/tender';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { partnersPageAction, partnersPageLoader } from '~/services/tenders/partners-pages.server';

// /appels-d-offres/:id/partenaires: « Recherche de partenaires » on a tender (decision 261). Read by members of
// supplier organisations and moderators (tender.partners.view); every form asks tender.participate of the
// organisation it acts for.

export const loader = (args: LoaderFunctionArgs) => partnersPageLoader(args);
export const action = (args: ActionFunctionArgs) => partnersPageAction(args);
export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded
      ? `Recherche de partenaires — ${loaded.page.tender.title} — Maillage`
      : 'Recherche de partenaires — Maillage',
  },
];

const DONE: Record<string, string> = {
  annonce: 'Votre recherche de partenaires est publiée.',
  proposition: 'Votre proposition est envoyée : la structure qui cherche des partenaires est prévenue.',
  acceptee: 'La proposition est acceptée et la structure est prévenue.',
  refusee: 'La proposition est refusée et la structure est prévenue.',
  close: 'L’annonce est close : elle n’accepte plus de propositions.',
};

export default function PartnersPage() {
  const { page, organisations, sectorGroups, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { tender } = page;
  const open = page.windowMessage === null;
  const lotTitle = (n: number) => `Lot ${n} : ${tender.lots.find((l) => l.number === n)?.title ?? ''}`;
  const mine = page.posts.filter((p) => p.mine);
  const others = page.posts.filter((p) => !p.mine);
  return (
    <div className="container page">
      <p>
        <Link to={`/appels-d-offres/${tender.id}`}>Retour au besoin</Link>
      </p>
      <h1>Recherche de partenaires — {tender.title}</h1>
      <p>
        {TENDER_STATUS_LABELS[tender.status]}. Les structures fournisseurs qui veulent répondre ensemble se trouvent ici
        ; l’acheteur ne voit pas ces annonces.
      </p>
      {done && DONE[done] ? (
        <div className="notice" role="status">
          <p>{DONE[done]}</p>
        </div>
      ) : null}
      {page.windowMessage ? <p>{page.windowMessage}</p> : null}

      <h2>Annonces des autres structures</h2>
      {others.length === 0 ? <p>Aucune autre structure ne cherche de partenaires pour l’instant.</p> : null}
      {others.map((post) => (
        <PostSummary key={post.id} post={post} lotTitle={lotTitle} sectorNames={page.sectorNames}>
          {post.myOffer ? (
            <p>Votre proposition : {OFFER_STATUS_LABELS[post.myOffer.status]}.</p>
          ) : open && post.status === 'open' && organisations.length > 0 ? (
            <OfferForm post={post} organisations={organisations} lastAnswer={answer} />
          ) : null}
        </PostSummary>
      ))}

      {organisations.length > 0 ? (
        <>
          <h2>Mes annonces</h2>
          {mine.length === 0 ? <p>Vous n’avez pas publié de recherche de partenaires sur ce besoin.</p> : null}
          {mine.map((post) => (
            <PostSummary key={post.id} post={post} lotTitle={lotTitle} sectorNames={page.sectorNames}>
              <ReceivedOffers post={post} open={open} />
            </PostSummary>
          ))}
          {open ? (
            <>
              <h2>Publier une recherche de partenaires</h2>
              <PostForm
                organisations={organisations}
                lots={tender.lots}
                sectorGroups={sectorGroups}
                lastAnswer={answer}
              />
            </>
          ) : null}
          <h2>Mes propositions</h2>
          {page.myOffers.length === 0 ? (
            <p>Vous n’avez proposé de rejoindre aucune annonce sur ce besoin.</p>
          ) : (
            <ul>
              {page.myOffers.map((offer) => (
                <li key={offer.id}>
                  À {offer.postSupplierName}, le {formatDateTime(new Date(offer.createdAt))} :{' '}
                  {OFFER_STATUS_LABELS[offer.status]}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}
