/**
 * Benchmarks: the end-to-end figures on a real server, each measured beside its baseline in the
 * same run.
 */
package dev.workerdi.benchmarks.figures;
