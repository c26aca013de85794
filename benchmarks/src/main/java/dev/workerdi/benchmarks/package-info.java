/**
 * Benchmarks: JMH micro-benchmarks and end-to-end figures, each a ratio against a baseline run side
 * by side in the same run (see benchmarks/README.md).
 */
package dev.workerdi.benchmarks;
