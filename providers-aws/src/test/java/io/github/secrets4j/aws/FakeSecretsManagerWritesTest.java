package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The write side of {@link FakeSecretsManager}, driven by the real AWS SDK v2 client (signed with
 * SigV4, JSON 1.1), against the documented behaviour of each operation (see the fake's
 * {@code WriteOperations} for the reference pages).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeSecretsManagerWritesTest {
  private FakeSecretsManager fake;
  private SecretsManagerClient client;

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
    client = SecretsManagerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            FakeSecretsManager.DEFAULT_ACCESS_KEY_ID,
            FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofSeconds(20)))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private CreateSecretResponse create(String name, String value) {
    return client.createSecret(b -> b.name(name).secretString(value));
  }

  @Test
  void createSecretStoresValueDescriptionAndTags() {
    CreateSecretResponse created = client.createSecret(b -> b.name("s4j/app/db")
        .secretString("v1").description("the db")
        .tags(Tag.builder().key("secrets4j:store").value("s4j/").build(),
            Tag.builder().key("owner").value("alice").build()));
    assertThat(created.name()).isEqualTo("s4j/app/db");
    assertThat(created.arn()).startsWith("arn:aws:secretsmanager:us-east-1:"
        + FakeSecretsManager.DEFAULT_ACCOUNT + ":secret:s4j/app/db-");
    assertThat(created.versionId()).isNotEmpty();
    assertThat(client.getSecretValue(b -> b.secretId("s4j/app/db")).secretString())
        .isEqualTo("v1");
    DescribeSecretResponse described = client.describeSecret(b -> b.secretId(created.arn()));
    assertThat(described.description()).isEqualTo("the db");
    assertThat(described.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("secrets4j:store", "s4j/"),
            org.assertj.core.groups.Tuple.tuple("owner", "alice"));
    assertThat(described.versionIdsToStages())
        .containsExactly(Map.entry(created.versionId(), List.of("AWSCURRENT")));
    assertThat(described.createdDate()).isNotNull();
    assertThat(described.lastChangedDate()).isNotNull();
    assertThat(described.deletedDate()).isNull();
  }

  @Test
  void createSecretWithoutAValueHasNoVersion() {
    CreateSecretResponse created = client.createSecret(b -> b.name("empty"));
    assertThat(created.versionId()).isNull();
    assertThat(client.describeSecret(b -> b.secretId("empty")).versionIdsToStages()).isEmpty();
  }

  @Test
  void createSecretTwiceIsResourceExistsUnlessTheSameRequestIsRepeated() {
    String token = "0123456789abcdef0123456789abcdef";
    CreateSecretResponse first = client.createSecret(b -> b.name("dup").secretString("v")
        .clientRequestToken(token));
    CreateSecretResponse repeated = client.createSecret(b -> b.name("dup").secretString("v")
        .clientRequestToken(token));
    assertThat(repeated.versionId()).isEqualTo(first.versionId()).isEqualTo(token);
    assertThatThrownBy(() -> client.createSecret(b -> b.name("dup").secretString("other")
        .clientRequestToken(token)))
        .isInstanceOf(ResourceExistsException.class)
        .hasMessageContaining("The operation failed because the secret dup already exists.");
    assertThatThrownBy(() -> create("dup", "v"))
        .isInstanceOf(ResourceExistsException.class);
  }

  @Test
  void createSecretRefusesAnInvalidName() {
    for (String name : List.of("has space", "semi;colon", "x".repeat(513))) {
      assertThatThrownBy(() -> create(name, "v")).as(name)
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("Invalid name");
    }
    assertThat(create("ok/_+=.@-name", "v").name()).isEqualTo("ok/_+=.@-name");
  }

  @Test
  void putSecretValueMovesAwsCurrentAndAwsPrevious() {
    String v1 = create("rot", "one").versionId();
    PutSecretValueResponse put = client.putSecretValue(b -> b.secretId("rot").secretString("two"));
    assertThat(put.versionStages()).containsExactly("AWSCURRENT");
    assertThat(put.name()).isEqualTo("rot");
    String v2 = put.versionId();
    assertThat(client.describeSecret(b -> b.secretId("rot")).versionIdsToStages())
        .containsOnly(Map.entry(v1, List.of("AWSPREVIOUS")), Map.entry(v2, List.of("AWSCURRENT")));
    assertThat(client.getSecretValue(b -> b.secretId("rot")).secretString()).isEqualTo("two");
    assertThat(client.getSecretValue(b -> b.secretId("rot").versionStage("AWSPREVIOUS"))
        .secretString()).isEqualTo("one");
    String v3 = client.putSecretValue(b -> b.secretId("rot").secretString("three")).versionId();
    // The version that lost its last label is deprecated: DescribeSecret leaves it out.
    assertThat(client.describeSecret(b -> b.secretId("rot")).versionIdsToStages())
        .containsOnly(Map.entry(v2, List.of("AWSPREVIOUS")), Map.entry(v3, List.of("AWSCURRENT")));
  }

  @Test
  void putSecretValueIsIdempotentPerClientRequestToken() {
    create("idem", "one");
    String token = "abcdefabcdefabcdefabcdefabcdefab";
    String first = client.putSecretValue(b -> b.secretId("idem").secretString("two")
        .clientRequestToken(token)).versionId();
    String again = client.putSecretValue(b -> b.secretId("idem").secretString("two")
        .clientRequestToken(token)).versionId();
    assertThat(again).isEqualTo(first).isEqualTo(token);
    assertThat(client.describeSecret(b -> b.secretId("idem")).versionIdsToStages()).hasSize(2);
    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("idem").secretString("three")
        .clientRequestToken(token)))
        .isInstanceOf(ResourceExistsException.class);
  }

  private static String token(int n) {
    return String.format("secrets4j-version-%019d", n);
  }

  private void putVersions(String name, int count) {
    create(name, "v1");
    for (int n = 2; n <= count; n++) {
      int version = n;
      client.putSecretValue(b -> b.secretId(name).secretString("v" + version)
          .clientRequestToken(token(version)));
    }
  }

  private List<String> versionIds(String name, boolean deprecated) {
    return client.listSecretVersionIdsPaginator(b -> b.secretId(name)
        .includeDeprecated(deprecated)).stream()
        .flatMap(page -> page.versions().stream()).map(SecretVersionsListEntry::versionId).collect(Collectors.toList());
  }

  @Test
  void aVersionWithoutLabelsIsDeprecatedListedOnlyWithIncludeDeprecatedAndReadableById() {
    String v1 = create("dep", "one").versionId();
    String v2 = client.putSecretValue(b -> b.secretId("dep").secretString("two")).versionId();
    String v3 = client.putSecretValue(b -> b.secretId("dep").secretString("three")).versionId();
    assertThat(versionIds("dep", false)).containsExactly(v2, v3);
    assertThat(versionIds("dep", true)).containsExactly(v1, v2, v3);
    ListSecretVersionIdsResponse all = client.listSecretVersionIds(b -> b.secretId("dep")
        .includeDeprecated(true));
    assertThat(all.name()).isEqualTo("dep");
    assertThat(all.versions()).extracting(SecretVersionsListEntry::versionStages)
        .containsExactly(List.of(), List.of("AWSPREVIOUS"), List.of("AWSCURRENT"));
    assertThat(all.versions()).allSatisfy(v -> assertThat(v.createdDate()).isNotNull());
    assertThat(client.getSecretValue(b -> b.secretId("dep").versionId(v1)).secretString())
        .isEqualTo("one");
    assertThat(fake.deleteDeprecatedVersions("dep")).isEqualTo(1);
    assertThat(versionIds("dep", true)).containsExactly(v2, v3);
    assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("dep").versionId(v1)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listSecretVersionIdsPagesWithMaxResultsAndNextToken() {
    putVersions("paged", 5);
    ListSecretVersionIdsResponse first = client.listSecretVersionIds(b -> b.secretId("paged")
        .includeDeprecated(true).maxResults(2));
    assertThat(first.versions()).extracting(SecretVersionsListEntry::versionId)
        .containsExactly(first.versions().get(0).versionId(), token(2));
    assertThat(first.nextToken()).isNotNull();
    ListSecretVersionIdsResponse second = client.listSecretVersionIds(b -> b.secretId("paged")
        .includeDeprecated(true).maxResults(2).nextToken(first.nextToken()));
    assertThat(second.versions()).extracting(SecretVersionsListEntry::versionId)
        .containsExactly(token(3), token(4));
    assertThat(versionIds("paged", true)).hasSize(5).endsWith(token(5));
    assertThatThrownBy(() -> client.listSecretVersionIds(b -> b.secretId("paged")
        .maxResults(101))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.listSecretVersionIds(b -> b.secretId("paged")
        .nextToken("bm9wZQ"))).isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> client.listSecretVersionIds(b -> b.secretId("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void beyondOneHundredVersionsTheOldestDeprecatedOnesAreDeleted() {
    putVersions("many", 105);
    List<String> ids = versionIds("many", true);
    assertThat(ids).hasSize(100).startsWith(token(6)).endsWith(token(105));
  }

  @Test
  void updateSecretVersionStageRollsBackAwsCurrentAndAwsPreviousFollows() {
    putVersions("roll", 5);
    // The label is on version 5: moving it without naming that version fails.
    assertThatThrownBy(() -> client.updateSecretVersionStage(b -> b.secretId("roll")
        .versionStage("AWSCURRENT").moveToVersionId(token(3))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.updateSecretVersionStage(b -> b.secretId("roll")
        .versionStage("AWSCURRENT").moveToVersionId(token(3)).removeFromVersionId(token(4))))
        .isInstanceOf(InvalidParameterException.class);
    client.updateSecretVersionStage(b -> b.secretId("roll").versionStage("AWSCURRENT")
        .moveToVersionId(token(3)).removeFromVersionId(token(5)));
    assertThat(client.getSecretValue(b -> b.secretId("roll")).secretString()).isEqualTo("v3");
    assertThat(client.describeSecret(b -> b.secretId("roll")).versionIdsToStages())
        .containsOnly(Map.entry(token(3), List.of("AWSCURRENT")),
            Map.entry(token(5), List.of("AWSPREVIOUS")));
    assertThat(versionIds("roll", true)).hasSize(5);
    assertThatThrownBy(() -> client.updateSecretVersionStage(b -> b.secretId("roll")
        .versionStage("AWSCURRENT").removeFromVersionId(token(3))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.updateSecretVersionStage(b -> b.secretId("roll")
        .versionStage("AWSCURRENT").moveToVersionId(token(9)).removeFromVersionId(token(3))))
        .isInstanceOf(ResourceNotFoundException.class);
    // A custom label is added and removed.
    client.updateSecretVersionStage(b -> b.secretId("roll").versionStage("MINE")
        .moveToVersionId(token(4)));
    assertThat(client.getSecretValue(b -> b.secretId("roll").versionStage("MINE"))
        .secretString()).isEqualTo("v4");
    client.updateSecretVersionStage(b -> b.secretId("roll").versionStage("MINE")
        .removeFromVersionId(token(4)));
    assertThat(client.describeSecret(b -> b.secretId("roll")).versionIdsToStages())
        .doesNotContainKey(token(4));
  }

  /** API_PutSecretValue: the same token and value again "is ignored": AWSCURRENT stays put. */
  @Test
  void putSecretValueRepeatingADeprecatedVersionDoesNotMoveAwsCurrent() {
    putVersions("idem-old", 5);
    client.updateSecretVersionStage(b -> b.secretId("idem-old").versionStage("AWSCURRENT")
        .moveToVersionId(token(3)).removeFromVersionId(token(5)));
    PutSecretValueResponse again = client.putSecretValue(b -> b.secretId("idem-old")
        .secretString("v4").clientRequestToken(token(4)));
    assertThat(again.versionId()).isEqualTo(token(4));
    assertThat(again.versionStages()).isEmpty();
    assertThat(client.getSecretValue(b -> b.secretId("idem-old")).secretString()).isEqualTo("v3");
    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("idem-old")
        .secretString("other").clientRequestToken(token(4))))
        .isInstanceOf(ResourceExistsException.class);
  }

  @Test
  void putSecretValueOnAnUnknownSecretIsResourceNotFound() {
    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("nope").secretString("x")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Secrets Manager can't find the specified secret.");
  }

  @Test
  void updateSecretChangesTheDescriptionAndTagsComeAndGo() throws InterruptedException {
    create("meta", "v");
    Instant before = client.describeSecret(b -> b.secretId("meta")).lastChangedDate();
    Thread.sleep(5);
    client.updateSecret(b -> b.secretId("meta").description("new description"));
    client.tagResource(b -> b.secretId("meta").tags(Tag.builder().key("a").value("1").build(),
        Tag.builder().key("b").value("2").build()));
    client.tagResource(b -> b.secretId("meta").tags(Tag.builder().key("a").value("3").build()));
    client.untagResource(b -> b.secretId("meta").tagKeys("b"));
    DescribeSecretResponse described = client.describeSecret(b -> b.secretId("meta"));
    assertThat(described.description()).isEqualTo("new description");
    assertThat(described.tags()).extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "3"));
    assertThat(described.lastChangedDate()).isAfter(before);
    assertThat(client.getSecretValue(b -> b.secretId("meta")).secretString()).isEqualTo("v");
  }

  @Test
  void deleteSecretSchedulesDeletionWithTheDefaultWindowOf30Days() {
    create("gone", "v");
    Instant now = Instant.now();
    DeleteSecretResponse deleted = client.deleteSecret(b -> b.secretId("gone"));
    assertThat(deleted.name()).isEqualTo("gone");
    assertThat(deleted.deletionDate()).isBetween(now.plus(Duration.ofDays(30)).minusSeconds(5),
        now.plus(Duration.ofDays(30)).plusSeconds(5));
    assertThat(client.describeSecret(b -> b.secretId("gone")).deletedDate()).isNotNull();
    String marked = "You can't perform this operation on the secret because it was marked for deletion.";
    assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("gone")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("gone").secretString("x")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
    assertThatThrownBy(() -> client.updateSecret(b -> b.secretId("gone").description("x")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
    assertThatThrownBy(() -> client.tagResource(b -> b.secretId("gone")
        .tags(Tag.builder().key("k").value("v").build())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
    assertThatThrownBy(() -> create("gone", "again")).isInstanceOf(InvalidRequestException.class);

    assertThat(client.restoreSecret(b -> b.secretId("gone")).name()).isEqualTo("gone");
    assertThat(client.describeSecret(b -> b.secretId("gone")).deletedDate()).isNull();
    assertThat(client.getSecretValue(b -> b.secretId("gone")).secretString()).isEqualTo("v");
  }

  @Test
  void deleteSecretRecoveryWindowMustBe7To30Days() {
    create("w", "v");
    for (long days : new long[] {6, 31}) {
      assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("w").recoveryWindowInDays(days)))
          .as("%d days", days).isInstanceOf(InvalidParameterException.class);
    }
    Instant now = Instant.now();
    assertThat(client.deleteSecret(b -> b.secretId("w").recoveryWindowInDays(7L)).deletionDate())
        .isBetween(now.plus(Duration.ofDays(7)).minusSeconds(5),
            now.plus(Duration.ofDays(7)).plusSeconds(5));
  }

  @Test
  void forceDeleteAndARecoveryWindowTogetherAreRefused() {
    create("both", "v");
    assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("both").recoveryWindowInDays(7L)
        .forceDeleteWithoutRecovery(true)))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(fake.exists("both")).isTrue();
  }

  @Test
  void forceDeleteRemovesAtOnceAndIgnoresAnUnknownSecret() {
    create("force", "v");
    client.deleteSecret(b -> b.secretId("force").forceDeleteWithoutRecovery(true));
    assertThat(fake.exists("force")).isFalse();
    assertThatThrownBy(() -> client.describeSecret(b -> b.secretId("force")))
        .isInstanceOf(ResourceNotFoundException.class);
    // Documented: no ResourceNotFoundException for a forced delete of a nonexistent secret.
    client.deleteSecret(b -> b.secretId("force").forceDeleteWithoutRecovery(true));
    assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("never")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(create("force", "new").name()).isEqualTo("force");
  }

  @Test
  void listSecretsFiltersAndExcludesPlannedDeletionsUnlessAsked() {
    client.createSecret(b -> b.name("s4j/a").secretString("1").description("Database password")
        .tags(Tag.builder().key("secrets4j:store").value("main").build()));
    client.createSecret(b -> b.name("s4j/b").secretString("2")
        .tags(Tag.builder().key("secrets4j:store").value("other").build()));
    client.createSecret(b -> b.name("S4J/c").secretString("3"));
    client.createSecret(b -> b.name("s4j/d").secretString("4"));
    client.deleteSecret(b -> b.secretId("s4j/d"));

    assertThat(names(filter(FilterNameStringType.NAME, "s4j/"))).containsExactly("s4j/a", "s4j/b");
    assertThat(names(filter(FilterNameStringType.NAME, "!s4j/"))).containsExactly("S4J/c");
    assertThat(names(filter(FilterNameStringType.TAG_KEY, "secrets4j:")))
        .containsExactly("s4j/a", "s4j/b");
    assertThat(names(filter(FilterNameStringType.TAG_VALUE, "main"))).containsExactly("s4j/a");
    assertThat(names(filter(FilterNameStringType.DESCRIPTION, "database")))
        .containsExactly("s4j/a");
    // Two filters: both must match; two values of one filter: either may.
    assertThat(names(client.listSecrets(b -> b.filters(
        Filter.builder().key(FilterNameStringType.NAME).values("s4j/", "S4J/").build(),
        Filter.builder().key(FilterNameStringType.TAG_KEY).values("secrets4j:").build()))))
        .containsExactly("s4j/a", "s4j/b");
    assertThat(names(client.listSecrets(b -> b.includePlannedDeletion(true)
        .filters(Filter.builder().key(FilterNameStringType.NAME).values("s4j/").build()))))
        .containsExactly("s4j/a", "s4j/b", "s4j/d");

    SecretListEntry entry = filter(FilterNameStringType.TAG_VALUE, "main").secretList().get(0);
    assertThat(entry.description()).isEqualTo("Database password");
    assertThat(entry.tags()).extracting(Tag::key).containsExactly("secrets4j:store");
    assertThat(entry.secretVersionsToStages()).hasSize(1);
    assertThat(entry.createdDate()).isNotNull();
    assertThat(entry.arn()).contains(":secret:s4j/a-");
  }

  @Test
  void listSecretsPagesWithMaxResultsAndNextToken() {
    for (int i = 0; i < 7; i++) {
      create(String.format("page/%02d", i), "v");
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListSecretsResponse page = client.listSecrets(b -> b.maxResults(3).nextToken(next));
      assertThat(page.secretList().size()).isLessThanOrEqualTo(3);
      seen.addAll(names(page));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrder("page/00", "page/01", "page/02", "page/03",
        "page/04", "page/05", "page/06");
    // The SDK's paginator follows NextToken the same way.
    assertThat(client.listSecretsPaginator(b -> b.maxResults(2)).stream().flatMap(p -> p.secretList().stream())
        .map(SecretListEntry::name).collect(Collectors.toList())).hasSize(7);
    assertThatThrownBy(() -> client.listSecrets(b -> b.nextToken("not-a-token")))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> client.listSecrets(b -> b.maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void everyWriteIsSignedAndVerified() {
    create("signed", "v");
    client.putSecretValue(b -> b.secretId("signed").secretString("w"));
    client.listSecrets(b -> b.maxResults(1));
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(fake.requests()).extracting(FakeSecretsManager.RecordedRequest::target)
        .containsExactly("secretsmanager.CreateSecret", "secretsmanager.PutSecretValue",
            "secretsmanager.ListSecrets");
  }

  private ListSecretsResponse filter(FilterNameStringType key, String value) {
    return client.listSecrets(b -> b.filters(Filter.builder().key(key).values(value).build()));
  }

  private static List<String> names(ListSecretsResponse response) {
    return response.secretList().stream().map(SecretListEntry::name).sorted()
        .collect(Collectors.toList());
  }
}
