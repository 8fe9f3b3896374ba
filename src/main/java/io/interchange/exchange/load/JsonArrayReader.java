package io.interchange.exchange.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/** {@code application/json}: a top-level array of row objects, parsed element by element. */
public final class JsonArrayReader implements RowReader {

    private final JsonParser parser;
    private final ObjectMapper mapper;
    private boolean started;

    public JsonArrayReader(InputStream in, ObjectMapper mapper) throws IOException {
        this.parser = mapper.getFactory().createParser(Utf8.strictReader(in));
        this.mapper = mapper;
    }

    @Override
    public Next next() throws IOException {
        if (!started) {
            started = true;
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the body must be a JSON array of row objects");
            }
        }
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return null;
        }
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode node = mapper.readTree(parser);
        return node instanceof ObjectNode row ? new Next(line, row, null) : new Next(line, null, "must be an object");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
