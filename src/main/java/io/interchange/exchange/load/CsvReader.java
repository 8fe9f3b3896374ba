package io.interchange.exchange.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code text/csv}, RFC 4180: UTF-8, a header row naming items, quoted fields with doubled quotes, CRLF or LF. Cells
 * become JSON values typed by their item (an empty cell is null). Text cells that a spreadsheet would run as a formula
 * ({@code =}, {@code +}, {@code -}, {@code @} first) are refused rather than stored to be exported later.
 */
public final class CsvReader implements RowReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final BufferedReader reader;
    private final Map<String, DataItem> items;
    // Characters are taken from this buffer rather than one reader.read() call each: the reader locks on every call,
    // which cost about a second per million rows.
    private final char[] chars = new char[1 << 16];
    private int position;
    private int limit;
    private List<String> header;
    private long line;
    private long nextLine = 1;

    public CsvReader(InputStream in, Map<String, DataItem> items) {
        this.reader = Utf8.strictReader(in);
        this.items = items;
    }

    /** Header problems (unknown columns) are reported once, before any row. */
    public List<String> header() throws IOException {
        if (header == null) {
            List<String> cells = record();
            header = cells == null
                    ? List.of()
                    : cells.stream().map(String::strip).toList();
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                List<String> copy = new ArrayList<>(header);
                copy.set(0, copy.get(0).substring(1));
                header = copy;
            }
        }
        return header;
    }

    @Override
    public Next next() throws IOException {
        header();
        List<String> cells;
        do {
            cells = record();
            if (cells == null) {
                return null;
            }
        } while (cells.size() == 1 && cells.get(0).isEmpty());
        if (cells.size() != header.size()) {
            return new Next(line, null, "has " + cells.size() + " cells; the header has " + header.size());
        }
        ObjectNode row = JSON.objectNode();
        for (int i = 0; i < cells.size(); i++) {
            String name = header.get(i);
            DataItem item = items.get(name);
            String cell = cells.get(i);
            if (item == null) {
                continue; // reported once from the header
            }
            if (cell.isEmpty()) {
                row.putNull(name);
                continue;
            }
            if ((item.type() == ItemType.C || item.type() == ItemType.M) && looksLikeFormula(cell)) {
                return new Next(
                        line, null, "cell " + name + " starts like a spreadsheet formula (" + cell.charAt(0) + ")");
            }
            row.set(name, typed(item.type(), cell));
        }
        return new Next(line, row, null);
    }

    static boolean looksLikeFormula(String cell) {
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** A cell as the JSON value its item type expects; left as text when it is not one (the type check reports it). */
    private static com.fasterxml.jackson.databind.JsonNode typed(ItemType type, String cell) {
        try {
            return switch (type) {
                case N, Y, F -> JSON.numberNode(new BigDecimal(cell.strip()));
                case I -> JSON.numberNode(Long.parseLong(cell.strip()));
                case L ->
                    switch (cell.strip().toLowerCase(java.util.Locale.ROOT)) {
                        case "true", "1", "是", "y", "yes" -> JSON.booleanNode(true);
                        case "false", "0", "否", "n", "no" -> JSON.booleanNode(false);
                        default -> JSON.textNode(cell);
                    };
                default -> JSON.textNode(cell);
            };
        } catch (NumberFormatException e) {
            return JSON.textNode(cell);
        }
    }

    /** One CSV record (which may span lines inside quotes), or null at the end of input. */
    private List<String> record() throws IOException {
        line = nextLine;
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1) {
                if (quoted) {
                    throw new CsvException(line, "a quoted cell is not closed");
                }
                cells.add(cell.toString());
                return cells;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        read();
                        cell.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        nextLine++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && peek() == '\n') {
                    read();
                }
                nextLine++;
                cells.add(cell.toString());
                return cells;
            } else {
                cell.append(ch);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return chars[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return chars[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(chars, 0, chars.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A file that is not CSV at some line: the whole load stops there. */
    public static final class CsvException extends IOException {
        public final long line;

        CsvException(long line, String message) {
            super(message);
            this.line = line;
        }
    }
}
