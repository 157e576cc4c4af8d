/** Vite's client types (import.meta.env, imports of assets) for the renderer. */
/// <reference types="vite/client" />
