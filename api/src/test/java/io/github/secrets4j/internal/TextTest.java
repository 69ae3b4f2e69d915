package io.github.secrets4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one escaping of untrusted text, which ProviderContext.escape offers every provider. */
class TextTest {
  @Test
  void controlFormatAndSeparatorCharactersAreEscaped() {
    assertThat(Text.escape("a\u0000b\nc\u001b[2J\u202Ed\u2028e")).isEqualTo(
        "a\\0b\\u000ac\\u001b[2J\\u202ed\\u2028e");
  }

  @Test
  void textIsBoundedByCodePointsNotCharacters() {
    String emoji = "\uD83D\uDD11";
    assertThat(Text.escape(emoji.repeat(300))).isEqualTo(emoji.repeat(200) + "...");
    assertThat(Text.escape("x".repeat(700), 600)).isEqualTo("x".repeat(600) + "...");
    assertThat(Text.escape("x".repeat(200))).isEqualTo("x".repeat(200));
  }

  @Test
  void aLoneSurrogateIsEscapedNotPassedOn() {
    assertThat(Text.escape("a\uD800b")).isEqualTo("a\\ud800b");
    assertThat(Text.escape(null)).isEqualTo("null");
  }
}
