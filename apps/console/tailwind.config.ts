import type { Config } from 'tailwindcss';
import colors from 'tailwindcss/colors';

/**
 * Tremor's components are styled with Tailwind classes from node_modules, so its files are scanned
 * too. Its charts and badges build class names at run time from a colour prop (`fill-${color}-500`),
 * which no scan can find: those are safelisted for the palette colours, as Tremor's installation
 * guide prescribes, and its `tremor-*` theme tokens are defined (without them cards and axes lose
 * their borders and text colours).
 */
const paletteColors =
  'slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose';
const shades = '50|100|200|300|400|500|600|700|800|900|950';
const runtimeClass = (property: string) => ({
  pattern: new RegExp(`^${property}-(?:${paletteColors})-(?:${shades})$`),
  variants: ['hover'],
});

export default {
  content: ['./app/**/*.{ts,tsx}', '../../node_modules/@tremor/react/dist/**/*.{js,mjs}'],
  theme: {
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.blue[50],
            muted: colors.blue[200],
            subtle: colors.blue[400],
            DEFAULT: colors.blue[500],
            emphasis: colors.blue[700],
            inverted: colors.white,
          },
          background: {
            muted: colors.slate[50],
            subtle: colors.slate[100],
            DEFAULT: colors.white,
            emphasis: colors.slate[700],
          },
          border: { DEFAULT: colors.slate[200] },
          ring: { DEFAULT: colors.slate[200] },
          content: {
            subtle: colors.slate[400],
            DEFAULT: colors.slate[500],
            emphasis: colors.slate[700],
            strong: colors.slate[900],
            inverted: colors.white,
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  safelist: ['bg', 'text', 'border', 'ring', 'stroke', 'fill'].map(runtimeClass),
  plugins: [],
} satisfies Config;
