import { checkSiret as checkSiretSentence, type SiretCheck } from '../siret';

/**
 * The shared SIRET check (app/domain/siret.ts), its sentence turned into the import's message style
 * (`ligne 7, colonne siret : SIRET invalide (clé de contrôle incorrecte)`: no capital, no final full stop).
 */
export function checkSiret(input: string): SiretCheck {
  const result = checkSiretSentence(input);
  if (result.ok) return result;
  let message = result.message.replace(/\.$/, '');
  if (/^[A-ZÀ-Ý][a-zà-ÿ]/.test(message)) message = message[0].toLowerCase() + message.slice(1);
  return { ok: false, message };
}
