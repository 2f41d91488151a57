package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a child JVM needs: this JVM's java binary and a logback config that logs INFO to stdout. */
final class ChildJvm {
    private static volatile Path logbackConfig;

    private ChildJvm() {}

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static synchronized String quietLogbackConfig() {
        if (logbackConfig == null) {
            try {
                Path file = Files.createTempFile("chainpulse-child-logback", ".xml");
                Files.writeString(file, """
                        <configuration>
                          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                          </appender>
                          <logger name="kafka" level="WARN"/>
                          <logger name="org.apache.kafka" level="WARN"/>
                          <logger name="state.change.logger" level="WARN"/>
                          <root level="INFO"><appender-ref ref="OUT"/></root>
                        </configuration>
                        """);
                file.toFile().deleteOnExit();
                logbackConfig = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logbackConfig.toString();
    }
}
