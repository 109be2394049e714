package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class CdsClassListTest {

  @TempDir
  Path dir;

  @Test
  void findsTheClassesUnderVersionedFoldersOfEveryJar() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    jar(lib.resolve("mr.jar"), "a/Plain.class", "META-INF/versions/11/a/Only$Inner.class",
        "META-INF/versions/21/a/Both.class", "a/Both.class", "META-INF/versions/9/module-info.class",
        "META-INF/versions/11/a/notes.txt");
    jar(lib.resolve("plain.jar"), "b/C.class");

    assertThat(CdsClassList.versionedClasses(lib)).containsExactlyInAnyOrder("a/Only$Inner", "a/Both",
        "module-info");
  }

  @Test
  void dropsEveryLineThatNamesAVersionedClassAndKeepsTheRest() throws IOException {
    List<String> recorded = List.of(
        "# NOTE: Do not modify this file.",
        "java/lang/Object id: 0",
        "org/postgresql/util/LazyCleaner",
        "org/postgresql/util/LazyCleanerImpl",
        "@lambda-proxy org/postgresql/util/LazyCleanerImpl run (Lorg/postgresql/util/LazyCleanerImpl$CleanableWrapper;)"
            + "Ljava/lang/Runnable; ()V REF_invokeVirtual org/postgresql/util/LazyCleanerImpl$CleanableWrapper"
            + " leakDetected ()V ()V",
        "@lambda-proxy a/Caller run ()Ljava/lang/Runnable; ()V REF_invokeStatic x/Versioned m ()V ()V",
        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L");
    Set<String> versioned = Set.of("org/postgresql/util/LazyCleanerImpl",
        "org/postgresql/util/LazyCleanerImpl$CleanableWrapper", "x/Versioned");

    assertThat(CdsClassList.filter(recorded, versioned)).containsExactly(
        "# NOTE: Do not modify this file.",
        "java/lang/Object id: 0",
        "org/postgresql/util/LazyCleaner",
        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L");
  }

  @Test
  void aLastLineCutShortByAKilledRunIsLeftOut() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    jar(lib.resolve("plain.jar"), "b/C.class");
    Path recorded = Files.writeString(dir.resolve("in.list"), "java/lang/Object id: 0\nb/C\norg/spring");
    Path filtered = dir.resolve("out.list");

    CdsClassList.main(new String[] {recorded.toString(), filtered.toString(), lib.toString()});

    assertThat(Files.readAllLines(filtered)).containsExactly("java/lang/Object id: 0", "b/C");
  }

  private static void jar(Path file, String... entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      for (String e : entries) {
        jar.putNextEntry(new JarEntry(e));
        jar.write(new byte[] {1, 2, 3});
        jar.closeEntry();
      }
    }
  }
}
