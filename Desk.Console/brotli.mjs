// After vite build: writes NAME.br beside each text file of wwwroot, Brotli at its best level, once per build.
// ConsoleAssets sends it to browsers that accept br, so no desk compresses its console when it starts.
import { brotliCompressSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const root = new URL('./wwwroot/', import.meta.url);
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.map', '.txt']);

for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !compressible.has(extname(entry.name))) continue;
  const path = join(entry.parentPath, entry.name);
  const content = readFileSync(path);
  if (content.length < 1024) continue;
  const compressed = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  if (compressed.length < content.length) writeFileSync(path + '.br', compressed);
}
