package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The {@code aws-secrets-manager} store against {@link FakeSecretsManager}: names and tags as AWS
 * allows them, races between writers, removal with and without a recovery window, pagination.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AwsStoreTest {
  private static final String REGION = FakeSecretsManager.DEFAULT_REGION;
  private FakeSecretsManager fake;
  private SecretsManagerClient raw;
  private final List<Secrets> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
    raw = SecretsManagerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            FakeSecretsManager.DEFAULT_ACCESS_KEY_ID,
            FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterEach
  void stop() {
    opened.forEach(Secrets::close);
    raw.close();
    fake.close();
  }

  private Secrets secrets(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>();
    all.put(AwsTests.PREFIX + "region", REGION);
    all.putAll(settings);
    Secrets secrets = AwsTests.secrets(fake, all);
    opened.add(secrets);
    return secrets;
  }

  private SecretStore store(Map<String, String> settings) {
    return secrets(settings).store(AwsTests.SLUG);
  }

  private SecretStore store() {
    return store(Map.of());
  }

  private Map<String, String> tags(String name) {
    return raw.describeSecret(b -> b.secretId(name)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void putCreatesThenPutsUnderThePrefixWithDescriptionAndTags() {
    SecretStore store = store();
    StoredSecret first = store.put("app/db", "PASSWORD=s3cret", SecretMetadata.builder().kind("env")
        .description("the db").label("team", "core").build());
    assertThat(first.version()).isEqualTo(1);
    DescribeSecretResponse secret = raw.describeSecret(b -> b.secretId("secrets4j/app/db"));
    assertThat(secret.description()).isEqualTo("the db");
    assertThat(tags("secrets4j/app/db")).containsEntry("secrets4j:store", "secrets4j/")
        .containsEntry("secrets4j:kind", "env").containsEntry("secrets4j:label:team", "core")
        .containsEntry("secrets4j:updated", "1 " + first.updated());
    assertThat(secret.versionIdsToStages()).containsOnlyKeys("secrets4j-version-0000000000000000001");

    StoredSecret second = store.put("app/db", "n3w");
    assertThat(second.version()).isEqualTo(2);
    assertThat(raw.getSecretValue(b -> b.secretId("secrets4j/app/db")).secretString())
        .isEqualTo("n3w");
    assertThat(tags("secrets4j/app/db")).doesNotContainKey("secrets4j:label:team")
        .containsEntry("secrets4j:kind", "opaque");
    assertThat(raw.describeSecret(b -> b.secretId("secrets4j/app/db")).description()).isEmpty();
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .contains("secretsmanager.CreateSecret", "secretsmanager.PutSecretValue");
  }

  @Test
  void storePrefixSettingNamesTheSecretsAndTheReadParametersInvertToTheKey() {
    Secrets secrets = secrets(Map.of(AwsTests.PREFIX + "store-prefix", "team-a/"));
    SecretStore store = secrets.store(AwsTests.SLUG);
    store.put("token", "t0ken");
    assertThat(fake.exists("team-a/token")).isTrue();
    assertThat(store.secret("token").getValue()).isEqualTo("t0ken");
    var writer = secrets.provider(AwsTests.SLUG).orElseThrow().writer().orElseThrow();
    assertThat(writer.parameters("token")).isEqualTo(Map.of("name", "team-a/token", "region", REGION));
    assertThat(writer.key(Map.of("name", "team-a/token", "version_id", "x"))).contains("token");
    assertThat(writer.key(Map.of("name", "other/token"))).isEmpty();
    assertThat(writer.key(Map.of("name", "team-a/"))).isEmpty();
  }

  @Test
  void aPrincipalCannotReadAStoredSecretByItsArn() {
    Secrets secrets = secrets(Map.of());
    secrets.forPrincipal("alice").store(AwsTests.SLUG).put("alice-key", "canary-alice");
    String arn = fake.arn("secrets4j/alice-key");
    String partial = arn.substring(0, arn.length() - 7);
    var writer = secrets.provider(AwsTests.SLUG).orElseThrow().writer().orElseThrow();
    Secrets bob = secrets.forPrincipal("bob");
    for (String name : List.of(arn, partial, " " + arn + " ")) {
      assertThat(writer.key(Map.of("name", name))).as(name).contains("alice-key");
      Throwable refused = catchThrowable(() -> bob.secret("by-arn").provider(AwsTests.SLUG)
          .parameter("name", name).parameter("region", REGION).build().getValue());
      assertThat(refused).as(name).isInstanceOf(SecretAccessDeniedError.class);
      assertThat(refused.getMessage()).doesNotContain("canary-alice");
    }
    assertThat(secrets.forPrincipal("alice").secret("by-arn").provider(AwsTests.SLUG)
        .parameter("name", arn).parameter("region", REGION).build().getValue())
        .isEqualTo("canary-alice");
    assertThat(writer.key(Map.of("name", "arn:aws:secretsmanager:us-east-1:1:secret:other/k")))
        .isEmpty();
    assertThatThrownBy(() -> secrets.store(AwsTests.SLUG).put("db-Ab12Cd", "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("six letters or digits");
  }

  @Test
  void keysThatMakeNoValidAwsNameAreRefusedBeforeAnythingIsSent() {
    SecretStore store = store();
    int before = fake.requestCount();
    assertThatThrownBy(() -> store.put("has space", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("which AWS refuses");
    assertThatThrownBy(() -> store.put("caf\u00e9", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("k".repeat(510), "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 512");
    assertThat(fake.requestCount()).isEqualTo(before);
  }

  @Test
  void aValueOverSixtyFourKibibytesIsRefusedBeforeAnythingIsSent() {
    SecretStore store = store();
    int before = fake.requestCount();
    String canary = "canary-7c2e4d";
    String big = canary + "x".repeat(65_537 - canary.length());
    assertThatThrownBy(() -> store.put("big", big)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key 'big': the value is 65537 bytes in UTF-8; AWS allows 65536 (64 KiB) per "
            + "secret value");
    // Two bytes per character in UTF-8: 32,769 characters are 65,538 bytes.
    assertThatThrownBy(() -> store.put("big", "\u00e9".repeat(32_769)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65538 bytes");
    assertThat(fake.requestCount()).isEqualTo(before);
    store.put("big", "x".repeat(65_536));
    assertThat(fake.exists("secrets4j/big")).isTrue();
  }

  @Test
  void tagLimitsAreCheckedBeforeSending() {
    SecretStore store = store();
    int before = fake.requestCount();
    assertThatThrownBy(() -> store.put("long-label", "v",
        SecretMetadata.builder().label("l".repeat(113), "x").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS allows 128");
    assertThatThrownBy(() -> store.put("long-value", "v",
        SecretMetadata.builder().label("l", "x".repeat(257)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS allows 256");
    assertThatThrownBy(() -> store.put("bad-chars", "v",
        SecretMetadata.builder().label("l", "a;b").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only letters, digits, spaces");
    assertThatThrownBy(() -> store.put("reserved", "v",
        SecretMetadata.builder().label("l", "aws:x").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws:");
    SecretMetadata.Builder many = SecretMetadata.builder();
    for (int i = 0; i < 47; i++) {
      many.label("l" + i, "v");
    }
    assertThatThrownBy(() -> store.put("many", "v", many.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would need 51 tags").doesNotHaveToString("v");
    assertThat(fake.requestCount()).isEqualTo(before);

    // 45 labels + 4 own tags = 49: one grant fits, the second does not.
    SecretMetadata.Builder fits = SecretMetadata.builder();
    for (int i = 0; i < 45; i++) {
      fits.label("l" + i, "v");
    }
    store.put("full", "v", fits.build());
    store.grant("full", "bob");
    assertThatThrownBy(() -> store.grant("full", "carol"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS allows 50");
    assertThat(store.describe("full").orElseThrow().grants()).containsExactly("bob");
  }

  @Test
  void removeSchedulesDeletionWithTheRecoveryWindowAndTheKeyDisappears() {
    SecretStore store = store(Map.of(AwsTests.PREFIX + "recovery-window", "10d"));
    store.put("gone", "v");
    assertThat(store.remove("gone")).isTrue();
    DescribeSecretResponse secret = raw.describeSecret(b -> b.secretId("secrets4j/gone"));
    assertThat(secret.deletedDate()).isNotNull();
    assertThat(raw.listSecrets(b -> b.includePlannedDeletion(true)).secretList().get(0)
        .deletedDate()).isNotNull();
    assertThat(store.describe("gone")).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.remove("gone")).isFalse();
    assertThatThrownBy(() -> store.put("gone", "again"))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("scheduled for deletion")
        .hasMessageContaining("restore-secret")
        .hasMessageContaining("force-delete");

    // Restored outside secrets4j, it is an entry again and the next put continues its versions.
    raw.restoreSecret(b -> b.secretId("secrets4j/gone"));
    assertThat(store.put("gone", "again").version()).isEqualTo(2);
  }

  @Test
  void forceDeleteRemovesAtOnceAndTheKeyStartsAgainAtVersionOne() {
    SecretStore store = store(Map.of(AwsTests.PREFIX + "force-delete", "true"));
    store.put("gone", "v");
    store.put("gone", "w");
    assertThat(store.remove("gone")).isTrue();
    assertThat(fake.exists("secrets4j/gone")).isFalse();
    assertThat(store.remove("gone")).isFalse();
    assertThat(store.put("gone", "again").version()).isEqualTo(1);
  }

  @Test
  void recoveryWindowOutsideSevenToThirtyDaysIsASettingError() {
    for (String window : List.of("6d", "31d", "36h")) {
      assertThatThrownBy(() -> store(Map.of(AwsTests.PREFIX + "recovery-window", window))
          .put("k", "v"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining(AwsTests.PREFIX + "recovery-window");
    }
  }

  @Test
  void aCreateThatLostToAConcurrentCreatePutsANewVersion() {
    SecretStore other = store();
    other.put("raced", "theirs");
    SecretStore store = store();
    // The secret did not exist when this writer looked (DescribeSecret answers not found), but
    // was created before its CreateSecret: AWS answers ResourceExistsException.
    fake.failNext(1, 400, "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.");
    StoredSecret mine = store.put("raced", "mine");
    assertThat(mine.version()).isEqualTo(2);
    assertThat(raw.getSecretValue(b -> b.secretId("secrets4j/raced")).secretString())
        .isEqualTo("mine");
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .containsSubsequence("secretsmanager.DescribeSecret", "secretsmanager.CreateSecret",
            "secretsmanager.DescribeSecret", "secretsmanager.PutSecretValue");
  }

  private static String versionId(int n) {
    return String.format("secrets4j-version-%019d", n);
  }

  private String current(String name) {
    return raw.getSecretValue(b -> b.secretId(name)).secretString();
  }

  /** Puts v1 to v5, then moves AWSCURRENT back to version {@code to}, as an operator would. */
  private SecretStore putFiveAndRollBack(String key, int to) {
    SecretStore store = store();
    for (int n = 1; n <= 5; n++) {
      assertThat(store.put(key, "v" + n).version()).isEqualTo(n);
    }
    raw.updateSecretVersionStage(b -> b.secretId("secrets4j/" + key).versionStage("AWSCURRENT")
        .moveToVersionId(versionId(to)).removeFromVersionId(versionId(5)));
    assertThat(store.describe(key).orElseThrow().version()).isEqualTo(to);
    assertThat(store.secret(key).getValue()).isEqualTo("v" + to);
    return store;
  }

  /** Regression: the next version came from AWSCURRENT, so AWS refused every later put. */
  @Test
  void aPutAfterAwsCurrentWasRolledBackTakesTheHighestVersionPlusOne() {
    SecretStore store = putFiveAndRollBack("rolled", 3);
    // Without the tag of the last put (a writer that stopped between its two calls), only the
    // versions listed show that 4 and 5 are taken: one PutSecretValue is enough.
    raw.untagResource(b -> b.secretId("secrets4j/rolled").tagKeys("secrets4j:updated"));
    fake.reset();
    StoredSecret put = store.put("rolled", "new");
    assertThat(put.version()).isEqualTo(6);
    assertThat(store.secret("rolled").getValue()).isEqualTo("new");
    assertThat(store.describe("rolled").orElseThrow().version()).isEqualTo(6);
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .filteredOn("secretsmanager.PutSecretValue"::equals).hasSize(1);
    assertThat(store.put("rolled", "newer").version()).isEqualTo(7);
    assertThat(current("secrets4j/rolled")).isEqualTo("newer");
  }

  /**
   * Regression: after a rollback to version 3, a put of version 4's value reused version 4's id,
   * which AWS ignores as a repeated request: the put reported version 4 but reads still gave 3.
   */
  @Test
  void aPutOfAnOlderVersionsValueAfterARollbackBecomesCurrent() {
    SecretStore store = putFiveAndRollBack("same", 3);
    StoredSecret put = store.put("same", "v4");
    assertThat(put.version()).isEqualTo(6);
    assertThat(current("secrets4j/same")).isEqualTo("v4");
    assertThat(store.secret("same").getValue()).isEqualTo("v4");
    assertThat(raw.describeSecret(b -> b.secretId("secrets4j/same")).versionIdsToStages())
        .containsEntry(versionId(6), List.of("AWSCURRENT"));
    // A deeper rollback leaves versions 2 to 6 without AWSCURRENT; the value of the deprecated
    // version 5 is written again as version 7.
    raw.updateSecretVersionStage(b -> b.secretId("secrets4j/same").versionStage("AWSCURRENT")
        .moveToVersionId(versionId(1)).removeFromVersionId(versionId(6)));
    assertThat(store.put("same", "v5").version()).isEqualTo(7);
    assertThat(current("secrets4j/same")).isEqualTo("v5");
  }

  /**
   * After two rollbacks version 5 has no label, and AWS may delete it: the version in the
   * {@code secrets4j:updated} tag still keeps the next put above every version reported before.
   */
  @Test
  void versionsKeepIncreasingAfterAwsDeletedTheHighestDeprecatedVersion() {
    SecretStore store = putFiveAndRollBack("deleted", 3);
    raw.updateSecretVersionStage(b -> b.secretId("secrets4j/deleted").versionStage("AWSCURRENT")
        .moveToVersionId(versionId(2)).removeFromVersionId(versionId(3)));
    assertThat(fake.deleteDeprecatedVersions("secrets4j/deleted")).isEqualTo(3);
    assertThat(store.put("deleted", "new").version()).isEqualTo(6);
    assertThat(current("secrets4j/deleted")).isEqualTo("new");
  }

  /**
   * The version chosen exists already with the same value and without {@code AWSCURRENT} (here
   * the versions listed are stale): AWS ignores the PutSecretValue as a repeat and answers without
   * {@code AWSCURRENT}, so the writer writes the next version rather than report one that reads
   * do not return.
   */
  @Test
  void aPutThatAwsIgnoresAsARepeatOfAnOldVersionWritesTheNextVersion() {
    SecretStore store = store();
    for (int n = 1; n <= 3; n++) {
      store.put("repeat", "v" + n);
    }
    raw.updateSecretVersionStage(b -> b.secretId("secrets4j/repeat").versionStage("AWSCURRENT")
        .moveToVersionId(versionId(1)).removeFromVersionId(versionId(3)));
    raw.tagResource(b -> b.secretId("secrets4j/repeat")
        .tags(Tag.builder().key("secrets4j:updated").value("1 2026-01-01T00:00:00Z").build()));
    fake.reset();
    fake.delayNext(1, Duration.ZERO);
    fake.respondNext(1, 200, "application/x-amz-json-1.1", "{\"Name\":\"secrets4j/repeat\","
        + "\"Versions\":[{\"VersionId\":\"" + versionId(1) + "\",\"VersionStages\":[\"AWSCURRENT\"]}]}");
    assertThat(store.put("repeat", "v2").version()).isEqualTo(4);
    assertThat(current("secrets4j/repeat")).isEqualTo("v2");
    assertThat(fake.requests()).filteredOn(r -> "secretsmanager.PutSecretValue".equals(r.target()))
        .hasSize(2);
  }

  /**
   * AWS said the version exists but the versions listed do not show it (a stale answer): the
   * writer takes the version after it instead of sending the same one again.
   */
  @Test
  void aVersionAwsSaysExistsIsSkippedEvenWhenTheListedVersionsLookUnchanged() {
    SecretStore store = store();
    store.put("raced", "one");
    fake.reset();
    // DescribeSecret and ListSecretVersionIds pass; PutSecretValue of version 2 is refused.
    fake.delayNext(2, Duration.ZERO);
    fake.failNext(1, 400, "ResourceExistsException",
        "A resource with the ID you requested already exists.");
    assertThat(store.put("raced", "two").version()).isEqualTo(3);
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .filteredOn("secretsmanager.PutSecretValue"::equals).hasSize(2);
    raw.putSecretValue(b -> b.secretId("secrets4j/raced").secretString("theirs")
        .clientRequestToken(versionId(4)));
    assertThat(store.put("raced", "mine").version()).isEqualTo(5);
    assertThat(current("secrets4j/raced")).isEqualTo("mine");
  }

  /**
   * Another runtime (as another process would) puts between this writer's look at the versions
   * and its PutSecretValue: AWS refuses the taken version and the writer takes the next one.
   */
  @Test
  void aPutRacingAnotherRuntimeTakesTheNextVersionAndBothPutsAreKept() throws Exception {
    SecretStore store = store();
    SecretStore other = store();
    store.put("raced", "one");
    fake.reset();
    // This writer's DescribeSecret and ListSecretVersionIds pass; its PutSecretValue waits.
    fake.delayNext(2, Duration.ZERO);
    fake.delayNext(1, Duration.ofMillis(1500));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<StoredSecret> mine = pool.submit(() -> store.put("raced", "mine"));
      while (fake.requests().stream()
          .noneMatch(r -> "secretsmanager.PutSecretValue".equals(r.target()))) {
        Thread.sleep(5);
      }
      assertThat(other.put("raced", "theirs").version()).isEqualTo(2);
      assertThat(mine.get().version()).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(current("secrets4j/raced")).isEqualTo("mine");
    assertThat(raw.getSecretValue(b -> b.secretId("secrets4j/raced").versionId(versionId(2)))
        .secretString()).isEqualTo("theirs");
    assertThat(store.describe("raced").orElseThrow().version()).isEqualTo(3);
  }

  /** Two runtimes share no lock, like two processes: AWS's version ids keep every put. */
  @Test
  void writersInTwoRuntimesLoseNoPut() throws Exception {
    List<SecretStore> stores = List.of(store(), store());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Set<Long> versions = ConcurrentHashMap.newKeySet();
    Map<Long, String> valueOfVersion = new ConcurrentHashMap<>();
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        SecretStore store = stores.get(t % 2);
        int thread = t;
        tasks.add(() -> {
          for (int n = 0; n < 10; n++) {
            String value = "v-" + thread + "-" + n;
            long version = store.put("shared", value).version();
            versions.add(version);
            valueOfVersion.put(version, value);
          }
          return null;
        });
      }
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(versions).hasSize(40);
    assertThat(stores.get(0).describe("shared").orElseThrow().version()).isEqualTo(40);
    // The value in AWS is the one of the put that was told it wrote the last version.
    assertThat(raw.getSecretValue(b -> b.secretId("secrets4j/shared")).secretString())
        .isEqualTo(valueOfVersion.get(40L));
  }

  @Test
  void listPagesThroughMoreThanOneHundredSecretsAndOnlyThisStores() {
    SecretStore store = store();
    for (int i = 0; i < 130; i++) {
      store.put("many-" + i, "v");
    }
    fake.putSecretString("secrets4j/unmarked", "not ours");
    store(Map.of(AwsTests.PREFIX + "store-prefix", "secrets4j/other/")).put("x", "v");
    fake.reset();
    List<StoredSecret> all = store.list();
    assertThat(all).extracting(StoredSecret::key).hasSize(130).doesNotHaveDuplicates()
        .contains("many-0", "many-129").doesNotContain("unmarked", "other/x");
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .containsOnly("secretsmanager.ListSecrets").hasSize(2);
  }

  @Test
  void accessDeniedOnAWriteIsASecretAccessDeniedError() {
    SecretStore store = store();
    fake.failNext(1, 400, "AccessDeniedException",
        "User: arn:aws:iam::111111111111:user/app is not authorized to perform: "
            + "secretsmanager:DescribeSecret");
    assertThatThrownBy(() -> store.put("denied", "canary-value"))
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessageContaining("secretsmanager:DescribeSecret")
        .hasMessageNotContaining("canary-value");
    store.put("denied", "v");
    // DescribeSecret and ListSecretVersionIds pass; PutSecretValue is denied.
    fake.delayNext(2, Duration.ZERO);
    fake.failNext(1, 400, "AccessDeniedException", "not authorized");
    assertThatThrownBy(() -> store.put("denied", "canary-value"))
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessageContaining("PutSecretValue of 'secrets4j/denied' in region 'us-east-1'")
        .hasMessageNotContaining("canary-value");
    fake.failNext(1, 400, "AccessDeniedException", "not authorized");
    assertThatThrownBy(store::list).isInstanceOf(SecretAccessDeniedError.class);
  }

  @Test
  void grantsAreTagsAndDoNotChangeTheVersion() {
    SecretStore store = store();
    store.put("shared", "v");
    store.grant("shared", "bob@example.com");
    assertThat(tags("secrets4j/shared")).containsEntry("secrets4j:grant:bob@example.com", "");
    assertThat(store.describe("shared").orElseThrow().grants()).containsExactly("bob@example.com");
    store.revoke("shared", "bob@example.com");
    assertThat(tags("secrets4j/shared")).doesNotContainKey("secrets4j:grant:bob@example.com");
    assertThat(store.describe("shared").orElseThrow().version()).isEqualTo(1);
  }
}
