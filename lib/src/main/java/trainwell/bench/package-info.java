/**
 * Measurements of the library itself, runnable as commands: {@link trainwell.bench.Showcase} (what a
 * small model reaches), {@link trainwell.bench.Soak} (native memory over a long run) and
 * {@link trainwell.bench.Benchmark} (the training step's speed, compared with PyTorch by bin/benchmark).
 */
package trainwell.bench;
