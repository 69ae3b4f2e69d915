package io.github.secrets4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of parameter rendering. The oracle: building a secret may only fail with
 * {@link SecretParametersError}, {@link IllegalArgumentException} or {@link IllegalStateException};
 * {@link Secret#renderedParameters} and {@link Secret#getValue} may only fail with a
 * {@link SecretError}; no error ever carries the provider's value. Anything else escaping (a
 * RuntimeException, a StackOverflowError, an input running longer than 10 s) is a finding.
 *
 * <p>Under {@code mvn verify} each method first replays its seeds in
 * {@code src/test/resources/io/github/secrets4j/fuzz/RenderingFuzzTestInputs/<method>/}, then one
 * surefire execution per method fuzzes it with {@code JAZZER_FUZZ=1} (see api/pom.xml).
 */
class RenderingFuzzTest {
  private static final String CANARY = "canary-\u2603-fuzz-value";

  private static final SecretsProvider PROVIDER = new SecretsProvider() {
    @Override
    public String slug() {
      return "fuzz";
    }

    @Override
    public String getValue(SecretRequest request) {
      return CANARY;
    }
  };

  private static final Secrets SECRETS =
      Secrets.builder().discoverProviders(false).provider(PROVIDER).build();

  @AfterAll
  static void close() {
    SECRETS.close();
  }

  /** Arbitrary template text (possibly several parameters) against a small arbitrary object. */
  @FuzzTest(maxDuration = "10s")
  void arbitraryTemplates(FuzzedDataProvider data) {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("name", data.consumeString(64));
    obj.put("n", data.consumeInt());
    obj.put("tags", List.of(data.consumeString(16), data.consumeString(16)));
    obj.put("self", obj);
    Map<String, String> parameters = new LinkedHashMap<>();
    int count = data.consumeInt(1, 3);
    for (int i = 0; i < count; i++) {
      parameters.put("p" + i, data.consumeString(400));
    }
    render(parameters, data.consumeBoolean() ? obj : null);
  }

  /** Arbitrary object graphs (cycles, nulls, collections, arrays, beans) against template shapes. */
  @FuzzTest(maxDuration = "10s")
  void arbitraryObjectGraphs(FuzzedDataProvider data) {
    List<Object> nodes = new ArrayList<>();
    int size = data.consumeInt(1, 12);
    for (int i = 0; i < size; i++) {
      nodes.add(newNode(data));
    }
    int links = data.consumeInt(0, 24);
    for (int i = 0; i < links; i++) {
      link(nodes.get(data.consumeInt(0, nodes.size() - 1)), data.consumeString(6),
          nodes.get(data.consumeInt(0, nodes.size() - 1)));
    }
    StringBuilder template = new StringBuilder(data.consumeString(8));
    int expressions = data.consumeInt(1, 3);
    for (int e = 0; e < expressions; e++) {
      template.append(data.pickValue(OPENERS)).append("obj");
      int steps = data.consumeInt(0, 6);
      for (int s = 0; s < steps; s++) {
        template.append(data.pickValue(STEPS).replace("K", data.pickValue(KEYS)));
      }
      template.append(data.pickValue(CLOSERS));
    }
    render(Map.of("p", template.toString()), nodes.get(0));
  }

  private static final String[] OPENERS = {"{{ ", "{{ ", "{% for x in ", "{% if "};
  private static final String[] CLOSERS = {
    " }}", " }}", " %}{{ x }}{% endfor %}", " %}y{% endif %}", " is defined %}y{% endif %}"};
  private static final String[] KEYS = {"a", "b", "name", "self", "0", "1", "value", "empty"};
  private static final String[] STEPS = {
    ".K", ".K", "[K]", "['K']", "[0]", "[-1]", "|length", "|join(',')", "|tojson", "|first",
    "|last", "|list", "|sort", "|unique", "|string", "|upper", "|reverse", "|sum", "|count",
    "|map(attribute='K')", "|attr('K')", "|default('d')", "|pprint", "|dictsort", "|items",
    "|selectattr('K')", "|batch(2)", "|slice(2)", "|min", "|max", ".getClass()", ".K()"};

  private static Object newNode(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 11)) {
      case 0:
        return new HashMap<String, Object>();
      case 1:
        return new ArrayList<>();
      case 2:
        return new HashSet<>();
      case 3:
        return new Object[data.consumeInt(0, 3)];
      case 4:
        return new Box();
      case 5:
        return new Pair(data.consumeString(8), data.consumeInt());
      case 6:
        return data.consumeString(32);
      case 7:
        return data.consumeLong();
      case 8:
        return data.consumeBoolean() ? Optional.empty() : Optional.of(data.consumeString(8));
      case 9:
        return Kind.values()[data.consumeInt(0, Kind.values().length - 1)];
      case 10:
        return new int[] {data.consumeInt(), data.consumeInt()};
      default:
        return data.consumeDouble();
    }
  }

  @SuppressWarnings("unchecked")
  private static void link(Object from, String key, Object to) {
    if (from instanceof Map) {
      ((Map<String, Object>) from).put(key, key.isEmpty() ? null : to);
    } else if (from instanceof List) {
      ((List<Object>) from).add(key.isEmpty() ? null : to);
    } else if (from instanceof HashSet) {
      // A set holding itself cannot even be hashed: keep sets acyclic, nulls allowed.
      if (!(to instanceof HashSet) && !(to instanceof Map) && !(to instanceof List)) {
        ((HashSet<Object>) from).add(key.isEmpty() ? null : to);
      }
    } else if (from instanceof Object[]) {
      Object[] array = (Object[]) from;
      if (array.length > 0) {
        array[Math.floorMod(key.hashCode(), array.length)] = to;
      }
    } else if (from instanceof Box) {
      ((Box) from).value = to;
    }
  }

  private static void render(Map<String, String> parameters, Object obj) {
    Secret secret;
    try {
      secret = SECRETS.secret("Fuzz").provider("fuzz").parameters(parameters).build();
    } catch (SecretParametersError | IllegalArgumentException | IllegalStateException e) {
      return;
    }
    try {
      secret.renderedParameters(obj);
    } catch (SecretError e) {
      assertNoCanary(e);
    }
    try {
      assertThat(secret.getValue(obj)).isEqualTo(CANARY);
    } catch (SecretError e) {
      assertNoCanary(e);
    }
  }

  private static void assertNoCanary(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
    }
  }

  /** A JavaBean holding one value. */
  public static final class Box {
    private Object value;

    public Object getValue() {
      return value;
    }

    public boolean isEmpty() {
      return value == null;
    }
  }

  /** A record. */
  public record Pair(String a, int b) {}

  /** An enum. */
  public enum Kind { ALPHA, BETA }
}
