/**
 * The implementation of pools, leases and clean-on-return.
 *
 * <p><b>Not a supported API.</b> The classes in this package are the module's implementation: they
 * may change or disappear in any release, and no other module (nor application) may use them; the
 * architecture tests enforce this.
 */
package dev.workerdi.jdbc.internal;
