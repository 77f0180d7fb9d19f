// `npm run bench [-- stats-path|history|alerts]`: runs the named benchmarks (all by default), each of
// which prints a table and writes its report under bench/results/.
const BENCHES = { 'stats-path': './stats-path', history: './history', alerts: './alerts' } as const;
type BenchName = keyof typeof BENCHES;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}
for (const name of (asked.length > 0 ? asked : Object.keys(BENCHES)) as BenchName[]) {
  console.log(`\n== ${name} ==`);
  await import(BENCHES[name]);
}

export {};
