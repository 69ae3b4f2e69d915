package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.PlanOptions;
import io.github.secrets4j.PlannedChange;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plan and apply against the {@code aws-secrets-manager} store on {@link FakeSecretsManager}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AwsPlanTest {
  private static final String HEAD = "apiVersion: secrets4j/v1\nkind: SecretsDefinition\n"
      + "metadata: { name: app }\nsecrets:\n";
  private FakeSecretsManager fake;
  private final List<Secrets> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
  }

  @AfterEach
  void stop() {
    opened.forEach(Secrets::close);
    fake.close();
  }

  private Secrets runtime(String yaml) {
    Map<String, String> settings = new HashMap<>();
    settings.put(AwsTests.PREFIX + "endpoint", fake.endpoint().toString());
    settings.put(AwsTests.PREFIX + "region", FakeSecretsManager.DEFAULT_REGION);
    settings.put(AwsTests.PREFIX + "cache.ttl", "0");
    Secrets secrets = Secrets.builder().settings(settings)
        .environment(AwsTests.defaultEnvironment())
        .definitions(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "app.yaml")
        .build();
    opened.add(secrets);
    return secrets;
  }

  private static List<String> summary(SecretsPlan plan) {
    return plan.changes().stream().map(c -> c.action() + " " + c.key()).toList();
  }

  @Test
  void aSecretMadeByHandThatTheListingLeavesOutIsAConflictAndAdoptTakesItOver() {
    fake.putSecretString("secrets4j/tok", "made by hand");
    String yaml = HEAD + "  - { name: tok, store: aws-secrets-manager, "
        + "value: { generate: { length: 16 } } }\n";
    Secrets secrets = runtime(yaml);
    assertThat(secrets.store("aws-secrets-manager").list()).as("no secrets4j tag").isEmpty();

    SecretsPlan plan = secrets.plan();
    assertThat(summary(plan)).containsExactly("CONFLICT tok");
    assertThat(plan.changes().get(0).reason()).isEqualTo(
        "an entry no definition manages has this key; turn adopt on to take it over");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The plan has 1 conflict; nothing was applied");

    SecretsPlan adopting = secrets.plan(PlanOptions.defaults().adopt(true));
    assertThat(summary(adopting)).containsExactly("UPDATE tok");
    assertThat(adopting.apply()).extracting(PlannedChange::action)
        .containsExactly(PlannedChange.Action.UPDATE);
    assertThat(secrets.store("aws-secrets-manager").describe("tok").orElseThrow().metadata()
        .labels()).containsEntry(SecretsPlan.MANAGED_BY_LABEL, "app");
    assertThat(secrets.store("aws-secrets-manager").secret("tok").getValue())
        .as("adoption keeps the stored value").isEqualTo("made by hand");
    assertThat(runtime(yaml).plan().hasChanges()).isFalse();
  }

  private static String labelled(int labels) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < labels; i++) {
      text.append(i == 0 ? "" : ", ").append("l").append(i).append(": v");
    }
    return HEAD + "  - { name: tok, store: aws-secrets-manager, labels: { " + text
        + " }, value: { generate: { length: 16 } } }\n"
        + "grants:\n  - { principal: alice, secrets: [ tok ] }\n"
        + "  - { principal: bob, secrets: [ tok ] }\n";
  }

  @Test
  void labelsThatWithTheGrantsExceedFiftyTagsAreAConflictBeforeAnythingIsSent() {
    runtime(labelled(40)).plan().apply();
    assertThat(runtime(labelled(40)).plan().hasChanges()).isFalse();

    // 42 labels + the 3 labels reconcile sets + the kind + 3 tags of secrets4j's own + the 2
    // grants the entry already has: 51, as the put would count them.
    SecretsPlan plan = runtime(labelled(42)).plan();
    assertThat(summary(plan)).containsExactly("CONFLICT tok");
    assertThat(plan.changes().get(0).reason()).contains("is refused by store "
        + "\"aws-secrets-manager\": Key 'tok' would need 51 tags");
    fake.reset();
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class);
    assertThat(fake.requests()).as("nothing sent").isEmpty();

    // 40 labels with the grants: 49 tags, which fit.
    SecretsPlan fits = runtime(labelled(40).replace("l1: v", "l1: w")).plan();
    assertThat(summary(fits)).containsExactly("UPDATE tok");
    fits.apply();
  }
}
