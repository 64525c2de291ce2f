// Preloaded into a child process (node --import) by a memory test: on exit, the peak resident set
// size and the heap limit it ran under, as one JSON line on stderr.
import { getHeapStatistics } from 'node:v8';

process.on('exit', () => {
  const line = JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, heapLimitBytes: getHeapStatistics().heap_size_limit });
  process.stderr.write(`peak-memory ${line}\n`);
});
