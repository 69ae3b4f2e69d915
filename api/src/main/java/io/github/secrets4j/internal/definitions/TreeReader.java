package io.github.secrets4j.internal.definitions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads one definition file, YAML or JSON, into a tree of {@link Node}s with Jackson's streaming
 * parser, so that every node keeps the line and column of its token. Reports duplicate keys, too
 * deep nesting, unknown aliases and syntax errors as problems. A YAML alias shares its anchor's
 * node; the aliases of a file may expand it to at most {@value #MAX_NODES} nodes, so a "billion
 * laughs" file stops at once with a problem instead of being walked.
 */
final class TreeReader {
  /** The largest file read, in bytes: 1 MiB. */
  static final int MAX_BYTES = 1 << 20;
  /** The deepest nesting of mappings and lists. */
  static final int MAX_DEPTH = 20;
  /** The most aliases a file may use. */
  static final int MAX_ALIASES = 1_000;
  /** The most nodes a file may expand to, its aliases expanded. */
  static final long MAX_NODES = 100_000;

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH + 10)
      .maxDocumentLength(MAX_BYTES)
      .maxStringLength(MAX_BYTES)
      .maxNameLength(MAX_BYTES)
      .maxNumberLength(100)
      .build();
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(CONSTRAINTS)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final YAMLFactory YAML = new AnchoringFactory(YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(CONSTRAINTS)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));

  private final String source;
  private final Problems problems;
  private final Map<String, Node> anchors = new HashMap<>();
  private long nodes;
  private int aliases;

  private TreeReader(String source, Problems problems) {
    this.source = source;
    this.problems = problems;
  }

  private static LoaderOptions loaderOptions() {
    // Jackson reads SnakeYAML's events, not its composed nodes, so most composer limits do not
    // apply; they are set all the same, and this reader bounds aliases, depth and size itself.
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    // Duplicate keys are found by this reader, which reports them all; SnakeYAML's check
    // (Jackson honours it) would stop at the first.
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /**
   * Jackson's YAML factory, whose parsers also tell a scalar's anchor ({@code &name text}), which
   * Jackson's own parser does not (it tells only those of mappings and lists).
   */
  private static final class AnchoringFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AnchoringFactory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext context)
        throws IOException {
      return new AnchoringParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions,
          _objectCodec, _createReader(data, offset, len, null, context));
    }
  }

  /** A YAML parser that tells the anchor of the current value, a scalar's too. */
  private static final class AnchoringParser extends YAMLParser {
    AnchoringParser(IOContext context, int features, int yamlFeatures, LoaderOptions options,
        ObjectCodec codec, Reader reader) {
      super(context, features, yamlFeatures, options, codec, reader);
    }

    /** The current value's anchor; null when it has none. */
    String anchor() {
      if (_lastEvent instanceof ScalarEvent scalar && !isCurrentAlias()) {
        return scalar.getAnchor();
      }
      return getCurrentAnchor();
    }
  }

  /** Thrown to stop reading a file after a problem that leaves nothing else worth reading. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads {@code bytes} as JSON when {@code json}, else as YAML.
   *
   * @return the root node, or empty when the file could not be read (the problems say why)
   */
  static Optional<Node> read(byte[] bytes, String source, boolean json, Problems problems) {
    return new TreeReader(source, problems).read(bytes, json);
  }

  private Optional<Node> read(byte[] bytes, boolean json) {
    try (JsonParser parser = json ? JSON.createParser(bytes) : YAML.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(source, 1, 1, "the file is empty");
        return Optional.empty();
      }
      Node root = value(parser, 1, false);
      JsonToken next = parser.nextToken();
      if (next != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(source, at.getLineNr(), at.getColumnNr(),
            "a definition file holds one document; found more");
      }
      return Optional.of(root);
    } catch (Stop e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      syntaxError(e);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      MarkedYAMLException marked = marked(e);
      if (marked != null) {
        syntaxError(marked);
      } else {
        problems.add(source, 1, 1, "cannot be parsed: " + e.getClass().getName());
      }
      return Optional.empty();
    }
  }

  /** Reads the value at the current token; {@code hidden}: it is under a {@code value:} key. */
  private Node value(JsonParser parser, int depth, boolean hidden) throws IOException, Stop {
    JsonToken token = parser.currentToken();
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    String anchor = parser instanceof AnchoringParser yaml ? yaml.anchor() : null;
    Node node;
    switch (token) {
      case START_OBJECT -> node = mapping(parser, depth, line, column, hidden);
      case START_ARRAY -> node = sequence(parser, depth, line, column, hidden);
      case VALUE_STRING -> {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          return alias(parser.getText(), line, column, hidden);
        }
        node = Node.scalar(Node.Type.STRING, line, column, parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          node = Node.scalar(Node.Type.NUMBER, line, column, parser.getText());
      case VALUE_TRUE -> node = Node.scalar(Node.Type.BOOLEAN, line, column, "true");
      case VALUE_FALSE -> node = Node.scalar(Node.Type.BOOLEAN, line, column, "false");
      case VALUE_NULL -> node = Node.scalar(Node.Type.NULL, line, column, null);
      default -> {
        problems.add(source, line, column, "unsupported value (a tagged or binary YAML value?)");
        node = Node.scalar(Node.Type.INVALID, line, column, null);
      }
    }
    if (++nodes > MAX_NODES) {
      tooMany(line, column);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private Node mapping(JsonParser parser, int depth, int line, int column, boolean hidden)
      throws IOException, Stop {
    tooDeep(depth, line, column);
    Map<String, Node.Field> fields = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonLocation at = parser.currentTokenLocation();
      parser.nextToken();
      Node value = value(parser, depth + 1, hidden || "value".equals(name));
      Node.Field field = new Node.Field(name, at.getLineNr(), at.getColumnNr(), value);
      Node.Field first = fields.putIfAbsent(name, field);
      if (first != null) {
        // A key under value: is never shown: it could be a value written where it must not be.
        problems.add(source, field.line(), field.column(), "duplicate key "
            + (hidden ? "(not shown: it is under a value)" : "\"" + Text.escape(name, 100) + "\"")
            + " (first at line " + first.line() + ")");
      }
    }
    if (token != JsonToken.END_OBJECT) {
      problems.add(source, line, column, "unexpected end of a mapping");
      throw new Stop();
    }
    return Node.mapping(line, column, fields);
  }

  private Node sequence(JsonParser parser, int depth, int line, int column, boolean hidden)
      throws IOException, Stop {
    tooDeep(depth, line, column);
    List<Node> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        problems.add(source, line, column, "unexpected end of a list");
        throw new Stop();
      }
      items.add(value(parser, depth + 1, hidden));
    }
    return Node.sequence(line, column, items);
  }

  /**
   * The node an alias stands for. An unknown alias is a problem that never names it under a
   * {@code value:} key: a plain value starting with {@code *} reads as an alias, so its name could
   * be a password.
   */
  private Node alias(String name, int line, int column, boolean hidden) throws Stop {
    Node anchored = anchors.get(name);
    if (anchored == null) {
      problems.add(source, line, column, "unknown alias "
          + (hidden ? "(not shown: it is under a value)" : "*" + Text.escape(name, 100)));
      return Node.scalar(Node.Type.INVALID, line, column, null);
    }
    if (++aliases > MAX_ALIASES) {
      problems.add(source, line, column, "more than " + MAX_ALIASES + " YAML aliases");
      throw new Stop();
    }
    nodes += anchored.size;
    if (nodes > MAX_NODES) {
      tooMany(line, column);
    }
    return anchored;
  }

  private void tooMany(int line, int column) throws Stop {
    problems.add(source, line, column, "the file expands to more than " + MAX_NODES
        + " values (YAML aliases expanded); refusing to read it");
    throw new Stop();
  }

  private void tooDeep(int depth, int line, int column) throws Stop {
    if (depth > MAX_DEPTH) {
      problems.add(source, line, column, "nested deeper than " + MAX_DEPTH + " levels");
      throw new Stop();
    }
  }

  private void syntaxError(JsonProcessingException e) {
    MarkedYAMLException marked = marked(e);
    if (marked != null) {
      syntaxError(marked);
      return;
    }
    JsonLocation at = e.getLocation();
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
        : e.getOriginalMessage();
    problems.add(source, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
        "syntax error: " + clean(message));
  }

  private void syntaxError(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String context = e.getContext() == null ? "" : e.getContext() + ": ";
    problems.add(source, mark == null ? 1 : mark.getLine() + 1,
        mark == null ? 1 : mark.getColumn() + 1,
        "syntax error: " + clean(context + (e.getProblem() == null ? "" : e.getProblem())));
  }

  private static MarkedYAMLException marked(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked) {
        return marked;
      }
    }
    return null;
  }

  private static final Pattern QUOTED = Pattern.compile("'[^']*'");
  /** What a parser quotes of its own: {@code '<block end>'}, {@code ','}. */
  private static final Pattern GRAMMAR = Pattern.compile("'(?:<[a-z ]+>|[\\[\\]{},:?-])'");
  /**
   * "but found" followed by anything but one of the parser's own token names: the rest of the
   * line is the file's text (SnakeYAML's {@code but found: Hunter2Z} after a backslash-U escape).
   */
  private static final Pattern BUT_FOUND =
      Pattern.compile("\\bbut found(?!\\s+'(?:<[a-z ]+>|[\\[\\]{},:?-])'(?:\\s|$)).*$");
  /** What SnakeYAML prints after the text of a directive, a tag handle or an escape. */
  private static final Pattern FOUND_TEXT = Pattern.compile(
      "\\bfound (a number which cannot represent a valid version|undefined tag handle"
          + "|unknown escape character)\\b.*$");

  /**
   * A parser's message: its first line, with whatever it echoes of the file dropped (it could be
   * a value): quoted text other than the parser's own token names, character codes, a character
   * with its code ({@code x(120)}), hexadecimal bytes, tags, whatever follows "but found" other
   * than a token name, and every non-ASCII character. Escaped and bounded.
   */
  static String clean(String message) {
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    first = BUT_FOUND.matcher(first).replaceAll("but found something else");
    first = FOUND_TEXT.matcher(first).replaceAll("found $1");
    first = first.replaceAll("token '[^']*'", "token")
        .replaceAll("\\s*\\((?:'[^']*'|\\(CTRL-CHAR, code \\d+\\)) \\(code \\d+\\)\\)", "")
        .replaceAll("\\s*\\(\\(CTRL-CHAR, code \\d+\\)\\)", "")
        .replaceAll("\\s*\\(Do not use .* for indentation\\)", "");
    String cleaned = QUOTED.matcher(first)
        .replaceAll(m -> GRAMMAR.matcher(m.group()).matches() ? "$0" : "")
        .replaceAll("\\(?code \\d+\\)?", "")
        .replaceAll("\\S*\\(\\d+\\)", "")
        .replaceAll("0x[0-9A-Fa-f]+", "")
        .replaceAll("![^\\s,]*", "")
        .replaceAll("[^\\x20-\\x7e]", "")
        .replaceAll(" {2,}", " ")
        .strip();
    return Text.escape(cleaned, 160);
  }
}
