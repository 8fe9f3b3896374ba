package io.interchange.exchange.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/** {@code application/x-ndjson}: one JSON object per line; blank lines are skipped. */
public final class NdjsonReader implements RowReader {

    private final BufferedReader reader;
    private final ObjectMapper mapper;
    private long line;

    public NdjsonReader(InputStream in, ObjectMapper mapper) {
        this.reader = Utf8.strictReader(in);
        this.mapper = mapper;
    }

    @Override
    public Next next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        try {
            JsonNode node = mapper.readTree(text);
            return node instanceof ObjectNode row
                    ? new Next(line, row, null)
                    : new Next(line, null, "must be a JSON object");
        } catch (JsonProcessingException e) {
            return new Next(line, null, "is not valid JSON");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
