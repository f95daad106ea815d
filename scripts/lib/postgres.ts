/**
 * A private PostgreSQL for n8n's queue mode: Debian's postgresql, a fresh cluster in a temporary
 * folder, listening on 127.0.0.1 and a port of its own only (no Unix socket), removed when it
 * stops. PostgreSQL refuses to run as root: as root it runs as Debian's `postgres` user.
 */
import { spawn } from 'node:child_process';
import {
	chownSync,
	createWriteStream,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ensureDebianPackages, findExecutable, postgresBinDirs } from './apt';
import { run, sleep } from './proc';

export interface PostgresConnection {
	host: string;
	port: number;
	user: string;
	/** Local-only: the throwaway cluster holds nothing but sandbox fixtures. */
	password: string;
	database: string;
}

export interface Postgres extends PostgresConnection {
	stop(): Promise<void>;
}

const USER = 'n8n';
const DATABASE = 'n8n';
const LOCAL_PASSWORD = 'n8n-nodes-billpro-local-only-db';

/** The folder holding initdb, postgres, createdb and pg_isready, if PostgreSQL is installed. */
function binDir(): string | undefined {
	// Resolved: a symlink on PATH (/usr/local/bin/initdb) points into the version's bin folder.
	const initdb = findExecutable('initdb', postgresBinDirs());
	return initdb && path.dirname(realpathSync(initdb));
}

/** Debian's `postgres` system user when this process is root; else run as ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** The n8n environment for this database (DB_TYPE=postgresdb and its connection). */
export function postgresEnv(db: PostgresConnection): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.host,
		DB_POSTGRESDB_PORT: String(db.port),
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		DB_POSTGRESDB_DATABASE: db.database,
	};
}

export async function startPostgres(options: {
	port: number;
	logFile: string;
	aptLogFile: string;
}): Promise<Postgres> {
	await ensureDebianPackages(['postgresql'], () => !!binDir(), options.aptLogFile);
	const bin = binDir()!;
	const user = serverUser();
	// Its own folder in the system temp folder: the postgres user must be able to reach it.
	const root = mkdtempSync(path.join(tmpdir(), 'billpro-postgres-'));
	const data = path.join(root, 'data');
	const passwordFile = path.join(root, 'password');
	writeFileSync(passwordFile, LOCAL_PASSWORD, { mode: 0o600 });
	mkdirSync(data, { mode: 0o700 });
	if (user) for (const entry of [root, data, passwordFile]) chownSync(entry, user.uid, user.gid);
	const env = { ...process.env, PGPASSWORD: LOCAL_PASSWORD };
	await run(
		path.join(bin, 'initdb'),
		[
			'-D',
			data,
			'-U',
			USER,
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'--no-locale',
			'-E',
			'UTF8',
		],
		{ logFile: options.logFile, user, cwd: root },
	);
	rmSync(passwordFile, { force: true });

	const log = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(
		path.join(bin, 'postgres'),
		['-D', data, '-h', '127.0.0.1', '-p', String(options.port), '-k', ''],
		{ stdio: ['ignore', 'pipe', 'pipe'], cwd: root, ...user },
	);
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const stop = async () => {
		process.removeListener('exit', killOnExit);
		// SIGINT: PostgreSQL's fast shutdown (ends the sessions, then stops).
		if (child.exitCode === null) child.kill('SIGINT');
		await exited;
		log.end();
		rmSync(root, { recursive: true, force: true });
	};

	const connection = {
		host: '127.0.0.1',
		port: options.port,
		user: USER,
		password: LOCAL_PASSWORD,
	};
	try {
		for (let waited = 0; ; waited += 250) {
			const ready = await run(
				path.join(bin, 'pg_isready'),
				['-h', connection.host, '-p', String(connection.port), '-U', USER, '-d', 'postgres'],
				{ capture: true, check: false },
			);
			if (ready.code === 0) break;
			if (child.exitCode !== null || waited > 60_000)
				throw new Error(
					`PostgreSQL did not start on port ${options.port}; log: ${options.logFile}`,
				);
			await sleep(250);
		}
		await run(
			path.join(bin, 'createdb'),
			['-h', connection.host, '-p', String(connection.port), '-U', USER, DATABASE],
			{ env, logFile: options.logFile },
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { ...connection, database: DATABASE, stop };
}
