package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in kinds: {@code opaque} as it is, {@code env} from dotenv text or a JSON object. */
class SecretKindEnvTest {
  private static final String CANARY = "canary-7f3a9c-hunter2";

  private static Map<String, String> env(String text) {
    return SecretKind.ENV.parse(text);
  }

  private static void refused(String text, String message) {
    assertThatThrownBy(() -> env(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message).hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
  }

  @Test
  void opaqueIsAnyTextAsItIs() {
    assertThat(SecretKind.OPAQUE.name()).isEqualTo("opaque").isEqualTo(SecretMetadata.DEFAULT_KIND);
    assertThat(SecretKind.OPAQUE.parse(" x\n{y} ")).isEqualTo(" x\n{y} ");
    assertThat(SecretKind.OPAQUE.parse("")).isEmpty();
    assertThat(SecretKind.OPAQUE).hasToString("SecretKind{opaque}");
    assertThatThrownBy(() -> SecretKind.OPAQUE.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void dotenvReadsNamesValuesCommentsExportAndQuotesInOrder() {
    String text = String.join("\n",
        "# a comment",
        "",
        "  A=1",
        "export B = two words  ",
        "export\tC=x#not-a-comment # a comment",
        "D=",
        "E='single $X \\n # kept'  # comment",
        "F=\"double \\\"q\\\" \\\\ \\n\\t\\r \\$HOME # kept\"",
        "G='multi",
        "line'",
        "H=\"also",
        "multi\"",
        "export=is a name",
        "_under_9=ok");
    assertThat(env(text)).containsExactly(
        Map.entry("A", "1"),
        Map.entry("B", "two words"),
        Map.entry("C", "x#not-a-comment"),
        Map.entry("D", ""),
        Map.entry("E", "single $X \\n # kept"),
        Map.entry("F", "double \"q\" \\ \n\t\r $HOME # kept"),
        Map.entry("G", "multi\nline"),
        Map.entry("H", "also\nmulti"),
        Map.entry("export", "is a name"),
        Map.entry("_under_9", "ok"));
    assertThat(SecretKind.ENV.name()).isEqualTo("env");
    assertThat(SecretKind.ENV).hasToString("SecretKind{env}");
  }

  @Test
  void dotenvAcceptsCrLfAndLoneCrAndAnEmptyText() {
    assertThat(env("A=1\r\nB=2\rC=3\r\n")).containsExactly(
        Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("C", "3"));
    assertThat(env("")).isEmpty();
    assertThat(env("# only a comment\n\n")).isEmpty();
    assertThat(env("A=#x")).containsEntry("A", "#x");
    assertThat(env("A= #x")).containsEntry("A", "");
  }

  @Test
  void theResultIsUnmodifiable() {
    Map<String, String> variables = env("A=1");
    assertThatThrownBy(() -> variables.put("B", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void dotenvErrorsNameTheLineAndNeverTheValue() {
    refused("A=1\n" + CANARY, "line 2: expected NAME=VALUE");
    refused("A=1\n\n9" + CANARY + "=x", "line 3: invalid variable name "
        + "(must match [A-Za-z_][A-Za-z0-9_]*)");
    refused("A-B=" + CANARY, "line 1: invalid variable name (must match [A-Za-z_][A-Za-z0-9_]*)");
    refused("=" + CANARY, "line 1: invalid variable name (must match [A-Za-z_][A-Za-z0-9_]*)");
    refused("A=1\nB=2\nA=" + CANARY, "line 3: variable \"A\" is defined twice");
    refused("A='" + CANARY, "line 1: the single-quoted value of \"A\" is not closed");
    refused("X=1\nA=\"" + CANARY + "\n", "line 2: the double-quoted value of \"A\" is not closed");
    refused("A=\"" + CANARY + "\\q\"", "line 1: unsupported escape sequence in the double-quoted "
        + "value of \"A\" (allowed: \\n \\r \\t \\\" \\\\ \\$)");
    refused("A='x'" + CANARY, "line 1: unexpected text after the closing quote of \"A\"");
    refused("A='multi\nline'\nB=\"x\" " + CANARY,
        "line 3: unexpected text after the closing quote of \"B\"");
    assertThatThrownBy(() -> SecretKind.ENV.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void jsonObjectOfStrings() {
    assertThat(env("  {\"B\": \"2\", \"A\": \"x\\ny\", \"_c\": \"\"}\n")).containsExactly(
        Map.entry("B", "2"), Map.entry("A", "x\ny"), Map.entry("_c", ""));
    assertThat(env("{}")).isEmpty();
  }

  @Test
  void jsonErrorsNameLineAndColumnAndNeverTheValue() {
    refused("{\"A\": \"1\",\n \"A\": \"" + CANARY + "\"}",
        "line 2, column 2: variable \"A\" is defined twice");
    refused("{\"" + CANARY + "-x\": \"1\"}",
        "line 1, column 2: invalid variable name (must match [A-Za-z_][A-Za-z0-9_]*)");
    refused("{\"A\": 1}", "line 1, column 7: the value of \"A\" must be a JSON string");
    refused("{\"A\": {\"B\": \"" + CANARY + "\"}}",
        "line 1, column 7: the value of \"A\" must be a JSON string");
    refused("{\"A\": \"1\"} " + CANARY, "line 1, column 12: malformed JSON");
    refused("{\"A\": \"1\"} {}", "line 1, column 12: unexpected content after the JSON object");
    refused("{\"A\": " + CANARY + "}", "line 1, column 7: malformed JSON");
    refused("{\"A\": \"" + CANARY, "line 1, column 29: malformed JSON");
  }

  @Test
  void everyBuiltInKindIsKnownToEveryRuntime() {
    try (Secrets secrets = Secrets.builder().discoverProviders(false).build()) {
      assertThat(secrets.kind("opaque")).containsSame(SecretKind.OPAQUE);
      assertThat(secrets.kind("env")).containsSame(SecretKind.ENV);
      assertThat(secrets.kind("nope")).isEmpty();
      assertThat(secrets.kindNames()).containsAll(List.of("env", "opaque"));
    }
  }
}
