package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.vault.fake.FakeVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Target 4: how many backend calls secrets4j makes, counted by the in-JVM fakes. Not a timing:
 * run it with {@code java -cp benchmarks/target/benchmarks.jar io.github.secrets4j.benchmarks.BackendCalls}.
 *
 * <ol>
 *   <li>64 threads starting together on a cold key: exactly 1 GetSecretValue.
 *   <li>8 threads reading 2 keys for 10 s with ttl 1 s: about 10 calls per key.
 *   <li>8 threads reading through Vault with AppRole (cache off, so every read reaches Vault):
 *       exactly 1 login.
 * </ol>
 * Exits non-zero if a count is off.
 */
public final class BackendCalls {
  private BackendCalls() {}

  public static void main(String[] args) throws Exception {
    boolean ok = coldKey() & steadyState(args.length > 0 ? Integer.parseInt(args[0]) : 10) & vaultLogins();
    System.exit(ok ? 0 : 1);
  }

  private static boolean coldKey() throws Exception {
    try (FakeSecretsManager fake = FakeSecretsManager.start();
        Secrets secrets = Fakes.awsRuntime(fake, Map.of())) {
      fake.putSecretString("cold/key", "value");
      fake.delayNext(1, Duration.ofMillis(300));
      Secret secret = secrets.secret("Cold").provider(Fakes.AWS_SLUG).parameter("name", "cold/key").build();
      int threads = 64;
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return secret.getValue();
        }));
      }
      for (Future<String> result : results) {
        result.get();
      }
      pool.shutdown();
      int calls = fake.requestCount();
      System.out.printf("1. %d threads starting together on a cold key: %d GetSecretValue call(s)%n",
          threads, calls);
      return calls == 1;
    }
  }

  private static boolean steadyState(int seconds) throws Exception {
    try (FakeSecretsManager fake = FakeSecretsManager.start();
        Secrets secrets = Fakes.awsRuntime(fake, Map.of("secrets4j.aws-secrets-manager.cache.ttl", "1s"))) {
      fake.putSecretString("steady/a", "a");
      fake.putSecretString("steady/b", "b");
      List<Secret> keys = List.of(
          secrets.secret("A").provider(Fakes.AWS_SLUG).parameter("name", "steady/a").build(),
          secrets.secret("B").provider(Fakes.AWS_SLUG).parameter("name", "steady/b").build());
      LongAdder reads = new LongAdder();
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        workers.add(pool.submit(() -> {
          for (long n = offset; System.nanoTime() < end; n++) {
            keys.get((int) (n % 2)).getValue();
            reads.increment();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      pool.shutdown();
      long perKeyA = fake.requests().stream().filter(r -> "steady/a".equals(r.secretId())).count();
      long perKeyB = fake.requests().stream().filter(r -> "steady/b".equals(r.secretId())).count();
      System.out.printf("2. 8 threads, %d s, ttl 1 s, 2 keys: %,d reads, %d and %d calls per key%n",
          seconds, reads.sum(), perKeyA, perKeyB);
      return Math.abs(perKeyA - seconds) <= 2 && Math.abs(perKeyB - seconds) <= 2;
    }
  }

  private static boolean vaultLogins() throws Exception {
    try (FakeVault vault = FakeVault.start().mountKv("secret", 2)) {
      vault.enableAppRole("approle", "role-id-1", "secret-id-1", Duration.ofHours(1), true);
      vault.put("secret", "app/db", Map.of("password", "p"));
      try (Secrets secrets = Secrets.builder().environment(Map.of())
          .setting("secrets4j.hashicorp-vault.url", vault.url())
          .setting("secrets4j.hashicorp-vault.auth-method", "approle")
          .setting("secrets4j.hashicorp-vault.role-id", "role-id-1")
          .setting("secrets4j.hashicorp-vault.secret-id", "secret-id-1")
          .setting("secrets4j.hashicorp-vault.cache.ttl", "0")
          .build()) {
        Secret secret = secrets.secret("DB").provider("hashicorp-vault")
            .parameter("path", "app/db").parameter("key", "password").build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          workers.add(pool.submit(() -> {
            for (int n = 0; n < 250; n++) {
              secret.getValue();
            }
            return null;
          }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
        pool.shutdown();
        long reads = vault.count("GET", "/v1/secret/data/app/db");
        System.out.printf("3. Vault AppRole, 8 threads, %d reads reaching Vault: %d login(s)%n",
            reads, vault.logins());
        return vault.logins() == 1 && reads == 2000;
      }
    }
  }
}
