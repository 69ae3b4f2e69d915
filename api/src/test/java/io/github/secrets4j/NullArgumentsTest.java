package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.Restriction;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every public constructor and method of the api module's public classes (packages
 * {@code io.github.secrets4j} and {@code io.github.secrets4j.spi}, nested builders included) and
 * calls each with {@code null} in one reference parameter at a time. Each call must throw a
 * {@link NullPointerException} whose message names the argument (an explicit
 * {@code Objects.requireNonNull(x, "x")}, not the JVM's "Cannot invoke ... because ..." message),
 * unless its javadoc documents that it accepts {@code null} (listed in {@link #ACCEPTS_NULL}).
 * Interfaces are left out: their methods are implemented by providers, not by this library.
 */
class NullArgumentsTest {
  /** Parameters documented as accepting null: "method(param types)#index". */
  private static final Set<String> ACCEPTS_NULL = Set.of(
      "Secret.getValue(Object)#0",
      "Secret.getValue(Object,SecretKind)#0",
      "Secrets.getValue(Secret,Object)#1",
      "Secrets.getValue(Secret,Object,SecretKind)#1",
      "Secrets.invalidate(Secret,Object)#1",
      "Secrets.onChange(Secret,Object,Consumer)#1",
      "Secret.renderedParameters(Object)#0",
      "SecretsGroup.getSecretValue(AccessType,SecretType,Object)#2",
      "SecretRequest.of(String,String,String,Map,Object)#4",
      "SecretUnexpectedError(String,String,String,Throwable)#3",
      "SecretError(String,String,String,Throwable)#3",
      "SecretParametersError(String,String,String,Throwable)#3",
      "SecretProviderError(String,String,String,Throwable)#3",
      "SecretValueNotFoundError(String,String,String,Throwable)#3",
      "SecretValueInvalidError(String,String,String,Throwable)#3",
      // Passes the cause to SecretProviderError, where it may be null; its own javadoc does not
      // say so yet (spi/SecretRequest.java, reported to the lead).
      "SecretRequest.providerError(String,Throwable)#1",
      // Documented: null is printed as "null".
      "UntrustedText.escape(CharSequence)#0",
      "UntrustedText.escape(CharSequence,int)#0",
      // Documented: null clears the owner (an entry the host put).
      "Builder.owner(String)#0");

  private final List<Secrets> opened = new ArrayList<>();

  private Secrets secrets() {
    Secrets secrets = Secrets.builder().discoverProviders(false)
        .provider(new TestProviders.Scripted("recording", request -> "v")).build();
    opened.add(secrets);
    return secrets;
  }

  private Secret secret() {
    return secrets().secret("S").provider("recording").parameter("key", "k").build();
  }

  /** A fresh, valid instance of {@code type}, for a receiver or an argument. */
  private Object sample(Class<?> type) {
    if (type == String.class) {
      return "x";
    }
    if (type == Object.class) {
      return "obj";
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class || type == long.class) {
      return type == int.class ? (Object) 1 : (Object) 1L;
    }
    if (type == Map.class) {
      return new HashMap<>();
    }
    if (type == Duration.class) {
      return Duration.ZERO;
    }
    if (type == Throwable.class) {
      return new RuntimeException("cause");
    }
    if (type == ClassLoader.class) {
      return getClass().getClassLoader();
    }
    if (type == AccessType.class) {
      return AccessType.GENERIC;
    }
    if (type == SecretType.class) {
      return SecretType.PASSWORD;
    }
    if (type == Secrets.class) {
      return secrets();
    }
    if (type == Secrets.Builder.class) {
      return Secrets.builder();
    }
    if (type == Secret.class) {
      return secret();
    }
    if (type == Secret.Builder.class) {
      return secrets().secret("S");
    }
    if (type == SecretsGroup.class) {
      return SecretsGroup.builder("G").secret(AccessType.SSH, SecretType.PASSWORD, secret()).build();
    }
    if (type == SecretsGroup.Builder.class) {
      return SecretsGroup.builder("G");
    }
    if (type == SecretsProvider.class) {
      return new TestProviders.Scripted("other", request -> "v");
    }
    if (type == SecretRequest.class) {
      return SecretRequest.of("S", "s", "recording", Map.of("key", "k"), null);
    }
    if (type == ProviderContext.class) {
      return new ProviderContext() {
        @Override
        public Optional<String> setting(String key) {
          return Optional.empty();
        }

        @Override
        public Optional<String> environmentVariable(String name) {
          return Optional.empty();
        }
      };
    }
    if (type == CachePolicy.class) {
      return CachePolicy.none();
    }
    if (type == CacheStats.class) {
      return CacheStats.empty();
    }
    if (type == String[].class) {
      return new String[] {"/sample"};
    }
    if (type == SecretsPolicy.Builder.class) {
      return SecretsPolicy.builder();
    }
    if (type == SecretsPolicy.Rule.Builder.class) {
      SecretsPolicy.Rule.Builder[] captured = new SecretsPolicy.Rule.Builder[1];
      SecretsPolicy.builder().allow("sample", rule -> captured[0] = rule);
      return captured[0];
    }
    if (type == SecretsStats.class) {
      return secrets().stats();
    }
    if (type == SecretsPolicy.class) {
      return SecretsPolicy.allowAll();
    }
    if (type == java.time.InstantSource.class) {
      return java.time.InstantSource.system();
    }
    if (type == java.util.concurrent.Executor.class) {
      return (java.util.concurrent.Executor) Runnable::run;
    }
    if (type == java.util.function.Consumer.class) {
      return (java.util.function.Consumer<Object>) ignored -> { };
    }
    if (type == java.util.random.RandomGenerator.class) {
      return (java.util.random.RandomGenerator) () -> 0L;
    }
    if (type == List.class) {
      return List.of("/sample");
    }
    if (type == Restriction.class) {
      return Restriction.none();
    }
    if (type == SecretKind.class) {
      return SecretKind.ENV;
    }
    if (type == SecretMetadata.class) {
      return SecretMetadata.empty();
    }
    if (type == SecretMetadata.Builder.class) {
      return SecretMetadata.builder();
    }
    if (type == StoredSecret.class) {
      return StoredSecret.builder("k").created(java.time.Instant.EPOCH)
          .updated(java.time.Instant.EPOCH).build();
    }
    if (type == StoredSecret.Builder.class) {
      return StoredSecret.builder("k");
    }
    if (type == SecretStore.class) {
      Secrets secrets = Secrets.builder().discoverProviders(false)
          .provider(new WritableTestProvider("writable", java.time.InstantSource.system()))
          .build();
      opened.add(secrets);
      return secrets.store("writable");
    }
    if (type == Set.class) {
      return Set.of("p");
    }
    if (type == CharSequence.class) {
      return "x";
    }
    if (type == ParameterSpec.class) {
      return ParameterSpec.required("key", "the key");
    }
    if (SecretError.class.isAssignableFrom(type)) {
      return type == SecretsGroupError.class
          ? new SecretsGroupError("G", AccessType.SSH, SecretType.PASSWORD)
          : new SecretError("S", "p", "r");
    }
    if (type == java.nio.file.Path.class) {
      return java.nio.file.Path.of("/sample");
    }
    if (type == java.nio.file.Path[].class) {
      return new java.nio.file.Path[] {java.nio.file.Path.of("/sample")};
    }
    if (type == java.io.InputStream.class) {
      return new java.io.ByteArrayInputStream(new byte[0]);
    }
    if (type == SecretValueSource.class) {
      return new SecretValueSource.FromStdin();
    }
    if (type == SecretValueSource.Alphabet.class) {
      return SecretValueSource.Alphabet.HEX;
    }
    if (type == SecretDefinitions.class) {
      return SecretDefinitions.empty();
    }
    if (type == SecretDefinition.class) {
      return new SecretDefinition("n", "n", "", "opaque", "d", "f:1:1",
          new SecretDefinition.Provided("p", Map.of()));
    }
    if (type == SecretDefinition.Origin.class) {
      return new SecretDefinition.Provided("p", Map.of());
    }
    if (type == PlanOptions.class) {
      return PlanOptions.defaults();
    }
    if (type == SecretsPlan.class) {
      return secrets().plan();
    }
    if (type == PlannedChange.class) {
      return new PlannedChange(PlannedChange.Action.NOOP, "s", "p", "k", List.of("up to date"));
    }
    if (type == ProcessSecrets.Builder.class) {
      return ProcessSecrets.builder(secrets());
    }
    if (type == ProcessSecrets.class) {
      return ProcessSecrets.builder(secrets()).build();
    }
    if (type == ProcessSecrets.Session.class) {
      return ProcessSecrets.builder(secrets()).build().open(new ProcessBuilder("true"));
    }
    if (type == ProcessBuilder.class) {
      return new ProcessBuilder("true");
    }
    if (type == java.time.Instant.class) {
      return java.time.Instant.EPOCH;
    }
    if (type == SecretChange.class) {
      return SecretChange.of("n", "n", "p", java.time.Instant.EPOCH);
    }
    if (type == SecretReference.class) {
      return SecretReference.parse("secret:k");
    }
    if (type == SecretsTarget.class) {
      return new SecretsTarget("t", Map.of(), Map.of());
    }
    throw new AssertionError("no sample for " + type.getName() + ": add one");
  }

  @Test
  void everyPublicMethodRejectsNullNamingTheArgumentUnlessDocumentedOtherwise() throws Exception {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : publicApiClasses()) {
      List<Executable> executables = new ArrayList<>(List.of(type.getConstructors()));
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()
            && !method.getName().equals("equals")) {
          executables.add(method);
        }
      }
      for (Executable executable : executables) {
        Class<?>[] parameters = executable.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
          if (parameters[i].isPrimitive()) {
            continue;
          }
          checked++;
          String id = describe(executable) + "#" + i;
          Throwable thrown = callWithNull(executable, i);
          if (ACCEPTS_NULL.contains(id)) {
            if (thrown instanceof NullPointerException) {
              problems.add(id + " is documented to accept null but threw " + thrown);
            }
            continue;
          }
          if (!(thrown instanceof NullPointerException)) {
            problems.add(id + " accepted null" + (thrown == null ? "" : " and threw " + thrown));
          } else if (thrown.getMessage() == null || thrown.getMessage().startsWith("Cannot ")
              || thrown.getMessage().contains(" because ")) {
            problems.add(id + " threw an NPE that does not name the argument: " + thrown);
          }
        }
      }
    }
    opened.forEach(Secrets::close);
    assertThat(checked).as("parameters checked").isGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  private Throwable callWithNull(Executable executable, int nullIndex) throws Exception {
    Class<?>[] parameters = executable.getParameterTypes();
    Object[] args = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      args[i] = i == nullIndex ? null : sample(parameters[i]);
    }
    try {
      if (executable instanceof Constructor) {
        ((Constructor<?>) executable).newInstance(args);
      } else {
        Method method = (Method) executable;
        Object receiver = Modifier.isStatic(method.getModifiers())
            ? null : sample(method.getDeclaringClass());
        method.invoke(receiver, args);
      }
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }

  private static String describe(Executable executable) {
    StringBuilder text = new StringBuilder(executable.getDeclaringClass().getSimpleName());
    if (executable instanceof Method) {
      text.append('.').append(executable.getName());
    }
    text.append('(');
    Class<?>[] parameters = executable.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      text.append(i == 0 ? "" : ",").append(parameters[i].getSimpleName());
    }
    return text.append(')').toString();
  }

  /** The public, non-interface classes of the two exported packages, nested ones included. */
  private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException {
    Path root = Path.of(Secrets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    for (String pkg : List.of("io/github/secrets4j", "io/github/secrets4j/spi")) {
      try (Stream<Path> files = Files.list(root.resolve(pkg))) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          String name = file.getFileName().toString();
          if (!name.endsWith(".class") || name.equals("package-info.class")) {
            continue;
          }
          String className = (pkg + "/" + name.substring(0, name.length() - 6)).replace('/', '.');
          Class<?> type;
          try {
            type = Class.forName(className, false, Secrets.class.getClassLoader());
          } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
          }
          if (Modifier.isPublic(type.getModifiers()) && !type.isInterface()
              && !type.isAnonymousClass() && !type.isSynthetic()
              && (type.getEnclosingClass() == null
                  || Modifier.isPublic(type.getEnclosingClass().getModifiers()))) {
            classes.add(type);
          }
        }
      }
    }
    assertThat(classes).contains(Secrets.class, Secret.Builder.class, SecretRequest.class);
    return classes;
  }
}
