/** Headers of a file download. */

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266, RFC 5987): browsers save the file
 * under its real (e.g. Chinese) name; old clients get an ASCII stand-in.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
