# One image for the three ChainPulse apps, built with the committed Maven wrapper:
#   docker build -t chainpulse .   then   docker run chainpulse ingest|processor|gateway
# It holds the cli module's classpath only: no Kafka broker and no dev stack (those are in the dev module).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY store store
COPY socketio socketio
COPY local-stack local-stack
COPY ingest ingest
COPY produce produce
COPY processor processor
COPY push-gateway push-gateway
COPY test-events test-events
COPY cli cli
# modules the image does not build still need their POMs for the reactor to load
COPY dev/pom.xml dev/pom.xml
COPY e2e/pom.xml e2e/pom.xml
COPY bench/pom.xml bench/pom.xml
COPY cluster-test/pom.xml cluster-test/pom.xml
COPY contracts contracts
COPY package.json ./
RUN ./mvnw -B -q -DskipTests -pl cli -am install

FROM eclipse-temurin:21-jre
# the apps need no root: they listen on ports above 1024 and write only under /tmp (PROCESSOR_STATE_DIR)
RUN groupadd --system chainpulse && useradd --system --gid chainpulse --home-dir /app --no-create-home chainpulse
WORKDIR /app
# RepoRoot looks for package.json + contracts/ (the apps themselves do not need node tools)
COPY --from=build /src/package.json /app/package.json
COPY --from=build /src/contracts /app/contracts
COPY --from=build /src/cli/target/classes /app/cli/target/classes
COPY --from=build /src/cli/target/lib /app/cli/target/lib
COPY --from=build /src/cli/src/main/resources/logback.xml /app/logback.xml
# RocksDB and lz4 load native code: allowed up front, so no restricted-access warning precedes the logs
RUN printf '#!/bin/sh\nexec java --enable-native-access=ALL-UNNAMED ${CHAINPULSE_JAVA_OPTS:-} -cp "/app/cli/target/classes:/app/cli/target/lib/*" -Dchainpulse.repo.root=/app io.chainpulse.cli.ChainpulseCli "$@"\n' > /app/chainpulse \
    && chmod +x /app/chainpulse
ENV CHAINPULSE_LOG_FORMAT=JSON
USER chainpulse
EXPOSE 3001 3002 3003
ENTRYPOINT ["/app/chainpulse"]
CMD ["--help"]
