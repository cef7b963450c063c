import { defineConfig } from 'vite';

// The host serves the built files from /console/ (and board.html at /board), embedded in Desk.Console.dll
// (see Desk.Console.csproj). Two pages share the sign-in, the API client and the hub connection.
export default defineConfig({
  root: 'app',
  base: '/console/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      input: { console: 'app/index.html', board: 'app/board.html', portal: 'app/portal.html' },
    },
  },
});
