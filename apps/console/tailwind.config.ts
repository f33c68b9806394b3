import type { Config } from 'tailwindcss';

// Tremor's components are styled with Tailwind classes from node_modules, so its files are scanned too.
export default {
  content: ['./app/**/*.{ts,tsx}', '../../node_modules/@tremor/react/dist/**/*.{js,mjs}'],
  theme: { extend: {} },
  plugins: [],
} satisfies Config;
