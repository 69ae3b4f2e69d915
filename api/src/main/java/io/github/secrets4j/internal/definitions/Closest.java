package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.internal.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Suggests the defined names closest to an unknown one, for messages. Bounded work whatever the
 * names: at most the first {@value #COMPARED} chars of each are compared, a name that cannot beat
 * the three best so far is dropped early, and one suggestion computes at most {@value #BUDGET}
 * cells of edit distance (past that, the best names seen so far are suggested).
 */
public final class Closest {
  private static final int MAX = 3;
  /** The chars of each name compared. */
  static final int COMPARED = 32;
  /** The most edit-distance cells one suggestion computes. */
  static final long BUDGET = 250_000;

  private Closest() {}

  private record Scored(String name, int distance) {}

  private static final Comparator<Scored> ORDER =
      Comparator.comparingInt(Scored::distance).thenComparing(Scored::name);

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
    String target = lower(wanted);
    List<Scored> best = new ArrayList<>(MAX + 1);
    long[] budget = {BUDGET};
    for (String name : names) {
      int bound = best.size() < MAX ? Integer.MAX_VALUE : best.get(MAX - 1).distance();
      int distance = distance(target, lower(name), bound, budget);
      if (distance >= 0) {
        best.add(new Scored(name, distance));
        best.sort(ORDER);
        if (best.size() > MAX) {
          best.remove(MAX);
        }
      }
      if (budget[0] <= 0) {
        break;
      }
    }
    return "closest defined: " + best.stream()
        .map(s -> "\"" + Text.escape(s.name(), 100) + "\"").collect(Collectors.joining(", "));
  }

  private static String lower(String name) {
    return (name.length() > COMPARED ? name.substring(0, COMPARED) : name)
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Levenshtein distance of {@code a} and {@code b}, or -1 when it is above {@code bound} (found
   * out as soon as a whole row is); the cells computed are taken from {@code budget[0]}.
   */
  private static int distance(String a, String b, int bound, long[] budget) {
    if (Math.abs(a.length() - b.length()) > bound) {
      return -1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int least = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
        least = Math.min(least, current[j]);
      }
      budget[0] -= b.length();
      if (least > bound) {
        return -1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()] > bound ? -1 : previous[b.length()];
  }
}
