import { Link } from '@remix-run/react';

// « Recherche de partenaires » on the public tender page (decision 261): how many suppliers look for partners,
// and the way to the page where members of supplier organisations read the searches and answer them.

export function PartnerPostsTeaser({
  tenderId,
  teaser,
}: {
  tenderId: number;
  teaser: { signedIn: boolean; canRead: boolean; openCount: number };
}) {
  const path = `/appels-d-offres/${tenderId}/partenaires`;
  const count =
    teaser.openCount === 0
      ? 'Aucune structure ne cherche de partenaires pour l’instant.'
      : teaser.openCount === 1
        ? 'Une structure cherche des partenaires pour répondre ensemble.'
        : `${teaser.openCount} structures cherchent des partenaires pour répondre ensemble.`;
  return (
    <section aria-labelledby="partenaires">
      <h2 id="partenaires">Recherche de partenaires</h2>
      <p>{count}</p>
      {teaser.canRead ? (
        <p>
          <Link to={path}>Voir les recherches de partenaires et publier la vôtre</Link>
        </p>
      ) : teaser.signedIn ? (
        <p>Les recherches de partenaires sont réservées aux membres d’une structure fournisseur.</p>
      ) : (
        <p>
          <Link to={`/connexion?redirectTo=${encodeURIComponent(path)}`}>Connectez-vous</Link> au nom de votre structure
          pour lire les recherches de partenaires et y répondre.
        </p>
      )}
    </section>
  );
}
