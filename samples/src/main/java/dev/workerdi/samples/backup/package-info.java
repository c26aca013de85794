/**
 * The backup sample: copies a MySQL/MariaDB database into another, or into a backup directory and
 * back, with K coroutines on a {@link dev.workerdi.lifecycle.WorkerHost}, from one consistent
 * snapshot, resumably, and verifies the copy. Entry points: {@link
 * dev.workerdi.samples.backup.BackupCommand} (command line), {@link
 * dev.workerdi.samples.backup.Backup#run} and {@link
 * dev.workerdi.samples.backup.SampleData#generate}.
 *
 * <h2>How it works</h2>
 *
 * <ul>
 *   <li><b>Two databases, one host.</b> {@code JdbcModule.named("source", ...)} and {@code
 *       JdbcModule.named("target", ...)}: each worker has its own pool for each; each coroutine
 *       takes its own coroutine-scoped {@code @Named("source") Lease} and {@code @Named("target")
 *       Lease}, returned (clean) when it ends. Sessions are pinned by the pools' {@code
 *       sessionVariables}: {@code time_zone='+00:00'} on both sides (so TIMESTAMPs travel as UTC
 *       text, DST gaps included), and on the target {@code foreign_key_checks=0}, strict mode and
 *       {@code NO_AUTO_VALUE_ON_ZERO}.
 *   <li><b>Snapshot.</b> While {@link dev.workerdi.samples.backup.SnapshotPoint a brief global
 *       lock} is held on the source (MariaDB 10.4+ {@code BACKUP STAGE BLOCK_COMMIT}, else {@code
 *       FLUSH TABLES WITH READ LOCK}), every copying coroutine opens {@code START TRANSACTION WITH
 *       CONSISTENT SNAPSHOT} on its source lease; the binlog position and GTID of that instant are
 *       recorded. {@code noLock(true)} skips the lock, and the report warns that the copy is then
 *       not consistent across chunks.
 *   <li><b>Schema first.</b> Sequences (MariaDB) from {@code SHOW CREATE SEQUENCE}, set to the
 *       source's next value with {@code SETVAL}, before the tables, whose defaults may draw from
 *       them; tables from {@code SHOW CREATE TABLE}; generated columns are never inserted; views
 *       ({@code CREATE OR REPLACE}, in dependency order), routines and triggers are created after
 *       the data and events after the verification, each with its {@code DEFINER}, {@code SQL
 *       SECURITY}, {@code sql_mode}, time zone and character sets; with {@code users(true)} the
 *       accounts with privileges on the database and those grants.
 *   <li><b>Chunks.</b> A table is split along its primary key (else a unique key on NOT NULL
 *       columns) into ranges {@code lo < key <= hi} of about {@code chunkRows} rows, by keyset
 *       pagination over the whole key tuple, so composite, VARCHAR, binary and temporal keys work.
 *       K coroutines take chunks from one queue; each chunk is read with one range query and
 *       written with multi-row {@code INSERT}s of SQL literals (exact text for numbers and dates,
 *       widened doubles for FLOAT, hex for bytes, WKB with SRID for spatial values).
 *   <li><b>Writing.</b> {@code LOAD DATA LOCAL INFILE} fed from memory when the target allows it
 *       (else multi-row {@code INSERT}s); plain secondary keys built after the load; a single
 *       integer key split arithmetically from {@code MIN}/{@code MAX} and the row estimate.
 *   <li><b>Directory format.</b> {@code toDirectory(dir)} and {@code restoreFrom(dir)}: see {@code
 *       DumpFiles} for the layout; both resumable, the restore verified against the source digests.
 *   <li><b>Resume.</b> The plan (every chunk's bounds) is saved in the target's {@code
 *       _backup_checkpoint} table before copying; each chunk's rows and its checkpoint row commit
 *       in one target transaction. After a crash or kill the target holds exactly the done chunks;
 *       the next run with the same options reloads the plan and copies only the others. A table
 *       without a usable key is one stream committed every {@code chunkRows} rows and marked done
 *       with its last rows; if it was not finished, the next run truncates it and copies it again
 *       (truncate-and-recopy). The checkpoints are dropped once the copy is verified.
 *   <li><b>Verification.</b> A SQL row hash per chunk ({@code COUNT}, {@code BIT_XOR} of 64 MD5
 *       bits, and {@code SUM(CRC32(row))} for a table without a key): the source's is computed in
 *       the query that reads the chunk (or by the client from the bytes read), inside the snapshot,
 *       and saved with the checkpoint; the target's by reading the chunk back from the target right
 *       after its commit and hashing what the server returns ({@link
 *       dev.workerdi.samples.backup.ReadBack}, the default), or with {@code SQL_HASH} by the target
 *       server through {@code FanOut} after the copy; every table's row count is taken again at the
 *       end. So a busy source verifies equal, across server versions too. {@code CHECKSUM_TABLE}
 *       compares the live source instead (for a source nobody writes to).
 * </ul>
 *
 * <h2>Limitations</h2>
 *
 * <ul>
 *   <li>A resumed copy combines the snapshots of its runs (the report warns); DDL on the source
 *       during the run is not blocked.
 *   <li>Not copied: the history of system-versioned tables (their current rows are, and the report
 *       notes it), global privileges and privileges on other databases. Sequences are copied with
 *       their state once the rows are copied (they are not transactional: read earlier, the copy
 *       could hand out a value a copied row has), cached values skipped. Objects that name other
 *       databases keep those names.
 *   <li>The directory format holds multi-row {@code INSERT}s (restored with them, not with {@code
 *       LOAD DATA}); tables with spatial columns are copied with INSERTs too.
 *   <li>ENUM, SET, spatial and unknown-type key columns are not used for ranges (the table is then
 *       one stream); a single row larger than a quarter of the target's {@code max_allowed_packet}
 *       is sent alone and must fit in it.
 *   <li>Between different products (MySQL and MariaDB) the DDL may not be accepted as is, and the
 *       SQL hash may differ for JSON values that the servers print differently.
 * </ul>
 */
package dev.workerdi.samples.backup;
