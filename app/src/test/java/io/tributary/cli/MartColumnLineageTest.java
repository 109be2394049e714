package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the shipped Salesforce marts read, as their SQL (sql/marts/salesforce) says it, read by eye. */
@Tag("unit")
class MartColumnLineageTest {

  @Test
  void aSelectStraightFromRawTablesHasColumnLineage() throws Exception {
    MartColumnLineage pipeline = MartColumnLineage.of(
        Files.readString(Path.of("sql/marts/salesforce/sf_pipeline_by_stage_owner.sql")));

    assertThat(pipeline.tables()).containsExactly("opportunities", "users");
    assertThat(pipeline.columns())
        .containsEntry("stage_name", java.util.List.of("opportunities.stage_name"))
        .containsEntry("owner_id", java.util.List.of("opportunities.owner_id"))
        .containsEntry("owner_name", java.util.List.of("users.name", "opportunities.owner_name"))
        .containsEntry("pipeline_state", java.util.List.of("opportunities.is_closed"))
        .containsEntry("weighted_amount", java.util.List.of("opportunities.amount", "opportunities.probability"))
        .containsEntry("won_amount", java.util.List.of("opportunities.is_won", "opportunities.amount"))
        .containsEntry("last_changed_at", java.util.List.of("opportunities.system_modstamp"))
        .doesNotContainKey("opportunities"); // COUNT(*) reads no column
  }

  @Test
  void aMartBuiltThroughWithHasTableLineageOnly() throws Exception {
    MartColumnLineage aging = MartColumnLineage.of(
        Files.readString(Path.of("sql/marts/salesforce/sf_opportunity_aging.sql")));

    assertThat(aging.tables()).containsExactly("opportunities");
    assertThat(aging.columns()).isEmpty();
  }
}
