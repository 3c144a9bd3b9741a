// The PostgreSQL a benchmark runs against: $MON_BENCH_PG_URL (a superuser URL), else a throwaway
// cluster like the tests' (test/support/postgres-cluster.ts, `options` passed on); null when neither is there.
export async function benchPostgres(options = {}) {
  if (process.env.MON_BENCH_PG_URL) return {url: process.env.MON_BENCH_PG_URL, stop: () => {}}
  const {register} = await import('tsx/esm/api')
  register()
  const {postgresBinDir, startCluster} = await import('../test/support/postgres-cluster.ts')
  const bin = postgresBinDir()
  if (!bin) return null
  const cluster = await startCluster(bin, options)
  return {url: cluster.adminUrl, stop: () => cluster.stop()}
}
