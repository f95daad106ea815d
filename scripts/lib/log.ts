const started = Date.now();

function elapsed(): string {
	return `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);
}

/** A progress line: `[billpro  12.3s] message`. */
export function step(message: string): void {
	console.log(`[billpro ${elapsed()}] ${message}`);
}

export function warn(message: string): void {
	console.warn(`[billpro ${elapsed()}] WARNING: ${message}`);
}

/** Plain output, no prefix (the banner of `npm start`). */
export function print(text: string): void {
	console.log(text);
}

export async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	step(`${label}...`);
	const result = await run();
	step(`${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
	return result;
}
