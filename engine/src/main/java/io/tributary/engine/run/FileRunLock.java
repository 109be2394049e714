package io.tributary.engine.run;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A job's run lock next to an H2 file job repository: an OS file lock under {@code <state-dir>/locks/}. H2 in file
 * mode admits one process at a time (a second one is refused as busy when it opens the repository), so the file lock
 * only has to order runs inside one process, and the OS releases it when the process dies, even by {@code kill -9}.
 * The file holds the holder's host, pid and start, for the message of a refused run.
 */
record FileRunLock(FileChannel channel, FileLock lock, RunLockHolder holder) implements RunLock {

  static FileRunLock acquire(Path stateDir, String job) {
    Path file = stateDir.resolve("locks").resolve(job + ".lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String who = readHolder(channel);
        channel.close();
        throw TributaryException.busy((who.isEmpty() ? "job '" + job + "' is running in another process"
            : "job '" + job + "' is running on " + who) + " (lock " + file + " is held); this run did nothing",
            "try again later ('./tributary status " + job + "' shows the running run)", null);
      }
      RunLockHolder holder = RunLockHolder.thisProcess(job, "file");
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("host " + holder.host() + " (pid " + holder.pid() + ") since " + holder.since())
          .getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
      return new FileRunLock(channel, lock, holder);
    } catch (IOException e) {
      throw TributaryException.config("cannot create the run lock " + file + ": " + e.getMessage(),
          "make sure the working directory is writable");
    }
  }

  /** Null when another holder has it, in another process or (a second run in one JVM) in this one. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The OS releases the lock with the process anyway; closing the channel released it here.
      org.slf4j.LoggerFactory.getLogger(FileRunLock.class).warn("releasing {} failed at {}", channel, Instant.now(), e);
    }
  }
}
