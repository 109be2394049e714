package io.tributary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class TributaryApplicationTest {

  @Test
  void onlyACommandPaysForTheEngineStartUpWork() {
    assertThat(TributaryApplication.mayStartEngine(new String[] {"--version"})).isFalse();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"-h"})).isFalse();
    assertThat(TributaryApplication.mayStartEngine(new String[] {})).isFalse();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"run", "jobs/demo.yml"})).isTrue();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"status"})).isTrue();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"run", "--help"})).isFalse();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"help", "run"})).isFalse();
    assertThat(TributaryApplication.mayStartEngine(new String[] {"completion"})).isFalse();
  }
}
