package io.tributary.source.sap;

import java.util.List;
import java.util.Map;

/**
 * One OData collection page as the platform sent it, before type conversion.
 *
 * @param rows the entities, annotations ({@code __metadata}, {@code @odata.*}) and deferred links removed
 * @param next the server's next-page link ({@code d.__next} or {@code @odata.nextLink}), null on the last page; the
 *     reader only asks whether it is there, never follows it
 * @param count the inline count ({@code __count}, a string in v2, or {@code @odata.count}), -1 when absent
 */
record SapPage(List<Map<String, Object>> rows, String next, long count) {

  SapPage {
    rows = List.copyOf(rows);
  }
}
