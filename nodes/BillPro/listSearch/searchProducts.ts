import { searchPages } from './searchPages';

// BillPro's API gives products no name, so the list shows merchant ID, type and price.
export const searchProducts = searchPages('listProducts', 'product', (product) => {
	const name = `${product.product_id} · ${product.product_type} · ${product.price} ${product.currency}`;
	return {
		name: product.product_status === 'inactive' ? `${name} (inactive)` : name,
		value: String(product.id),
		searchText: `${name} ${product.product_group ?? ''}`,
	};
});
