import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

/**
 * A BillPro sandbox on a random 127.0.0.1 port for the whole test file, back to its seed (and an
 * empty request log) before each test. Call the returned function to reach it.
 */
export function sandboxPerFile(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => sandbox?.store.reset());
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not started (use it inside a test)');
		return sandbox;
	};
}
