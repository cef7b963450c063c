import { defineConfig } from 'vite';

// The host serves the built files from /console/, embedded in Desk.Console.dll (see Desk.Console.csproj).
export default defineConfig({
  root: 'app',
  base: '/console/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    reportCompressedSize: false,
  },
});
