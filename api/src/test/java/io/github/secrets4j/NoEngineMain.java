package io.github.secrets4j;

import java.util.Map;

/** Resolves templated secrets of the common shape; run by {@link TemplateEngineLoadingTest} in a fresh JVM. */
public final class NoEngineMain {
  private NoEngineMain() {}

  public static void main(String[] args) {
    try (Secrets secrets = Secrets.builder().discoverProviders(false)
        .provider(new TestProviders.Scripted("echo", request -> request.parameter("path"))).build()) {
      Secret file = secrets.secret("File").provider("echo")
          .parameter("path", "/opt/{{ obj.site.slug }}/{{ obj.name }}.txt").build();
      Secret env = secrets.secret("Env").provider("echo")
          .parameter("path", "GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}").build();
      String a = file.getValue(Map.of("name", "csr1", "site", Map.of("slug", "nyc")));
      String b = env.getValue(Map.of("slug", "golden-config"));
      if (!a.equals("/opt/nyc/csr1.txt") || !b.equals("GIT_TOKEN_GOLDEN_CONFIG")) {
        throw new IllegalStateException("wrong rendering");
      }
      System.out.println("rendered without the engine");
    }
  }
}
