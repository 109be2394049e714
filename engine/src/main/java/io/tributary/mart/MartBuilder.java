package io.tributary.mart;

import io.tributary.core.MartReaderPublisher;
import io.tributary.core.Sink;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the curated marts after the loads: reads {@code sql/marts/*.sql}, orders them by their declared
 * dependencies, replaces {@code {{raw}}}, {@code {{as_of}}} and the job's mart variables and runs each statement through the sink. A
 * failing mart names its file and the database's message.
 */
public final class MartBuilder {

  private static final Pattern DEPENDS = Pattern.compile("^--\\s*depends_on:\\s*(.*)$", Pattern.MULTILINE);

  private MartBuilder() {}

  /**
   * Loads the marts under the given files or folders in dependency order; {@code projectDir} is the project whose
   * sql/ tree they must be in ({@link MartLocations}).
   */
  public static List<MartFile> load(Path projectDir, List<String> locations) {
    Map<String, MartFile> byName = new LinkedHashMap<>();
    for (String location : locations) {
      for (Path file : MartLocations.files(projectDir, location)) {
        MartFile mart = read(file);
        MartFile previous = byName.put(mart.name(), mart);
        if (previous != null) {
          throw TributaryException.config("two marts are named '" + mart.name() + "': " + previous.path() + " and "
              + file, "rename one of the files");
        }
      }
    }
    return order(byName);
  }

  /** Runs the marts in order with only the built-in variables ({{raw}}, {{as_of}} = today). */
  public static List<String> build(List<MartFile> marts, Sink sink) {
    return build(marts, sink, MartVariables.of(null));
  }

  /** Runs the marts in order, placeholders replaced ({@link MartVariables}), and returns their names. */
  public static List<String> build(List<MartFile> marts, Sink sink, MartVariables variables) {
    List<String> built = new ArrayList<>();
    MartReaderPublisher publisher = sink instanceof MartReaderPublisher p ? p : null;
    if (publisher != null) {
      publisher.beforeMartBuild(marts.stream().map(MartFile::name).toList());
    }
    for (MartFile mart : marts) {
      String sql = variables.apply(mart.sql(), sink.rawSchema(), mart);
      List<String> statements = SqlStatements.split(sql);
      for (int i = 0; i < statements.size(); i++) {
        try {
          sink.executeMartStatement(statements.get(i));
        } catch (RuntimeException e) {
          throw TributaryException.config("mart " + mart.path() + " failed at statement " + (i + 1) + " of "
              + statements.size() + ": " + rootMessage(e),
              "fix the SQL in that file (it runs against the " + sink.rawSchema() + " schema; tables are named"
                  + " after the streams), then run the job again: loaded data is kept");
        }
      }
      MartComments.apply(mart, sink);
      built.add(mart.name());
    }
    if (publisher != null) {
      publisher.publishForReaders(piiColumns(marts));
    }
    return built;
  }

  /**
   * The PII columns readers get masked, by mart: those the job's marts declare, and those of every mart the project's
   * dictionary declares (another job's marts in the same warehouse are published too). Declarations of one name are
   * united: a column is masked when any of them flags it.
   */
  static Map<String, Set<String>> piiColumns(List<MartFile> marts) {
    List<MartDeclaration> declarations = new ArrayList<>();
    marts.forEach(m -> MartDictionary.of(m).ifPresent(declarations::add));
    Path project = Path.of("").toAbsolutePath();
    if (Files.isDirectory(project.resolve(MartDictionary.MARTS_TREE))) {
      declarations.addAll(MartDictionary.all(project));
    }
    Map<String, Set<String>> pii = new LinkedHashMap<>();
    for (MartDeclaration d : declarations) {
      d.piiColumns().forEach(c -> pii.computeIfAbsent(d.name().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
          .add(c.toLowerCase(Locale.ROOT)));
    }
    return pii;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.strip();
  }

  private static MartFile read(Path file) {
    try {
      String sql = Files.readString(file, StandardCharsets.UTF_8);
      List<String> deps = new ArrayList<>();
      Matcher m = DEPENDS.matcher(sql);
      while (m.find()) {
        Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(deps::add);
      }
      String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
      return new MartFile(name, file, deps, sql);
    } catch (IOException e) {
      throw TributaryException.config("cannot read mart " + file + ": " + e.getMessage(), "check permissions");
    }
  }

  private static List<MartFile> order(Map<String, MartFile> byName) {
    Set<String> done = new LinkedHashSet<>();
    for (String name : byName.keySet()) {
      visit(name, byName, done, new LinkedHashSet<>());
    }
    return done.stream().map(byName::get).toList();
  }

  private static void visit(String name, Map<String, MartFile> byName, Set<String> done, Set<String> path) {
    if (done.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      throw TributaryException.config("marts depend on each other in a cycle: " + String.join(" → ", path) + " → "
          + name, "remove one of the depends_on lines");
    }
    MartFile mart = byName.get(name);
    for (String dep : mart.dependsOn()) {
      if (!byName.containsKey(dep)) {
        throw TributaryException.config("mart " + mart.path() + " depends on '" + dep + "', which is not a mart here",
            "known marts: " + String.join(", ", byName.keySet()));
      }
      visit(dep, byName, done, path);
    }
    path.remove(name);
    done.add(name);
  }
}
