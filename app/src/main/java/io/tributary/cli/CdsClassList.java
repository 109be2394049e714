package io.tributary.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Used by the {@code tributary} launcher, not by people: turns the class list a first run recorded
 * ({@code -XX:DumpLoadedClassList}) into the list the class data sharing archive is dumped from. It drops every line
 * that names a class with a copy under {@code META-INF/versions/} of a multi-release jar (pgjdbc, spring-core,
 * jackson-core, snowflake-jdbc...): on Java 17 a JVM that loads such a class from the archive while a class file load
 * hook is active (Flight Recorder, a Java agent) crashes (JDK-8343427, fixed in Java 24; reproduced here with
 * pgjdbc's LazyCleanerImpl). Those few classes are then loaded from their jars as usual.
 *
 * <p>{@code java -cp target/cds/tributary.jar io.tributary.cli.CdsClassList <recorded> <filtered> <lib dir>}
 */
public final class CdsClassList {

  private static final String VERSIONS = "META-INF/versions/";
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_/$]*");

  private CdsClassList() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: CdsClassList <recorded class list> <filtered class list> <lib dir>");
      System.exit(2);
    }
    Set<String> versioned = versionedClasses(Path.of(args[2]));
    String recorded = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    // a run killed while writing leaves a last line without its newline: it may be cut short
    List<String> lines = List.of(recorded.substring(0, recorded.lastIndexOf('\n') + 1).split("\n"));
    List<String> kept = filter(lines, versioned);
    Files.write(Path.of(args[1]), kept, StandardCharsets.UTF_8);
  }

  /** The lines that name no versioned class (a line is a class, or a lambda proxy naming several). */
  static List<String> filter(List<String> lines, Set<String> versioned) {
    return lines.stream().filter(line -> !namesAny(line, versioned)).toList();
  }

  private static boolean namesAny(String line, Set<String> versioned) {
    Matcher m = CLASS_NAME.matcher(line);
    while (m.find()) {
      if (versioned.contains(m.group())) {
        return true;
      }
    }
    return false;
  }

  /** Internal names ({@code a/b/C$D}) of the classes under {@code META-INF/versions/<n>/} of the jars in a folder. */
  static Set<String> versionedClasses(Path libDir) throws IOException {
    Set<String> names = new HashSet<>();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(libDir, "*.jar")) {
      for (Path jar : jars) {
        try (JarFile file = new JarFile(jar.toFile())) {
          Enumeration<JarEntry> entries = file.entries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(VERSIONS) && name.endsWith(".class")) {
              String rest = name.substring(VERSIONS.length());
              names.add(rest.substring(rest.indexOf('/') + 1, rest.length() - ".class".length()));
            }
          }
        }
      }
    }
    return names;
  }
}
