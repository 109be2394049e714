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

  /**
   * The job repository's H2 file when the repository is a local H2 file that does not exist yet; empty when it exists
   * or lives elsewhere (PostgreSQL, an H2 server). Read-only commands use it to answer without creating one: opening
   * an H2 file creates it, and the engine's logging creates {@code .tributary/logs}.
   */
  static Optional<Path> missingLocalRepository() {
    String url = System.getProperty("spring.datasource.url");
    if (url == null) {
      url = System.getenv("SPRING_DATASOURCE_URL");
    }
    if (url == null) {
      url = configuredUrl();
    }
    return url == null ? Optional.empty() : missingH2File(url);
  }

  /**
   * {@code spring.datasource.url} of application.properties with its {@code ${NAME:default}} resolved from system
   * properties and the environment, as Spring would; read by hand because Spring's Environment starts logging.
   */
  private static String configuredUrl() {
    java.util.Properties properties = new java.util.Properties();
    try (var in = RepositoryOwner.class.getClassLoader().getResourceAsStream("application.properties")) {
      if (in == null) {
        return null;
      }
      properties.load(in);
    } catch (IOException e) {
      return null;
    }
    String configured = properties.getProperty("spring.datasource.url");
    return configured == null ? null : PLACEHOLDER.matcher(configured).replaceAll(m -> {
      String value = System.getProperty(m.group(1), System.getenv(m.group(1)));
      return Matcher.quoteReplacement(value != null ? value : m.group(2) == null ? "" : m.group(2));
    });
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

  /** The H2 file of {@code url} ({@code <name>.mv.db}) when {@code url} is an H2 file URL and that file is absent. */
  static Optional<Path> missingH2File(String url) {
    return ownerFile(url).map(owner -> Path.of(owner.toString().replaceFirst("\\.owner$", ".mv.db")))
        .filter(file -> !Files.exists(file));
  }

  /** Records this process as the holder; the file is removed by {@link #release}. */
  static void record(Path owner, String command) {
    try {
      Files.writeString(owner, ProcessHandle.current().pid() + "\n" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
          + "\n" + command + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      log().warn("cannot record the job repository's owner in {}; a second process will not be told who holds it",
          owner, e);
    }
  }

  static void release(Path owner) {
    try {
      Files.deleteIfExists(owner);
    } catch (IOException e) {
      log().warn("cannot remove {}; the next owner overwrites it", owner, e);
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
      log().debug("owner file {} unreadable", owner, unreadable);
      return "";
    }
  }

  /** Not a static field: {@link #missingLocalRepository} must not start logging, which creates the log folder. */
  private static Logger log() {
    return LoggerFactory.getLogger(RepositoryOwner.class);
  }
}
