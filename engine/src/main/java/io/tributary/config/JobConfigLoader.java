package io.tributary.config;

import io.tributary.core.Durations;

import io.tributary.core.Identifiers;
import io.tributary.core.TributaryException;
import io.tributary.mart.MartLocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a job file and checks everything that can be checked without connecting anywhere. Platform-specific blocks
 * are checked later by their providers, through the same {@link ConfigBinder}.
 */
public final class JobConfigLoader {

  private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  private JobConfigLoader() {}

  public static LoadedJob load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw TributaryException.config("job file " + file + " does not exist", "run './tributary list' to see the jobs in jobs/");
    } catch (IOException e) {
      throw TributaryException.config("job file " + file + " cannot be read: " + e.getMessage(), "check its permissions");
    }
    ConfigBinder binder = new ConfigBinder(file);
    JobConfig config = binder.bindYaml(yaml, JobConfig.class);
    String name = config.name() != null ? config.name() : defaultName(file);
    if (!JOB_NAME.matcher(name).matches()) {
      throw binder.error("name", "'" + name + "' is not a valid job name", "use letters, digits, '-' and '_'");
    }
    checkBlocks(binder, config);
    SecretFields.check(binder, "source", config.source());
    SecretFields.check(binder, "sink", config.sink());
    checkStreams(binder, config.streams());
    checkPii(binder, config);
    checkMarts(binder, config);
    return new LoadedJob(file, name, config, binder);
  }

  static String defaultName(Path file) {
    String n = file.getFileName().toString();
    return n.replaceFirst("\\.(ya?ml)$", "");
  }

  private static void checkBlocks(ConfigBinder binder, JobConfig config) {
    if (!(config.source().get("type") instanceof String)) {
      throw binder.error("source.type", "missing", "name the source platform, for example 'type: jdbc'");
    }
    if (!(config.sink().get("type") instanceof String)) {
      throw binder.error("sink.type", "missing", "name the warehouse, for example 'type: duckdb' or 'type: postgres'");
    }
  }

  private static void checkStreams(ConfigBinder binder, List<StreamConfig> streams) {
    Set<String> names = new HashSet<>();
    Set<String> tables = new HashSet<>();
    for (int i = 0; i < streams.size(); i++) {
      StreamConfig s = streams.get(i);
      String at = "streams[" + i + "]";
      if (!names.add(s.name())) {
        throw binder.error(at + ".name", "stream '" + s.name() + "' is declared twice", "give each stream one entry");
      }
      located(binder, at + ".table", () -> Identifiers.require(s.tableOrDefault(), "table name"));
      if (!tables.add(s.tableOrDefault().toLowerCase())) {
        throw binder.error(at + ".table", "table '" + s.tableOrDefault() + "' is the target of two streams",
            "give each stream its own table:");
      }
      located(binder, at + ".lookback", () -> Durations.parse(s.lookback()));
      StreamModeRules.check(s).ifPresent(r -> {
        throw binder.error(at + "." + r.field(), r.what(), r.fix());
      });
      if (s.fields() != null) {
        checkFields(binder, at, s);
      }
    }
  }

  private static void checkFields(ConfigBinder binder, String at, StreamConfig s) {
    Set<String> outputs = new HashSet<>();
    for (int j = 0; j < s.fields().size(); j++) {
      FieldSpec f = s.fields().get(j);
      String fat = at + ".fields[" + j + "]";
      located(binder, fat + ".name", () -> Identifiers.require(f.name(), "field name"));
      if (!outputs.add(f.name().toLowerCase())) {
        throw binder.error(fat + ".name", "field '" + f.name() + "' is declared twice", "keep one entry per field");
      }
      if (f.type() != null) {
        located(binder, fat + ".type", () -> FieldType.parse(f.type()));
      }
      if (f.letterCase() != null && !f.letterCase().matches("(?i)upper|lower")) {
        throw binder.error(fat + ".case", "'" + f.letterCase() + "' is not a case", "use 'upper' or 'lower'");
      }
      if (f.regex() != null) {
        try {
          Pattern.compile(f.regex());
        } catch (PatternSyntaxException e) {
          throw binder.error(fat + ".regex", "invalid regular expression: " + e.getDescription(),
              "fix the pattern (Java regex syntax); quote it in single quotes in YAML");
        }
      }
      if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
        throw binder.error(fat + ".min", "min " + f.min() + " is greater than max " + f.max(), "swap them");
      }
    }
  }

  private static void checkPii(ConfigBinder binder, JobConfig config) {
    for (int i = 0; i < config.streams().size(); i++) {
      StreamConfig s = config.streams().get(i);
      for (int j = 0; s.fields() != null && j < s.fields().size(); j++) {
        FieldSpec f = s.fields().get(j);
        if (f.pii() == null) {
          continue;
        }
        String at = "streams[" + i + "].fields[" + j + "].pii";
        PiiTransform t;
        try {
          t = PiiTransform.parse(f.pii());
        } catch (TributaryException e) {
          throw binder.error(at, e.getMessage(), e.hint());
        }
        if (t == PiiTransform.HASH && config.piiKey() == null) {
          throw binder.error(at, "pii: hash needs the job's pii_key",
              "add 'pii_key: \"${env:TRIBUTARY_PII_KEY}\"' at the top of the job (keep the key stable: hashes join across runs)");
        }
        if (s.primaryKeyOrEmpty().contains(f.fromOrName()) && t != PiiTransform.HASH) {
          throw binder.error(at, "a primary key field can only be hashed, not " + f.pii(),
              "use 'pii: hash' so merges still find the row");
        }
      }
    }
  }

  /** Marts run as SQL against the warehouse: only files of the project's own sql/ tree (the working directory's). */
  private static void checkMarts(ConfigBinder binder, JobConfig config) {
    List<String> marts = config.martsOrEmpty();
    for (int i = 0; i < marts.size(); i++) {
      String entry = marts.get(i);
      located(binder, "marts[" + i + "]", () -> MartLocations.files(Path.of("").toAbsolutePath(), entry));
    }
    located(binder, "mart_variables", () -> io.tributary.mart.MartVariables.of(config.martVariables()));
  }

  private static void located(ConfigBinder binder, String path, Runnable check) {
    try {
      check.run();
    } catch (TributaryException e) {
      throw binder.error(path, e.getMessage(), e.hint());
    }
  }
}
