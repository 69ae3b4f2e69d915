package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.tree.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A secret's parameters, compiled once: literal values are kept as they are and never touch the
 * template engine; templated ones are parsed once and rendered per request.
 */
public final class ParameterTemplates {
  private final String[] names;
  private final String[] literals;
  private final Object[] templates;
  private final FrozenMap allLiteral;

  private ParameterTemplates(String[] names, String[] literals, Object[] templates) {
    this.names = names;
    this.literals = literals;
    this.templates = templates;
    boolean literalOnly = true;
    for (Object template : templates) {
      literalOnly &= template == null;
    }
    if (literalOnly) {
      LinkedHashMap<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        map.put(names[i], literals[i]);
      }
      allLiteral = FrozenMap.adopt(map);
    } else {
      allLiteral = null;
    }
  }

  /**
   * Compiles every parameter.
   *
   * @throws ParameterException naming the parameter whose template does not parse
   */
  public static ParameterTemplates compile(Map<String, String> parameters) {
    int size = parameters.size();
    String[] names = new String[size];
    String[] literals = new String[size];
    Object[] templates = new Object[size];
    int i = 0;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      names[i] = parameter.getKey();
      if (isTemplate(parameter.getValue())) {
        try {
          templates[i] = Compiled.of(parameter.getValue());
        } catch (TemplateException e) {
          throw new ParameterException(parameter.getKey(), e.getMessage());
        }
      } else {
        literals[i] = parameter.getValue();
      }
      i++;
    }
    return new ParameterTemplates(names, literals, templates);
  }

  /**
   * Returns whether {@code value} contains template syntax. Values without it never reach the
   * template engine, which is then not even loaded.
   */
  public static boolean isTemplate(String value) {
    return value.contains("{{") || value.contains("{%") || value.contains("{#");
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

  /** Returns whether any parameter is a template. */
  public boolean isTemplated() {
    return allLiteral == null;
  }

  /**
   * Renders every parameter with {@code obj} (may be {@code null}).
   *
   * @return the rendered parameters, unmodifiable, in definition order
   * @throws ParameterException naming the parameter that failed to render
   */
  public Map<String, String> render(Object obj) {
    if (allLiteral != null) {
      return allLiteral;
    }
    LinkedHashMap<String, String> rendered = new LinkedHashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      if (templates[i] == null) {
        rendered.put(names[i], literals[i]);
        continue;
      }
      try {
        rendered.put(names[i], ((Compiled) templates[i]).render(obj));
      } catch (TemplateException e) {
        String reason = e.getMessage();
        if (obj == null && reason.startsWith("obj")) {
          reason = "obj is undefined (no object was given)";
        }
        throw new ParameterException(names[i], reason);
      }
    }
    return FrozenMap.adopt(rendered);
  }

  /**
   * One templated parameter: its fast form when it has the common shape (then the engine is
   * used, and loaded, only when the fast form declines an object), else the engine's parse tree,
   * made when the secret is built so syntax errors show at once.
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

  /** A parameter failed to compile or render. */
  public static final class ParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    ParameterException(String parameter, String reason) {
      super(reason, null, false, false);
      this.parameter = parameter;
    }

    /** Returns the parameter that failed. */
    public String parameter() {
      return parameter;
    }

    /** Returns the reason the secret's error should carry. */
    public String reason() {
      return "The \"" + parameter + "\" parameter could not be rendered: " + getMessage();
    }
  }
}
