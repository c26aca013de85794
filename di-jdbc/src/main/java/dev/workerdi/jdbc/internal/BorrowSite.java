package dev.workerdi.jdbc.internal;

import java.lang.StackWalker.StackFrame;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a lease taken by hand was borrowed, for the leak report: the borrower's top {@value #DEPTH}
 * frames, captured with a {@link StackWalker} (which walks only those frames and resolves no line
 * numbers) instead of a {@code Throwable} filling in the whole stack on every borrow; the frames
 * become a printable {@code Throwable} only when the lease leaks. Immutable and thread-safe.
 */
final class BorrowSite {
  static final int DEPTH = 32;
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final List<StackFrame> frames;

  private BorrowSite(List<StackFrame> frames) {
    this.frames = frames;
  }

  /** The current thread's stack, from the caller of this method. */
  static BorrowSite capture() {
    return new BorrowSite(WALKER.walk(BorrowSite::top));
  }

  private static List<StackFrame> top(Stream<StackFrame> frames) {
    return frames.skip(1).limit(DEPTH).toList();
  }

  /** {@code java.lang.Throwable: borrowed here}, with the borrower's frames as its stack trace. */
  Throwable toThrowable() {
    Throwable site = new Throwable("borrowed here");
    site.setStackTrace(frames.stream().map(StackFrame::toStackTraceElement).toArray(StackTraceElement[]::new));
    return site;
  }
}
