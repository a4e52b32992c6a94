import { Link } from '@remix-run/react';
import { SearchBox } from './search-box';

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  403: 'Accès refusé',
  405: 'Méthode non autorisée',
  501: 'Méthode non prise en charge',
};

/** The French page shown for 404s and unexpected errors: what happened and where to go, never a stack trace. */
export function ErrorPage({ status, denial }: { status: number; denial?: 'forbidden' | 'verify-email' }) {
  const notFound = status === 404;
  return (
    <div className="container page error-page">
      <p className="error-page__code">Erreur {status}</p>
      <h1>{notFound ? 'Page introuvable' : (TITLES[status] ?? 'Une erreur est survenue')}</h1>
      {notFound ? (
        <p>
          La page que vous cherchez n’existe pas ou n’est plus publiée. Si vous avez saisi l’adresse, vérifiez qu’elle
          est correcte ; un fournisseur peut aussi avoir retiré sa fiche.
        </p>
      ) : status === 400 ? (
        <p>La demande n’a pas pu être traitée car elle contient des paramètres invalides.</p>
      ) : status === 403 && denial === 'verify-email' ? (
        <p>
          Confirmez d’abord votre adresse e-mail : suivez le lien reçu après l’inscription, ou demandez-en un nouveau
          depuis <Link to="/compte">votre compte</Link>.
        </p>
      ) : status === 403 ? (
        <p>
          Votre compte n’a pas les droits nécessaires pour cette page ou cette action. Si vous pensez que c’est une
          erreur, demandez l’accès au propriétaire de l’organisation concernée.
        </p>
      ) : status === 405 || status === 501 ? (
        <p>Cette adresse ne s’utilise qu’en consultation : la méthode de la requête n’est pas acceptée ici.</p>
      ) : status < 500 ? (
        <p>La demande n’a pas pu être traitée telle quelle. Vérifiez l’adresse.</p>
      ) : (
        <p>
          Le service a rencontré un problème inattendu. Réessayez dans quelques instants ; si le problème persiste,
          revenez à l’accueil.
        </p>
      )}
      <h2>Que faire ?</h2>
      <ul className="error-page__links">
        <li>
          <Link to="/">Revenir à l’accueil</Link>
        </li>
        <li>
          <Link to="/fournisseurs">Rechercher parmi tous les fournisseurs</Link>
        </li>
        <li>
          <Link to="/charte">Découvrir la charte d’engagement</Link>
        </li>
      </ul>
      <SearchBox id="erreur-q" />
    </div>
  );
}
