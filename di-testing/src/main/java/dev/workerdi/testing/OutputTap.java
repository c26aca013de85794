package dev.workerdi.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tap on this JVM's {@code System.out} and {@code System.err}, installed once and kept for the
 * JVM's life: every byte still goes on to surefire (and so to the {@code -output.txt} files), while
 * the tap counts each occurrence of {@link Secrets#PASSWORD} (logs, printed exceptions, printed
 * {@code toString}s) and, between {@link #startRecording()} and {@link #stopRecording()}, keeps a
 * copy of the text for assertions on log output. Thread-safe.
 */
public final class OutputTap {
  private static final ReentrantLock INSTALL = new ReentrantLock();
  private static OutputTap installed;

  private final byte[] needle = Secrets.PASSWORD.getBytes(StandardCharsets.UTF_8);
  private final AtomicLong hits = new AtomicLong();
  private final List<String> hitPlaces = new CopyOnWriteArrayList<>();
  private final ReentrantLock recording = new ReentrantLock();
  private ByteArrayOutputStream recorded;

  private OutputTap() {}

  /** The tap of this JVM, installed on first call. */
  public static OutputTap install() {
    INSTALL.lock();
    try {
      if (installed == null) {
        OutputTap tap = new OutputTap();
        System.setOut(
            new PrintStream(tap.new Tee(System.out, "System.out"), true, StandardCharsets.UTF_8));
        System.setErr(
            new PrintStream(tap.new Tee(System.err, "System.err"), true, StandardCharsets.UTF_8));
        installed = tap;
      }
      return installed;
    } finally {
      INSTALL.unlock();
    }
  }

  /** How many times the password went through the tap. */
  public long hits() {
    return hits.get();
  }

  /** Where the first hits were seen (stream and thread, never the text). */
  public List<String> hitPlaces() {
    return List.copyOf(hitPlaces);
  }

  /** Starts keeping a copy of everything written to either stream. */
  public void startRecording() {
    recording.lock();
    try {
      recorded = new ByteArrayOutputStream();
    } finally {
      recording.unlock();
    }
  }

  /** Stops recording and returns what was written since {@link #startRecording()}. */
  public String stopRecording() {
    recording.lock();
    try {
      String text = recorded == null ? "" : recorded.toString(StandardCharsets.UTF_8);
      recorded = null;
      return text;
    } finally {
      recording.unlock();
    }
  }

  private void record(byte[] bytes, int offset, int length) {
    recording.lock();
    try {
      if (recorded != null) {
        recorded.write(bytes, offset, length);
      }
    } finally {
      recording.unlock();
    }
  }

  /** Forwards to the original stream; matches the password with a KMP automaton across writes. */
  private final class Tee extends OutputStream {
    private final PrintStream target;
    private final String streamName;
    private final int[] fallback = failureFunction(needle);
    private final ReentrantLock writing = new ReentrantLock();
    private int matched;

    Tee(PrintStream target, String streamName) {
      this.target = target;
      this.streamName = streamName;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      writing.lock();
      try {
        match(bytes, offset, length);
        record(bytes, offset, length);
        target.write(bytes, offset, length);
      } finally {
        writing.unlock();
      }
    }

    private void match(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        while (matched > 0 && bytes[i] != needle[matched]) {
          matched = fallback[matched - 1];
        }
        if (bytes[i] == needle[matched] && ++matched == needle.length) {
          matched = fallback[matched - 1];
          if (hits.incrementAndGet() <= 20) {
            hitPlaces.add(streamName + " on thread '" + Thread.currentThread().getName() + "'");
          }
        }
      }
    }

    @Override
    public void flush() {
      target.flush();
    }
  }

  private static int[] failureFunction(byte[] pattern) {
    int[] failure = new int[pattern.length];
    for (int i = 1, k = 0; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = failure[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      failure[i] = k;
    }
    return failure;
  }
}
