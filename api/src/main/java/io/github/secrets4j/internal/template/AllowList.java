package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import io.github.secrets4j.internal.Text;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * What a parameter template may use, and the check that it uses nothing else: property reads,
 * literals, operators, the filters, tests and functions below, and the {@code if} and {@code for}
 * tags. Tags are refused while parsing ({@link SandboxContext#getTag}); every expression of the
 * parsed tree is parsed here once more and walked, so a filter, test, function or method call
 * outside the lists is refused when the secret is built, naming the construct.
 */
final class AllowList {
  /** Tags, with their continuation and end tags. */
  static final Set<String> TAGS = Set.of("if", "elif", "else", "endif", "for", "endfor");

  static final Set<String> FILTERS = Set.of("upper", "lower", "trim", "title", "capitalize",
      "replace", "regex_replace", "default", "length", "join", "first", "last", "string", "int");

  static final Set<String> TESTS = Set.of("defined", "undefined", "none", "number", "string",
      "even", "odd", "divisibleby", "equalto", "eq", "ne");

  static final Set<String> FUNCTIONS = Set.of("range");

  private static final Pattern IN = Pattern.compile("\\sin\\s");

  private static final Builder BUILDER =
      new KeyCheckingBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private AllowList() {}

  /** The expression tree builder the engine uses: computed keys are checked ({@link #checkKey}). */
  static Builder builder() {
    return BUILDER;
  }

  /**
   * Walks every expression of a parsed template.
   *
   * @throws TemplateException naming the first construct that is not allowed
   */
  static void check(Node root) {
    ArrayDeque<Node> nodes = new ArrayDeque<>();
    nodes.push(root);
    while (!nodes.isEmpty()) {
      Node node = nodes.pop();
      if (node instanceof ExpressionNode) {
        checkExpression(((ExpressionToken) node.getMaster()).getExpr());
      } else if (node instanceof TagNode) {
        TagNode tag = (TagNode) node;
        String name = tag.getTag().getName();
        if (!TAGS.contains(name)) {
          throw notAllowed("the {% " + name + " %} tag");
        }
        if (name.equals("for")) {
          // As the engine's for tag splits it: "item in expression".
          Matcher in = IN.matcher(tag.getHelpers());
          checkExpression(in.find() ? tag.getHelpers().substring(in.end()) : tag.getHelpers());
        } else if (!name.equals("else")) {
          checkExpression(tag.getHelpers());
        }
      }
      for (Node child : node.getChildren()) {
        nodes.push(child);
      }
    }
  }

  private static void checkExpression(String expression) {
    if (expression == null || expression.isBlank()) {
      return;
    }
    AstNode root;
    try {
      root = (AstNode) BUILDER.build("#{" + expression.trim() + "}").getRoot();
    } catch (RuntimeException e) {
      throw new TemplateException("template syntax error: " + Text.escape(e.getMessage(), 160));
    }
    ArrayDeque<AstNode> nodes = new ArrayDeque<>();
    nodes.push(root);
    while (!nodes.isEmpty()) {
      AstNode node = nodes.pop();
      if (node instanceof AstMethod) {
        checkCall((AstMethod) node);
      } else if (node instanceof AstFunction) {
        String name = ((AstFunction) node).getName();
        if (!FUNCTIONS.contains(name)) {
          throw notAllowed("the function " + name + "()");
        }
      } else if (node instanceof AstIdentifier) {
        checkName(((AstIdentifier) node).getName());
      }
      for (int i = 0; i < node.getCardinality(); i++) {
        AstNode child = (AstNode) node.getChild(i);
        if (child != null) { // an open end of a slice
          nodes.push(child);
        }
      }
    }
  }

  /** A call is allowed only in the form the parser gives a filter or a test. */
  private static void checkCall(AstMethod method) {
    AstNode target = (AstNode) method.getChild(0);
    if (target instanceof AstDot && target.getChild(0) instanceof AstIdentifier) {
      String base = ((AstIdentifier) target.getChild(0)).getName();
      String call = target.toString();
      if (base.startsWith(ExtendedParser.FILTER_PREFIX) && call.equals(". filter")
          || base.startsWith(ExtendedParser.EXPTEST_PREFIX)
              && (call.equals(". evaluate") || call.equals(". evaluateNegated"))) {
        return;
      }
    }
    String name = target instanceof AstDot ? target.toString().substring(2) : "[...]";
    throw new TemplateException("method calls are not allowed (\"" + Text.escape(name, 80)
        + "\" called in a parameter template)");
  }

  private static void checkName(String name) {
    if (name.startsWith(ExtendedParser.FILTER_PREFIX)) {
      String filter = name.substring(ExtendedParser.FILTER_PREFIX.length());
      if (!FILTERS.contains(filter)) {
        throw notAllowed("the filter |" + filter);
      }
    } else if (name.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
      String test = name.substring(ExtendedParser.EXPTEST_PREFIX.length());
      if (!TESTS.contains(test)) {
        throw notAllowed("the test \"is " + test + "\"");
      }
    }
  }

  private static TemplateException notAllowed(String what) {
    return new TemplateException(Text.escape(what, 80) + " is not allowed in a parameter template"
        + " (see the README's template section)");
  }

  /**
   * Refuses a computed key ({@code x[key]}) that names one of the engine's own objects: its
   * interpreter, a filter or a test. The engine answers those names for any base object, before
   * the sandbox's resolver is asked.
   */
  static void checkKey(Object key) {
    if (key instanceof CharSequence) {
      String name = key.toString();
      if (name.equals(ExtendedParser.INTERPRETER) || name.startsWith(ExtendedParser.FILTER_PREFIX)
          || name.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
        String what = "the key \"" + Text.escape(name, 80) + "\" is reserved by the template engine";
        RenderState state = RenderState.current();
        if (state != null) {
          state.refused(what);
        }
        throw new SandboxElResolver.SandboxViolation(what);
      }
    }
  }

  /** jinjava's expression syntax, with computed keys checked. */
  private static final class KeyCheckingBuilder extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;

    KeyCheckingBuilder(Feature... features) {
      super(features);
    }

    @Override
    protected Parser createParser(String expression) {
      return new ExtendedParser(this, expression) {
        @Override
        protected AstBracket createAstBracket(
            AstNode base, AstNode property, boolean lvalue, boolean strict) {
          return new CheckedBracket(base, property, lvalue, strict,
              context.isEnabled(Feature.IGNORE_RETURN_TYPE));
        }
      };
    }
  }

  /** {@code base[key]} whose key is checked once computed. */
  private static final class CheckedBracket extends AstBracket {
    CheckedBracket(AstNode base, AstNode property, boolean lvalue, boolean strict,
        boolean ignoreReturnType) {
      super(base, property, lvalue, strict, ignoreReturnType);
    }

    @Override
    protected Object getProperty(Bindings bindings, ELContext context) {
      Object key = super.getProperty(bindings, context);
      checkKey(key);
      return key;
    }
  }
}
