// A reason `serve` cannot start that the operator fixes (the port is taken, ...): StartupError (in
// query/errors.ts, classified there as kind `startup`: exit 1), built here from a listen's failure.
import { StartupError } from '../query/errors.ts';

/** EADDRINUSE / EACCES from a listen, as a StartupError naming the flag; anything else unchanged. */
export function listenFailure(err: unknown, flag: string, address: string): unknown {
  const text = `${(err as NodeJS.ErrnoException)?.code ?? ''} ${(err as Error)?.message ?? ''}`;
  if (text.includes('EADDRINUSE'))
    return new StartupError(
      `${flag} ${address}: the address is already in use (another netreach or another server listens there); stop it or choose another ` +
        `${flag}`,
    );
  if (text.includes('EACCES'))
    return new StartupError(`${flag} ${address}: permission denied (ports below 1024 need privileges); choose another ${flag}`);
  if (text.includes('EADDRNOTAVAIL')) return new StartupError(`${flag} ${address}: no such local address; choose another ${flag}`);
  return err;
}
