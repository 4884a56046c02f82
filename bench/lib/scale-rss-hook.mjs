// Preloaded into the `migrate` process by bench/scale.mjs (`node --import <this file> dist/cli/bin.js …`):
// when the process exits, writes its peak resident set size (process.resourceUsage().maxRSS, KiB) and its
// CPU times to the file named by SCALE_RSS_FILE. Child processes (cargo, rustc, bwrap) are not counted.
import { writeFileSync } from 'node:fs';

const file = process.env.SCALE_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
    } catch {
      // nothing to report
    }
  });
}
