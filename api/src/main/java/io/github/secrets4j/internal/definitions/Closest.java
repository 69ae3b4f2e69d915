package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.internal.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Suggests the defined names closest to an unknown one, for messages. */
public final class Closest {
  private static final int MAX = 3;

  private Closest() {}

  /**
   * Returns a message part naming the (at most three) closest of {@code names} to
   * {@code wanted}: {@code closest: "a", "b"}, or {@code none are defined}. Names are escaped.
   *
   * @param wanted the unknown name
   * @param names the defined names
   * @param what what the names name, plural ("secrets"), for the empty case
   * @return the text to append to a message
   */
  public static String suggest(String wanted, Collection<String> names, String what) {
    if (names.isEmpty()) {
      return "no " + what + " are defined";
    }
    String target = wanted.toLowerCase(Locale.ROOT);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>(names.size());
    for (String name : names) {
      scored.add(new Scored(name, distance(target, name.toLowerCase(Locale.ROOT))));
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return "closest defined: " + scored.stream().limit(MAX)
        .map(s -> "\"" + Text.escape(s.name(), 100) + "\"").collect(Collectors.joining(", "));
  }

  /** Levenshtein distance, on at most the first 256 chars of each. */
  static int distance(String a, String b) {
    a = a.length() > 256 ? a.substring(0, 256) : a;
    b = b.length() > 256 ? b.substring(0, 256) : b;
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
