module.exports = {
	useTabs: true,
	singleQuote: true,
	printWidth: 100,
	trailingComma: 'all',
	arrowParens: 'always',
	semi: true,
	endOfLine: 'lf',
};
