/** An open database, as the stores take it (its own module so that stores and the opener do not import each other). */
import type Database from 'better-sqlite3';

export type Db = Database.Database;
