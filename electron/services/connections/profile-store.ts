/** The profiles table of desk.sqlite. Holds no secret: those live in the keychain only. */
import type Database from 'better-sqlite3';
import type { Environment } from '../../../shared/contract/dto';

export interface StoredProfile {
  id: string;
  name: string;
  environment: Environment;
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  scopes: string[];
  bankName: string | null;
  bankOrgNr: string | null;
  /** When /self last answered for this profile. */
  bankCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Team connections only: the team database (its read-only role; the password is in the keychain). */
  databaseUrl: string | null;
}

/** What /self says about the bank, as cached on the profile. */
export interface BankFacts {
  name: string;
  orgNr: string | null;
  checkedAt: string;
}

interface Row {
  id: string;
  name: string;
  environment: Environment;
  token_url: string;
  api_base_url: string;
  client_id: string;
  scopes: string;
  bank_name: string | null;
  bank_org_nr: string | null;
  bank_checked_at: string | null;
  created_at: string;
  updated_at: string;
  database_url: string | null;
}

function fromRow(r: Row): StoredProfile {
  return {
    id: r.id,
    name: r.name,
    environment: r.environment,
    tokenUrl: r.token_url,
    apiBaseUrl: r.api_base_url,
    clientId: r.client_id,
    scopes: JSON.parse(r.scopes) as string[],
    bankName: r.bank_name,
    bankOrgNr: r.bank_org_nr,
    bankCheckedAt: r.bank_checked_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    databaseUrl: r.database_url,
  };
}

export class ProfileStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      all: db.prepare<[], Row>(`SELECT * FROM profiles ORDER BY environment = 'demo' DESC, name COLLATE NOCASE`),
      byId: db.prepare<[string], Row>('SELECT * FROM profiles WHERE id = ?'),
      byName: db.prepare<[string], Row>('SELECT * FROM profiles WHERE name = ? COLLATE NOCASE'),
      insert: db.prepare(
        `INSERT INTO profiles (id, name, environment, token_url, api_base_url, client_id, scopes, bank_name, bank_org_nr, bank_checked_at, created_at, updated_at, database_url)
         VALUES (@id, @name, @environment, @tokenUrl, @apiBaseUrl, @clientId, @scopes, @bankName, @bankOrgNr, @bankCheckedAt, @createdAt, @updatedAt, @databaseUrl)`,
      ),
      update: db.prepare(
        `UPDATE profiles SET name = @name, token_url = @tokenUrl, api_base_url = @apiBaseUrl, client_id = @clientId,
         scopes = @scopes, bank_name = @bankName, bank_org_nr = @bankOrgNr, bank_checked_at = @bankCheckedAt, updated_at = @updatedAt,
         database_url = @databaseUrl
         WHERE id = @id`,
      ),
      bank: db.prepare(
        'UPDATE profiles SET bank_name = @name, bank_org_nr = @orgNr, bank_checked_at = @checkedAt WHERE id = @id',
      ),
      remove: db.prepare<[string]>('DELETE FROM profiles WHERE id = ?'),
    };
  }

  list(): StoredProfile[] {
    return this.stmts.all.all().map(fromRow);
  }

  get(id: string): StoredProfile | null {
    const r = this.stmts.byId.get(id);
    return r ? fromRow(r) : null;
  }

  /** Case-insensitive: names are what the analyst types on the command line. */
  getByName(name: string): StoredProfile | null {
    const r = this.stmts.byName.get(name);
    return r ? fromRow(r) : null;
  }

  insert(p: StoredProfile): void {
    this.stmts.insert.run({ ...p, scopes: JSON.stringify(p.scopes) });
  }

  update(p: StoredProfile): void {
    this.stmts.update.run({ ...p, scopes: JSON.stringify(p.scopes) });
  }

  /** Caches the bank facts /self gave; true when the name or number changed (the caller tells the window). */
  setBank(id: string, facts: BankFacts): boolean {
    const before = this.get(id);
    if (!before) return false;
    this.stmts.bank.run({ id, ...facts });
    return before.bankName !== facts.name || before.bankOrgNr !== facts.orgNr;
  }

  remove(id: string): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }
}
