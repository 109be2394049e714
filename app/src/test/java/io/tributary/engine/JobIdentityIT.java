package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.count;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two job files with the same file name in different folders ({@code eu/orders.yml}, {@code us/orders.yml}) load
 * different tables into different schemas. They must never share watermarks silently: the second is refused (exit 2)
 * naming both files and the fix, and loads everything once it has a distinct {@code name:}.
 */
@Tag("db")
class JobIdentityIT {

  @TempDir
  Path dir;

  private String srcEu;
  private String srcUs;
  private String dstEu;
  private String dstUs;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    srcEu = TestPostgres.freshSchema("src_eu");
    srcUs = TestPostgres.freshSchema("src_us");
    dstEu = TestPostgres.freshSchema("dst_eu");
    dstUs = TestPostgres.freshSchema("dst_us");
    for (String src : new String[] {srcEu, srcUs}) {
      sql("CREATE TABLE " + src + ".orders (id bigint PRIMARY KEY, total numeric(10,2), updated_at timestamptz NOT NULL)");
      sql("INSERT INTO " + src + ".orders SELECT g, g * 2, timestamptz '2024-01-01 00:00:00+00'"
          + " + g * interval '1 second' FROM generate_series(1, 100) g");
    }
    cli = new CliRunner(dir.resolve("state"));
  }

  private Path writeJob(String folder, String src, String dst, String name) throws Exception {
    Path file = dir.resolve(folder).resolve("orders.yml");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, (name == null ? "" : "name: " + name + "\n") + """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        streams:
          - { name: orders, primary_key: [id], cursor: updated_at }
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst));
  }

  @Test
  void twoFilesOfTheSameNameInDifferentFoldersNeverShareWatermarks() throws Exception {
    Path eu = writeJob("eu", srcEu, dstEu, null);
    Path us = writeJob("us", srcUs, dstUs, null);
    assertThat(cli.run("run", eu.toString()).exitCode()).isEqualTo(0);
    assertThat(count(dstEu + ".orders")).isEqualTo(100);

    CliRunner.Result clash = cli.run("run", us.toString());
    assertThat(clash.exitCode()).as(clash.output()).isEqualTo(2);
    assertThat(clash.output()).contains(eu.toAbsolutePath().toString()).contains(us.toAbsolutePath().toString())
        .contains("name:");

    Path renamed = writeJob("us", srcUs, dstUs, "orders-us");
    CliRunner.Result second = cli.run("run", renamed.toString());
    assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
    assertThat(count(dstUs + ".orders")).isEqualTo(100);
    // and the first job is still itself: a rerun of eu is accepted
    assertThat(cli.run("run", eu.toString()).exitCode()).isEqualTo(0);
  }

  @Test
  void theSameJobFileCopiedToAnotherFolderIsTheSameJob() throws Exception {
    Path a = writeJob("host-a", srcEu, dstEu, null);
    Path b = writeJob("host-b", srcEu, dstEu, null);
    assertThat(cli.run("run", a.toString()).exitCode()).isEqualTo(0);
    CliRunner.Result rerun = cli.run("run", b.toString());
    assertThat(rerun.exitCode()).as(rerun.output()).isEqualTo(0);
    assertThat(count(dstEu + ".orders")).isEqualTo(100);
  }
}
