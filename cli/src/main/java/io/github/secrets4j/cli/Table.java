package io.github.secrets4j.cli;

import io.github.secrets4j.internal.Text;
import java.util.ArrayList;
import java.util.List;

/** A text table: columns padded to their widest cell, two spaces apart; cells escaped and cut. */
final class Table {
  private final int maxCell;
  private final List<String[]> rows = new ArrayList<>();

  Table(int maxCell, String... header) {
    this.maxCell = maxCell;
    rows.add(header.clone());
  }

  /** Adds a row; each cell is escaped and cut at the table's longest cell. */
  void row(String... cells) {
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = Text.escape(cells[i], maxCell);
    }
    rows.add(row);
  }

  /** The table, lines ending with {@code \n}, no trailing spaces. */
  String render() {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - width(row[i]) + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
