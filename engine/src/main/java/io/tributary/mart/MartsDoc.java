package io.tributary.mart;

import java.util.List;

/**
 * docs/marts.md, generated from the data dictionary (regenerate with {@code ./tributary marts --markdown >
 * docs/marts.md}; MartsDocTest fails when the checked-in file differs).
 */
public final class MartsDoc {

  private MartsDoc() {}

  public static String render(List<MartDeclaration> marts) {
    StringBuilder b = new StringBuilder();
    b.append("# Marts\n\n")
        .append("<!-- Generated from the data dictionary (sql/marts/<family>/<mart>.yml) by\n")
        .append("     ./tributary marts --markdown > docs/marts.md ; edit the .yml files, not this page. -->\n\n")
        .append("Marts are SQL files in `sql/marts/<family>/`, listed in a job's `marts:`. They run after every stream")
        .append(" has loaded,\nin the order their `-- depends_on: other_mart` header lines require, against the job's")
        .append(" warehouse. `{{raw}}` in\nthe SQL is replaced by the sink's raw schema. Each mart creates a table in")
        .append(" the `marts` schema. Each mart is declared\nin the data dictionary, a `<mart>.yml` beside its SQL")
        .append(" (description, grain, inputs, staleness limit, columns with\ntype, meaning, unit and PII flag): the")
        .append(" warehouse `COMMENT`s, the catalog (`./tributary marts`, the MCP tool\n`list_marts`) and this page")
        .append(" come from it. How agents and analysts read the marts: docs/agents.md.\n\n")
        .append("As-of date: `{{as_of}}` is the date aging marts measure to, today unless the job sets")
        .append(" `mart_variables: { as_of: 2024-01-01 }`\n(jobs/demo.yml does: its data ends there). Other names under")
        .append(" `mart_variables:` are the raw schemas of other jobs\nwriting the same warehouse, for cross-source marts")
        .append(" (`customer_360` reads `{{crm}}`; jobs/customer_360/). Rows whose\nparent is not loaded (quarantined,")
        .append(" deleted or not read) are never dropped silently: they are kept with a flag (`account_loaded`,\n")
        .append("`owner_known`, `customer_known`) or counted (`opportunities_without_account`).\n");
    String family = null;
    for (MartDeclaration m : marts) {
      if (!m.family().equals(family)) {
        family = m.family();
        b.append("\n## `sql/marts/").append(family).append("`\n");
      }
      b.append("\n### `marts.").append(m.name()).append("`\n").append(m.description()).append("\n\n")
          .append("Grain: ").append(m.grain()).append(". Inputs: ").append(String.join(", ", m.inputs()))
          .append(". Stale after ").append(m.stalenessLimit().toHours()).append(" h.\n\n")
          .append("| column | type | meaning | unit |\n|---|---|---|---|\n");
      for (MartColumn c : m.columns()) {
        b.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ").append(c.description())
            .append(c.pii() ? " (PII: masked for readers)" : "").append(" | ")
            .append(c.unit() == null ? "" : c.unit()).append(" |\n");
      }
    }
    return b.toString();
  }
}
