/**
 * A field people never see nor hear (hidden from view and from assistive technologies, out of the tab order)
 * that bots fill in: the server refuses a form where it is not empty.
 */
export function Honeypot({ name }: { name: string }) {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor={`honeypot-${name}`}>Ne pas remplir ce champ</label>
      <input id={`honeypot-${name}`} type="text" name={name} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
