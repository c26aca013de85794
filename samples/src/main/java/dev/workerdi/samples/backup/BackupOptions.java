package dev.workerdi.samples.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to back up where, and how: the source and target servers (JDBC URLs of the servers, whose
 * database part is replaced by the database names), the credentials, how many coroutines copy at
 * once, the chunk size, and the verification. Built with {@link #builder()}; {@code toString} never
 * shows a password. Immutable and thread-safe (the progress stream excepted).
 */
public final class BackupOptions {
  /** How tables are compared at the end. */
  public enum Verify {
    /**
     * {@code CHECKSUM TABLE} in the snapshot ({@link #CHECKSUM_TABLE}) for the InnoDB tables when
     * the copy holds one snapshot (the global lock) and both servers run the same MariaDB version;
     * {@link #READ_BACK} for the other tables and in every other case (MySQL included).
     */
    AUTO,
    /**
     * Row count plus {@code CHECKSUM TABLE} of every table: the source's taken inside the snapshot
     * by the copying coroutines (so a source written to during the run still verifies equal), the
     * target's after the copy; a 32-bit sum of per-row CRCs per table, comparable only between
     * servers of the same version. The chunks are counted, not hashed. System-versioned tables are
     * hashed per chunk all the same: {@code CHECKSUM TABLE} covers their hidden row start and end,
     * which start anew in the copy.
     */
    CHECKSUM_TABLE,
    /**
     * Row count and a hash of every row per chunk: the source's computed while reading it, inside
     * the snapshot; the target's by the target server. Works across versions and on a busy source.
     */
    SQL_HASH,
    /**
     * Row count and the same hash of every row per chunk as {@link #SQL_HASH}, the source's
     * computed while reading it, inside the snapshot; the target's by reading each chunk back from
     * the target right after it commits and hashing what the target server returns (the
     * verification overlaps the copy), the SQL hash of the target server for tables the client
     * cannot hash; then every table's row count again at the end. Works across versions and on a
     * busy source.
     */
    READ_BACK
  }

  /**
   * What to do with an object whose DEFINER the target user may not set (no SET USER / SUPER
   * privilege).
   */
  public enum DefinerDenied {
    /** Stop the run with an error naming the object (the default). */
    STOP,
    /** Create the object with the target user as its definer, and report it per object. */
    USE_TARGET_USER
  }

  final String sourceUrl;
  final String sourceUser;
  final String sourcePassword;
  final String targetUrl;
  final String targetUser;
  final String targetPassword;
  final String sourceDatabase;
  final String targetDatabase;
  final int concurrency;
  final int chunkRows;
  final int workers;
  final Verify verify;
  final boolean fresh;
  final boolean keepCheckpoints;
  final Duration throttle;
  final PrintStream progress;
  final int crashAfterChunks;
  final boolean lock;
  final int lockWaitSeconds;
  final DefinerDenied definerDenied;
  final boolean users;
  final Path toDirectory;
  final Path fromDirectory;
  final boolean loadData;

  private BackupOptions(Builder b) {
    this.toDirectory = b.toDirectory;
    this.fromDirectory = b.fromDirectory;
    if (toDirectory != null && fromDirectory != null) {
      throw new IllegalArgumentException("Back up into a directory or restore from one, not both");
    }
    this.sourceUrl =
        fromDirectory != null
            ? "jdbc:mysql://directory/"
            : Objects.requireNonNull(b.sourceUrl, "source URL (call source(url, user, password))");
    this.targetUrl =
        toDirectory != null
            ? "jdbc:mysql://directory/"
            : Objects.requireNonNull(b.targetUrl, "target URL (call target(url, user, password))");
    this.sourceUser = b.sourceUser;
    this.sourcePassword = b.sourcePassword;
    this.targetUser = b.targetUser;
    this.targetPassword = b.targetPassword;
    this.sourceDatabase = identifier("source database", b.sourceDatabase);
    this.targetDatabase = identifier("target database", b.targetDatabase);
    this.concurrency = range("concurrency", b.concurrency, 1, 64);
    this.chunkRows = range("chunk rows", b.chunkRows, 1, 10_000_000);
    this.workers = range("workers", b.workers, 1, 64);
    this.verify = Objects.requireNonNull(b.verify, "verify");
    this.fresh = b.fresh;
    this.keepCheckpoints = b.keepCheckpoints;
    this.throttle = Objects.requireNonNull(b.throttle, "throttle");
    this.progress = b.progress;
    this.crashAfterChunks = b.crashAfterChunks;
    this.lock = !b.noLock;
    this.lockWaitSeconds = range("lock wait seconds", b.lockWaitSeconds, 1, 31_536_000);
    this.definerDenied = Objects.requireNonNull(b.definerDenied, "definerDenied");
    this.users = b.users;
    this.loadData = b.loadData;
    Jdbc.withDatabase(sourceUrl, "");
    Jdbc.withDatabase(targetUrl, "");
    if (toDirectory == null
        && fromDirectory == null
        && Jdbc.withDatabase(sourceUrl, sourceDatabase)
            .equals(Jdbc.withDatabase(targetUrl, targetDatabase))) {
      throw new IllegalArgumentException(
          "Source and target are the same database ("
              + sourceDatabase
              + " on "
              + Jdbc.mask(Jdbc.withDatabase(sourceUrl, ""), sourcePassword)
              + "): choose another target database");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static String identifier(String what, String value) {
    if (value == null
        || value.isBlank()
        || value.length() > 64
        || value.contains("`")
        || value.contains("/")) {
      throw new IllegalArgumentException(
          "The " + what + " name '" + value + "' is not a usable database name");
    }
    return value;
  }

  private static int range(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "The " + what + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  public String sourceDatabase() {
    return sourceDatabase;
  }

  public String targetDatabase() {
    return targetDatabase;
  }

  public int concurrency() {
    return concurrency;
  }

  public int chunkRows() {
    return chunkRows;
  }

  public int workers() {
    return workers;
  }

  /** The source side. */
  Endpoint source() {
    return new Endpoint("source", sourceUrl, sourceUser, sourcePassword);
  }

  /** The target side. */
  Endpoint target() {
    return new Endpoint("target", targetUrl, targetUser, targetPassword);
  }

  /** Where the source database is, for reports; no password. */
  public String describeSource() {
    if (fromDirectory != null) {
      return "the backup directory " + fromDirectory;
    }
    return Jdbc.mask(Jdbc.withDatabase(sourceUrl, sourceDatabase), sourcePassword)
        + " (user "
        + sourceUser
        + ")";
  }

  /** Where the target database is, for reports; no password. */
  public String describeTarget() {
    if (toDirectory != null) {
      return "the backup directory " + toDirectory;
    }
    return Jdbc.mask(Jdbc.withDatabase(targetUrl, targetDatabase), targetPassword)
        + " (user "
        + targetUser
        + ")";
  }

  @Override
  public String toString() {
    return "BackupOptions[source="
        + describeSource()
        + ", target="
        + describeTarget()
        + ", password="
        + (sourcePassword.isEmpty() && targetPassword.isEmpty() ? "(empty)" : "******")
        + ", concurrency="
        + concurrency
        + ", chunkRows="
        + chunkRows
        + ", workers="
        + workers
        + ", verify="
        + verify
        + ", fresh="
        + fresh
        + ", keepCheckpoints="
        + keepCheckpoints
        + ", throttle="
        + throttle.toMillis()
        + "ms, lock="
        + lock
        + ", definerDenied="
        + definerDenied
        + ", users="
        + users
        + ", loadData="
        + loadData
        + "]";
  }

  /** Builds {@link BackupOptions}. Not thread-safe. */
  public static final class Builder {
    private String sourceUrl;
    private String sourceUser = "root";
    private String sourcePassword = "";
    private String targetUrl;
    private String targetUser = "root";
    private String targetPassword = "";
    private String sourceDatabase = "backup_source";
    private String targetDatabase = "backup_target";
    private int concurrency = 4;
    private int chunkRows = 5_000;
    private int workers = 2;
    private Verify verify = Verify.AUTO;
    private boolean fresh;
    private boolean keepCheckpoints;
    private Duration throttle = Duration.ZERO;
    private PrintStream progress;
    private int crashAfterChunks = -1;
    private boolean noLock;
    private int lockWaitSeconds = 60;
    private DefinerDenied definerDenied = DefinerDenied.STOP;
    private boolean users;
    private Path toDirectory;
    private Path fromDirectory;
    private boolean loadData = true;

    private Builder() {}

    /**
     * Write the rows with {@code LOAD DATA LOCAL INFILE} fed from memory when the target allows it
     * ({@code local_infile=ON}) and the table has no spatial column (default true), else multi-row
     * INSERTs. It enables the driver's {@code allowLoadLocalInfile} on the target connections,
     * which would let a malicious target server ask for a client file: pass {@code false} for a
     * target you do not trust that far.
     */
    public Builder loadData(boolean loadData) {
      this.loadData = loadData;
      return this;
    }

    /**
     * Back up the source database into {@code dir} (created when missing) instead of a target
     * database: schema files, compressed chunk files with checksums, and a metadata file with the
     * snapshot position. An interrupted backup into the same directory resumes. No target is
     * needed.
     */
    public Builder toDirectory(Path dir) {
      this.toDirectory = dir;
      return this;
    }

    /**
     * Restore the backup in {@code dir} into the target database (see {@link #databases}; the
     * source database name is read from the backup). No source is needed.
     */
    public Builder restoreFrom(Path dir) {
      this.fromDirectory = dir;
      return this;
    }

    /**
     * Copy without the global lock (for users without the RELOAD privilege): each coroutine then
     * reads its own snapshot, so a source written to during the run gives a copy that is NOT
     * consistent across chunks; the report says so.
     */
    public Builder noLock(boolean noLock) {
      this.noLock = noLock;
      return this;
    }

    /**
     * How long to wait for the global lock (running statements must finish first); default 60 s.
     */
    public Builder lockWaitSeconds(int seconds) {
      this.lockWaitSeconds = seconds;
      return this;
    }

    /**
     * What to do when the target user may not set an object's DEFINER (default {@link
     * DefinerDenied#STOP}).
     */
    public Builder onDefinerDenied(DefinerDenied policy) {
      this.definerDenied = policy;
      return this;
    }

    /**
     * Also copy the users that have privileges on the source database, and those privileges
     * (default no).
     */
    public Builder users(boolean users) {
      this.users = users;
      return this;
    }

    /** The source server ({@code jdbc:mysql://host:3306/}) and its credentials. */
    public Builder source(String serverUrl, String user, String password) {
      this.sourceUrl = serverUrl;
      this.sourceUser = Objects.requireNonNull(user, "user");
      this.sourcePassword = Objects.requireNonNullElse(password, "");
      return this;
    }

    /** The target server and its credentials; it may be the source's server. */
    public Builder target(String serverUrl, String user, String password) {
      this.targetUrl = serverUrl;
      this.targetUser = Objects.requireNonNull(user, "user");
      this.targetPassword = Objects.requireNonNullElse(password, "");
      return this;
    }

    /** The database to copy and the one to copy into (created when missing). */
    public Builder databases(String source, String target) {
      this.sourceDatabase = source;
      this.targetDatabase = target;
      return this;
    }

    /**
     * How many coroutines copy chunks at once (default 4), each with its own source and target
     * lease.
     */
    public Builder concurrency(int coroutines) {
      this.concurrency = coroutines;
      return this;
    }

    /** Rows per chunk (default 5000): one target transaction and one checkpoint each. */
    public Builder chunkRows(int rows) {
      this.chunkRows = rows;
      return this;
    }

    /** Workers of the host (default 2): each has its own source and target pool. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder verify(Verify verify) {
      this.verify = verify;
      return this;
    }

    /** Drop the target's tables, views and checkpoints first: start over instead of resuming. */
    public Builder fresh(boolean fresh) {
      this.fresh = fresh;
      return this;
    }

    /** Keep {@code _backup_checkpoint} after a verified backup (default: dropped). */
    public Builder keepCheckpoints(boolean keep) {
      this.keepCheckpoints = keep;
      return this;
    }

    /** A pause after each chunk in each coroutine, to go easy on a busy source (default none). */
    public Builder throttle(Duration pause) {
      this.throttle = pause;
      return this;
    }

    /**
     * Where to show the copy's progress ({@code null}, the default: nowhere): a progress bar when
     * {@code out} is {@code System.out} on a terminal, else a plain line a second (the samples'
     * {@code ProgressOutput}).
     */
    public Builder progress(PrintStream out) {
      this.progress = out;
      return this;
    }

    /**
     * For tests and demos: simulate a crash. After {@code chunks} chunks committed in this run, the
     * next chunk fails after inserting its rows but before committing them; the run then stops with
     * {@link BackupException}, and the next run resumes. Negative (the default) disables it.
     */
    public Builder crashAfterChunks(int chunks) {
      this.crashAfterChunks = chunks;
      return this;
    }

    public BackupOptions build() {
      return new BackupOptions(this);
    }
  }
}
