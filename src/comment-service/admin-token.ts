import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where a generated admin token is kept: beside the database, so that printed commands keep working. */
export const adminTokenFile = (db: string) => path.join(path.dirname(path.resolve(db)), 'admin-token');

/** The token in the admin-token file beside the database, generated (mode 0600) on first use. */
export function generatedAdminToken(db: string): string {
  const file = adminTokenFile(db);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const token = randomBytes(24).toString('hex');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
