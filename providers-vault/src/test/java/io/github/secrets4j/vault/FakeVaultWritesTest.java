package io.github.secrets4j.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.vault.fake.FakeVault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write side of {@link FakeVault}, over plain {@link HttpClient} and JSON as the provider's
 * own HTTP client speaks it, against Vault's documented KV v1/v2 API (see the fake's
 * {@code KvMount} for the pages each expectation comes from).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeVaultWritesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2).mountKv("kv1", 1);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  /** A status and the parsed JSON body ({@code null} for an empty one). */
  record Reply(int status, JsonObject json) {
    JsonObject data() {
      return json.get("data").asObject();
    }

    List<String> errors() {
      return json.get("errors").asArray().values().stream().map(JsonValue::asString)
          .collect(Collectors.toList());
    }
  }

  private Reply call(String method, String path, String body) {
    return call(vault.rootToken(), method, path, body);
  }

  private Reply call(String token, String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(vault.url() + "/v1/" + path))
        .header("X-Vault-Token", token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(10))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(),
          response.body().isEmpty() ? null : Json.parse(response.body()).asObject());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String write(String value, Integer cas) {
    return "{\"data\":{\"value\":\"" + value + "\"}"
        + (cas == null ? "" : ",\"options\":{\"cas\":" + cas + "}") + "}";
  }

  @Nested
  class KvV2Data {
    @Test
    void writeAnswersTheNewVersionsMetadataAndReadsBack() {
      Reply first = call("POST", "secret/data/app/db", write("v1", null));
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.data().getInt("version")).isEqualTo(1);
      assertThat(first.data().getString("created_time")).isNotEmpty();
      assertThat(first.data().getString("deletion_time")).isEmpty();
      assertThat(first.data().getBoolean("destroyed")).isFalse();
      assertThat(first.data().get("custom_metadata").isNull()).isTrue();

      Reply second = call("PUT", "secret/data/app/db", write("v2", null));
      assertThat(second.data().getInt("version")).isEqualTo(2);

      Reply read = call("GET", "secret/data/app/db", null);
      assertThat(read.data().get("data").asObject().getString("value")).isEqualTo("v2");
      assertThat(read.data().get("metadata").asObject().getInt("version")).isEqualTo(2);
      Reply old = call("GET", "secret/data/app/db?version=1", null);
      assertThat(old.data().get("data").asObject().getString("value")).isEqualTo("v1");
    }

    @Test
    void casZeroWritesOnlyWhenTheKeyIsAbsent() {
      assertThat(call("POST", "secret/data/k", write("a", 0)).status()).isEqualTo(200);
      Reply again = call("POST", "secret/data/k", write("b", 0));
      assertThat(again.status()).isEqualTo(400);
      assertThat(again.errors())
          .containsExactly("check-and-set parameter did not match the current version");
      assertThat(call("GET", "secret/data/k", null).data().get("data").asObject()
          .getString("value")).isEqualTo("a");
    }

    @Test
    void casMustMatchTheCurrentVersion() {
      call("POST", "secret/data/k", write("a", null));
      call("POST", "secret/data/k", write("b", null));
      Reply stale = call("POST", "secret/data/k", write("c", 1));
      assertThat(stale.status()).isEqualTo(400);
      assertThat(stale.errors())
          .containsExactly("check-and-set parameter did not match the current version");
      Reply fresh = call("POST", "secret/data/k", write("c", 2));
      assertThat(fresh.status()).isEqualTo(200);
      assertThat(fresh.data().getInt("version")).isEqualTo(3);
    }

    @Test
    void casRequiredOnTheMountRefusesAWriteWithoutCas() {
      vault.configureKv("secret", true, 0);
      Reply refused = call("POST", "secret/data/k", write("a", null));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.errors())
          .containsExactly("check-and-set parameter required for this call");
      assertThat(call("POST", "secret/data/k", write("a", 0)).status()).isEqualTo(200);
    }

    @Test
    void casRequiredOnTheKeysMetadataRefusesAWriteWithoutCas() {
      assertThat(call("POST", "secret/metadata/k", "{\"cas_required\":true}").status())
          .isEqualTo(204);
      Reply refused = call("POST", "secret/data/k", write("a", null));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.errors())
          .containsExactly("check-and-set parameter required for this call");
      // The key has metadata but no version: its current version is 0.
      assertThat(call("POST", "secret/data/k", write("a", 0)).status()).isEqualTo(200);
      assertThat(call("POST", "secret/data/other", write("a", null)).status()).isEqualTo(200);
    }

    @Test
    void aWriteWithoutDataIsRefused() {
      Reply reply = call("POST", "secret/data/k", "{\"options\":{}}");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.errors()).containsExactly("no data provided");
    }

    @Test
    void maxVersionsPrunesTheOldestVersions() {
      call("POST", "secret/metadata/k", "{\"max_versions\":2}");
      for (int i = 1; i <= 4; i++) {
        call("POST", "secret/data/k", write("v" + i, null));
      }
      JsonObject meta = call("GET", "secret/metadata/k", null).data();
      assertThat(meta.getInt("current_version")).isEqualTo(4);
      assertThat(meta.getInt("oldest_version")).isEqualTo(3);
      assertThat(meta.get("versions").asObject().names()).containsExactlyInAnyOrder("3", "4");
      assertThat(call("GET", "secret/data/k?version=2", null).status()).isEqualTo(404);
      assertThat(call("GET", "secret/data/k?version=3", null).status()).isEqualTo(200);
    }

    @Test
    void theMountDefaultKeepsTenVersions() {
      for (int i = 1; i <= 11; i++) {
        call("POST", "secret/data/k", write("v" + i, null));
      }
      JsonObject meta = call("GET", "secret/metadata/k", null).data();
      assertThat(meta.get("versions").asObject().size()).isEqualTo(10);
      assertThat(meta.getInt("oldest_version")).isEqualTo(2);
    }

    @Test
    void deleteOnDataSoftDeletesTheLatestVersion() {
      call("POST", "secret/data/k", write("a", null));
      assertThat(call("DELETE", "secret/data/k", null).status()).isEqualTo(204);
      Reply read = call("GET", "secret/data/k", null);
      assertThat(read.status()).isEqualTo(404);
      assertThat(read.data().get("metadata").asObject().getString("deletion_time")).isNotEmpty();
    }
  }

  @Nested
  class KvV2Metadata {
    @Test
    void readAnswersVersionsAndCustomMetadata() {
      call("POST", "secret/data/app/k", write("a", null));
      call("POST", "secret/data/app/k", write("b", null));
      assertThat(call("POST", "secret/metadata/app/k",
          "{\"custom_metadata\":{\"owner\":\"alice\",\"kind\":\"opaque\"}}").status())
          .isEqualTo(204);
      JsonObject meta = call("GET", "secret/metadata/app/k", null).data();
      assertThat(meta.getInt("current_version")).isEqualTo(2);
      assertThat(meta.getInt("oldest_version")).isEqualTo(0);
      assertThat(meta.getInt("max_versions")).isEqualTo(0);
      assertThat(meta.getBoolean("cas_required")).isFalse();
      assertThat(meta.getString("created_time")).isNotEmpty();
      assertThat(meta.getString("updated_time")).isNotEmpty();
      assertThat(meta.get("custom_metadata").asObject().getString("owner")).isEqualTo("alice");
      JsonObject versions = meta.get("versions").asObject();
      assertThat(versions.names()).containsExactlyInAnyOrder("1", "2");
      assertThat(versions.get("1").asObject().names())
          .contains("created_time", "deletion_time", "destroyed");
      // The next data write answers the key's custom_metadata, and so does a read.
      Reply third = call("POST", "secret/data/app/k", write("c", 2));
      assertThat(third.data().get("custom_metadata").asObject().getString("kind"))
          .isEqualTo("opaque");
      assertThat(call("GET", "secret/data/app/k", null).data().get("metadata").asObject()
          .get("custom_metadata").asObject().getString("owner")).isEqualTo("alice");
    }

    @Test
    void customMetadataReplacesTheWholeMap() {
      call("POST", "secret/metadata/k", "{\"custom_metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
      call("POST", "secret/metadata/k", "{\"custom_metadata\":{\"c\":\"3\"}}");
      assertThat(call("GET", "secret/metadata/k", null).data().get("custom_metadata").asObject()
          .names()).containsExactly("c");
    }

    @Test
    void readOfAnUnknownKeyIs404() {
      assertThat(call("GET", "secret/metadata/nope", null).status()).isEqualTo(404);
    }

    @Test
    void moreThan64KeysAreRefused() {
      String pairs = IntStream.rangeClosed(1, 65).mapToObj(i -> "\"k" + i + "\":\"v\"")
          .collect(Collectors.joining(","));
      Reply reply = call("POST", "secret/metadata/k", "{\"custom_metadata\":{" + pairs + "}}");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.errors()).containsExactly("1 error occurred:\n\t* custom_metadata "
          + "validation failed: payload must contain at most 64 keys, provided 65\n\n");
      assertThat(call("GET", "secret/metadata/k", null).status()).isEqualTo(404);
    }

    @Test
    void exactly64KeysOf128BytesWithValuesOf512BytesAreAccepted() {
      String value = "v".repeat(512);
      String pairs = IntStream.rangeClosed(1, 64)
          .mapToObj(i -> "\"" + String.format("%03d", i) + "k".repeat(125) + "\":\"" + value + "\"")
          .collect(Collectors.joining(","));
      assertThat(call("POST", "secret/metadata/k", "{\"custom_metadata\":{" + pairs + "}}")
          .status()).isEqualTo(204);
      assertThat(call("GET", "secret/metadata/k", null).data().get("custom_metadata").asObject()
          .size()).isEqualTo(64);
    }

    @Test
    void aKeyOver128BytesAndAValueOver512BytesAreBothReported() {
      String key = "é".repeat(65); // 130 bytes of UTF-8, 65 characters
      Reply reply = call("POST", "secret/metadata/k",
          "{\"custom_metadata\":{\"" + key + "\":\"" + "x".repeat(513) + "\"}}");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.errors()).containsExactly("2 errors occurred:\n"
          + "\t* custom_metadata validation failed: length of key \"" + key
          + "\" is 130 but must be 0 < len(key) <= 128\n"
          + "\t* custom_metadata validation failed: length of value for key \"" + key
          + "\" is 513 but must be 0 < len(value) <= 512\n\n");
    }

    @Test
    void anEmptyValueIsRefused() {
      Reply reply = call("POST", "secret/metadata/k", "{\"custom_metadata\":{\"a\":\"\"}}");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.errors().get(0)).contains("length of value for key \"a\" is 0");
    }

    @Test
    void deleteRemovesEveryVersionAndTheMetadata() {
      call("POST", "secret/data/k", write("a", null));
      call("POST", "secret/data/k", write("b", null));
      assertThat(call("DELETE", "secret/metadata/k", null).status()).isEqualTo(204);
      assertThat(call("GET", "secret/metadata/k", null).status()).isEqualTo(404);
      assertThat(call("GET", "secret/data/k?version=1", null).status()).isEqualTo(404);
      // A new write starts again at version 1, and deleting nothing is still 204.
      assertThat(call("POST", "secret/data/k", write("c", 0)).data().getInt("version"))
          .isEqualTo(1);
      assertThat(call("DELETE", "secret/metadata/nope", null).status()).isEqualTo(204);
    }
  }

  @Nested
  class Listing {
    @Test
    void listAnswersDirectChildrenWithFoldersEndingInSlash() {
      call("POST", "secret/data/s4j/a", write("1", null));
      call("POST", "secret/data/s4j/b", write("1", null));
      call("POST", "secret/data/s4j/team/c", write("1", null));
      call("POST", "secret/data/other", write("1", null));
      Reply list = call("LIST", "secret/metadata/s4j/", null);
      assertThat(list.status()).isEqualTo(200);
      assertThat(keys(list)).containsExactly("a", "b", "team/");
      assertThat(keys(call("LIST", "secret/metadata/s4j", null)))
          .containsExactly("a", "b", "team/");
      assertThat(keys(call("GET", "secret/metadata/s4j/?list=true", null)))
          .containsExactly("a", "b", "team/");
      assertThat(keys(call("LIST", "secret/metadata", null))).containsExactly("other", "s4j/");
    }

    @Test
    void listIncludesKeysWithOnlyMetadataAndIs404WhenEmpty() {
      assertThat(call("LIST", "secret/metadata/s4j/", null).status()).isEqualTo(404);
      call("POST", "secret/metadata/s4j/m", "{\"max_versions\":3}");
      assertThat(keys(call("LIST", "secret/metadata/s4j/", null))).containsExactly("m");
      call("DELETE", "secret/metadata/s4j/m", null);
      assertThat(call("LIST", "secret/metadata/s4j/", null).status()).isEqualTo(404);
    }

    private List<String> keys(Reply reply) {
      return reply.data().get("keys").asArray().values().stream().map(JsonValue::asString)
          .collect(Collectors.toList());
    }
  }

  @Nested
  class KvV1 {
    @Test
    void writeReadListDelete() {
      assertThat(call("POST", "kv1/app/db", "{\"value\":\"one\"}").status()).isEqualTo(204);
      assertThat(call("PUT", "kv1/app/db", "{\"value\":\"two\"}").status()).isEqualTo(204);
      Reply read = call("GET", "kv1/app/db", null);
      assertThat(read.data().getString("value")).isEqualTo("two");
      assertThat(read.data().names()).containsExactly("value");
      call("POST", "kv1/app/sub/x", "{\"value\":\"x\"}");
      assertThat(call("LIST", "kv1/app", null).data().get("keys").asArray().values().stream()
          .map(JsonValue::asString)).containsExactly("db", "sub/");
      assertThat(call("DELETE", "kv1/app/db", null).status()).isEqualTo(204);
      assertThat(call("GET", "kv1/app/db", null).status()).isEqualTo(404);
      call("DELETE", "kv1/app/sub/x", null);
      assertThat(call("LIST", "kv1/app", null).status()).isEqualTo(404);
    }
  }

  @Nested
  class Policies {
    @Test
    void aTokenThatMayReadButNotWriteGets403OnWrites() {
      vault.put("secret", "app/db", Map.of("value", "v1"));
      vault.denyWrites("secret/data/app").denyWrites("secret/metadata/app");
      String token = vault.createToken(Duration.ZERO, false);
      assertThat(call(token, "GET", "secret/data/app/db", null).status()).isEqualTo(200);
      assertThat(call(token, "LIST", "secret/metadata/app", null).status()).isEqualTo(200);
      for (String[] write : List.of(new String[] {"POST", "secret/data/app/db"},
          new String[] {"PUT", "secret/data/app/new"},
          new String[] {"POST", "secret/metadata/app/db"},
          new String[] {"DELETE", "secret/metadata/app/db"})) {
        Reply reply = call(token, write[0], write[1], write("x", null));
        assertThat(reply.status()).as(write[0] + " " + write[1]).isEqualTo(403);
        assertThat(reply.errors().get(0)).contains("permission denied");
      }
      assertThat(call(token, "GET", "secret/data/app/db", null).data().get("data").asObject()
          .getString("value")).isEqualTo("v1");
      assertThat(call(token, "POST", "secret/data/elsewhere", write("x", null)).status())
          .isEqualTo(200);
      assertThat(call("POST", "secret/data/app/db", write("root", null)).status()).isEqualTo(200);
    }
  }
}
