package io.tributary.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;

/**
 * One output field of a stream.
 *
 * @param name output column name
 * @param from source field (dotted for nested: {@code Owner.Name}); default: the output name
 * @param type {@code string}, {@code integer}, {@code decimal(p,s)}, {@code double}, {@code boolean}, {@code date},
 *     {@code timestamp} or {@code json}; default: the discovered type
 * @param trim strip surrounding white space from text
 * @param letterCase {@code upper} or {@code lower}
 * @param format input pattern for dates and timestamps ({@code dd/MM/yyyy}), or {@code epoch_ms} / {@code epoch_s}
 * @param timezone zone for timestamps that carry none (default UTC)
 * @param required null values are quarantined
 * @param regex the text form must match
 * @param min smallest allowed number
 * @param max largest allowed number
 * @param allowed allowed values ({@code enum:} in YAML)
 * @param maxLength longest allowed text, in characters
 * @param pii {@code mask} (keep the last 4), {@code hash} (HMAC-SHA256 with the job's {@code pii_key}) or {@code drop}
 */
public record FieldSpec(
    @NotBlank String name,
    String from,
    String type,
    Boolean trim,
    @JsonProperty("case") String letterCase,
    String format,
    String timezone,
    Boolean required,
    String regex,
    BigDecimal min,
    BigDecimal max,
    @JsonProperty("enum") List<String> allowed,
    @Positive Integer maxLength,
    String pii) {

  public String fromOrName() {
    return from == null ? name : from;
  }
}
