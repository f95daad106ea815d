/**
 * Reads what a stopped run's error says BillPro accepted: "BillPro accepted items 0–4, 7 (item →
 * customer ID: 0–4 → 11–15, 7 → 19)" as item → ID, ranges spread out, so a test can compare it
 * with what the sandbox holds.
 */
export function acceptedIn(description: string | null | undefined): Map<number, string> {
	const list = /BillPro accepted items? [^(]*\(item → [\w ]+ ID: ([^)]*)\)/.exec(description ?? '');
	const accepted = new Map<number, string>();
	for (const part of list?.[1].split(', ') ?? []) {
		const [items, ids] = part.split(' → ');
		const [firstItem, lastItem = firstItem] = items.split('–').map(Number);
		const [firstId, lastId] = ids.split('–');
		for (let item = firstItem; item <= lastItem; item++) {
			accepted.set(
				item,
				lastId === undefined ? firstId : String(Number(firstId) + item - firstItem),
			);
		}
	}
	return accepted;
}

/** The item indexes a stopped run's error lists after `label` ("Not sent:", "Failed:"). */
export function itemsIn(description: string | null | undefined, label: string): number[] {
	const list = new RegExp(`${label} items? ([\\d–, ]+)[.:]`).exec(description ?? '');
	return (list?.[1].split(', ') ?? []).flatMap((part) => {
		const [first, last = first] = part.split('–').map(Number);
		return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
	});
}
