import net from 'node:net';

/**
 * A loopback port nothing listens on (bound, then released): a real client pointed at it fails like a server
 * that is down (ECONNREFUSED).
 */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
