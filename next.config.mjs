/**
 * Content-Security-Policy that lets the map work and little else: scripts and workers from this
 * origin (Next's inline bootstrap needs 'unsafe-inline'; its dev server needs eval), the basemap
 * style, tiles, glyphs and sprites over HTTPS from wherever NEXT_PUBLIC_MAP_STYLE points.
 */
const isDev = process.env.NODE_ENV === 'development';
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  `connect-src 'self' https:${isDev ? ' ws:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files next to its own module: keep it out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  // Migrations are read at run time; make sure serverless deployments ship them.
  outputFileTracingIncludes: {
    '/api/**': ['./db/migrations/**'],
    '/maplibre-gl-worker.mjs': ['./node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'],
  },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
