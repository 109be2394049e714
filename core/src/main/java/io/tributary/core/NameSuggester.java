package io.tributary.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the closest known name to a misspelt one, for "did you mean" hints. */
public final class NameSuggester {

  private NameSuggester() {}

  public static Optional<String> closest(String wrong, Collection<String> known) {
    String w = wrong.toLowerCase();
    return known.stream()
        .min(Comparator.comparingInt(k -> distance(w, k.toLowerCase())))
        .filter(k -> distance(w, k.toLowerCase()) <= Math.max(2, w.length() / 3));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The closest known name, when one is close enough. */
  public static Optional<String> suggest(String wrong, Collection<String> known) {
    return closest(wrong, known);
  }

  /** "did you mean 'x'? " or "" */
  public static String didYouMean(String wrong, Collection<String> known) {
    return closest(wrong, known).map(k -> "did you mean '" + k + "'? ").orElse("");
  }
}
