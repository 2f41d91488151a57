package io.chainpulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Released versions of each schema, kept under {@code schema-history/<full name>/v<N>.avsc}, so readers
 * decode records written before the current schema and the compatibility test has a baseline.
 */
public final class SchemaHistory {
    private SchemaHistory() {}

    /** Every committed released version of the named schema, oldest first; empty when none was released. */
    public static List<Schema> olderVersionsOf(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/schema-history/" + fullName + "/v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
