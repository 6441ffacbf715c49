// Files the page offers: each link gets a fresh object URL (the previous one is revoked).
export function offer(link: HTMLAnchorElement, text: string, type: string): void {
  const old = link.getAttribute('href');
  if (old?.startsWith('blob:')) URL.revokeObjectURL(old);
  link.href = URL.createObjectURL(new Blob([text], { type }));
}

/** Takes a link back (no file to offer). */
export function withdraw(link: HTMLAnchorElement): void {
  const old = link.getAttribute('href');
  if (old?.startsWith('blob:')) URL.revokeObjectURL(old);
  link.removeAttribute('href');
}
