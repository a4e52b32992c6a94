// Accounts for `npm run bench:http` (issue 6): the log-in target needs accounts that exist and a spread of
// client addresses, since the log-in is rate-limited per address and per account (decision 102). The server
// trusts X-Forwarded-For from loopback only (server.ts), which is where the bench runs: each bench request
// names a documentation address (RFC 5737, 198.18.0.0/15 benchmark range) of its own.

export const BENCH_PASSWORD = 'banc d’essai du Maillage 2026';
export const BENCH_ACCOUNTS = 300;

export function benchEmail(i: number): string {
  return `banc-${i}@banc.maillage.localhost`;
}

/** A client address of the benchmark range (198.18.0.0/15) for request number i. */
export function benchIp(i: number): string {
  return `198.18.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/**
 * Signs the bench accounts up (an account that already exists gets the same answer, nothing changes), each
 * from its own address so the sign-up limit per address is not reached. The page answers 200 with « vérifiez
 * vos e-mails » either way; returns how many answers were something else (failures).
 */
export async function ensureBenchAccounts(base: string, count: number = BENCH_ACCOUNTS): Promise<number> {
  let failures = 0;
  for (let i = 0; i < count; i += 1) {
    const answer = await fetch(`${base}/inscription`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: base,
        'x-forwarded-for': benchIp(100_000 + i),
      },
      body: formBody({ email: benchEmail(i), password: BENCH_PASSWORD }),
    });
    await answer.arrayBuffer();
    if (answer.status !== 200) failures += 1;
  }
  return failures;
}
