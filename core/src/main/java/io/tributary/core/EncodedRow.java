package io.tributary.core;

/**
 * A row's values already encoded in a sink's {@link RowEncoding}: {@code length} bytes of {@code bytes} from
 * {@code offset}. The array may be shared by the rows of one page and must not be changed once handed out.
 */
public record EncodedRow(String format, byte[] bytes, int offset, int length) {}
