import { defineConfig } from 'vite';

// The host serves the built files from /console/ (board.html at /board, admin.html at /admin), embedded in Desk.Console.dll
// (see Desk.Console.csproj). The pages share the sign-in and the API client, the console and the board the hub connection.
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
      input: { console: 'app/index.html', board: 'app/board.html', admin: 'app/admin.html', portal: 'app/portal.html' },
    },
  },
});
