/** Benchmarks: the shared report (tables, plots, RESULTS.md) every figure writes into. */
package dev.workerdi.benchmarks.report;
