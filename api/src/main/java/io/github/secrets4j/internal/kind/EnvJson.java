package io.github.secrets4j.internal.kind;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of the kind {@code env}, apart so that Jackson is loaded only when a JSON value is
 * parsed: a runtime that never sees one never needs it.
 */
final class EnvJson {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private EnvJson() {}

  static Map<String, String> parse(String value) {
    Map<String, String> variables = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error(parser.currentLocation(), "expected a JSON object");
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT;
          token = parser.nextToken()) {
        // Inside an object Jackson hands out only names and END_OBJECT (or fails).
        JsonLocation at = parser.currentTokenLocation();
        String name = parser.currentName();
        if (!EnvParser.isValidName(name)) {
          throw error(at, "invalid variable name (" + EnvParser.NAME_RULE + ")");
        }
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
          throw error(parser.currentTokenLocation(), "the value of \"" + name
              + "\" must be a JSON string");
        }
        if (variables.put(name, parser.getText()) != null) {
          throw error(at, "variable \"" + name + "\" is defined twice");
        }
      }
      if (parser.nextToken() != null) {
        throw error(parser.currentTokenLocation(), "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the text it choked on: only the place is kept, and no cause.
      throw error(e.getLocation(), "malformed JSON");
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON");
    }
    return variables;
  }

  private static IllegalArgumentException error(JsonLocation at, String what) {
    if (at == null || at.getLineNr() < 1) {
      return new IllegalArgumentException(what);
    }
    return new IllegalArgumentException("line " + at.getLineNr() + ", column "
        + at.getColumnNr() + ": " + what);
  }
}
