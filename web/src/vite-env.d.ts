/// <reference types="vite/client" />
// Vite's types for what its bundler imports besides code (a chart library's stylesheet, loaded lazily).
