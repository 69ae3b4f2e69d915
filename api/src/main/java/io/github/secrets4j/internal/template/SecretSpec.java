package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.tree.Node;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.spi.SecretRequest;
import java.util.Map;

/**
 * What the runtime needs of a secret to resolve it: names, provider, and the parameters compiled
 * once. Literal parameters never touch the template engine; templated ones are parsed when the
 * secret is built (so syntax errors show at once) and rendered per request. Immutable; holds no
 * value, no runtime and no object. For an untemplated secret the request without an object is
 * built here, once, since nothing about it can change.
 */
public final class SecretSpec {
  private final String name;
  private final String slug;
  private final String provider;
  private final String[] names;
  private final String[] literals;
  private final Compiled[] templates;
  private final SecretRequest bareRequest;

  /**
   * Compiles the parameters.
   *
   * @throws SecretParametersError naming the parameter whose template does not parse
   */
  public SecretSpec(String name, String slug, String provider, Map<String, String> parameters) {
    this.name = name;
    this.slug = slug;
    this.provider = provider;
    int size = parameters.size();
    names = new String[size];
    literals = new String[size];
    templates = new Compiled[size];
    boolean literalOnly = true;
    int i = 0;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      names[i] = parameter.getKey();
      if (isTemplate(parameter.getValue())) {
        literalOnly = false;
        try {
          templates[i] = Compiled.of(parameter.getValue());
        } catch (TemplateException e) {
          throw error(names[i], e.getMessage());
        }
      } else {
        literals[i] = parameter.getValue();
      }
      i++;
    }
    bareRequest = literalOnly ? SecretRequest.of(name, slug, provider, render(null), null) : null;
  }

  /**
   * Returns whether {@code value} contains template syntax. Values without it never reach the
   * template engine, which is then not even loaded.
   */
  private static boolean isTemplate(String value) {
    return value.contains("{{") || value.contains("{%") || value.contains("{#");
  }

  /** Returns the secret's name. */
  public String name() {
    return name;
  }

  /** Returns the provider's slug. */
  public String provider() {
    return provider;
  }

  /**
   * Returns the request for {@code obj}: the parameters rendered once.
   *
   * @throws SecretParametersError naming the parameter that failed to render and why
   */
  public SecretRequest request(Object obj) {
    if (bareRequest != null) {
      return obj == null ? bareRequest
          : SecretRequest.of(name, slug, provider, bareRequest.parameters(), obj);
    }
    return SecretRequest.of(name, slug, provider, render(obj), obj);
  }

  /**
   * Returns the parameters rendered for {@code obj}, unmodifiable, in definition order.
   *
   * @throws SecretParametersError naming the parameter that failed to render and why
   */
  public Map<String, String> render(Object obj) {
    if (bareRequest != null) {
      return bareRequest.parameters();
    }
    String[] rendered = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      if (templates[i] == null) {
        rendered[i] = literals[i];
        continue;
      }
      try {
        rendered[i] = templates[i].render(obj);
      } catch (TemplateException e) {
        String reason = e.getMessage();
        if (obj == null && reason.startsWith("obj")) {
          reason = "obj is undefined (no object was given)";
        }
        throw error(names[i], reason);
      }
    }
    return FrozenMap.adopt(names, rendered);
  }

  /**
   * Returns whether {@code rendered} may be a rendering of these parameters: the same names, and
   * every literal parameter equal. Templated parameters match any value.
   */
  public boolean mayHaveRendered(Map<String, String> rendered) {
    if (rendered.size() != names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      String value = rendered.get(names[i]);
      if (value == null || (templates[i] == null && !value.equals(literals[i]))) {
        return false;
      }
    }
    return true;
  }

  private SecretParametersError error(String parameter, String reason) {
    return new SecretParametersError(name, provider,
        "The \"" + parameter + "\" parameter could not be rendered: " + reason);
  }

  @Override
  public String toString() {
    return "SecretSpec{name=\"" + name + "\", provider=\"" + provider + "\"}";
  }

  /**
   * One templated parameter: its fast form when it has the common shape (then the engine is
   * used, and loaded, only when the fast form declines an object), else the engine's parse tree.
   */
  private static final class Compiled {
    private final String source;
    private final FastTemplate fast;
    private volatile Node node;

    private Compiled(String source, FastTemplate fast, Node node) {
      this.source = source;
      this.fast = fast;
      this.node = node;
    }

    static Compiled of(String source) {
      FastTemplate fast = FastTemplate.parse(source);
      return fast != null ? new Compiled(source, fast, null)
          : new Compiled(source, null, TemplateEngine.get().compile(source));
    }

    String render(Object obj) {
      if (fast != null) {
        String rendered = fast.render(obj);
        if (rendered != null) {
          return rendered;
        }
      }
      Node tree = node;
      if (tree == null) {
        tree = TemplateEngine.get().compile(source);
        node = tree;
      }
      return TemplateEngine.get().render(tree, obj);
    }
  }
}
