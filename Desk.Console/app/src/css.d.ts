// Vite bundles a stylesheet a module imports for its side effect (import './feature.css').
declare module '*.css';
