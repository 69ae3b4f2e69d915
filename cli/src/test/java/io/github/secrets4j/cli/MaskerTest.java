package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MaskerTest {
  private static final List<String> VALUES =
      List.of("hunter2!", "hunter2!xyz", "s3cr\"et\nline", "pässwörd", "abc");

  private static String mask(List<String> values, String text, int... splits) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Masker masker = new Masker(out, values);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int from = 0;
    for (int split : splits) {
      masker.write(bytes, from, split - from);
      from = split;
    }
    masker.write(bytes, from, bytes.length - from);
    masker.close();
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Random texts of values, their forms, their prefixes and other bytes, written in random
   * chunks of 1 to 6 bytes, give what a regular expression of all the forms (longest first,
   * leftmost match) gives on the whole text.
   */
  @Test
  void randomChunkSplitsGiveWhatARegexOverTheWholeTextGives() throws IOException {
    Random random = new Random(1);
    byte[][] forms = Masker.forms(VALUES);
    StringBuilder alternatives = new StringBuilder();
    for (byte[] form : forms) {
      if (alternatives.length() > 0) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(new String(form, StandardCharsets.ISO_8859_1)));
    }
    Pattern reference = Pattern.compile(alternatives.toString());
    String[] pieces = {"x", "hun", "hunter2!", "hunter2!xyz", "aHVudGVyMiE=", "aHVudGVyMiE",
        "s3cr\\\"et\\nline", "pässwörd", "abc", " ", "\n", "h", "hunter2", "cMOkc3N3w7ZyZA",
        "p\u00e4ss"};
    for (int iteration = 0; iteration < 20_000; iteration++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] in = text.toString().getBytes(StandardCharsets.UTF_8);
      String expected = reference.matcher(new String(in, StandardCharsets.ISO_8859_1))
          .replaceAll(Masker.TOKEN);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Masker masker = new Masker(out, VALUES);
      int position = 0;
      while (position < in.length) {
        int chunk = 1 + random.nextInt(Math.min(6, in.length - position));
        masker.write(in, position, chunk);
        position += chunk;
      }
      masker.close();
      assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
          .as("masking of %s", text).isEqualTo(expected);
    }
  }

  @Test
  void everyFormOfAValueIsMasked() throws IOException {
    byte[] bytes = "~~~~hunter".getBytes(StandardCharsets.UTF_8);
    String standard = Base64.getEncoder().encodeToString(bytes);
    String url = Base64.getUrlEncoder().encodeToString(bytes);
    assertThat(standard).isNotEqualTo(url);
    String text = "plain ~~~~hunter std " + standard + " url " + url + " bare "
        + url.replace("=", "") + " json " + Masker.json("~~~~hunter\"\n", false, false);

    String masked = mask(List.of("~~~~hunter", "~~~~hunter\"\n"), text);

    assertThat(masked).isEqualTo("plain ******** std ******** url ******** bare ******** json "
        + "********");
  }

  @Test
  void jsonEscapesAreThoseJacksonWrites() throws IOException {
    String value = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/é\u2028";
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(json)) {
      generator.writeString(value);
    }

    assertThat("\"" + Masker.json(value, false, false) + "\"").isEqualTo(json.toString());
    assertThat(Masker.json(value, false, false))
        .isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001Fj/é\u2028");
  }

  @Test
  void aValueEndingInALineBreakIsMaskedTrimmedAndEachLineOfSeveralToo() throws IOException {
    String fromAFile = "FromEditorPw\n";
    String trimmedBase64 = Base64.getEncoder().encodeToString(
        "FromEditorPw".getBytes(StandardCharsets.UTF_8));

    assertThat(mask(List.of(fromAFile), "conn=postgres://app:FromEditorPw@db " + trimmedBase64))
        .isEqualTo("conn=postgres://app:********@db ********");
    assertThat(mask(List.of("first-line\nsecond-line\n"), "a first-line b second-line c"))
        .isEqualTo("a ******** b ******** c");
  }

  @Test
  void jsonWithNonAsciiEscapedIsMaskedInLowerAndUpperCase() throws IOException {
    String value = "p\u00e4ssw\u00f6rd9";
    StringWriter ascii = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(ascii)) {
      generator.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.ESCAPE_NON_ASCII);
      generator.writeString(value);
    }
    // Python's json.dumps writes "p\u00e4ssw\u00f6rd9"; Jackson's ASCII mode the upper case.
    String python = "\"p\\u00e4ssw\\u00f6rd9\"";
    assertThat(ascii.toString()).isEqualTo("\"p\\u00E4ssw\\u00F6rd9\"");

    assertThat(mask(List.of(value), python + " " + ascii)).isEqualTo("\"********\" \"********\"");
  }

  @Test
  void valuesShorterThanFourCharactersAreNotMasked() throws IOException {
    assertThat(mask(List.of("abc", "äöü", "abcd"), "abc äöü abcd YWJj"))
        .isEqualTo("abc äöü ******** YWJj");
  }

  @Test
  void aValueSplitAcrossWritesIsMaskedAndOnlyAPossibleStartIsHeldBack() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Masker masker = new Masker(out, List.of("hunter2!"));

    masker.write("Password: hun".getBytes(StandardCharsets.UTF_8));
    masker.flush();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: ");
    masker.write("ter2! ok> ".getBytes(StandardCharsets.UTF_8));
    masker.flush();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: ******** ok> ");
    masker.write("hunt".getBytes(StandardCharsets.UTF_8));
    masker.close();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: ******** ok> hunt");
  }

  @Test
  void withNothingToMaskEveryByteIsWrittenAtOnce() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Masker masker = new Masker(out, List.of("ab"));

    masker.write('a');

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a");
  }
}
