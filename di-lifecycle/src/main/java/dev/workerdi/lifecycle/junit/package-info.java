/**
 * JUnit 5 support for applications' tests: {@code @ValidateModules} validates a set of modules and
 * boots their pre-start phases with no workers.
 */
package dev.workerdi.lifecycle.junit;
