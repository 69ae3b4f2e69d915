package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.encryptedfile.EncryptedFileProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Definition files (issue 12): {@code Secrets.builder().definitions(path).build()} of a file of
 * 1,000 secrets, then {@code close()}: the file read and parsed, every problem checked (fields,
 * names, slugs, templates, the providers' required parameters, references), the providers it names
 * created. Half the secrets are read from providers ({@code environment-variable}, one parameter a
 * template; {@code text-file}), half managed in {@code encrypted-file} ({@code fromEnv},
 * {@code generate}); 100 groups of 4 and a target of 200 variables. Reported in ms (no target).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DefinitionsBenchmark {
  static final int SECRETS = 1_000;
  static final int GROUPS = 100;
  static final int TARGET_VARIABLES = 200;

  private Path base;
  private Path definitions;
  private Map<String, String> settings;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench-definitions").toRealPath();
    definitions = base.resolve("bench.yaml");
    Files.writeString(definitions, file(base));
    settings = Map.of(EncryptedFileProvider.PATH, base.resolve("store.json").toString());
    try (Secrets secrets = loadAndValidate()) {
      if (secrets.definitions().secrets().size() != SECRETS
          || secrets.definitions().groups().size() != GROUPS
          || secrets.target("bench-target").env().size() != TARGET_VARIABLES) {
        throw new IllegalStateException("the file did not load as written: " + secrets.definitions());
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    EncryptedFileBenchmark.deleteTree(base);
  }

  /** The YAML text of the 1,000-secret file, its {@code text-file} paths under {@code base}. */
  static String file(Path base) {
    StringBuilder yaml = new StringBuilder("apiVersion: secrets4j/v1\nkind: SecretsDefinition\n"
        + "metadata: { name: bench }\nsecrets:\n");
    for (int i = 0; i < SECRETS; i++) {
      String name = name(i);
      switch (i % 4) {
        case 0 -> yaml.append("  - { name: ").append(name).append(", provider: environment-variable, ")
            .append("parameters: { variable: \"V_{{ obj.site }}_").append(i).append("\" } }\n");
        case 1 -> yaml.append("  - { name: ").append(name).append(", provider: text-file, ")
            .append("parameters: { path: \"").append(base).append("/secrets/").append(i)
            .append(".txt\" } }\n");
        case 2 -> yaml.append("  - { name: ").append(name).append(", store: encrypted-file, key: \"app/")
            .append(i).append("\", description: \"secret ").append(i)
            .append("\", value: { fromEnv: V").append(i).append(" } }\n");
        default -> yaml.append("  - { name: ").append(name).append(", store: encrypted-file, ")
            .append("labels: { team: netops }, value: { generate: { length: 40, alphabet: hex } } }\n");
      }
    }
    yaml.append("groups:\n");
    for (int g = 0; g < GROUPS; g++) {
      yaml.append("  - name: group-").append(g).append("\n    secrets:\n");
      String[] types = {"username", "password", "secret", "token"};
      for (int t = 0; t < types.length; t++) {
        yaml.append("      - { access: Generic, type: ").append(types[t]).append(", secret: ")
            .append(name(g * 4 + t)).append(" }\n");
      }
    }
    yaml.append("targets:\n  - name: bench-target\n    env:\n");
    for (int i = 0; i < TARGET_VARIABLES; i++) {
      yaml.append("      VAR_").append(i).append(": ").append(name(i)).append('\n');
    }
    return yaml.toString();
  }

  static String name(int i) {
    return String.format("s-%05d", i);
  }

  /** Loads and validates the file into a new runtime and closes it. */
  @Benchmark
  public int loadValidateAndClose() {
    try (Secrets secrets = loadAndValidate()) {
      return secrets.definitions().secrets().size();
    }
  }

  Secrets loadAndValidate() {
    return Secrets.builder().settings(settings).definitions(definitions).build();
  }
}
