import { fail, type Result } from '../result';
import { checkSiret as checkSiretSentence } from '../siret';

/**
 * The shared SIRET check (app/domain/siret.ts): the normalised SIRET, or its sentence turned into the import's
 * message style (`ligne 7, colonne siret : SIRET invalide (clé de contrôle incorrecte)`: no capital, no final
 * full stop).
 */
export function checkSiret(input: string): Result<string, string> {
  const result = checkSiretSentence(input);
  if (result.ok) return result;
  let message = result.error.replace(/\.$/, '');
  if (/^[A-ZÀ-Ý][a-zà-ÿ]/.test(message)) message = message[0].toLowerCase() + message.slice(1);
  return fail(message);
}
