/**
 * Sample: persistent connections against pooled leases, and the state one lease leaves for the next
 * without a reset.
 */
package dev.workerdi.samples.persistent;
