package io.github.secrets4j;

import java.util.List;
import java.util.Map;

/**
 * Renders templates whose filters would allocate far more than the output bound; run by
 * {@link HostileInputTest} in a JVM with a 64 MiB heap, where any of them used to end in
 * OutOfMemoryError. Prints one line per template, and exits with 3 on OutOfMemoryError.
 */
public final class AllocationBombMain {
  static final List<String> BOMBS = List.of(
      "{{ '%999999999d'|format(1) }}",
      "{{ obj.name|center(1000000000) }}",
      "{{ obj.name|indent(1000000000) }}",
      "{{ [1]|batch(100000000) }}",
      "{{ obj.name|wordwrap(1000000000) }}",
      "{{ obj.s|replace('x', obj.s)|length }}",
      "{{ obj.s|replace('x', obj.s)|replace('x', obj.s)|length }}",
      "{{ obj.s|regex_replace('x', obj.s)|length }}",
      "{{ range(1000)|join(obj.s)|length }}",
      "{{ obj.s|join(obj.s)|length }}",
      "{{ (obj.s ~ obj.s ~ obj.s ~ obj.s)|length }}",
      "{{ obj.big|upper|lower|title|length }}");

  private AllocationBombMain() {}

  public static void main(String[] args) {
    Map<String, Object> obj = Map.of("name", "csr1", "s", "x".repeat(16_000),
        "big", "a".repeat(4_000_000));
    try (Secrets secrets = Secrets.builder().discoverProviders(false)
        .provider(new TestProviders.Scripted("echo", request -> "v")).build()) {
      for (String bomb : BOMBS) {
        try {
          secrets.secret("Bomb").provider("echo").parameter("key", bomb).build()
              .renderedParameters(obj);
          System.out.println("rendered: " + bomb);
        } catch (SecretParametersError e) {
          System.out.println("refused: " + bomb);
        } catch (RuntimeException e) {
          System.out.println("escaped " + e.getClass().getName() + ": " + bomb);
        }
      }
    } catch (OutOfMemoryError e) {
      System.out.println("OutOfMemoryError");
      System.exit(3);
    }
  }
}
