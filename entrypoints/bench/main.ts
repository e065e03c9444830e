import { type BenchApi, benchApi } from '../../bench/browser/api';

// Wiring only: bench/run.ts calls the API with page.evaluate. This page is in bench builds
// only (HANDOFF_BENCH, see wxt.config.ts), so no shipped extension exposes it.
declare global {
  interface Window {
    handoffBench?: BenchApi;
  }
}

window.handoffBench = benchApi;
document.documentElement.dataset.benchReady = 'true';
