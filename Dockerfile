# One image for the three ChainPulse apps, built with the committed Maven wrapper:
#   docker build -t chainpulse .   then   docker run chainpulse ingest|processor|gateway
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY store store
COPY socketio socketio
COPY local-stack local-stack
COPY ingest ingest
COPY processor processor
COPY push-gateway push-gateway
COPY cli cli
COPY e2e/pom.xml e2e/pom.xml
COPY cluster-test/pom.xml cluster-test/pom.xml
COPY contracts contracts
COPY package.json ./
RUN ./mvnw -B -q -DskipTests -pl cli -am install

FROM eclipse-temurin:21-jre
WORKDIR /app
# RepoRoot looks for package.json + contracts/ (the apps themselves do not need node tools)
COPY --from=build /src/package.json /app/package.json
COPY --from=build /src/contracts /app/contracts
COPY --from=build /src/cli/target/classes /app/cli/target/classes
COPY --from=build /src/cli/target/lib /app/cli/target/lib
COPY --from=build /src/cli/src/main/resources/logback.xml /app/logback.xml
RUN printf '#!/bin/sh\nexec java ${CHAINPULSE_JAVA_OPTS:-} -cp "/app/cli/target/classes:/app/cli/target/lib/*" -Dchainpulse.repo.root=/app io.chainpulse.cli.ChainpulseCli "$@"\n' > /app/chainpulse \
    && chmod +x /app/chainpulse
ENV CHAINPULSE_LOG_FORMAT=JSON
EXPOSE 3001 3002 3003
ENTRYPOINT ["/app/chainpulse"]
CMD ["--help"]
