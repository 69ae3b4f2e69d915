package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example application, run as the examples command runs it, in this JVM. */
class OrdersApplicationTest {
  @TempDir
  Path scratch;

  @Test
  void resolvesRotatesAndPrintsNoValue() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OrdersApplication.run(scratch, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).containsExactly(
        "[spring] started; resolved db.username, db.password, napalm.generic.username, "
            + "napalm.https.password: each equals the store's value",
        "[spring] optional import (no api-key in the store) skipped: app.api-key present: false",
        "[spring] rotated db-password to version 2; db.password still the cached value (ttl 1h): "
            + "true",
        "[spring] after secrets.invalidate: db.password changed: true, equals the new version: "
            + "true (no context refresh)",
        "[spring] onChange: db-password (encrypted-file) now version 2",
        "[spring] context closed; the secrets4j runtime closed with it: true");
    assertThat(out).doesNotContain("demo-db-password", "demo-napalm-password", "orders\n",
        "netops");
  }
}
