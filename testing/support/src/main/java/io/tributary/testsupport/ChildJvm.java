package io.tributary.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The {@code java} command of a child JVM that a test starts ({@code tributary run} in its own process, a worker, an
 * MCP server): this JVM's class path and the settings of a short command-line run (C1 only, serial GC, a small heap).
 *
 * <p>A child JVM spends most of its CPU starting up: finding, parsing and verifying the same Spring, Batch and Jackson
 * classes every time. So the first child of this test JVM whose command is {@code run} also records the classes it
 * loaded into a class data sharing archive ({@code -XX:ArchiveClassesAtExit}, JDK 13+) as it exits, and every later
 * child maps that archive. The JVM archives classes from jars only, so the class path's directories (a module's
 * {@code target/classes} and {@code target/test-classes}) are copied into jars once. A training child that does not
 * exit by itself (killed) leaves no archive, and the next {@code run} child records one. With
 * {@code -Dtributary.test.child-cds=false} children start without an archive.
 */
public final class ChildJvm {

  private static final List<String> SHORT_RUN = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xshare:auto", "--add-opens=java.base/java.nio=ALL-UNNAMED");
  // the JVM reports classes it leaves out of the archive on stdout, which tests read as the child's output
  private static final String QUIET = "-Xlog:cds*=off";
  private static final boolean CDS = Boolean.parseBoolean(System.getProperty("tributary.test.child-cds", "true"));
  private static final AtomicBoolean TRAINING = new AtomicBoolean();
  private static volatile Path work;
  private static volatile String classPath;

  private ChildJvm() {}

  /** The path of this JVM's {@code java} launcher. */
  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java <short-run options> [archive options] -cp <this JVM's class path as jars>}; the caller appends system
   * properties, the main class and its arguments. {@code run} says whether the child runs a job (only such a child
   * records the archive). Start it with {@link #start}.
   */
  public static List<String> command(boolean run) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.addAll(SHORT_RUN);
    if (CDS) {
      Path archive = workDir().resolve("classes.jsa");
      if (Files.exists(archive)) {
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.add(QUIET);
      } else if (run && TRAINING.compareAndSet(false, true)) {
        cmd.add("-XX:ArchiveClassesAtExit=" + workDir().resolve("classes.jsa.training"));
        cmd.add(QUIET);
      }
    }
    cmd.add("-cp");
    cmd.add(CDS ? jarClassPath() : System.getProperty("java.class.path"));
    return cmd;
  }

  /** {@code java <short-run options> -cp <classPath>}: a class path of the test's own, never an archive. */
  public static List<String> command(String classPath) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.addAll(SHORT_RUN);
    cmd.add("-cp");
    cmd.add(classPath);
    return cmd;
  }

  /**
   * Starts the child; if it records the archive, puts the archive in place when the child has exited by itself
   * (any exit code: the JVM writes the archive on every orderly exit), or lets the next {@code run} child record it.
   */
  public static Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    String training = builder.command().stream().filter(a -> a.startsWith("-XX:ArchiveClassesAtExit=")).findFirst()
        .map(a -> a.substring(a.indexOf('=') + 1)).orElse(null);
    if (training != null) {
      process.onExit().thenAccept(p -> finishTraining(Path.of(training), p.exitValue()));
    }
    return process;
  }

  private static void finishTraining(Path training, int exit) {
    try {
      // 128 + signal: killed, so the archive may be half written
      if (exit < 128 && Files.size(training) > 0) {
        Files.move(training, training.resolveSibling("classes.jsa"), StandardCopyOption.ATOMIC_MOVE);
        return;
      }
    } catch (IOException e) {
      // no archive: the next run child records one
    }
    try {
      Files.deleteIfExists(training);
    } catch (IOException ignored) {
      // left in this JVM's own temporary folder
    }
    TRAINING.set(false);
  }

  private static Path workDir() {
    Path w = work;
    if (w == null) {
      synchronized (ChildJvm.class) {
        if (work == null) {
          try {
            work = Files.createTempDirectory("tributary-child-jvm");
            Path created = work;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        w = work;
      }
    }
    return w;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a child still holding a file: the temporary folder keeps it
    }
  }

  private static String jarClassPath() {
    String cp = classPath;
    if (cp == null) {
      synchronized (ChildJvm.class) {
        if (classPath == null) {
          List<String> entries = new ArrayList<>();
          int n = 0;
          for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            entries.add(Files.isDirectory(p) ? jar(p, workDir().resolve("dir-" + n++ + ".jar")).toString() : entry);
          }
          classPath = String.join(File.pathSeparator, entries);
        }
        cp = classPath;
      }
    }
    return cp;
  }

  private static Path jar(Path dir, Path jar) {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        // directory entries too: Spring's class path scanning finds a package in a jar through its entry
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
          if (!d.equals(dir)) {
            j.putNextEntry(new JarEntry(dir.relativize(d).toString().replace(File.separatorChar, '/') + "/"));
            j.closeEntry();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          j.putNextEntry(new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
          Files.copy(file, j);
          j.closeEntry();
          return FileVisitResult.CONTINUE;
        }
      });
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + dir + " into " + jar, e);
    }
  }
}
