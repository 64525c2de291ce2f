/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files next to its own module: keep it out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  // Migrations are read at run time; make sure serverless deployments ship them.
  outputFileTracingIncludes: { '/api/**': ['./db/migrations/**'] },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
