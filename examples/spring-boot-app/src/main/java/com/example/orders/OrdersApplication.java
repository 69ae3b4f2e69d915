package com.example.orders;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretChange;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot application (no web server) whose {@code application.properties} imports secrets
 * with {@code spring.config.import=secrets4j:...} from the embedded {@code encrypted-file} store.
 * It prints which properties resolved and that a rotated value reaches the environment without a
 * context refresh, never a value. Any unexpected result throws, so the JVM exits with status 1.
 *
 * <p>Usage: {@code OrdersApplication SCRATCH_FOLDER}: the store and the definition file go to a
 * new folder under it (never the default {@code ~/.secrets4j}).
 */
@SpringBootApplication
public class OrdersApplication {
  /**
   * Runs the application once.
   *
   * @param args one argument: the scratch folder
   * @throws IOException if the scratch folder cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: OrdersApplication SCRATCH_FOLDER");
      System.exit(2);
    }
    run(Path.of(args[0]), System.out);
  }

  /**
   * Puts the demo secrets in a new store under {@code scratch}, starts the application on it,
   * rotates a password and closes the application.
   *
   * @param scratch the folder to make the run's folder in
   * @param out where the {@code [spring]} lines go
   * @throws IOException if the scratch folder cannot be written
   * @throws IllegalStateException if a property did not resolve, or resolved to another value
   *     than the store holds, or the rotation did not show
   */
  static void run(Path scratch, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "run-");
    Path storeFile = dir.resolve("store.json");
    // What an operator (or `secrets4j secret add`) did before the application starts.
    try (Secrets operator = operator(storeFile)) {
      SecretStore store = operator.store("encrypted-file");
      store.put("db-user", "orders");
      store.put("db-password", "demo-db-password-1");
      store.put("napalm-user", "netops");
      store.put("napalm-password", "demo-napalm-password");
    }
    try (InputStream in = OrdersApplication.class.getResourceAsStream("/secrets.yaml")) {
      Files.copy(in, dir.resolve("secrets.yaml"));
    }

    Secrets secrets;
    try (ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class,
        "--orders.secrets-dir=" + dir)) {
      Environment environment = context.getEnvironment();
      secrets = context.getBean(Secrets.class);
      SecretStore store = secrets.store("encrypted-file");
      check(environment, "db.username", store, "db-user");
      check(environment, "db.password", store, "db-password");
      check(environment, "napalm.generic.username", store, "napalm-user");
      check(environment, "napalm.https.password", store, "napalm-password");
      out.println("[spring] started; resolved db.username, db.password, "
          + "napalm.generic.username, napalm.https.password: each equals the store's value");
      boolean apiKey = environment.containsProperty("app.api-key");
      out.println("[spring] optional import (no api-key in the store) skipped: app.api-key "
          + "present: " + apiKey);
      expect(!apiKey, "app.api-key should be absent");

      String before = environment.getRequiredProperty("db.password");
      Secret dbPassword = secrets.defined("db-password");
      List<SecretChange> changes = new CopyOnWriteArrayList<>();
      try (AutoCloseable subscription = secrets.onChange(dbPassword, null, changes::add)) {
        // The operator rotates the password, from outside the application.
        StoredSecret rotated;
        try (Secrets operator = operator(storeFile)) {
          rotated = operator.store("encrypted-file").put("db-password", "demo-db-password-2");
        }
        boolean cached = before.equals(environment.getRequiredProperty("db.password"));
        out.println("[spring] rotated db-password to version " + rotated.version()
            + "; db.password still the cached value (ttl 1h): " + cached);
        expect(cached, "db.password should be cached");
        secrets.invalidate(dbPassword);
        String after = environment.getRequiredProperty("db.password");
        boolean changed = !before.equals(after);
        out.println("[spring] after secrets.invalidate: db.password changed: " + changed
            + ", equals the new version: " + after.equals(store.secret("db-password").getValue())
            + " (no context refresh)");
        expect(changed && after.equals(store.secret("db-password").getValue()),
            "db.password should be the rotated value");
        expect(changes.size() == 1, "one change event expected, got " + changes.size());
        SecretChange change = changes.get(0);
        out.println("[spring] onChange: " + change.secretName() + " (" + change.provider()
            + ") now version " + change.version().map(String::valueOf).orElse("?"));
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        // Only the subscription's close() declares a checked exception.
        throw new IllegalStateException("closing the onChange subscription failed", e);
      }
    }
    boolean closed;
    try {
      secrets.store();
      closed = false;
    } catch (IllegalStateException e) {
      closed = true;
    }
    out.println("[spring] context closed; the secrets4j runtime closed with it: " + closed);
    expect(closed, "the runtime should be closed with the context");
  }

  private static Secrets operator(Path storeFile) {
    return Secrets.builder().setting("secrets4j.encrypted-file.path", storeFile.toString()).build();
  }

  private static void check(Environment environment, String property, SecretStore store,
      String key) {
    String value = environment.getProperty(property);
    expect(value != null, property + " did not resolve");
    expect(value.equals(store.secret(key).getValue()),
        property + " differs from the store's " + key);
  }

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
