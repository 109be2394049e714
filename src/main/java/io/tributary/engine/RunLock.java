package io.tributary.engine;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run of a job at a time on this machine: an OS file lock under {@code .tributary/locks/}. The OS releases it
 * when the process dies, even by {@code kill -9}, which is how a dead run's STARTED execution is recognised.
 */
public final class RunLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static RunLock acquire(Path stateDir, String job) {
    Path file = stateDir.resolve("locks").resolve(job + ".lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new TributaryException(TributaryException.Kind.TRANSIENT,
            "job '" + job + "' is already running on this machine (lock " + file + " is held)",
            "wait for that run to finish; './tributary status " + job + "' shows it", null);
      }
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap(
          String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      return new RunLock(channel, lock);
    } catch (IOException e) {
      throw TributaryException.config("cannot create the run lock " + file + ": " + e.getMessage(),
          "make sure the working directory is writable");
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the process anyway
    }
  }
}
