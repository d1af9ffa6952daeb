/**
 * The package as installed: its LICENSE is the Apache License 2.0 its package.json names; every relative link of
 * the README and docs/ points at a file the package ships (`files`); the "For programs" snippet of docs/import.md
 * imports only what the package exports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; files: string[] };
/** npm ships these whatever `files` says. */
const ALWAYS = ['README.md', 'LICENSE', 'package.json'];

describe('the package', () => {
  it('has the full text of the license package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(text).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('ships every file the README and docs/ link to', () => {
    const pages = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        const target = m[1] as string;
        if (/^[a-z]+:/.test(target)) continue; // a URL
        const path = relative(ROOT, normalize(join(ROOT, dirname(page), target)))
          .split('\\')
          .join('/');
        const shipped = ALWAYS.includes(path) || pkg.files.some((f) => path === f || path.startsWith(`${f}/`));
        if (!existsSync(join(ROOT, path)) || !shipped) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the "For programs" snippet of docs/import.md imports public exports only', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'import.md'), 'utf8');
    const snippet = doc.slice(doc.indexOf('## For programs'));
    const imported = /import \{([^}]+)\} from '([^']+)'/.exec(snippet);
    expect(imported?.[2]).toBe('usmca-roo');
    const names = (imported?.[1] ?? '').split(',').map((n) => n.trim());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(api, name).toHaveProperty(name);
  });
});
