import { Form, NavLink, Link } from '@remix-run/react';

export function SiteHeader({
  user,
}: {
  user: { email: string; moderator?: boolean; unreadNotifications?: number } | null;
}) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
            <path
              d="M4 8h24M4 16h24M4 24h24M8 4v24M16 4v24M24 4v24"
              stroke="currentColor"
              strokeWidth="2.2"
              strokeLinecap="round"
            />
          </svg>
          <span>
            <span className="brand__name">Maillage</span>
            <span className="brand__tagline">Achats responsables auprès de l’économie sociale et solidaire</span>
          </span>
        </Link>
        <nav aria-label="Navigation principale" className="main-nav">
          <ul>
            <li>
              <NavLink to="/fournisseurs">Fournisseurs</NavLink>
            </li>
            <li>
              <NavLink to="/appels-d-offres">Appels d’offres</NavLink>
            </li>
            <li>
              <NavLink to="/charte">La charte</NavLink>
            </li>
          </ul>
        </nav>
        <nav aria-label="Compte" className="account-nav">
          {user ? (
            <ul>
              {user.moderator ? (
                <li>
                  <NavLink to="/moderation">Modération</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/notifications">
                  Notifications ({user.unreadNotifications ?? 0})<span className="visually-hidden"> non lues</span>
                </NavLink>
              </li>
              <li>
                <NavLink to="/organisations">Mes organisations</NavLink>
              </li>
              <li>
                <NavLink to="/compte">
                  {user.email}
                  <span className="visually-hidden"> (mon compte)</span>
                </NavLink>
              </li>
              <li>
                <Form method="post" action="/deconnexion" className="inline-form">
                  <button type="submit" className="link-button">
                    Se déconnecter
                  </button>
                </Form>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <NavLink to="/connexion">Se connecter</NavLink>
              </li>
              <li>
                <NavLink to="/inscription">Créer un compte</NavLink>
              </li>
            </ul>
          )}
        </nav>
      </div>
    </header>
  );
}
