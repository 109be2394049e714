package io.tributary.sink.staged;

import io.tributary.core.Column;
import io.tributary.sink.staged.StagedType.Family;
import java.util.Map;
import java.util.Optional;

/**
 * How one staged warehouse spells the {@link StagedType} families in DDL and in its catalog, and how far it widens a
 * decimal column in place. One instance per warehouse, held by its dialect.
 */
public final class StagedTypeNames {

  /** Whether the warehouse can raise a decimal's scale in place, or only its precision at the same scale. */
  public enum DecimalWidening { PRECISION_ONLY, PRECISION_AND_SCALE }

  private final Map<Family, String> ddl;
  private final Map<String, Family> catalog;
  private final DecimalWidening widening;

  /**
   * @param ddl the DDL of each family; the DECIMAL entry is the name precision and scale follow
   * @param catalog the {@code DATA_TYPE} the catalog reports, by family
   */
  public StagedTypeNames(Map<Family, String> ddl, Map<String, Family> catalog, DecimalWidening widening) {
    this.ddl = Map.copyOf(ddl);
    this.catalog = Map.copyOf(catalog);
    this.widening = widening;
  }

  /** A warehouse whose catalog reports a column's type as its DDL spells it. */
  public static StagedTypeNames sameInCatalog(Map<Family, String> ddl, DecimalWidening widening) {
    Map<String, Family> catalog = new java.util.HashMap<>();
    ddl.forEach((family, name) -> catalog.put(name, family));
    return new StagedTypeNames(ddl, catalog, widening);
  }

  public StagedType of(Family family) {
    return new StagedType(family, 0, 0, this);
  }

  public StagedType decimal(int precision, int scale) {
    return new StagedType(Family.DECIMAL, precision, scale, this);
  }

  public StagedType forColumn(Column column) {
    return StagedType.forColumn(column, this);
  }

  String ddl(StagedType type) {
    String name = ddl.get(type.family());
    return type.family() == Family.DECIMAL ? name + "(" + type.precision() + "," + type.scale() + ")" : name;
  }

  /** The type of an existing column from the catalog; empty for a type Tributary never writes. */
  public Optional<StagedType> fromCatalog(String dataType, Integer precision, Integer scale) {
    Family family = catalog.get(dataType);
    if (family == null) {
      return Optional.empty();
    }
    return Optional.of(family == Family.DECIMAL
        ? decimal(precision == null ? StagedType.MAX_PRECISION : precision, scale == null ? 0 : scale)
        : of(family));
  }

  Optional<StagedType> widenedDecimal(StagedType have, StagedType wanted) {
    if (widening == DecimalWidening.PRECISION_ONLY) {
      return have.scale() == wanted.scale() && wanted.precision() > have.precision()
          ? Optional.of(decimal(wanted.precision(), have.scale())) : Optional.empty();
    }
    int scale = Math.max(have.scale(), wanted.scale());
    int precision = scale + Math.max(have.precision() - have.scale(), wanted.precision() - wanted.scale());
    return precision > StagedType.MAX_PRECISION ? Optional.empty() : Optional.of(decimal(precision, scale));
  }
}
