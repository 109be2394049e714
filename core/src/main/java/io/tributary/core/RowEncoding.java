package io.tributary.core;

import java.util.List;

/**
 * A sink's own encoding of a row, which a source may produce directly so the engine hands the bytes through without
 * decoding, mapping and encoding them again (PostgreSQL → PostgreSQL: the source's binary COPY tuples into the sink's
 * binary COPY). Offered by a {@link TableWriter} ({@link TableWriter#rowEncoding()}), passed to the source in the
 * {@link ReadRequest} only when the stream's mapping changes no value, and honoured by a source that can produce
 * exactly those bytes for every column; a source that cannot ignores it and reads as usual.
 *
 * @param format the encoding's name, for example {@link #POSTGRESQL_BINARY}
 * @param fields the fields to encode, in the table's column order: the writer names its columns, the engine replaces
 *     them with the source fields each column is read from
 * @param types each column's type in the sink's own spelling (for PostgreSQL the type as DDL writes it, such as
 *     {@code numeric(18,2)} or {@code timestamptz})
 */
public record RowEncoding(String format, List<String> fields, List<String> types) {

  /**
   * PostgreSQL's binary COPY format (manual, "COPY", Binary Format): an {@link EncodedRow} holds the tuple's fields
   * (each a 4-byte length and the value's {@code *_send} bytes, -1 for NULL), without the 2-byte field count.
   */
  public static final String POSTGRESQL_BINARY = "postgresql-binary";

  public RowEncoding {
    fields = List.copyOf(fields);
    types = List.copyOf(types);
    if (fields.size() != types.size()) {
      throw new IllegalArgumentException(fields.size() + " fields for " + types.size() + " types");
    }
  }

  /** The same encoding of the columns read from {@code sourceFields}. */
  public RowEncoding withFields(List<String> sourceFields) {
    return new RowEncoding(format, sourceFields, types);
  }
}
