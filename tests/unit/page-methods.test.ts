import type { ServerBuild } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { postAcceptor } from '../../app/http/request-errors.server';

// Which page addresses take POST is read from the build's route modules (app/http/request-errors.server.ts, docs/decisions/083): a
// route with an action takes it, every other page answers 405 before Remix could name its module.

type Routes = ServerBuild['routes'];
const route = (id: string, parentId: string | undefined, path: string | undefined, action = false, index = false) => ({
  [id]: { id, parentId, path, index, caseSensitive: false, module: action ? { action: async () => null } : {} },
});

const ROUTES = {
  ...route('root', undefined, ''),
  ...route('routes/_index', 'root', undefined, false, true),
  ...route('routes/fournisseurs._index', 'root', 'fournisseurs', false, true),
  ...route('routes/fournisseurs.$slug', 'root', 'fournisseurs/:slug'),
  ...route('routes/connexion', 'root', 'connexion', true),
  ...route('routes/espace.fiche.$id', 'root', 'espace/fiche/:id', true),
  ...route('routes/$', 'root', '*'),
} as unknown as Routes;

describe('postAcceptor', () => {
  const takesPost = postAcceptor({ routes: ROUTES });

  it('accepts POST on the routes that have an action, and their single-fetch .data requests', () => {
    expect(takesPost('/connexion')).toBe(true);
    expect(takesPost('/connexion.data')).toBe(true);
    expect(takesPost('/espace/fiche/42')).toBe(true);
  });

  it('refuses POST on routes without an action, index routes and the catch-all', () => {
    expect(takesPost('/')).toBe(false);
    expect(takesPost('/fournisseurs')).toBe(false);
    expect(takesPost('/fournisseurs/atelier-du-val')).toBe(false);
    expect(takesPost('/nulle-part')).toBe(false);
    expect(takesPost('/espace/fiche')).toBe(false);
  });
});
