import { Link } from '@remix-run/react';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__about">
          <strong>Maillage</strong> recense les structures de l’économie sociale et solidaire (insertion, handicap,
          coopératives, associations) pour faciliter les achats socialement responsables.
        </p>
        <nav aria-label="Liens de pied de page">
          <ul>
            <li>
              <Link to="/fournisseurs">Rechercher un fournisseur</Link>
            </li>
            <li>
              <Link to="/charte">La charte d’engagement</Link>
            </li>
            <li>
              <a href="/api/v1/openapi.json">API publique (OpenAPI)</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
