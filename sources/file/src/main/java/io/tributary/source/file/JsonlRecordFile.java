package io.tributary.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON Lines file: one JSON object per line, blank lines skipped. Nested objects stay maps (the engine flattens
 * them), integers are Long (BigInteger beyond 64 bits), other numbers BigDecimal. A line that is not a JSON object becomes a
 * {@code _raw}/{@code _error} record.
 */
final class JsonlRecordFile implements RecordFile {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  // USE_LONG_FOR_INTS rejects a whole line when one integer exceeds 64 bits, losing the record's key and the field
  // name; such a line is read again without it, so the mapping can report "n: ... is outside the 64-bit range".
  private static final ObjectMapper WIDE_INTS = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String name;
  private final BufferedReader reader;
  private long count;

  JsonlRecordFile(String name, BufferedReader reader) {
    this.name = name;
    this.reader = reader;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> next() {
    String line;
    do {
      line = readLine();
      if (line == null) {
        return null;
      }
      count++;
    } while (line.isBlank());
    try {
      Object value;
      try {
        value = JSON.readValue(line, Object.class);
      } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
        value = WIDE_INTS.readValue(line, Object.class);
      }
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      return malformed(line, "the line is JSON but not an object");
    } catch (JsonProcessingException e) {
      return malformed(line, e.getOriginalMessage());
    }
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public void close() {
    RecordFile.closeQuietly(reader);
  }

  private Map<String, Object> malformed(String line, String why) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(RAW, line);
    fields.put(ERROR, "invalid JSON in " + name + " line " + count + ": " + why);
    return fields;
  }

  private String readLine() {
    try {
      return reader.readLine();
    } catch (CharacterCodingException e) {
      throw RecordFile.unreadable(name, count + 1, "it is not valid in the configured encoding",
          "set options.encoding to the file's encoding");
    } catch (IOException e) {
      throw RecordFile.unreadable(name, count + 1, String.valueOf(e.getMessage()), "check the file");
    }
  }
}
