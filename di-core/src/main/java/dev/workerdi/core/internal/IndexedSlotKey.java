package dev.workerdi.core.internal;

/**
 * A slot key that also carries a small index, unique within its scope, so that a store can find the
 * slot by an array read instead of a hash lookup. Stores still compare the key itself, so two
 * containers' keys sharing an index in one store are told apart. Implementations are immutable.
 */
interface IndexedSlotKey {
  /** The key's index, 0 or more, dense within its scope. */
  int slotIndex();
}
