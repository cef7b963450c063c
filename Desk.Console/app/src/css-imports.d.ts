// A feature's own stylesheet is imported for its side effect (`import './feature.css'`); Vite bundles it.
declare module '*.css';
