/**
 * What the library's other modules and extensions need from the container, as a small supported
 * surface: the caller location and the one formatter of declaration sources, redaction of secrets,
 * the connection-like type check, the common argument and closed-state errors, cached proxies, and
 * interfaces to recognise container bindings and reach a context's instances. Applications rarely
 * need it; it changes only with a minor version.
 */
package dev.workerdi.core.spi;
