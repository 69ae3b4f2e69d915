package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.tree.Node;
import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/**
 * The one sandboxed, strict jinjava engine shared by every secret. Loaded on first use only, so an
 * application whose parameters have no template never pays the engine's start-up.
 *
 * <p>Templates are parsed once ({@link #compile}) and rendered many times on pooled interpreters
 * (creating one costs far more than rendering; an interpreter is not thread-safe, so each render
 * borrows one exclusively).
 */
final class TemplateEngine {
  /** Largest rendered parameter, in characters. */
  public static final int MAX_OUTPUT = 16 * 1024;

  /** Largest {@code range()} and loop, in items. */
  public static final int MAX_RANGE = 1_000;

  /**
   * Most steps of work in one render: names resolved, expressions evaluated, and filter input
   * (one step per 256 characters).
   */
  public static final int MAX_STEPS = 100_000;

  /** Most loop iterations in one render, all loops together. */
  public static final int MAX_LOOP_ITERATIONS = 10_000;

  /** Deepest nesting of brackets in a template, and of tags in its tree. */
  public static final int MAX_NESTING = 64;

  /** The name under which the engine reaches itself from expressions; templates may not use it. */
  private static final String INTERPRETER_NAME = "____int3rpr3t3r____";

  private static final int MAX_POOLED = 64;

  /** Longest text of the engine's own messages, in code points. */
  private static final int MAX_MESSAGE = 200;

  private final Jinjava jinjava;
  private final JinjavaConfig config;
  private final ConcurrentLinkedQueue<JinjavaInterpreter> pool = new ConcurrentLinkedQueue<>();

