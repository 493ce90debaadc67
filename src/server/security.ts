/**
 * Security headers (helmet). The Content-Security-Policy is the strict one a single-page app
 * served from this same origin needs: scripts, styles, fonts and API calls from this origin only,
 * no inline script, no plugins, no framing by anyone (frame-ancestors 'none' and
 * X-Frame-Options: DENY), forms only to this origin. The app may frame its own origin
 * (frame-src 'self') for one thing: the evidence card's PDF preview, whose route alone answers
 * with frame-ancestors 'self' (routes/evidence.ts); every other response still refuses framing. Images may also be data: URLs (icons).
 * `upgrade-insecure-requests` and HSTS are sent only when the server says it is behind HTTPS, so
 * that a plain-HTTP local run still works.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
} as const;

export function helmetOptions(https: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xContentTypeOptions: true,
    xDnsPrefetchControl: { allow: false },
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
  };
}

/**
 * The API documentation page (Swagger UI) is the one page that needs inline style attributes and
 * data: images; everything else stays as strict as above.
 */
export function docsCsp(header: string): string {
  return header
    .replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
    .replace(/img-src [^;]*/, "img-src 'self' data:");
}
