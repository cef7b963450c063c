// Vite bundles a CSS file a module imports for its side effect (import './workbench.css').
declare module '*.css';
