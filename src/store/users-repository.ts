import type { Db, UsersTable } from './database.js';

export type UserRow = UsersTable;

/** The only place that speaks SQL about users. Writes are conditional so races lose cleanly. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async find(uuid: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('uuid', '=', uuid).executeTakeFirst();
  }

  async exists(uuid: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('uuid').where('uuid', '=', uuid).executeTakeFirst();
    return row !== undefined;
  }

  /** False when the uuid is already taken. */
  async insert(row: UserRow): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('uuid').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Replaces the config only if nobody wrote since `expectedVersion` was read. */
  async updateConfig(uuid: string, expectedVersion: number, config: string, updatedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ config, version: expectedVersion + 1, updated_at: updatedAt })
      .where('uuid', '=', uuid)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Swaps the password material only if it is still the one the caller authenticated with. */
  async updateCredentials(
    uuid: string,
    expectedVerifier: string,
    next: Pick<UserRow, 'kdf' | 'salt' | 'wrapped_key' | 'verifier' | 'updated_at'>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set(next)
      .where('uuid', '=', uuid)
      .where('verifier', '=', expectedVerifier)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(uuid: string, expectedVerifier: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('users')
      .where('uuid', '=', uuid)
      .where('verifier', '=', expectedVerifier)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
