package io.chainpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema in src/main/avro must read data written by each released version, and released readers must read it. */
class SchemaCompatibilityTest {

    static Stream<Path> currentSchemas() throws IOException {
        Path dir = Path.of(System.getProperty("chainpulse.repo.root", ".."), "schemas", "src", "main", "avro");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
        assertThat(files).as("schemas in %s", dir).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void shouldReadEveryReleasedVersionAndBeReadableByIt(Path file) throws IOException {
        Schema current = new Schema.Parser().parse(file.toFile());
        List<Schema> released = SchemaHistory.olderVersionsOf(current.getFullName());
        assertThat(released)
                .as("%s has no released version under schema-history: copy it there as v1.avsc", current.getFullName())
                .isNotEmpty();
        for (Schema old : released) {
            var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, old);
            assertThat(backward.getType())
                    .as("current %s cannot read data written by a released version: %s",
                            current.getFullName(), backward.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            var forward = SchemaCompatibility.checkReaderWriterCompatibility(old, current);
            assertThat(forward.getType())
                    .as("analytics readers on a released %s cannot read current data: %s",
                            current.getFullName(), forward.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
