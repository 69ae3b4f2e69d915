package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.InMemorySecretsProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevicePasswordTest {
  private final InMemorySecretsProvider store =
      InMemorySecretsProvider.of(Map.of("nyc/csr1", "s3cret"));
  private final Secrets secrets =
      Secrets.builder().discoverProviders(false).provider(store).build();

  @AfterEach
  void close() {
    secrets.close();
  }

  @Test
  void readsThePasswordOfEachDevice() {
    Secret password = secrets.secret("Device Password")
        .provider("in-memory")
        .parameter("key", "{{ obj.site }}/{{ obj.name }}")
        .build();
    Map<String, String> csr1 = Map.of("site", "nyc", "name", "csr1");

    assertEquals("s3cret", password.getValue(csr1));

    store.put("nyc/csr1", "rotated");   // the in-memory provider caches nothing
    assertEquals("rotated", password.getValue(csr1));

    assertThrows(SecretValueNotFoundError.class,
        () -> password.getValue(Map.of("site", "sfo", "name", "csr9")));
  }
}
