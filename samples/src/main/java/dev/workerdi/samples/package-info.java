/** Runnable sample programs on the library, each on an embedded MariaDB unless told otherwise. */
package dev.workerdi.samples;