  private TemplateEngine() {
    config =
        JinjavaConfig.newBuilder()
            .withFailOnUnknownTokens(true)
            .withNestedInterpretationEnabled(false)
            .withMaxOutputSize(MAX_OUTPUT)
            .withMaxStringLength(MAX_OUTPUT)
            .withMaxListSize(MAX_RANGE)
            .withMaxMapSize(MAX_RANGE)
            .withRangeLimit(MAX_RANGE)
            .withMaxRenderDepth(10)
            .withEnableRecursiveMacroCalls(false)
            .withReadOnlyResolver(true)
            .withElResolver(new SandboxElResolver())
            .build();
    // Expressions are parsed by the allow-list's builder, whose computed keys are checked.
    ExpressionFactory expressions = new ExpressionFactoryImpl(
        new TreeStore(AllowList.builder(), new Cache(1000)), new TruthyTypeConverter());
    jinjava = new Jinjava(config) {
      @Override
      public ExpressionFactory getExpressionFactory() {
        return expressions;
      }
    };
    jinjava.setResourceLocator(new NoResources());
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "range", StrictFunctions.class, "range", Object.class, Object[].class));
  }

  /** Returns the shared engine, creating it on first use. */
  public static TemplateEngine get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final TemplateEngine INSTANCE = new TemplateEngine();
  }

  /**
   * Parses a template once.
   *
   * @throws TemplateException if it does not parse; the message names what is wrong
   */
  public Node compile(String template) {
    if (template.contains(INTERPRETER_NAME)) {
      throw new TemplateException("template syntax error: " + INTERPRETER_NAME + " is reserved");
    }
    checkBracketNesting(template);
    JinjavaInterpreter interpreter = borrow();
    int before = interpreter.getErrors().size();
    boolean reusable = false;
    try {
      Node node = interpreter.parse(template);
      TemplateError error = firstError(interpreter, before);
      if (error != null) {
        throw new TemplateException("template syntax error: " + describe(error));
      }
      checkTreeNesting(node);
      AllowList.check(node);
      reusable = true;
      return node;
    } catch (TemplateException e) {
      reusable = true;
      throw e;
    } catch (SandboxElResolver.SandboxViolation e) {
      // A tag outside the allow-list, refused while parsing.
      reusable = true;
      throw new TemplateException(e.getMessage());
    } catch (RuntimeException e) {
      // Most syntax errors are recorded, but the tokenizer throws some (a malformed "{%}" tag).
      throw new TemplateException("template syntax error: " + engineMessage(e));
    } catch (StackOverflowError e) {
      throw tooDeep();
    } finally {
      if (reusable) {
        release(interpreter, before);
      }
    }
  }

  private static TemplateException tooDeep() {
    return new TemplateException(
        "template syntax error: nested more than " + MAX_NESTING + " levels deep");
  }

  /** Deep brackets make the expression parser recurse (and slow down) without bound. */
  private static void checkBracketNesting(String template) {
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        if (++depth > MAX_NESTING) {
          throw tooDeep();
        }
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }
  }

  /** Deeply nested tags make rendering recurse without bound; walked without recursion. */
  private static void checkTreeNesting(Node root) {
    java.util.ArrayDeque<Node> nodes = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
    nodes.push(root);
    depths.push(0);
    while (!nodes.isEmpty()) {
      Node node = nodes.pop();
      int depth = depths.pop();
      if (depth > MAX_NESTING) {
        throw tooDeep();
      }
      for (Node child : node.getChildren()) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }

  /**
   * Renders a compiled template with {@code obj} (may be {@code null}) as its only variable.
   *
   * @throws TemplateException if a value is undefined, the sandbox refused something or the
   *     engine reported an error
   */
  // pushCurrent/popCurrent are deprecated for closeablePushCurrent, which allocates a supplier
  // and two lambdas per render on the hot path; the pair in try/finally does the same job. The
  // scope is held only for its close().
  @SuppressWarnings({"deprecation", "try"})
  public String render(Node template, Object obj) {
    JinjavaInterpreter interpreter = borrow();
    int before = interpreter.getErrors().size();
    RenderState state = RenderState.enter();
    SandboxContext root = (SandboxContext) interpreter.getContext();
    root.attach(state);
    boolean reusable = true;
    JinjavaInterpreter.pushCurrent(interpreter);
    try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
      String output;
      try {
        if (obj != null) {
          interpreter.getContext().putAll(ObjectView.root(obj, state));
        }
        output = interpreter.render(template);
      } catch (RuntimeException e) {
        String problem = state.problem();
        throw new TemplateException(problem != null ? problem : engineMessage(e));
      } catch (StackOverflowError e) {
        // The interpreter's own bookkeeping may be half unwound: never pool it again.
        reusable = false;
        String problem = state.problem();
        throw new TemplateException(problem != null ? problem
            : "rendering recursed too deeply (StackOverflowError)");
      }
      if (state.problem() != null) {
        throw new TemplateException(state.problem());
      }
      TemplateError error = firstError(interpreter, before);
      if (error != null) {
        throw new TemplateException(describe(error));
      }
      return output;
    } finally {
      JinjavaInterpreter.popCurrent();
      root.attach(null);
      RenderState.exit();
      if (reusable) {
        release(interpreter, before);
      }
    }
  }

  private static String engineMessage(RuntimeException e) {
    // The engine's own messages name template tokens and tags (trusted definitions), never a
    // secret: secrets are fetched after rendering. They are still kept short.
    String message = e.getMessage();
    String type = e.getClass().getName();
    if (!type.startsWith("com.hubspot.jinjava.") && !type.startsWith("jinjava.")) {
      // Not the engine's: it came from the application's object, whose messages may hold anything.
      return "rendering failed: " + type;
    }
    if (message == null || message.isBlank()) {
      return "rendering failed: " + e.getClass().getSimpleName();
    }
    if (message.startsWith("Unknown token found: ")) {
      return Text.escape(message.substring("Unknown token found: ".length()).strip(), MAX_MESSAGE)
          + " is undefined";
    }
    // They may quote a value (a filter's input): escaped and bounded like any text from obj.
    return Text.escape(message, MAX_MESSAGE);
  }

  private static TemplateError firstError(JinjavaInterpreter interpreter, int before) {
    List<TemplateError> errors = interpreter.getErrors();
    for (int i = before; i < errors.size(); i++) {
      TemplateError error = errors.get(i);
      if (error.getSeverity() != TemplateError.ErrorType.WARNING || isStrictWarning(error)) {
        return error;
      }
    }
    return null;
  }

  private static boolean isStrictWarning(TemplateError error) {
    // Warnings that mean "this did not render what the template says": treated as errors.
    switch (error.getReason()) {
      case SYNTAX_ERROR:
      case UNKNOWN:
      case EXCEPTION:
      case MISSING:
      case DISABLED:
      case INVALID_ARGUMENT:
      case INVALID_INPUT:
      case OUTPUT_TOO_BIG:
      case OVER_LIMIT:
      case COLLECTION_TOO_BIG:
        return true;
      default:
        return false;
    }
  }

  private static String describe(TemplateError error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      message = String.valueOf(error.getReason()).toLowerCase(java.util.Locale.ROOT);
    }
    return Text.escape(message, MAX_MESSAGE)
        + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
  }

  private JinjavaInterpreter borrow() {
    JinjavaInterpreter interpreter = pool.poll();
    return interpreter != null ? interpreter
        : new JinjavaInterpreter(jinjava, new SandboxContext(), config);
  }

  private void release(JinjavaInterpreter interpreter, int errorsBefore) {
    while (interpreter.getErrors().size() > errorsBefore) {
      interpreter.removeLastError();
    }
    if (interpreter.getScopeDepth() <= 1 && pool.size() < MAX_POOLED) {
      pool.offer(interpreter);
    }
  }

  /** Refuses every resource: templates cannot read files or class path resources. */
  private static final class NoResources implements ResourceLocator {
    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter)
        throws IOException {
      throw new IOException("templates cannot load resources");
    }
  }
}
