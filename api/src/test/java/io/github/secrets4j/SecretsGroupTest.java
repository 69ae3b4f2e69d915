package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsGroupTest {
  private final Secrets secrets = Secrets.builder().discoverProviders(false)
      .provider(TestProviders.Scripted.of("mem", Map.of("user", "admin", "pass-csr1", "pw1")))
      .build();

  private final Secret username = secrets.secret("NAPALM Username").provider("mem").parameter("key", "user").build();
  private final Secret password = secrets.secret("NAPALM Password").provider("mem")
      .parameter("key", "pass-{{ obj.name }}").build();

  @Test
  void getsEachSlotsValue() {
    SecretsGroup group = secrets.group("NAPALM").secret(AccessType.GENERIC, SecretType.USERNAME, username)
        .secret(AccessType.GENERIC, SecretType.PASSWORD, password).build();
    assertThat(group.slug()).isEqualTo("napalm");
    assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.USERNAME)).isEqualTo("admin");
    assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD, Map.of("name", "csr1"))).isEqualTo("pw1");
    assertThat(group.secret(AccessType.GENERIC, SecretType.PASSWORD)).contains(password);
    assertThat(group.secret(AccessType.SSH, SecretType.PASSWORD)).isEmpty();
    assertThat(group).hasToString("SecretsGroup{name=\"NAPALM\", slug=\"napalm\", secrets={"
        + "Generic/username=\"NAPALM Username\", Generic/password=\"NAPALM Password\"}}");
  }

  @Test
  void emptySlotIsASecretsGroupErrorNamingGroupAndSlot() {
    SecretsGroup group = SecretsGroup.builder("Device credentials").build();
    assertThatThrownBy(() -> group.getSecretValue(AccessType.NETCONF, SecretType.PASSWORD))
        .isInstanceOf(SecretsGroupError.class)
        .isInstanceOf(SecretError.class)
        .hasMessage("Secrets group \"Device credentials\": no secret for access type \"NETCONF\" "
            + "and secret type \"password\"")
        .satisfies(e -> {
          SecretsGroupError error = (SecretsGroupError) e;
          assertThat(error.groupName()).isEqualTo("Device credentials");
          assertThat(error.accessType()).isEqualTo(AccessType.NETCONF);
          assertThat(error.secretType()).isEqualTo(SecretType.PASSWORD);
          assertThat(error.secretName()).as("names the group").isEqualTo("Device credentials");
          assertThat(error.provider()).isEqualTo(SecretsGroupError.PROVIDER);
        });
  }

  @Test
  void aSecondSecretForOneSlotIsRefused() {
    SecretsGroup.Builder builder = SecretsGroup.builder("G").secret(AccessType.HTTP, SecretType.TOKEN, username);
    assertThatThrownBy(() -> builder.secret(AccessType.HTTP, SecretType.TOKEN, password))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secrets group \"G\" already has a secret for access type \"HTTP(S)\" and "
            + "secret type \"token\" (\"NAPALM Username\")");
  }

  @Test
  void accessAndSecretTypesMatchNautobot() {
    assertThat(AccessType.values()).extracting(AccessType::value).containsExactly(
        "Generic", "Console", "gNMI", "HTTP(S)", "NETCONF", "REST", "RESTCONF", "SNMP", "SSH");
    assertThat(SecretType.values()).extracting(SecretType::value).containsExactly(
        "authentication-key", "authentication-protocol", "key", "notes", "password",
        "private-algorithm", "private-key", "secret", "token", "url", "username");
    assertThat(SecretType.PRIVATE_KEY.label()).isEqualTo("Private Key");
    assertThat(AccessType.of("HTTP(S)")).isSameAs(AccessType.HTTP);
    assertThat(AccessType.of("netconf")).isSameAs(AccessType.NETCONF);
    assertThat(SecretType.of("private-key")).isSameAs(SecretType.PRIVATE_KEY);
    AccessType custom = AccessType.of("Kafka");
    assertThat(custom.value()).isEqualTo("Kafka");
    assertThat(custom).isEqualTo(AccessType.of("Kafka")).isNotEqualTo(AccessType.GENERIC);
    assertThatThrownBy(() -> AccessType.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
