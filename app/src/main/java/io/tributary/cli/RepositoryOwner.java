package io.tributary.cli;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 file job repository admits one process at a time. The process that has it open records itself in
 * {@code <repository>.owner} (pid, since, command), so a second process (a second job, {@code status} during a run)
 * is told who holds it, as busy (exit 3), instead of failing on H2's "Database may be already in use".
 */
final class RepositoryOwner {

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryOwner.class);
  /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1. */
  private static final int H2_ALREADY_OPEN = 90020;
  private static final Pattern H2_FILE = Pattern.compile("\"([^\"]+?)(\\.mv\\.db)?\"");
  private static final Pattern H2_URL = Pattern.compile("^jdbc:h2:(?:file:)?([^;:][^;]*)(;.*)?$");

  private RepositoryOwner() {}

  /** The owner file of an H2 file repository URL, if it is one (not {@code mem:}, {@code tcp:}, ...). */
  static Optional<Path> ownerFile(String url) {
    Matcher m = url == null ? null : H2_URL.matcher(url);
    if (m == null || !m.matches() || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
        || url.startsWith("jdbc:h2:ssl:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(m.group(1) + ".owner").toAbsolutePath().normalize());
  }

  /** Records this process as the holder; the file is removed by {@link #release}. */
  static void record(Path owner, String command) {
    try {
      Files.writeString(owner, ProcessHandle.current().pid() + "\n" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
          + "\n" + command + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("cannot record the job repository's owner in {}; a second process will not be told who holds it",
          owner, e);
    }
  }

  static void release(Path owner) {
    try {
      Files.deleteIfExists(owner);
    } catch (IOException e) {
      LOG.warn("cannot remove {}; the next owner overwrites it", owner, e);
    }
  }

  /** A BUSY exception when {@code e} is H2 refusing a repository held by another process; otherwise null. */
  static TributaryException busy(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException sql && (sql.getErrorCode() == H2_ALREADY_OPEN
          || String.valueOf(sql.getMessage()).contains("Database may be already in use"))) {
        Matcher m = H2_FILE.matcher(String.valueOf(sql.getMessage()));
        String file = m.find() ? m.group(1) : "the H2 job repository";
        return TributaryException.busy("the job repository " + file + " is open in another process" + holder(file)
            + ": an H2 file repository admits one process at a time (a run, status, check or sandbox using this"
            + " state directory); this command did nothing",
            "try again when that process has finished; to run several jobs at once, or status during a run, keep"
                + " the job repository in PostgreSQL (TRIBUTARY_REPOSITORY_URL, see README)", sql);
      }
    }
    return null;
  }

  /** ", pid P (command) since T" from the owner file, if the recorded process is alive on this machine. */
  private static String holder(String file) {
    Path owner = Path.of(file + ".owner");
    try {
      if (!Files.exists(owner)) {
        return "";
      }
      String[] lines = Files.readString(owner, StandardCharsets.UTF_8).split("\n");
      long pid = Long.parseLong(lines[0].strip());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return !alive || lines.length < 3 ? ""
          : " (pid " + pid + ", 'tributary " + lines[2].strip() + "', since " + lines[1].strip() + ")";
    } catch (IOException | RuntimeException unreadable) {
      LOG.debug("owner file {} unreadable", owner, unreadable);
      return "";
    }
  }
}
