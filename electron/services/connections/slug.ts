/** Profile ids are slugs made from the profile's name: "Sparebanken Vest" -> "sparebanken-vest". */

const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return s === '' ? 'profile' : s;
}

/** The slug of `name`, with -2, -3 ... appended until `taken` says no. */
export function uniqueSlug(name: string, taken: (id: string) => boolean): string {
  const base = slugify(name);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base}-${i}`;
    if (!taken(id)) return id;
  }
}
