/** Sample: concurrent queries fanned out on their own leases, with a timeline of when each ran. */
package dev.workerdi.samples.queries;
