package io.github.secrets4j.vault;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.SecretsProviderContract;
import io.github.secrets4j.vault.fake.FakeVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider against the fake Vault passes the contract every secrets4j provider passes. */
class HashiCorpVaultProviderContractTest extends SecretsProviderContract {
  private static FakeVault vault;

  @BeforeAll
  static void startVault() {
    vault = FakeVault.start().mountKv("secret", 2);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @Override
  protected String slug() {
    return "hashicorp-vault";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    vault.put("secret", "contract/" + key, Map.of("value", value));
    return Map.of("path", "contract/" + key, "key", "value");
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("path", "contract/absent-" + key, "key", "value");
  }

  @Override
  protected Secrets newSecrets() {
    return Secrets.builder()
        .environment(Map.of())
        .setting("secrets4j.hashicorp-vault.url", vault.url())
        .setting("secrets4j.hashicorp-vault.token", vault.rootToken())
        .build();
  }

  /** Failure paths next to the canary: none may echo it, nor a secret-id or a body. */
  @Override
  protected List<Throwable> extraFailures(Secrets secrets, String canary) {
    String path = "leak/" + key();
    vault.put("secret", path, Map.of("value", canary, "other", canary));
    vault.put("secret", "denied/" + path, Map.of("value", canary));
    vault.denyReads("secret/data/denied/");
    String limited = vault.createToken(Duration.ofHours(1), true);
    List<Throwable> failures = new ArrayList<>();
    failures.add(failure(() -> read(secrets, Map.of("path", path, "key", "missing"))));
    failures.add(failure(() -> read(secrets, Map.of("path", path, "key", "value", "version", "9"))));
    failures.add(failure(() -> read(secrets, Map.of("path", path, "key", "value", "kv_version", "v3"))));
    vault.failNext("/v1/secret/data/" + path, 1, 200, "{\"data\": " + "\"" + canary + "\"");
    failures.add(failure(() -> read(secrets, Map.of("path", path, "key", "value"))));
    vault.failNext("/v1/secret/data/" + path, 3, 503,
        "{\"errors\":[\"Vault is sealed\"],\"data\":{\"value\":\"" + canary + "\"}}");
    failures.add(failure(() -> read(secrets, Map.of("path", path, "key", "value"))));
    try (Secrets denied = Secrets.builder().environment(Map.of())
        .setting("secrets4j.hashicorp-vault.url", vault.url())
        .setting("secrets4j.hashicorp-vault.token", limited)
        .build()) {
      failures.add(failure(() -> read(denied, Map.of("path", "denied/" + path, "key", "value"))));
    }
    // A wrong secret-id that happens to be the canary must not be echoed either.
    vault.enableAppRole("approle", "role-1", "right-secret-id", Duration.ofHours(1), true);
    try (Secrets approle = Secrets.builder().environment(Map.of())
        .setting("secrets4j.hashicorp-vault.url", vault.url())
        .setting("secrets4j.hashicorp-vault.auth-method", "approle")
        .setting("secrets4j.hashicorp-vault.role-id", "role-1")
        .setting("secrets4j.hashicorp-vault.secret-id", canary)
        .build()) {
      failures.add(failure(() -> read(approle, Map.of("path", path, "key", "value"))));
      failures.add(new AssertionError(String.valueOf(approle.provider("hashicorp-vault"))));
    }
    return failures;
  }

  private static String read(Secrets secrets, Map<String, String> parameters) {
    return secrets.secret("Leak Check").provider("hashicorp-vault").parameters(parameters).build()
        .getValue();
  }
}
